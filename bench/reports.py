"""The reports at a mid-size center's scale: one month, about 1,000,000 contacts and 300,000
tickets with their events, generated straight into the lake's layout (Parquet per day).

For each report, over the month and over one day: the local engine's time (DuckDB, median of
three) and its peak memory (each run in a fresh process, less that of a process that only
loads the engine), and the Parquet bytes Athena would scan given the day partitions (at most
the files of the days the query names; a one-day report must read one day's partition only).

In the same run, the ratio to beat: tickets by type over 100,000 tickets computed the naive
way, by scanning the tickets table on the local cloud's DynamoDB, against the same report over
the same tickets' events in the lake.
"""

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb

from contactcenter.reports.definitions import REPORTS
from contactcenter.reports.keywords import Keyword, KeywordAnalysisIn, values_of
from contactcenter.reports.lake import PARTITION
from contactcenter.reports.service import Page, run_report
from localcloud.lake import DuckDbEngine

DAYS, CONTACTS, TICKETS = 30, 1_000_000, 300_000
NAIVE_TICKETS = 100_000
FIRST_DAY, LAST_DAY, ONE_DAY = "2026-11-01", "2026-11-30", "2026-11-15"

_CONTACTS_SQL = """
SELECT
    'c' || i AS contact_id,
    CASE WHEN i % 10 < 7 THEN 'VOICE' WHEN i % 10 < 9 THEN 'CHAT' ELSE 'TASK' END AS channel,
    'INBOUND' AS initiation_method,
    start AS initiation_timestamp,
    start + INTERVAL 300 SECOND AS disconnect_timestamp,
    CASE WHEN i % 5 = 0 THEN NULL ELSE ['billing', 'technical', 'general'][1 + i % 3] END AS queue_name,
    CASE WHEN i % 5 = 0 THEN NULL ELSE start + INTERVAL 30 SECOND END AS enqueue_timestamp,
    NULL::TIMESTAMP AS dequeue_timestamp,
    CASE WHEN i % 5 = 0 OR i % 17 = 0 THEN NULL ELSE 'agent' || (i % 80) END AS agent_username,
    CASE WHEN i % 5 = 0 OR i % 17 = 0 THEN NULL ELSE start + INTERVAL 30 SECOND + to_seconds(i % 60) END
        AS connected_to_agent_timestamp,
    (120 + i % 400)::BIGINT AS agent_interaction_seconds,
    (i % 30)::BIGINT AS customer_hold_seconds,
    (20 + i % 90)::BIGINT AS after_contact_work_seconds,
    'CUSTOMER_DISCONNECT' AS disconnect_reason,
    ['en', 'nl', 'zh', 'ko'][1 + i % 4] AS language,
    i % 5 = 0 AS self_service,
    strftime(start, '%Y-%m-%d') AS dt
FROM (SELECT i, TIMESTAMP '{first}' + to_seconds(i * {spread}) AS start FROM range({n}) t(i))
"""
_NODES_SQL = """
SELECT contact_id, 'main-ivr' AS flow_name, block AS block_id, 'GetParticipantInput' AS block_type,
    initiation_timestamp + to_seconds(position) AS entered_at,
    dt
FROM contacts, (VALUES (0, 'greet'), (1, 'language'), (2, 'auth'), (3, 'menu')) blocks(position, block)
WHERE channel = 'VOICE'
"""
_TICKETS_SQL = """
WITH tickets AS (
    SELECT i, TIMESTAMP '{first}' + to_seconds(i * {spread}) AS created,
        ['complaint', 'request', 'compliment'][1 + i % 3] AS ticket_type,
        ['billing', 'technical', 'general'][1 + i % 3] AS department
    FROM range({n}) t(i)
),
events AS (
    SELECT i, 'created' AS kind, created AS moment, 'new' AS status, NULL AS department,
        * EXCLUDE (i, department)
    FROM tickets
    UNION ALL
    SELECT i, 'assigned', created + INTERVAL 10 MINUTE, 'open', department, * EXCLUDE (i, department)
    FROM tickets
    UNION ALL
    SELECT i, 'status_changed', created + to_seconds(3600 * (1 + i % 48)), 'resolved', department,
        * EXCLUDE (i, department)
    FROM tickets WHERE i % 10 < 7
)
SELECT 'e' || i || kind AS event_id, 'T-' || i AS ticket_id, kind, moment AS occurred_at, status, ticket_type,
    ['billing', 'outage', 'invoice', 'router'][1 + i % 4] AS category,
    ['router-x', 'modem', 'fibre'][1 + i % 3] AS product, 'VOICE' AS channel, department,
    ['P1', 'P2', 'P3', 'P4'][1 + i % 4] AS priority, ['en', 'nl', 'zh', 'ko'][1 + i % 4] AS language,
    'agent' || (i % 80) AS assignee_id,
    CASE WHEN kind = 'status_changed' AND i % 3 = 0 THEN (1 + i % 5)::BIGINT END AS csat,
    0::BIGINT AS reopen_count, CASE WHEN i % 11 = 0 THEN 'breached' END AS sla_state,
    created AS created_at, ['branch-' || (i % 12)] AS tags, strftime(moment, '%Y-%m-%d') AS dt
FROM events WHERE moment < TIMESTAMP '{first}' + INTERVAL {days} DAY
"""

