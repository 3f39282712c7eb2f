"""A complaint's closed loop: acknowledged, dispatched, resolved by the department, followed up
by an agent's call, and closed only when the customer says they are satisfied (or cannot be
reached, or a supervisor takes it over)."""

import json
import time
from typing import Any

import pytest

from contactcenter.acknowledgements import TEMPLATES
from contactcenter.constants import Env
from contactcenter.sla.calendar import WEEKDAYS
from localcloud.provision import LOCAL_SENDER
from tests.api.conftest import problem
from tests.workflows.conftest import Loop, set_json

pytestmark = pytest.mark.local_cloud


def test_the_happy_path_closes_the_loop_with_the_customers_score(loop: Loop) -> None:
    customer = loop.customer(language="nl")
    ticket_id = loop.complaint(customer)["ticket_id"]

    waiting = loop.wait_state(ticket_id, "awaiting_resolution")
    assert (waiting["status"], waiting["department"], waiting["workflow"]["round"]) == ("open", "billing", 1)
    sms = [m for m in loop.session.cloud.outbox() if m["to"] == customer["phones"][0]]
    assert sms == [
        {
            "channel": "sms",
            "to": customer["phones"][0],
            "text": TEMPLATES["nl"].sms.format(ticket_id=ticket_id),
        }
    ]

    accepted = loop.resolve(ticket_id, "Het dubbel afgeschreven bedrag is teruggestort.").json()
    assert accepted["workflow"]["state"] == "awaiting_resolution"  # the workflow takes it from here
    called = loop.wait_state(ticket_id, "awaiting_follow_up")
    assert (called["status"], called["resolution"]) == (
        "resolved",
        "Het dubbel afgeschreven bedrag is teruggestort.",
    )
    (task,) = loop.tasks("ticket_id", ticket_id)
    assert (task.queue, task.attributes["number"], task.attributes["language"]) == (
        "general",
        customer["phones"][0],
        "nl",
    )

    loop.follow_up(ticket_id, "satisfied", csat=4, note="Klant is tevreden")
    closed = loop.wait(ticket_id, lambda t: t["status"] == "closed")
    assert (closed["csat"], closed["disposition"], closed["workflow"]["state"]) == (4, "satisfied", "closed")
    assert loop.finished(ticket_id)["status"] == "SUCCEEDED"
    timeline = loop.timeline(ticket_id)
    assert timeline[:3] == [
        "complaint opened via api",
        "closed-loop workflow started",
        "complaint acknowledged to the customer by SMS",
    ]
    assert "dispatched to billing (round 1); resolution due within 5 min" in timeline
    assert "follow-up call 1 given to an agent in General help desk" in timeline
    assert timeline[-1] == "resolved → closed"


def test_an_email_acknowledgement_in_the_customers_language(loop: Loop) -> None:
    customer = loop.customer(language="ko", email="kim.test@example.kr")
    ticket_id = loop.complaint(customer, subject="청구서 오류")["ticket_id"]
    loop.wait_state(ticket_id, "awaiting_resolution")
    (mail,) = [m for m in loop.session.cloud.outbox() if m["to"] == "kim.test@example.kr"]
    assert mail["subject"] == TEMPLATES["ko"].subject.format(ticket_id=ticket_id)
    assert "청구서 오류" in mail["text"]


