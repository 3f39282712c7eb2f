"""AWS API calls per API operation, through the local API and the real handlers.

Each operation is one HTTP request; the table shows the calls its function made in the
request path and, separately, what the outbox publisher then made to put the domain event.
Without an Idempotency-Key (the idempotency layer's own record is counted apart, once).
"""

import sys
from collections import Counter
from typing import Any

from bench import call_counter

TARGETS = {
    "create ticket": 3,
    "get ticket": 1,
    "list tickets": 1,
    "transition": 2,
}


def main(port: int = 5256) -> list[dict[str, Any]]:
    call_counter.install()
    from infra.local.seed import seed_directory
    from infra.local.session import LocalSession

    rows: list[dict[str, Any]] = []
    with LocalSession.start(port=port, api_port=0) as session:
        seed_directory(session)
        session.cloud.wait_idle()
        call_counter.take()
        token = session.token("agent", username="ana")

        def measure(name: str, method: str, path: str, **kwargs: Any) -> Any:
            response = session.http(method, path, token=token, **kwargs)
            assert response.ok, f"{name}: {response.status_code} {response.text}"
            session.cloud.wait_idle()
            grouped = call_counter.by_function(call_counter.take())
            publisher = grouped.pop("contactcenter-events_publisher", Counter())
            request_path = sum(grouped.values(), start=Counter())
            rows.append({"operation": name, "request": dict(request_path), "publisher": dict(publisher)})
            return response

        customer = measure(
            "create customer", "POST", "/customers", json={"name": "Bench", "language": "en"}
        ).json()
        body = {
            "type": "request",
            "subject": "bench",
            "customer_id": customer["customer_id"],
            "category": "billing",
        }
        ticket = measure("create ticket", "POST", "/tickets", json=body)
        ticket_id = ticket.json()["ticket_id"]
        measure(
            "create ticket (Idempotency-Key)",
            "POST",
            "/tickets",
            json=body,
            headers={"Idempotency-Key": "bench-1"},
        )
        got = measure("get ticket", "GET", f"/tickets/{ticket_id}")
        measure("list tickets", "GET", "/tickets", params={"customer": customer["customer_id"]})
        moved = measure(
            "transition",
            "POST",
            f"/tickets/{ticket_id}/transitions",
            json={"to": "open"},
            headers={"If-Match": got.headers["ETag"]},
        )
        assigned = measure(
            "assign (rules)",
            "POST",
            f"/tickets/{ticket_id}/assignment",
            json={"mode": "auto"},
            headers={"If-Match": moved.headers["ETag"]},
        )
        del assigned
        measure("comment", "POST", f"/tickets/{ticket_id}/comments", json={"body": "bench"})

    print("\nAWS API calls per operation (request path | outbox publisher, async)")
    print(f"{'operation':<34}{'calls':>6}{'target':>8}  {'request path calls':<60}publisher")
    for row in rows:
        count = sum(row["request"].values())
        target = TARGETS.get(row["operation"])
        mark = "" if target is None or count <= target else "  (over target)"
        request = ", ".join(f"{k} x{v}" if v > 1 else k for k, v in sorted(row["request"].items()))
        publisher = ", ".join(f"{k} x{v}" if v > 1 else k for k, v in sorted(row["publisher"].items()))
        print(
            f"{row['operation']:<34}{count:>6}{target if target else '-':>8}  {request:<60}{publisher}{mark}"
        )
    return rows


if __name__ == "__main__":
    main()
    sys.exit(0)
