"""Chapter: the ticket system. A customer is created, a request logged, assigned by the rules,
answered, noted internally and resolved; every change lands on the timeline and the domain
event bus. (Complaints go through the closed loop: the next chapter.)"""

from cli.demo.transcript import Transcript
from localcloud.seed import seed_directory
from localcloud.session import LocalSession


def run(session: LocalSession, transcript: Transcript) -> None:
    transcript.chapter("Tickets: a request from first contact to resolution")
    seed_directory(session)
    agent = session.token("agent", username="ana")
    transcript.say("directory seeded: billing, technical, general (default); agents ana, bo, chen, dae")

    created = session.http(
        "POST",
        "/customers",
        token=agent,
        json={"name": "Anne de Jong", "phones": ["+31 6 1234 5678"], "language": "nl", "tier": "gold"},
        headers={"Idempotency-Key": "demo-customer-anne"},
    )
    transcript.http(
        created, "an agent records a new customer", show=("customer_id", "name", "phones", "tier")
    )
    customer = created.json()
    transcript.expect(created.status_code == 201, "customer not created")

    logged = session.http(
        "POST",
        "/tickets",
        token=agent,
        json={
            "type": "request",
            "subject": "Factuuradres wijzigen",
            "description": "Wij verhuizen per 1 december; graag de facturen naar het nieuwe adres.",
            "customer_id": customer["customer_id"],
            "category": "billing",
            "channel": "phone",
            "priority": "P2",
        },
        headers={"Idempotency-Key": "demo-request-anne"},
    )
    transcript.http(
        logged,
        "the request is logged",
        show=("ticket_id", "status", "department", "assignee_id", "version"),
    )
    ticket = logged.json()
    ticket_id = ticket["ticket_id"]
    transcript.expect(logged.status_code == 201, "request not logged")

    assigned = session.http(
        "POST",
        f"/tickets/{ticket_id}/assignment",
        token=agent,
        json={"mode": "auto"},
        headers={"If-Match": logged.headers["ETag"]},
    )
    transcript.http(
        assigned,
        "assigned by the rules",
        show=("ticket_id", "status", "department", "assignee_id", "version"),
    )
    transcript.data("   reason", assigned.json()["assignment_reason"])
    transcript.expect(
        assigned.json()["assignee_id"] == "ana", "not assigned to the Dutch-speaking billing agent"
    )

    reply = session.http(
        "POST",
        f"/tickets/{ticket_id}/comments",
        token=agent,
        json={"body": "Wij passen het factuuradres aan."},
    )
    transcript.http(reply, "a public reply", show=("comment_id", "visibility", "body"))
    note = session.http(
        "POST",
        f"/tickets/{ticket_id}/comments",
        token=agent,
        json={"body": "Nieuw adres gecontroleerd in het kadaster.", "visibility": "internal"},
    )
    transcript.http(note, "an internal note", show=("comment_id", "visibility", "body"))

    current = session.http("GET", f"/tickets/{ticket_id}", token=agent)
    stale = session.http(
        "POST",
        f"/tickets/{ticket_id}/transitions",
        token=agent,
        json={"to": "resolved"},
        headers={"If-Match": '"1"'},
    )
    transcript.http(stale, "a stale ETag changes nothing")
    transcript.expect(stale.status_code == 412, "a stale write was accepted")
    resolved = session.http(
        "POST",
        f"/tickets/{ticket_id}/transitions",
        token=agent,
        json={"to": "resolved", "resolution": "Factuuradres gewijzigd per 1 december."},
        headers={"If-Match": current.headers["ETag"]},
    )
    transcript.http(resolved, "resolved", show=("ticket_id", "status", "resolution", "version"))
    transcript.expect(resolved.json()["status"] == "resolved", "not resolved")
    refused = session.http(
        "POST",
        f"/tickets/{ticket_id}/transitions",
        token=agent,
        json={"to": "pending", "pending_on": "customer"},
        headers={"If-Match": resolved.headers["ETag"]},
    )
    transcript.http(refused, "an invalid move lists the allowed ones")

    session.cloud.wait_idle()
    timeline = session.http("GET", f"/tickets/{ticket_id}/timeline", token=agent).json()["items"]
    transcript.say("timeline: " + " -> ".join(entry["kind"] for entry in timeline))
    published = [
        i
        for i in (session.cloud.runtime.history if session.cloud.runtime else [])
        if i.function_name.endswith("events_publisher")
    ]
    transcript.say(f"domain events published by the outbox publisher: {len(published)} batches, none failed")
    transcript.expect(all(not i.errored for i in published), "an event batch failed")