# A callback for one contact in 20 (its request, one to three attempts, its ending), and a bot
# session for every chat (an answer, then a thumb or a hand-over).
_CALLBACKS_SQL = """
WITH asked AS (
    SELECT contact_id AS callback_id, initiation_timestamp AS asked_at,
        coalesce(queue_name, 'general') AS queue,
        1 + hash(contact_id) % 3 AS tries
    FROM contacts WHERE hash(contact_id) % 20 = 0
),
events AS (
    SELECT callback_id, 'requested' AS kind, asked_at AS occurred_at, queue, 'waiting' AS status,
        NULL::BIGINT AS attempt_number, NULL AS outcome FROM asked
    UNION ALL
    SELECT callback_id, 'attempted', asked_at + to_seconds(600 * n), queue, 'dialing', n::BIGINT,
        CASE WHEN n = tries AND tries < 3 THEN 'connected' ELSE 'no_answer' END
    FROM asked, range(1, 4) r(n) WHERE n <= tries
    UNION ALL
    SELECT callback_id, 'status_changed', asked_at + to_seconds(600 * tries + 1), queue,
        CASE WHEN tries < 3 THEN 'completed' ELSE 'exhausted' END, NULL, NULL FROM asked
)
SELECT callback_id || kind || coalesce(attempt_number, 0) AS event_id, callback_id, kind, occurred_at,
    'queued' AS callback_kind, queue, status, 'en' AS language, NULL AS ticket_id, 0::BIGINT AS attempts,
    3::BIGINT AS max_attempts, attempt_number, outcome, strftime(occurred_at, '%Y-%m-%d') AS dt
FROM events
"""
_BOT_TURNS_SQL = """
SELECT contact_id || step AS event_id, contact_id AS session_id,
    initiation_timestamp + to_seconds(10 * step) AS occurred_at, 'en' AS language,
    CASE WHEN step = 1 THEN 'answered' WHEN hash(contact_id) % 4 = 0 THEN 'handover' ELSE 'feedback' END
        AS outcome,
    'kb-' || (hash(contact_id) % 40) AS article_id, 'Article ' || (hash(contact_id) % 40) AS article_title,
    NULL AS handover_reason,
    CASE WHEN step = 2 AND hash(contact_id) % 4 <> 0 THEN hash(contact_id) % 3 > 0 END AS helpful,
    strftime(initiation_timestamp, '%Y-%m-%d') AS dt
FROM contacts, range(1, 3) s(step) WHERE channel = 'CHAT'
"""


def generate(root: Path, contacts: int, tickets: int) -> dict[str, int]:
    """The lake: rows per table, written as day partitions (the layout Firehose writes)."""
    spread = DAYS * 86_400 / max(contacts, 1)  # seconds between two contacts' starts
    ticket_spread = DAYS * 86_400 / max(tickets, 1)
    counts = {}
    with duckdb.connect() as db:
        db.execute(
            f"CREATE TABLE contacts AS {_CONTACTS_SQL.format(first=FIRST_DAY, spread=spread, n=contacts)}"
        )
        db.execute(f"CREATE TABLE nodes AS {_NODES_SQL}")
        sql = _TICKETS_SQL.format(first=FIRST_DAY, spread=ticket_spread, n=tickets, days=DAYS)
        db.execute(f"CREATE TABLE ticket_events AS {sql}")
        db.execute(f"CREATE TABLE callbacks AS {_CALLBACKS_SQL}")
        db.execute(f"CREATE TABLE bot AS {_BOT_TURNS_SQL}")
        for table, source in (
            ("contact_records", "contacts"),
            ("flow_node_events", "nodes"),
            ("ticket_events", "ticket_events"),
            ("callback_events", "callbacks"),
            ("bot_turns", "bot"),
        ):
            target = str(root / table)
            db.execute(
                f"COPY {source} TO '{target}' (FORMAT parquet, PARTITION_BY ({PARTITION}), COMPRESSION zstd)"
            )
            (count,) = db.execute(f"SELECT count(*) FROM {source}").fetchone() or (0,)  # noqa: S608 - our names
            counts[table] = int(count)
    return counts


def scanned_bytes(root: Path, tables: tuple[str, ...], first: str, last: str) -> int:
    """What Athena would scan at most: the files of the partitions in [first, last]."""
    total = 0
    for table in tables:
        for folder in (root / table).glob(f"{PARTITION}=*"):
            if first <= folder.name.split("=", 1)[1] <= last:
                total += sum(f.stat().st_size for f in folder.glob("*.parquet"))
    return total