def test_not_satisfied_reopens_and_the_second_round_satisfies(loop: Loop) -> None:
    ticket_id = loop.complaint()["ticket_id"]
    loop.wait_state(ticket_id, "awaiting_resolution")
    loop.resolve(ticket_id, "Eerste poging")
    loop.wait_state(ticket_id, "awaiting_follow_up")
    loop.follow_up(ticket_id, "not_satisfied", note="Nog steeds dubbel")
    again = loop.wait(
        ticket_id, lambda t: t["workflow"]["state"] == "awaiting_resolution" and t["workflow"]["round"] == 2
    )
    assert (again["status"], again["reopen_count"]) == ("open", 1)
    loop.resolve(ticket_id, "Tweede poging")
    loop.wait(
        ticket_id, lambda t: t["workflow"]["state"] == "awaiting_follow_up" and t["status"] == "resolved"
    )
    loop.follow_up(ticket_id, "satisfied", csat=5)
    closed = loop.wait(ticket_id, lambda t: t["status"] == "closed")
    assert (closed["csat"], closed["resolution"], closed["workflow"]["round"]) == (5, "Tweede poging", 2)
    assert [e["name"] for e in loop.executions(ticket_id)] == [ticket_id]  # the reopen started nothing new
    assert "not satisfied: Nog steeds dubbel" in json.dumps(
        loop.api.call("GET", f"/tickets/{ticket_id}/timeline").json()
    )


def test_not_satisfied_past_the_rounds_goes_to_a_supervisor(loop: Loop) -> None:
    ticket_id = loop.complaint()["ticket_id"]
    for round_ in (1, 2):
        loop.wait(
            ticket_id,
            lambda t, r=round_: (
                t["workflow"]["state"] == "awaiting_resolution" and t["workflow"]["round"] == r
            ),
        )
        loop.resolve(ticket_id)
        loop.wait(
            ticket_id, lambda t: t["workflow"]["state"] == "awaiting_follow_up" and t["status"] == "resolved"
        )
        loop.follow_up(ticket_id, "not_satisfied")
    escalated = loop.wait_state(ticket_id, "escalated")
    assert escalated["status"] == "open"
    assert "supervisor" in escalated["tags"]
    assert loop.finished(ticket_id)["status"] == "SUCCEEDED"
    assert (
        loop.timeline(ticket_id)[-1]
        == "customer still not satisfied after 2 rounds: escalated to a supervisor"
    )


def test_unreachable_three_times_closes_as_unreachable(loop: Loop) -> None:
    ticket_id = loop.complaint()["ticket_id"]
    loop.wait_state(ticket_id, "awaiting_resolution")
    loop.resolve(ticket_id)
    for attempt in (1, 2, 3):
        loop.wait(
            ticket_id,
            lambda t, a=attempt: (
                t["workflow"]["state"] == "awaiting_follow_up"
                and len(loop.tasks("ticket_id", t["ticket_id"])) == a
            ),
        )
        loop.follow_up(ticket_id, "unreachable", note="voicemail")
    closed = loop.wait(ticket_id, lambda t: t["status"] == "closed")
    assert (closed["disposition"], closed["workflow"]["follow_up_attempts"]) == ("unreachable", 3)
    assert [t.attributes["attempt"] for t in loop.tasks("ticket_id", ticket_id)] == ["1", "2", "3"]
    history = loop.history(loop.finished(ticket_id)["executionArn"])

    # The second and third calls came only after the retry delay (1 s, then 2 s) from the attempt
    # before: a Wait state when the plan was made within it, none when the machine was slower.
    def times(kind: str, key: str) -> list[Any]:
        return [e["timestamp"] for e in history if e["type"] == kind and e[key]["name"] == "Await follow-up"]

    entered = times("TaskStateEntered", "stateEnteredEventDetails")
    exited = times("TaskStateExited", "stateExitedEventDetails")
    assert len(entered) == len(exited) == 3
    for attempt, delay in ((1, 1.0), (2, 2.0)):
        # (less a little: the answer that starts the delay comes a moment before the task exits)
        assert (entered[attempt] - exited[attempt - 1]).total_seconds() >= delay - 0.25, attempt


