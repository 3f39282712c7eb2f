"""The engines that run a report's SQL: Athena in AWS, DuckDB on the local cloud.

Both take the same compiled query (query.py) and answer columns and rows of plain values.
"""

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from contactcenter import clients
from contactcenter.errors import DomainError
from contactcenter.reports.lake import DUCKDB_TYPES, LAKE_TABLES, PARTITION
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


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


class DuckDbEngine:
    """The lake's Parquet files under ``root`` (``<table>/dt=YYYY-MM-DD/*.parquet``), as views."""

    def __init__(self, root: Path) -> None:
        import duckdb  # the local engine only: not in the Lambda layer

        self.root = root
        self.connection = duckdb.connect()
        for table in LAKE_TABLES:
            files = sorted((root / table.name).glob(f"{PARTITION}=*/*.parquet"))
            if files:
                pattern = str(root / table.name / f"{PARTITION}=*" / "*.parquet").replace("'", "''")
                select = (  # the lake's own names and folder, never a caller's text
                    f"SELECT * FROM read_parquet('{pattern}', hive_partitioning = true, union_by_name = true)"  # noqa: S608
                )
            else:  # no partition yet: an empty table of the same shape
                columns = ", ".join(
                    f"CAST(NULL AS {DUCKDB_TYPES[kind]}) AS {name}"
                    for name, kind in (*table.columns, (PARTITION, "string"))
                )
                select = f"SELECT {columns} WHERE false"
            self.connection.execute(f"CREATE OR REPLACE VIEW {table.name} AS {select}")

    def run(self, source: str, values: dict[str, Any]) -> Result:
        query = compile_query(source, "duckdb")
        cursor = self.connection.execute(query.sql, [values[name] for name in query.parameters])
        columns = tuple(column[0] for column in cursor.description or ())
        return Result(columns, [tuple(_plain(v) for v in row) for row in cursor.fetchall()])


def _athena_literal(value: Any) -> str:
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
                {"ExecutionParameters": [_athena_literal(values[n]) for n in query.parameters]}
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
    columns: Sequence[tuple[str, str]] = ()
    rows: list[Row] = []
    for page in athena.get_paginator("get_query_results").paginate(QueryExecutionId=execution_id):
        result_set = page["ResultSet"]
        data = result_set["Rows"]
        if not columns:
            columns = tuple((c["Name"], c["Type"]) for c in result_set["ResultSetMetadata"]["ColumnInfo"])
            data = data[1:]  # the first row of the first page is the header
        rows.extend(
            tuple(
                _athena_value(cell.get("VarCharValue"), kind)
                for cell, (_, kind) in zip(row["Data"], columns, strict=True)
            )
            for row in data
        )
    return Result(tuple(name for name, _ in columns), rows)