def _options(name: str) -> dict[str, Any]:
    """A keyword analysis of three branches and a product; a detail report's first page."""
    if name in REPORTS and REPORTS[name].saved:
        analysis = KeywordAnalysisIn(
            name="bench",
            keywords=[
                Keyword(label="North", terms=["branch-1", "branch-2"]),
                Keyword(label="South", terms=["branch-7"]),
                Keyword(label="Router", terms=["router-x"]),
            ],
            dimension="department",
        )
        return {"filters": {"analysis": "bench"}, "saved": values_of(analysis)}
    if name in REPORTS and REPORTS[name].page_key:
        return {"page": Page(100)}
    return {}


def _child(name: str, first: str, last: str, lake: str, repeats: int) -> None:
    """One report in this fresh process: median seconds and peak memory, as JSON."""
    engine = DuckDbEngine(Path(lake))
    times = []
    rows = 0
    for _ in range(repeats):
        started = time.perf_counter()
        rows = (
            len(run_report(engine, name, start=first, end=last, **_options(name)).result.rows)
            if name != "-"
            else 0
        )
        times.append(time.perf_counter() - started)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": statistics.median(times), "peak_mb": peak_kb / 1024, "rows": rows}))


def _measure(name: str, first: str, last: str, lake: Path, repeats: int = 3) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.reports", "--child", name, first, last, str(lake), str(repeats)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    return json.loads(output.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _naive(port: int) -> tuple[float, float, int]:
    """Tickets by type over NAIVE_TICKETS tickets: a Scan of the tickets table (DynamoDB on the
    local cloud) counted in Python, against the lake's report over the same tickets."""
    from moto.dynamodb.models import dynamodb_backends

    from localcloud.session import LocalSession

    with LocalSession.start(port=port, api_port=0) as session:
        cloud = session.cloud
        backend = dynamodb_backends[cloud.resources.account][cloud.region]
        table = cloud.resources.tables["tickets"]
        for i in range(NAIVE_TICKETS):
            backend.put_item(
                table,
                {
                    "ticket_id": {"S": f"T-{i:07d}"},
                    "ticket_type": {"S": ["complaint", "request", "compliment"][i % 3]},
                    "status": {"S": "open"},
                    "created_at": {"S": "2026-11-15T10:00:00.000Z"},
                    "customer_id": {"S": "cus_bench"},
                    "subject": {"S": "bench"},
                },
            )
        dynamodb = cloud.client("dynamodb")
        started = time.perf_counter()
        counts: Counter[str] = Counter()
        for page in dynamodb.get_paginator("scan").paginate(
            TableName=table, ProjectionExpression="ticket_type"
        ):
            counts.update(item["ticket_type"]["S"] for item in page["Items"])
        scan_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), 0, NAIVE_TICKETS)
        lake = _measure("tickets_by_dimension", FIRST_DAY, LAST_DAY, Path(folder))
    return scan_seconds, lake["seconds"], sum(counts.values())


def main(port: int = 5261) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        started = time.perf_counter()
        counts = generate(root, CONTACTS, TICKETS)
        generated = time.perf_counter() - started
        rows = ", ".join(f"{table} {count:,}" for table, count in counts.items())
        print(f"\nReports over one month ({rows}; generated in {generated:.0f} s)")
        floor = _measure("-", FIRST_DAY, LAST_DAY, root, repeats=1)["peak_mb"]
        heading = f"{'month s':>8} {'day s':>7} {'peak MB':>8} {'month MB scanned':>17} {'day MB':>7}"
        print(f"  {'report':26} {heading}")
        for report in REPORTS.values():
            month = _measure(report.name, FIRST_DAY, LAST_DAY, root)
            day = _measure(report.name, ONE_DAY, ONE_DAY, root)
            month_bytes = scanned_bytes(root, report.lake_tables, FIRST_DAY, LAST_DAY)
            day_bytes = scanned_bytes(root, report.lake_tables, ONE_DAY, ONE_DAY)
            print(
                f"  {report.name:26} {month['seconds']:8.3f} {day['seconds']:7.3f} "
                f"{month['peak_mb'] - floor:8.0f} {month_bytes / 1e6:17.1f} {day_bytes / 1e6:7.2f}"
            )
        print(f"  (peak MB: above a process that only loads the engine, {floor:.0f} MB)")
        print("  (MB scanned: the Parquet of the days named; one day's report reads one partition)")
    scan, lake, scanned = _naive(port)
    print(
        f"  tickets by type over {scanned:,} tickets: DynamoDB scan {scan:.2f} s, lake {lake:.3f} s", end=""
    )
    print(f" ({scan / lake:.0f}x faster from the lake)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", nargs=5)
    options = parser.parse_args()
    if options.child:
        name, first, last, lake, repeats = options.child
        _child(name, first, last, lake, int(repeats))
    else:
        main()
    sys.exit(0)
