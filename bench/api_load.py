"""A bounded load run against the local API: 2,000 requests at concurrency 20, on loopback only.

The mix is what an agent desktop and a portal generate together: ticket lists, ticket creation
(each with its own Idempotency-Key) and knowledge search. Every request must get its answer or
a retryable 429/503 with Retry-After; a creation answered that way is retried with the same key,
as a client would (and so is one answered 502/504, where the client cannot know whether the
ticket exists: the retry must return the first ticket). Before the load, the same operations
run one at a time in the same process (the unloaded baseline, so a shared, noisy machine
compares with itself). The run prints p50/p95 per operation under load and unloaded, the status
counts (with a sample answer of each unexpected status) and checks the tickets against the
table: none lost (answered 201 but not stored), none created twice (two stored tickets for one
request, or two ticket ids answered for one Idempotency-Key) and none orphaned (stored, but
its request never got a 201).

python -m bench.api_load [--requests 2000] [--concurrency 20] [--port 5257]
"""

import argparse
import statistics
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests

MAX_RETRIES = 5
BASELINE_ROUNDS = 8  # unloaded requests per operation, one at a time
KINDS = ("list tickets", "create ticket", "search")
# Answers a client retries with the same Idempotency-Key: throttling (with Retry-After), a
# request still in progress, and the gateway's "don't know" answers.
RETRIED = (409, 429, 502, 503, 504)
EXPECTED = {"list tickets": (200,), "create ticket": (201,), "search": (200,)}


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def _figures(values: list[float]) -> dict[str, int]:
    return {
        "n": len(values),
        "p50_ms": round(statistics.median(values) * 1000) if values else 0,
        "p95_ms": round(_percentile(values, 0.95) * 1000),
    }


