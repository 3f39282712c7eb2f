"""One SQL source per report, run by two engines.

The report files are written in Athena's dialect (Trino) with named parameters (``:start``).
Athena takes positional parameters only (``?``, values in order), DuckDB reads a slightly
different dialect: sqlglot parses the source once and writes it for each engine, and the
parameters' order is read back from the SQL it wrote, so the values always line up.

Where the engines still differ, the SQL is written so both agree: ``count_if`` over a
predicate that can be null is wrapped in ``coalesce(..., false)`` (DuckDB answers null for a
group whose predicate is null throughout, Trino 0).
"""

import re
from dataclasses import dataclass
from functools import cache

import sqlglot
from sqlglot import exp

SOURCE_DIALECT = "trino"
_MARKER = "\x1fparam:{}\x1f"
# Case-blind: a dialect may write a literal in capitals (DATE_TRUNC's unit, for one).
_MARKED = re.compile(r"'\x1fparam:([a-z_]+)\x1f'", re.IGNORECASE)


@dataclass(frozen=True)
class CompiledQuery:
    sql: str  # with ? for each parameter
    parameters: tuple[str, ...]  # the parameter name of each ?, in order


@cache
def compile_query(source: str, dialect: str) -> CompiledQuery:
    """``source`` (Trino, named parameters) as ``dialect`` SQL with positional parameters."""
    tree = sqlglot.parse_one(source, read=SOURCE_DIALECT)

    def mark(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Placeholder) and node.name:
            return exp.Literal.string(_MARKER.format(node.name))
        return node

    written = tree.transform(mark).sql(dialect=dialect, pretty=True)
    names = tuple(name.lower() for name in _MARKED.findall(written))
    return CompiledQuery(sql=_MARKED.sub("?", written), parameters=names)
