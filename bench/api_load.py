"""A bounded load run against the local API: 2,000 requests at concurrency 20, on loopback only.

The mix is what an agent desktop and a portal generate together: ticket lists, ticket creation
(each with its own Idempotency-Key) and knowledge search. Every request must get its answer or
a retryable 429/503 with Retry-After; a creation answered that way is retried with the same key,
as a client would. The run prints p50/p95 per operation, the status counts, and checks the
tickets: none lost (every creation that was answered 201 is in the table) and none created twice
(one ticket per Idempotency-Key).

python -m bench.api_load [--requests 2000] [--concurrency 20]
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


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def main(requests_total: int = 2000, concurrency: int = 20, port: int = 5257) -> dict[str, Any]:
    from contactcenter.constants import TABLE_TICKETS
    from localcloud.provision import physical_name
    from localcloud.seed import seed_directory
    from localcloud.session import LocalSession

    with LocalSession.start(port=port, api_port=0) as session:
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
        statuses: Counter[str] = Counter()
        created: dict[str, set[str]] = defaultdict(set)  # Idempotency-Key -> ticket ids answered
        lock = threading.Lock()

        def http() -> requests.Session:
            if not hasattr(local, "session"):
                local.session = requests.Session()
            return local.session  # type: ignore[no-any-return]

        def one(index: int) -> None:
            kind = ("list tickets", "create ticket", "search")[index % 5 % 3]
            key = str(uuid.uuid4())
            for _attempt in range(MAX_RETRIES + 1):
                started = time.perf_counter()
                if kind == "create ticket":
                    response = http().post(
                        f"{session.api.url}/tickets",
                        json={"type": "request", "subject": f"Load {index}", "customer_id": customer},
                        headers={**headers, "Idempotency-Key": key},
                        timeout=120,
                    )
                elif kind == "list tickets":
                    response = http().get(f"{session.api.url}/tickets?limit=25", headers=headers, timeout=120)
                else:
                    response = http().get(
                        f"{session.api.url}/knowledge/search",
                        params={"q": "refund"},
                        headers=headers,
                        timeout=120,
                    )
                elapsed = time.perf_counter() - started
                with lock:
                    latencies[kind].append(elapsed)
                    statuses[f"{kind} {response.status_code}"] += 1
                    if kind == "create ticket" and response.status_code == 201:
                        created[key].add(response.json()["ticket_id"])
                if response.status_code in (429, 503) and "Retry-After" in response.headers:
                    time.sleep(min(float(response.headers["Retry-After"]), 2.0))
                    continue
                return

        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            list(pool.map(one, range(requests_total)))
        wall = time.perf_counter() - started
        session.cloud.wait_idle(120)
        # Read back what the table holds (the product never scans; the benchmark may).
        pages = (
            session.cloud.client("dynamodb")
            .get_paginator("scan")
            .paginate(TableName=physical_name(TABLE_TICKETS), ProjectionExpression="ticket_id, customer_id")
        )
        stored = {
            item["ticket_id"]["S"]
            for page in pages
            for item in page["Items"]
            if item.get("customer_id", {}).get("S") == customer
        }
        answered = {ticket for tickets in created.values() for ticket in tickets}
        duplicated = sum(1 for tickets in created.values() if len(tickets) > 1)
        lost = len(answered - stored)
        report: dict[str, Any] = {
            "requests": requests_total,
            "concurrency": concurrency,
            "wall_seconds": round(wall, 1),
            "latency": {
                kind: {
                    "n": len(values),
                    "p50_ms": round(statistics.median(values) * 1000),
                    "p95_ms": round(_percentile(values, 0.95) * 1000),
                }
                for kind, values in sorted(latencies.items())
            },
            "statuses": dict(sorted(statuses.items())),
            "tickets_answered": len(answered),
            "tickets_stored": len(stored),
            "lost": lost,
            "duplicated_keys": duplicated,
        }
    print(f"API load: {requests_total} requests at concurrency {concurrency} in {wall:.1f} s")
    for kind, figures in report["latency"].items():
        print(
            f"  {kind:<14} n={figures['n']:<5} p50 {figures['p50_ms']:>6} ms  p95 {figures['p95_ms']:>6} ms"
        )
    for status, count in report["statuses"].items():
        print(f"  {status:<22} {count}")
    print(
        f"  tickets answered 201: {len(answered)}, stored: {len(stored)}, lost: {lost}, twice: {duplicated}"
    )
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=20)
    arguments = parser.parse_args()
    result = main(arguments.requests, arguments.concurrency)
    failed = (
        result["lost"]
        or result["duplicated_keys"]
        or any(status.endswith((" 500", " 502")) for status in result["statuses"])
    )
    sys.exit(1 if failed else 0)
