"""The engine that runs a report's SQL: Athena, in both clouds (the local cloud's Athena runs
the queries in DuckDB over its lake: localcloud/athena.py). An engine answers columns and rows
of plain values.
"""

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from contactcenter import clients
from contactcenter.errors import DomainError
from contactcenter.reports.query import compile_query

Row = tuple[Any, ...]


@dataclass(frozen=True)
class Result:
    columns: tuple[str, ...]
    rows: list[Row]


class ReportFailed(DomainError):
    slug = "report-failed"
    status = 503
    title = "The report engine could not answer"


class Engine(Protocol):
    def run(self, source: str, values: dict[str, Any]) -> Result: ...


def athena_literal(value: Any) -> str:
    """Athena's execution parameters are SQL literals."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


class AthenaEngine:
    """Athena in the product's workgroup (encrypted results, a bytes-scanned limit)."""

    def __init__(
        self, workgroup: str, database: str, poll_seconds: float = 0.5, timeout_seconds: float = 60
    ) -> None:
        self.workgroup, self.database = workgroup, database
        self.poll_seconds, self.timeout_seconds = poll_seconds, timeout_seconds

    def run(self, source: str, values: dict[str, Any]) -> Result:
        athena = clients.client("athena")
        query = compile_query(source, "trino")
        started = athena.start_query_execution(
            QueryString=query.sql,
            QueryExecutionContext={"Database": self.database},
            WorkGroup=self.workgroup,
            **(
                {"ExecutionParameters": [athena_literal(values[n]) for n in query.parameters]}
                if query.parameters
                else {}
            ),
        )
        execution_id = started["QueryExecutionId"]
        deadline = time.monotonic() + self.timeout_seconds
        while True:
            status = athena.get_query_execution(QueryExecutionId=execution_id)["QueryExecution"]["Status"]
            if status["State"] == "SUCCEEDED":
                break
            if status["State"] in ("FAILED", "CANCELLED") or time.monotonic() > deadline:
                raise ReportFailed(
                    f"the query ended {status['State'].lower()}", query_execution_id=execution_id
                )
            time.sleep(self.poll_seconds)
        return _athena_rows(athena, execution_id)


_ATHENA_NUMBERS = {
    "tinyint": int,
    "smallint": int,
    "integer": int,
    "bigint": int,
    "double": float,
    "float": float,
    "real": float,
    "decimal": float,
}


def _athena_value(text: str | None, kind: str) -> Any:
    """Athena answers text; the column's type says what it was."""
    if text is None:
        return None
    if kind in _ATHENA_NUMBERS:
        return _ATHENA_NUMBERS[kind](text)
    if kind == "boolean":
        return text == "true"
    if kind.startswith("timestamp"):
        return text.replace(" ", "T", 1)[:19]
    return text


def _athena_rows(athena: Any, execution_id: str) -> Result:
    return result_from_pages(
        athena.get_paginator("get_query_results").paginate(QueryExecutionId=execution_id)
    )


def result_from_pages(pages: Iterable[Mapping[str, Any]]) -> Result:
    """GetQueryResults' pages as columns and typed rows (the first row of the first page is the
    columns' names)."""
    columns: Sequence[tuple[str, str]] = ()
    rows: list[Row] = []
    for page in pages:
        result_set = page["ResultSet"]
        data = result_set["Rows"]
        if not columns:
            columns = tuple((c["Name"], c["Type"]) for c in result_set["ResultSetMetadata"]["ColumnInfo"])
            data = data[1:]
        rows.extend(
            tuple(
                _athena_value(cell.get("VarCharValue"), kind)
                for cell, (_, kind) in zip(row["Data"], columns, strict=True)
            )
            for row in data
        )
    return Result(tuple(name for name, _ in columns), rows)
