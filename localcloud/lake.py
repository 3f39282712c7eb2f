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
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from contactcenter import clock
from contactcenter.reports.contact_records import FLOW_DISCONNECT, contact_record_row, flow_log_row
from contactcenter.reports.engines import Result
from contactcenter.reports.lake import DUCKDB_TYPES, LAKE_TABLES, PARTITION, LakeTable, lake_table
from contactcenter.reports.query import compile_query

if TYPE_CHECKING:
    from localcloud.contact_center import Finished
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


def _iso(moment: datetime | None) -> str | None:
    return clock.iso(moment) if moment is not None else None


def contact_trace_record(
    result: "CallResult", done: "Finished | None" = None, instance_arn: str = ""
) -> dict[str, Any]:
    """A simulated contact's record as Connect writes it to the contact-record stream (the
    nested JSON of Connect's contact trace record). ``done``: the contact as it left the
    contact center (queue, agent, disconnect); without it, a contact that reached a queue
    (answered by a queue condition's stand-in agent, or waiting) has no agent and no
    disconnect yet, and every other contact was ended by its flow."""
    if done is not None:
        return _finished_record(result, done, instance_arn)
    queued = result.queue is not None and result.outcome in ("connected", "waiting", "callback")
    queue = {"Name": result.queue, "EnqueueTimestamp": result.ended_at, "Duration": 0}
    return {
        "AWSContactTraceRecordFormatVersion": "2017-03-10",
        "ContactId": result.contact_id,
        "Channel": result.channel,
        "InitiationMethod": "API" if result.channel == "TASK" else "INBOUND",
        "InitiationTimestamp": result.started_at,
        "ConnectedToSystemTimestamp": result.started_at,
        "DisconnectTimestamp": None if queued else result.ended_at,
        "DisconnectReason": None if queued else FLOW_DISCONNECT,
        "LastUpdateTimestamp": result.ended_at,
        "Queue": queue if queued else None,
        "Agent": None,
        "Attributes": dict(result.attributes),
    }


def _finished_record(result: "CallResult", done: "Finished", instance_arn: str) -> dict[str, Any]:
    """The record of a contact the contact center finished; a callback or transfer that
    continues ``result``'s contact has its own id, initiation and previous contact."""
    from localcloud.flow_run import queue_name

    first = done.contact_id == result.contact_id
    agent = None
    if done.agent is not None:
        agent = {
            "Username": done.agent,
            "ARN": f"{instance_arn}/agent/{done.agent_id}" if instance_arn else None,
            "ConnectedToAgentTimestamp": _iso(done.connected_at),
            "AgentInteractionDuration": done.interaction_seconds,
            "CustomerHoldDuration": done.hold_seconds,
            "NumberOfHolds": done.holds,
            "AfterContactWorkDuration": done.acw_seconds,
            "AfterContactWorkStartTimestamp": _iso(done.acw_started),
            "AfterContactWorkEndTimestamp": _iso(done.acw_ended),
        }
    queue = None
    if done.queue is not None:
        queue = {
            "Name": queue_name(done.queue),
            "ARN": f"{instance_arn}/queue/{done.queue}" if instance_arn else None,
            "EnqueueTimestamp": _iso(done.enqueued_at),
            "DequeueTimestamp": _iso(done.dequeued_at),
            "Duration": round(done.queue_seconds or 0),
        }
    return {
        "AWSContactTraceRecordFormatVersion": "2017-03-10",
        "ContactId": done.contact_id,
        "PreviousContactId": done.previous_contact_id,
        "NextContactId": done.next_contact_id,
        "Channel": done.channel,
        "InitiationMethod": done.initiation,
        "InitiationTimestamp": result.started_at if first else _iso(done.enqueued_at),
        "ConnectedToSystemTimestamp": result.started_at if first else _iso(done.enqueued_at),
        "DisconnectTimestamp": _iso(done.disconnected_at),
        "DisconnectReason": done.disconnect_reason,
        "LastUpdateTimestamp": _iso(done.acw_ended or done.disconnected_at),
        "Queue": queue,
        "Agent": agent,
        "Attributes": dict(result.attributes),
    }


def flow_log_entries(result: "CallResult") -> list[dict[str, Any]]:
    """The entries Connect writes to the instance's flow-log group for a contact: one per block
    entered while flow logging was on (the flows pause it around the PIN and before the bot).
    ``ContactFlowModuleType`` is the block's flow-language type here; Connect's logs name some
    blocks by their own module names (SetAttributes for UpdateContactAttributes, ...)."""
    entries: list[dict[str, Any]] = []
    last: datetime | None = None
    for step in result.path:
        # Blocks in Connect are milliseconds apart at least; the simulator runs several in one
        # millisecond. The order of the entries is what says which block was a contact's last.
        at = datetime.fromisoformat(step["at"])
        at = at if last is None or at > last else last + timedelta(milliseconds=1)
        last = at
        if step.get("logged", "true") == "true":
            entries.append(
                {
                    "ContactId": result.contact_id,
                    "ContactFlowName": step["flow"],
                    "ContactFlowModuleType": step["type"],
                    "Identifier": step["block"],
                    "Timestamp": clock.iso(at),
                    "Parameters": {},
                }
            )
    return entries


def contact_rows(
    result: "CallResult", done: "Finished | None" = None, instance_arn: str = ""
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A simulated contact's lake rows, through the same flattening the AWS feeds run on what
    Connect writes (contactcenter.reports.contact_records): its contact record and one event per
    logged block (none for a callback or transfer that continues it)."""
    record = contact_record_row(contact_trace_record(result, done, instance_arn))
    if done is not None and done.contact_id != result.contact_id:
        return record, []
    return record, [flow_log_row(entry) for entry in flow_log_entries(result)]


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
