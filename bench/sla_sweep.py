"""The SLA sweep's cost: 100,000 tickets, of which 10 have a level due. The sweep queries the
sparse due index for "next level due by now", so it reads the 10, not the 100,000 (DynamoDB
bills a Query by the items it reads; ScannedCount is that number).

The tickets are written straight into moto's DynamoDB (the benchmark's setup, not the
product's path); the sweep then runs as deployed: the escalation function, invoked by the
scheduled rule's event, on the local cloud.
"""

import json
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import botocore.session

TOTAL, DUE, WITH_LATER_LEVELS = 100_000, 10, 50_000


def _count_reads() -> list[int]:
    """ScannedCount of every Query made from now on (a botocore after-call hook)."""
    scanned: list[int] = []
    original = botocore.session.Session.create_client

    def create_client(self: Any, *args: Any, **kwargs: Any) -> Any:
        client = original(self, *args, **kwargs)
        client.meta.events.register(
            "after-call.dynamodb.Query",
            lambda parsed, **_: scanned.append(int(parsed.get("ScannedCount", 0))),
        )
        return client

    botocore.session.Session.create_client = create_client  # type: ignore[method-assign]
    return scanned


def _item(number: int, now: datetime) -> dict[str, Any]:
    stamp = (now - timedelta(days=1)).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    item: dict[str, Any] = {
        "ticket_id": {"S": f"T-{number:07d}"},
        "ticket_type": {"S": "request"},
        "status": {"S": "open"},
        "priority": {"S": "P3"},
        "channel": {"S": "api"},
        "subject": {"S": "bench"},
        "customer_id": {"S": "cus_01aaaaaaaaaaaaaaaaaaaaaaaa"},
        "created_at": {"S": stamp},
        "updated_at": {"S": stamp},
        "created_by": {"S": "bench"},
        "listing": {"S": "ticket"},
        "version": {"N": "1"},
    }
    if number < DUE + WITH_LATER_LEVELS:
        offset = timedelta(minutes=-5) if number < DUE else timedelta(hours=1 + number % 48)
        at = (now + offset).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        level = {"marker": "bench:breach", "timer": "resolution", "at": at}
        item |= {
            "sla_levels": {"S": json.dumps([level])},
            "sla_next_due_at": {"S": at},
            "sla_due_partition": {"S": "due"},
        }
    return item


def main(port: int = 5259) -> None:
    scanned = _count_reads()
    from moto.dynamodb.models import dynamodb_backends

    from localcloud.provision import physical_name
    from localcloud.session import LocalSession

    with LocalSession.start(port=port, api_port=0) as session:
        cloud = session.cloud
        backend = dynamodb_backends[cloud.resources.account][cloud.region]
        table = cloud.resources.tables["tickets"]
        now = datetime.now(UTC)
        started = time.perf_counter()
        for number in range(TOTAL):
            backend.put_item(table, _item(number, now))
        loaded = time.perf_counter() - started
        scanned.clear()
        event = {"source": "aws.events", "detail-type": "Scheduled Event", "detail": {}}
        started = time.perf_counter()
        response = cloud.client("lambda").invoke(
            FunctionName=physical_name("sla_escalations"), Payload=json.dumps(event).encode()
        )
        took = time.perf_counter() - started
        answer = json.loads(response["Payload"].read())
    sweep_reads = scanned[0] if scanned else 0
    print(f"\nSLA sweep over {TOTAL:,} tickets ({WITH_LATER_LEVELS:,} with a later level pending, {DUE} due)")
    print(
        f"  items the sweep's query read: {sweep_reads}  (queries: {len(scanned)}; all reads {sum(scanned)})"
    )
    fired, checked = len(answer.get("fired", {})), answer.get("checked")
    print(f"  tickets fired: {fired} of {checked} checked, in {took:.1f} s")
    print("  (the time is moto's: it evaluates an index query by scanning its in-memory table)")
    print(f"  (setup: {TOTAL:,} items written into moto in {loaded:.1f} s)")


if __name__ == "__main__":
    main()
    sys.exit(0)