def test_a_missed_resolution_sla_escalates_and_keeps_waiting(loop: Loop) -> None:
    fast = set_json(
        Env.WORKFLOW_TIMING, resolution_timeout_seconds={"P1": 2, "P2": 120, "P3": 300, "P4": 600}
    )
    with loop.tuned("workflow_starter", fast):
        ticket_id = loop.complaint(priority="P1")["ticket_id"]
        loop.wait_state(ticket_id, "awaiting_resolution")
    overdue = loop.wait(ticket_id, lambda t: "sla-breached" in t["tags"], timeout=15)
    assert overdue["status"] == "open"
    assert "resolution overdue at billing: escalated" in loop.timeline(ticket_id)
    loop.wait_state(ticket_id, "awaiting_resolution")  # waiting again, with a new token
    loop.resolve(ticket_id, "Alsnog opgelost")
    resolved = loop.wait_state(ticket_id, "awaiting_follow_up")
    assert resolved["resolution"] == "Alsnog opgelost"
    # Audited, sealed under the customer's data key: their export opens it.
    session = loop.session
    customer_id = resolved["customer_id"]
    exported = session.http("GET", f"/customers/{customer_id}/export", token=session.token("supervisor"))
    audit = [r for r in exported.json()["audit"] if r["entity"] == f"ticket#{ticket_id}"]
    assert any("sla-breached" in (r["after"] or {}).get("tags", []) for r in audit)


def test_the_department_has_until_the_sla_due_time(loop: Loop) -> None:
    """With an SLA policy for the complaint, the loop waits until its resolution is due."""
    admin = {"as_": "admin", "expect": 200}
    all_day = {day: [["00:00", "24:00"]] for day in WEEKDAYS}
    loop.api.call(
        "PUT", "/calendars/loop-all-day", json={"name": "x", "time_zone": "UTC", "weekly": all_day}, **admin
    )
    policy = {
        "name": "gold complaints, for this test",
        "calendar_id": "loop-all-day",
        "match": {"types": ["complaint"], "tiers": ["gold"]},
        "precedence": 1,
        "first_response_minutes": 0.02,
        "resolution_minutes": 0.05,  # three seconds
    }
    loop.api.call("PUT", "/sla-policies/loop-gold-complaints", json=policy, **admin)
    time.sleep(1.2)  # the functions keep the configuration for a second on the local cloud
    ticket = loop.complaint(loop.customer(tier="gold"), priority="P4")  # P4: 600 s by the workflow's timing
    assert ticket["sla"]["policy_id"] == "loop-gold-complaints"
    overdue = loop.wait(ticket["ticket_id"], lambda t: "sla-breached" in t["tags"], timeout=15)
    timeline = loop.timeline(ticket["ticket_id"])
    assert any(
        entry.startswith("dispatched to billing (round 1); resolution due within") for entry in timeline
    )
    assert overdue["resolution_due_at"] == ticket["resolution_due_at"]


def test_a_redelivered_ticket_created_event_starts_no_second_execution(loop: Loop) -> None:
    ticket_id = loop.complaint()["ticket_id"]
    loop.wait_state(ticket_id, "awaiting_resolution")
    event = {
        "ticket_id": ticket_id,
        "kind": "created",
        "ticket": {"ticket_id": ticket_id, "ticket_type": "complaint"},
    }
    events = loop.session.cloud.client("events")
    for _ in range(2):
        events.put_events(
            Entries=[
                {
                    "Source": "contactcenter.tickets",
                    "DetailType": "ticket.created",
                    "Detail": json.dumps(event),
                    "EventBusName": loop.session.cloud.resources.buses["domain"],
                }
            ]
        )
    loop.session.cloud.wait_idle()
    assert [e["name"] for e in loop.executions(ticket_id)] == [ticket_id]
    assert loop.get(ticket_id)["workflow"]["generation"] == 1


