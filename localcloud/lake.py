"""The local data lake: what Kinesis Data Firehose writes in AWS, written here, and the engine
that reads it (DuckDB), which the local cloud's Athena runs the reports' queries in.

Rows become Parquet files in the lake's layout (``<table>/dt=YYYY-MM-DD/part-*.parquet``, the
day taken from the table's time column, as Firehose's dynamic partitioning does), so the local
engine reads the same partitions Athena would. Each write makes new files and never rewrites
old ones, like a delivery stream's buffers.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from contactcenter.reports.engines import Result
from contactcenter.reports.lake import DUCKDB_TYPES, LAKE_TABLES, PARTITION, LakeTable, lake_table
from contactcenter.reports.query import compile_query

if TYPE_CHECKING:
    from localcloud.flow_run import CallResult


def _utc(value: Any) -> datetime | None:
    """A moment as UTC without a zone, as the lake keeps them (Firehose's Parquet timestamps)."""
    if value is None or value == "":
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def write_rows(root: Path, table_name: str, rows: Iterable[Mapping[str, Any]]) -> list[Path]:
    """Append ``rows`` to the lake table; the files written, one per day touched."""
    table = lake_table(table_name)
    by_day: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        unknown = set(row) - set(table.column_names)
        if unknown:
            raise ValueError(f"{table.name} has no column {', '.join(sorted(unknown))}")
        values = tuple(
            _utc(row.get(name)) if kind == "timestamp" else row.get(name) for name, kind in table.columns
        )
        moment = values[table.column_names.index(table.time_column)]
        if not isinstance(moment, datetime):
            raise ValueError(f"{table.name}: a row without its {table.time_column}")
        by_day[moment.date().isoformat()].append(values)
    written = []
    connection = duckdb.connect()
    columns = ", ".join(f"{name} {DUCKDB_TYPES[kind]}" for name, kind in table.columns)
    for day, day_rows in sorted(by_day.items()):
        folder = root / table.name / f"{PARTITION}={day}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"part-{uuid.uuid4().hex}.parquet"
        connection.execute(f"CREATE OR REPLACE TEMP TABLE batch ({columns})")
        marks = ", ".join("?" for _ in table.columns)
        connection.executemany(f"INSERT INTO batch VALUES ({marks})", day_rows)  # noqa: S608 - values are parameters
        target = str(path).replace("'", "''")
        connection.execute(f"COPY batch TO '{target}' (FORMAT parquet, COMPRESSION zstd)")
        written.append(path)
    connection.close()
    return written


def contact_rows(result: "CallResult") -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A simulated contact as Connect records it: its contact record (in the shape of the
    contact trace record; the simulator has no agents, so no agent fields) and one event per
    block it passed. The last block of a contact that ended without reaching a queue is where
    the caller was dropped (``disconnected``); every other block was left by a branch."""
    queued = result.queue is not None and result.outcome in ("connected", "waiting", "callback")
    record = {
        "contact_id": result.contact_id,
        "channel": result.channel,
        "initiation_method": "API" if result.channel == "TASK" else "INBOUND",
        "initiation_timestamp": result.started_at,
        "disconnect_timestamp": None if queued else result.ended_at,
        "queue_name": result.queue if queued else None,
        "enqueue_timestamp": result.ended_at if queued else None,
        "agent_interaction_seconds": 0,
        "customer_hold_seconds": 0,
        "after_contact_work_seconds": 0,
        "disconnect_reason": None if queued else "CONTACT_FLOW_DISCONNECT",
        "language": result.language[:2].lower() or None,
        "self_service": not queued,
    }
    last = len(result.path) - 1
    nodes = [
        {
            "contact_id": result.contact_id,
            "flow_name": step["flow"],
            "block_id": step["block"],
            "block_type": step["type"],
            "entered_at": step["at"],
            "outcome": "disconnected" if index == last and not queued else "next",
        }
        for index, step in enumerate(result.path)
    ]
    return record, nodes


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


@dataclass(frozen=True)
class Answer:
    columns: tuple[str, ...]
    types: tuple[str, ...]  # DuckDB's names (BIGINT, DOUBLE, VARCHAR, TIMESTAMP, ...)
    rows: list[tuple[Any, ...]]


class DuckDbEngine:
    """The lake's Parquet files under ``root``, as one view per lake table.

    Each query opens its own in-memory database (milliseconds): the views see the files written
    since the last query, and concurrent queries share nothing."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _view(self, table: LakeTable) -> str:
        if any((self.root / table.name).glob(f"{PARTITION}=*/*.parquet")):
            pattern = str(self.root / table.name / f"{PARTITION}=*" / "*.parquet").replace("'", "''")
            # The columns are the first file's (every file has the table's schema): reading every
            # file's footer to unify them would touch every day, not just the days queried.
            return f"SELECT * FROM read_parquet('{pattern}', hive_partitioning = true)"  # noqa: S608 - our folder
        columns = ", ".join(  # no partition yet: an empty table of the same shape
            f"CAST(NULL AS {DUCKDB_TYPES[kind]}) AS {name}"
            for name, kind in (*table.columns, (PARTITION, "string"))
        )
        return f"SELECT {columns} WHERE false"

    def execute(self, sql: str, parameters: list[Any]) -> Answer:
        """DuckDB SQL over the lake's tables."""
        with duckdb.connect() as connection:
            for table in LAKE_TABLES:
                connection.execute(f"CREATE VIEW {table.name} AS {self._view(table)}")
            cursor = connection.execute(sql, parameters)
            description = cursor.description or []
            rows = [tuple(_plain(v) for v in row) for row in cursor.fetchall()]
        return Answer(tuple(c[0] for c in description), tuple(str(c[1]) for c in description), rows)

    def run(self, source: str, values: dict[str, Any]) -> Result:
        """A report's SQL (contactcenter.reports.query) straight in DuckDB: the command line's
        engine and the tests', without a local cloud."""
        query = compile_query(source, "duckdb")
        answer = self.execute(query.sql, [values[name] for name in query.parameters])
        return Result(answer.columns, answer.rows)
