"""Chapter: the closed loop. Jan (who called in the callers chapter) complains; the agent logs
it from the screen pop; the workflow acknowledges it by SMS, dispatches it to billing and
waits; billing records the resolution; an agent gets the follow-up call as a Connect task,
calls Jan, and records that he is satisfied: only then is the complaint closed. Then Kim,
waiting in a long queue, asks for a callback and keeps her place."""

import time
from collections.abc import Callable
from typing import Any

from cli.demo.transcript import Transcript
from localcloud.call_transcript import render
from localcloud.seed import seed
from localcloud.session import LocalSession

JAN, KIM = "12345678", "34567890"


def _wait(
    read: Callable[[], dict[str, Any]], done: Callable[[dict[str, Any]], bool], what: str
) -> dict[str, Any]:
    deadline = time.monotonic() + 30
    while not done(current := read()):
        if time.monotonic() > deadline:
            raise AssertionError(f"the demo waited in vain for {what}")
        time.sleep(0.1)
    return current


def run(session: LocalSession, transcript: Transcript) -> None:
    transcript.chapter("The closed loop: complaint, dispatch, resolution, follow-up call, satisfied, closed")
    customers = seed(session)
    agent = session.token("agent", username="ana")
    billing = session.token("department", department="billing", username="bea")
    ticket_view = ("ticket_id", "status", "department", "assignee_id", "workflow")

    logged = session.http(
        "POST",
        "/tickets",
        token=agent,
        json={
            "type": "complaint",
            "subject": "Dubbel afgeschreven in november",
            "description": "Mijn abonnement is deze maand twee keer afgeschreven.",
            "customer_id": customers[JAN],
            "category": "billing",
            "channel": "phone",
            "priority": "P2",
        },
    )
    transcript.http(
        logged, "ana logs Jan's complaint from the screen pop", show=("ticket_id", "type", "status")
    )
    ticket_id = logged.json()["ticket_id"]

    def ticket() -> dict[str, Any]:
        return session.http("GET", f"/tickets/{ticket_id}", token=agent).json()  # type: ignore[no-any-return]

    waiting = _wait(ticket, lambda t: t["workflow"]["state"] == "awaiting_resolution", "the dispatch")
    sms = [m for m in session.cloud.outbox() if ticket_id in m.get("text", "")]
    transcript.expect(len(sms) == 1, "no acknowledgement was sent")
    transcript.say(f"SMS to {sms[0]['to']}: {sms[0]['text']}")
    transcript.data("   workflow", {k: waiting[k] for k in ticket_view})

    resolved = session.http(
        "POST",
        f"/tickets/{ticket_id}/resolution",
        token=billing,
        json={"resolution": "De dubbele afschrijving is teruggestort; het abonnement is hersteld."},
    )
    transcript.http(resolved, "billing (bea) records the resolution")
    calling = _wait(ticket, lambda t: t["workflow"]["state"] == "awaiting_follow_up", "the follow-up call")
    (task,) = session.cloud.connect.tasks_for("ticket_id", ticket_id)
    transcript.say(f"Connect task for an agent in {task.queue}: {task.name} ({task.attributes['number']})")
    transcript.data("   ticket", {k: calling[k] for k in ("ticket_id", "status", "resolution")})

    answered = session.http(
        "POST",
        f"/tickets/{ticket_id}/follow-up",
        token=agent,
        json={
            "outcome": "satisfied",
            "csat": 5,
            "note": "Jan is tevreden, bedrag staat weer op zijn rekening.",
        },
    )
    transcript.http(answered, "ana calls Jan back: he is satisfied")
    closed = _wait(ticket, lambda t: t["status"] == "closed", "the close")
    transcript.data(
        "   ticket", {k: closed[k] for k in ("ticket_id", "status", "disposition", "csat", "workflow")}
    )
    transcript.expect((closed["disposition"], closed["csat"]) == ("satisfied", 5), "the loop did not close")
    timeline = session.http("GET", f"/tickets/{ticket_id}/timeline", token=agent).json()["items"]
    for entry in timeline:
        transcript.say(f"  {entry['actor']:<9} {entry['summary']}")

    transcript.say("")
    transcript.say("Kim waits in a long Router X queue and asks to be called back:")
    connect = session.cloud.connect
    connect.open_override = True
    connect.conditions["router_x"].agents_available, connect.conditions["router_x"].oldest_contact_age = (
        0,
        200,
    )
    try:
        call = session.cloud.simulator().call(
            session.cloud.flow_arn("inbound_helpdesk"),
            caller="+82221234567",
            inputs=["1", f"{KIM}#", "1357#", "1"],
        )
    finally:
        connect.open_override = None
        connect.conditions["router_x"].agents_available, connect.conditions["router_x"].oldest_contact_age = (
            1,
            0,
        )
    for line in render(call)[-8:-1]:
        transcript.say(line)
    callback_id = call.attributes["callback_id"]

    def callback() -> dict[str, Any]:
        return session.http("GET", f"/callbacks/{callback_id}", token=agent).json()  # type: ignore[no-any-return]

    _wait(callback, lambda c: c["status"] == "dialing", "Connect's callback")
    done = session.http(
        "POST",
        f"/callbacks/{callback_id}/outcome",
        token=agent,
        json={"outcome": "connected", "note": "geholpen"},
    )
    transcript.http(done, "Connect dialled Kim when an agent was free; the agent records it")
    finished = _wait(callback, lambda c: c["status"] == "completed", "the callback to complete")
    transcript.data(
        "   callback", {k: finished[k] for k in ("callback_id", "kind", "queue", "status", "attempts")}
    )