def test_a_throttled_step_is_retried_and_the_loop_goes_on(loop: Loop) -> None:
    runtime = loop.session.cloud.runtime
    assert runtime is not None
    customer = loop.customer()
    fault = runtime.inject_fault("contactcenter-complaint_steps", 2, match={"step": "acknowledge"})
    ticket_id = loop.complaint(customer)["ticket_id"]
    loop.wait_state(ticket_id, "awaiting_resolution")
    assert fault.remaining == 0
    (execution,) = loop.executions(ticket_id)
    failures = [
        e["taskFailedEventDetails"]["error"]
        for e in loop.history(execution["executionArn"])
        if e["type"] == "TaskFailed"
    ]
    assert failures == ["Lambda.TooManyRequestsException"] * 2


def test_a_permanent_failure_marks_the_ticket_and_fails_the_execution(loop: Loop) -> None:
    ses = loop.session.cloud.client("ses")
    sender = LOCAL_SENDER
    assert sender in ses.list_identities()["Identities"]
    ses.delete_identity(Identity=sender)  # SES now rejects every acknowledgement e-mail
    try:
        customer = loop.customer(email="bounce@example.nl")
        ticket_id = loop.complaint(customer)["ticket_id"]
        failed = loop.wait_state(ticket_id, "failed")
    finally:
        ses.verify_email_identity(EmailAddress=sender)
    assert "workflow-failed" in failed["tags"]
    assert "the closed-loop workflow failed (MessageRejected); operators are alerted" in loop.timeline(
        ticket_id
    )
    execution = loop.finished(ticket_id)
    assert (execution["status"], execution["error"]) == ("FAILED", "ComplaintWorkflowFailed")


def test_answers_without_a_waiting_workflow_are_refused_with_its_state(loop: Loop) -> None:
    request = loop.api.ticket(loop.customer()["customer_id"], type="request")
    refused = problem(loop.resolve(request["ticket_id"], expect=409, as_="agent"))
    assert (refused["type"], refused["workflow_state"]) == (
        "urn:contactcenter:problem:no-waiting-workflow",
        "none",
    )
    ticket_id = loop.complaint()["ticket_id"]
    waiting = loop.wait_state(ticket_id, "awaiting_resolution")
    early = problem(loop.follow_up(ticket_id, "satisfied", csat=5, expect=409))
    assert early["workflow_state"] == "awaiting_resolution"
    # Nobody resolves or closes a complaint around its loop.
    manual = loop.api.call(
        "POST",
        f"/tickets/{ticket_id}/transitions",
        json={"to": "resolved", "resolution": "done"},
        headers={"If-Match": f'"{waiting["version"]}"'},
        expect=409,
    )
    assert problem(manual)["type"] == "urn:contactcenter:problem:closed-loop-running"
    assert loop.get(ticket_id)["status"] == "open"


def test_a_reused_task_token_is_reported(loop: Loop) -> None:
    runtime = loop.session.cloud.runtime
    assert runtime is not None
    ticket_id = loop.complaint()["ticket_id"]
    loop.wait_state(ticket_id, "awaiting_resolution")
    # Hold the workflow before it records the first answer, so the ticket still shows the token.
    runtime.inject_fault(
        "contactcenter-complaint_steps", 4, match={"step": "record_resolution", "ticket_id": ticket_id}
    )
    loop.resolve(ticket_id, "Eerste antwoord")
    second = problem(loop.resolve(ticket_id, "Tweede antwoord", expect=409))
    assert (second["type"], second["reason"]) == (
        "urn:contactcenter:problem:workflow-task-expired",
        "AlreadyAnswered",
    )
    assert loop.wait_state(ticket_id, "awaiting_follow_up")["resolution"] == "Eerste antwoord"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"outcome": "satisfied"}, "body"),
        ({"outcome": "unreachable", "csat": 3}, "body"),
        ({"outcome": "happy"}, "body.outcome"),
        ({"outcome": "satisfied", "csat": 9}, "body.csat"),
    ],
)
def test_a_malformed_follow_up_is_refused(loop: Loop, body: dict[str, object], field: str) -> None:
    refused = loop.api.call("POST", "/tickets/T-000001/follow-up", json=body, expect=422).json()
    assert refused["field"] == field
