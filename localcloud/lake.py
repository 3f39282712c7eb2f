"""The local data lake: what Kinesis Data Firehose writes in AWS, written here.

Rows become Parquet files in the lake's layout (``<table>/dt=YYYY-MM-DD/part-*.parquet``, the
day taken from the table's time column, as Firehose's dynamic partitioning does), so the local
report engine reads the same partitions Athena would. Each call writes new files and never
rewrites old ones, like a delivery stream's buffers.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from contactcenter.reports.lake import DUCKDB_TYPES, PARTITION, lake_table


def _day(value: Any) -> str:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.date().isoformat()


def write_rows(root: Path, table_name: str, rows: Iterable[Mapping[str, Any]]) -> list[Path]:
    """Append ``rows`` to the lake table; the files written, one per day touched."""
    table = lake_table(table_name)
    by_day: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        unknown = set(row) - set(table.column_names)
        if unknown:
            raise ValueError(f"{table.name} has no column {', '.join(sorted(unknown))}")
        by_day[_day(row[table.time_column])].append(tuple(row.get(c) for c in table.column_names))
    written = []
    connection = duckdb.connect()
    columns = ", ".join(f"{name} {DUCKDB_TYPES[kind]}" for name, kind in table.columns)
    for day, values in sorted(by_day.items()):
        folder = root / table.name / f"{PARTITION}={day}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"part-{uuid.uuid4().hex}.parquet"
        connection.execute(f"CREATE OR REPLACE TEMP TABLE batch ({columns})")
        marks = ", ".join("?" for _ in table.columns)
        connection.executemany(f"INSERT INTO batch VALUES ({marks})", values)  # noqa: S608 - values are parameters
        target = str(path).replace("'", "''")
        connection.execute(f"COPY batch TO '{target}' (FORMAT parquet, COMPRESSION zstd)")
        written.append(path)
    connection.close()
    return written
