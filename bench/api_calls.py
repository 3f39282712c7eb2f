"""AWS API calls per API operation, through the local API and the real handlers.

Each operation is one HTTP request; the table shows the calls the route's function made in the
request path and, separately, what happened after the answer, asynchronously: the outbox
publisher putting the domain event, the SLA timers function keeping its schedules. Reads of the
SLA configuration are listed apart: a function keeps the configuration for
``CC_SLA_CONFIG_SECONDS`` (60 s deployed, 1 s on the local cloud, so the bench sees them), so a
warm function makes them about once a minute, not per request. Without an Idempotency-Key (the
idempotency layer's own record is counted apart, once).
"""

import sys
from collections import Counter
from typing import Any

from bench import call_counter
from contactcenter.constants import TABLE_SLA_CONFIG
from localcloud.provision import physical_name

TARGETS = {
    "create ticket": 3,
    "get ticket": 1,
    "list tickets": 1,
    "transition": 2,
}


def main(port: int = 5256) -> list[dict[str, Any]]:
    call_counter.install()
    from localcloud.seed import seed_directory
    from localcloud.session import LocalSession

    rows: list[dict[str, Any]] = []
    sla_table = physical_name(TABLE_SLA_CONFIG)
    with LocalSession.start(port=port, api_port=0) as session:
        seed_directory(session)
        session.cloud.wait_idle()
        call_counter.take()
        token = session.token("agent", username="ana")

        def measure(name: str, method: str, path: str, **kwargs: Any) -> Any:
            response = session.http(method, path, token=token, **kwargs)
            assert response.ok, f"{name}: {response.status_code} {response.text}"
            session.cloud.wait_idle()
            route_function = "contactcenter-api_" + path.strip("/").split("/")[0]
            row: dict[str, Counter[str]] = {"request": Counter(), "config": Counter(), "after": Counter()}
            for function, call, table in call_counter.take():
                column = (
                    "after" if function != route_function else "config" if table == sla_table else "request"
                )
                row[column][call] += 1
            rows.append({"operation": name, **row})
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

    print("\nAWS API calls per operation: the route's function (request path), SLA configuration")
    print("reads (cached 60 s when deployed), and what follows the answer asynchronously")
    print(f"{'operation':<32}{'calls':>6}{'target':>8}  {'request path':<68}{'config':<8}after the answer")
    for row in rows:
        count = sum(row["request"].values())
        target = TARGETS.get(row["operation"])
        mark = "" if target is None or count <= target else "  (over target)"
        print(
            f"{row['operation']:<32}{count:>6}{target if target else '-':>8}  {_listed(row['request']):<68}"
            f"{sum(row['config'].values()) or '':<8}{_listed(row['after'])}{mark}"
        )
    return rows


def _listed(calls: Counter[str]) -> str:
    return ", ".join(f"{k} x{v}" if v > 1 else k for k, v in sorted(calls.items()))


if __name__ == "__main__":
    main()
    sys.exit(0)
