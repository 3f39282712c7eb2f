"""Chapter: escalations. A demo SLA (all-day calendar, a resolution target of six seconds for
inquiries) shows a ticket warned at half time and breached at full time: the timers fire the
escalation function, which notifies the assignee (in Dutch) and the supervisors, raises the
priority and lists the ticket as breached."""

import time
from typing import Any

from cli.demo.transcript import Transcript
from localcloud.session import LocalSession

ALL_DAY = {
    d: [["00:00", "24:00"]]
    for d in ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
}


def run(session: LocalSession, transcript: Transcript) -> None:
    transcript.chapter("Escalations: an SLA warned at 50% and breached at 100%, with notifications")
    admin, agent = session.token("admin"), session.token("agent", username="ana")
    put = [
        ("/calendars/demo-all-day", {"name": "Demo: always open", "time_zone": "UTC", "weekly": ALL_DAY}),
        (
            "/sla-policies/demo-inquiries",
            {
                "name": "Demo: inquiries in six seconds",
                "calendar_id": "demo-all-day",
                "match": {"types": ["inquiry"]},
                "precedence": 1,
                "first_response_minutes": 0.05,
                "resolution_minutes": 0.1,
            },
        ),
        (
            "/escalation-rules/demo-inquiries",
            {
                "name": "Demo: inquiries",
                "timer": "resolution",
                "match": {"types": ["inquiry"]},
                "levels": [
                    {
                        "level": "warning",
                        "percent": 50,
                        "actions": [{"type": "notify", "roles": ["assignee"]}],
                    },
                    {
                        "level": "breach",
                        "percent": 100,
                        "actions": [{"type": "notify", "roles": ["supervisor"]}, {"type": "raise_priority"}],
                    },
                ],
            },
        ),
    ]
    for path, body in put:
        response = session.http("PUT", path, token=admin, json=body)
        transcript.expect(response.status_code == 200, f"{path}: {response.text}")
    transcript.say(
        "configured: calendar demo-all-day, policy demo-inquiries (6 s), rule demo-inquiries (50%, 100%)"
    )
    time.sleep(1.1)  # the functions keep the configuration for a second on the local cloud
    customer = session.http("GET", "/customers", token=agent, params={"account_number": "12345678"}).json()[
        "items"
    ][0]
    created = session.http(
        "POST",
        "/tickets",
        token=agent,
        json={
            "type": "inquiry",
            "subject": "Wanneer wordt mijn nieuwe router geleverd?",
            "customer_id": customer["customer_id"],
            "category": "billing",
            "assign": "auto",
        },
    )
    transcript.http(
        created,
        "an inquiry, assigned to ana",
        show=("ticket_id", "priority", "assignee_id", "resolution_due_at", "sla"),
    )
    ticket_id = created.json()["ticket_id"]

    def read() -> dict[str, Any]:
        return session.http("GET", f"/tickets/{ticket_id}", token=agent).json()  # type: ignore[no-any-return]

    for state in ("at_risk", "breached"):
        deadline = time.monotonic() + 20
        while (ticket := read())["sla"]["state"] != state:
            transcript.expect(time.monotonic() < deadline, f"the ticket never became {state}")
            time.sleep(0.1)
        transcript.data(f"   {state:<9}", {"priority": ticket["priority"], "fired": ticket["sla"]["fired"]})
    breached = session.http("GET", "/tickets", token=agent, params={"sla": "breached"})
    transcript.http(breached, "the breached tickets, through a sparse index, not a scan")
    transcript.expect(
        ticket_id in [t["ticket_id"] for t in breached.json()["items"]], "not listed as breached"
    )
    for who, token in (("ana", agent), ("supervisors", session.token("supervisor", username="sam"))):
        items = [
            n
            for n in session.http("GET", "/notifications", token=token).json()["items"]
            if n["ticket_id"] == ticket_id
        ]
        for item in items:
            transcript.say(f"notification for {who} ({item['language']}): {item['title']}")
        transcript.expect(bool(items), f"no notification for {who}")