def main(
    requests_total: int = 2000, concurrency: int = 20, port: int = 5257, api_port: int = 0
) -> dict[str, Any]:
    from contactcenter.constants import TABLE_TICKETS
    from localcloud.provision import physical_name
    from localcloud.seed import seed_directory
    from localcloud.session import LocalSession

    with LocalSession.start(port=port, api_port=api_port) as session:
        seed_directory(session)
        session.cloud.wait_idle()
        token = session.token("agent", username="ana")
        headers = {"Authorization": f"Bearer {token}"}
        customer = requests.post(
            f"{session.api.url}/customers",
            json={"name": "Load Test", "language": "en"},
            headers=headers,
            timeout=60,
        ).json()["customer_id"]
        local = threading.local()
        latencies: dict[str, list[float]] = defaultdict(list)
        baseline: dict[str, list[float]] = defaultdict(list)
        statuses: Counter[str] = Counter()
        samples: dict[str, str] = {}
        created: dict[str, set[str]] = defaultdict(set)  # Idempotency-Key -> ticket ids answered
        answered_subjects: set[str] = set()
        lock = threading.Lock()

        def http() -> requests.Session:
            if not hasattr(local, "session"):
                local.session = requests.Session()
            return local.session  # type: ignore[no-any-return]

        def request(kind: str, index: int, key: str) -> requests.Response:
            if kind == "create ticket":
                return http().post(
                    f"{session.api.url}/tickets",
                    json={"type": "request", "subject": f"Load {index}", "customer_id": customer},
                    headers={**headers, "Idempotency-Key": key},
                    timeout=120,
                )
            if kind == "list tickets":
                return http().get(f"{session.api.url}/tickets?limit=25", headers=headers, timeout=120)
            return http().get(
                f"{session.api.url}/knowledge/search", params={"q": "refund"}, headers=headers, timeout=120
            )

        def one(index: int, record: dict[str, list[float]]) -> None:
            kind = KINDS[index % 5 % 3]
            key = str(uuid.uuid4())
            for _attempt in range(MAX_RETRIES + 1):
                started = time.perf_counter()
                response = request(kind, index, key)
                elapsed = time.perf_counter() - started
                status = response.status_code
                with lock:
                    record[kind].append(elapsed)
                    statuses[f"{kind} {status}"] += 1
                    if status not in EXPECTED[kind]:
                        samples.setdefault(f"{kind} {status}", response.text[:300])
                    if kind == "create ticket" and status == 201 and record is latencies:
                        created[key].add(response.json()["ticket_id"])
                        answered_subjects.add(f"Load {index}")
                if status in RETRIED:
                    retry_after = response.headers.get("Retry-After")
                    time.sleep(min(float(retry_after), 2.0) if retry_after else 0.5)
                    continue
                return

        # The unloaded baseline: the same requests, one at a time (indexes past the load's).
        for index in range(requests_total, requests_total + BASELINE_ROUNDS * 5):
            one(index, baseline)
        baseline_statuses = dict(statuses)
        statuses.clear()
        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            list(pool.map(lambda index: one(index, latencies), range(requests_total)))
        wall = time.perf_counter() - started
        session.cloud.wait_idle(120)
        # Read back what the table holds (the product never scans; the benchmark may).
        pages = (
            session.cloud.client("dynamodb")
            .get_paginator("scan")
            .paginate(
                TableName=physical_name(TABLE_TICKETS),
                ProjectionExpression="ticket_id, customer_id, subject",
            )
        )
        stored_subjects: Counter[str] = Counter()
        stored: set[str] = set()
        for page in pages:
            for item in page["Items"]:
                subject = item.get("subject", {}).get("S", "")
                if (
                    item.get("customer_id", {}).get("S") == customer
                    and int(subject.split()[-1]) < requests_total
                ):
                    stored.add(item["ticket_id"]["S"])
                    stored_subjects[subject] += 1
        answered = {ticket for tickets in created.values() for ticket in tickets}
        duplicated = sum(1 for tickets in created.values() if len(tickets) > 1) + sum(
            count - 1 for count in stored_subjects.values()
        )
        lost = len(answered - stored)
        orphaned = len(set(stored_subjects) - answered_subjects)
        report: dict[str, Any] = {
            "requests": requests_total,
            "concurrency": concurrency,
            "wall_seconds": round(wall, 1),
            "latency": {kind: _figures(values) for kind, values in sorted(latencies.items())},
            "unloaded": {kind: _figures(values) for kind, values in sorted(baseline.items())},
            "unloaded_statuses": baseline_statuses,
            "statuses": dict(sorted(statuses.items())),
            "samples": samples,
            "tickets_answered": len(answered),
            "tickets_stored": len(stored),
            "lost": lost,
            "duplicated": duplicated,
            "orphaned": orphaned,
        }
    print(f"API load: {requests_total} requests at concurrency {concurrency} in {wall:.1f} s")
    for kind, figures in report["latency"].items():
        alone = report["unloaded"].get(kind, {"p50_ms": 0, "p95_ms": 0})
        print(
            f"  {kind:<14} n={figures['n']:<5} p50 {figures['p50_ms']:>6} ms  p95 {figures['p95_ms']:>6} ms"
            f"   unloaded p50 {alone['p50_ms']:>5} ms  p95 {alone['p95_ms']:>5} ms"
        )
    for status, count in report["statuses"].items():
        print(f"  {status:<22} {count}")
    for status, body in samples.items():
        print(f"  e.g. {status}: {body}")
    print(
        f"  tickets answered 201: {len(answered)}, stored: {len(stored)}, lost: {lost}, "
        f"created twice: {duplicated}, stored but never answered: {orphaned}"
    )
    return report


def failed(report: dict[str, Any]) -> bool:
    """A lost, duplicated or orphaned ticket, or an answer that is neither expected nor retryable."""
    unexpected = any(not status.endswith((" 200", " 201", " 429", " 503")) for status in report["statuses"])
    return bool(report["lost"] or report["duplicated"] or report["orphaned"] or unexpected)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--port", type=int, default=5257, help="the local cloud's (moto's) port")
    parser.add_argument("--api-port", type=int, default=0, help="the local API's port (0: any free one)")
    arguments = parser.parse_args()
    result = main(arguments.requests, arguments.concurrency, arguments.port, arguments.api_port)
    sys.exit(1 if failed(result) else 0)
