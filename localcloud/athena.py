"""Athena on the local cloud: moto keeps the workgroups and query executions, and the queries
run in DuckDB over the cloud's lake folder (localcloud/lake.py).

A query arrives as Athena gets it: Trino SQL with ``?`` placeholders and ``ExecutionParameters``
(SQL literals, applied in the order the placeholders occur in the text). The literals are put
in their places, sqlglot writes the query in DuckDB's dialect, and the answer is stored as
moto's query results (a header row, then text values with the columns' Athena types), so the
reports function runs the same Athena calls as in AWS, under the grants the catalog gives it.
A query DuckDB refuses ends FAILED, as it would in Athena.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlglot
from moto.athena.models import AthenaBackend, QueryResults
from sqlglot import TokenType

from contactcenter.reports.query import SOURCE_DIALECT
from localcloud.lake import DuckDbEngine

_original_start = AthenaBackend.start_query_execution
_TYPES = {  # DuckDB's types as Athena names them (count_if counts in HUGEINT)
    **dict.fromkeys(("BIGINT", "HUGEINT", "UBIGINT", "UINTEGER"), "bigint"),
    **dict.fromkeys(("INTEGER", "SMALLINT", "TINYINT", "USMALLINT", "UTINYINT"), "integer"),
    "DOUBLE": "double",
    "FLOAT": "float",
    "BOOLEAN": "boolean",
}


def with_parameters(query: str, parameters: list[str]) -> str:
    """``query`` with each ``?`` replaced by its execution parameter, in text order."""
    placeholders = [
        t
        for t in sqlglot.Dialect.get_or_raise(SOURCE_DIALECT).tokenize(query)
        if t.token_type == TokenType.PLACEHOLDER
    ]
    if len(placeholders) != len(parameters):
        raise ValueError(f"the query has {len(placeholders)} parameters, {len(parameters)} were given")
    text = query
    for token, literal in reversed(list(zip(placeholders, parameters, strict=True))):
        text = text[: token.start] + literal + text[token.end + 1 :]
    return text


def _athena_type(duckdb_type: str) -> str:
    if duckdb_type.startswith("DECIMAL"):
        return "decimal"
    if duckdb_type.startswith("TIMESTAMP"):
        return "timestamp"
    return _TYPES.get(duckdb_type, "varchar")


def _cell(value: Any, kind: str) -> dict[str, str]:
    """A value as Athena answers it: text (timestamps as ``2026-11-02 10:00:00``), null absent."""
    if value is None:
        return {}
    if isinstance(value, bool):
        return {"VarCharValue": "true" if value else "false"}
    text = str(value)
    return {"VarCharValue": text.replace("T", " ", 1) if kind == "timestamp" else text}


def run_query(lake: Path, query: str, parameters: list[str]) -> QueryResults:
    sql = sqlglot.transpile(with_parameters(query, parameters), read=SOURCE_DIALECT, write="duckdb")[0]
    answer = DuckDbEngine(lake).execute(sql, [])
    kinds = [_athena_type(t) for t in answer.types]
    header = {"Data": [{"VarCharValue": name} for name in answer.columns]}
    rows = [{"Data": [_cell(v, kind) for v, kind in zip(row, kinds, strict=True)]} for row in answer.rows]
    info = [
        {"Name": n, "Label": n, "Type": k, "Nullable": "UNKNOWN"}
        for n, k in zip(answer.columns, kinds, strict=True)
    ]
    return QueryResults(rows=[header, *rows], column_info=info)


def install(lake: Callable[[], Path]) -> None:
    """Run every query started from now on over ``lake()`` (idempotent)."""

    def start_query_execution(
        self: AthenaBackend,
        query: str,
        context: str,
        config: dict[str, Any],
        workgroup: str,
        execution_parameters: list[str] | None,
    ) -> str:
        execution_id = _original_start(self, query, context, config, workgroup, execution_parameters)
        try:
            self.query_results[execution_id] = run_query(lake(), query, execution_parameters or [])
        except Exception:  # noqa: BLE001 - any refusal is the query's failure, as in Athena
            self.executions[execution_id].status = "FAILED"
        return execution_id

    AthenaBackend.start_query_execution = start_query_execution  # type: ignore[method-assign]


def uninstall() -> None:
    AthenaBackend.start_query_execution = _original_start  # type: ignore[method-assign]
