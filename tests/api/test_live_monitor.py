"""The live monitor on the local contact center, through the real path: agents and contacts in
the local Connect, the /monitor API reading them with Connect's real-time APIs, the alert rule
raised once when too few agents leave a contact waiting and cleared once when an agent comes,
and a supervisor's actions reaching Connect, audited."""

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from contactcenter.audit.models import AuditRecord
from localcloud.contact_center import ContactCenter
from localcloud.contact_center.clock import SimulatedClock
from localcloud.provision import physical_name
from localcloud.session import LocalSession
from tests.api.conftest import Api, problem

pytestmark = pytest.mark.local_cloud
RULE = "/monitor/alert-rules/general/oldest_wait_seconds"


@pytest.fixture
def center(api: Api) -> Iterator[ContactCenter]:
    """A fresh contact center on a simulated clock, its figures answering for every queue."""
    connect = api.session.cloud.connect
    saved_center, saved_conditions = connect.center, dict(connect.conditions)
    connect.center = ContactCenter(clock=SimulatedClock(datetime.now(UTC)))
    connect.use_model()
    try:
        yield connect.center
    finally:
        connect.center = saved_center
        connect.conditions.update(saved_conditions)


def _fresh(session: LocalSession) -> None:
    time.sleep(1.1)  # the shared snapshot is a second old at most on the local cloud


def _general(api: Api) -> dict[str, object]:
    queues = api.call("GET", "/monitor/queues", as_="supervisor", expect=200).json()["queues"]
    return next(q for q in queues if q["queue"] == "general")


def test_too_few_agents_raise_the_wait_alert_once_and_it_clears_once(api: Api, center: ContactCenter) -> None:
    cloud = api.session.cloud
    api.call(
        "PUT", RULE, as_="supervisor", json={"raise_at": 60, "clear_at": 10, "language": "nl"}, expect=200
    )
    for name in ("mon-ana", "mon-bo"):
        center.add_agent(name)
        center.login(name, "help_desk")
        center.set_status(name, "Available")
    for n in range(3):
        center.enqueue(f"mon-contact-{n}", "VOICE", "general")
    center.clock.advance_to(center.clock.now() + timedelta(seconds=90))  # type: ignore[attr-defined]
    _fresh(api.session)

    general = _general(api)
    assert (general["contacts_waiting"], general["agents_on_contact"], general["agents_available"]) == (
        1,
        2,
        0,
    )
    assert general["oldest_wait_seconds"] >= 90
    agents = {
        a["username"]: a
        for a in api.call("GET", "/monitor/agents", as_="supervisor", expect=200).json()["agents"]
    }
    assert agents["mon-ana"]["state"] == "on_contact" and agents["mon-ana"]["contact_queue"] == "general"

    assert cloud.run_queue_alerts()["raised"] == ["general#oldest_wait_seconds"]
    assert cloud.run_queue_alerts()["raised"] == []  # once per crossing
    inbox = api.call("GET", "/notifications", as_="supervisor", expect=200).json()["items"]
    raised = [n for n in inbox if n["kind"] == "monitor.alert_raised"]
    assert raised and raised[0]["title"].startswith("Wachtrij general") and raised[0]["language"] == "nl"

    center.add_agent("mon-chen")
    center.login("mon-chen", "help_desk")
    center.set_status("mon-chen", "Available")  # the waiting contact goes to chen
    _fresh(api.session)
    assert _general(api)["contacts_waiting"] == 0
    assert cloud.run_queue_alerts()["cleared"] == ["general#oldest_wait_seconds"]
    again = cloud.run_queue_alerts()
    assert (again["raised"], again["cleared"]) == ([], [])
    state = next(
        r
        for r in api.call("GET", "/monitor/alert-rules", as_="supervisor").json()["items"]
        if r["queue"] == "general"
    )
    assert (state["raised"], state["last_value"]) == (False, 0)
    api.call("DELETE", RULE, as_="supervisor", expect=204)


def test_a_supervisor_acts_on_agents_and_contacts_in_connect(api: Api, center: ContactCenter) -> None:
    agent = center.add_agent("mon-dae")
    center.login("mon-dae", "help_desk")
    center.set_status("mon-dae", "Available")
    api.call(
        "PUT",
        f"/monitor/agents/{agent.user_id}/status",
        as_="supervisor",
        json={"status": "Break"},
        expect=204,
    )
    assert center.agent("mon-dae").status == "Break"
    unknown = api.call(
        "PUT", f"/monitor/agents/{agent.user_id}/status", as_="supervisor", json={"status": "Lunch"}
    )
    assert unknown.status_code == 422 and unknown.json()["field"] == "status"
    assert [r.action for r in AuditRecord.query(f"agent#{agent.user_id}")] == ["agent.status_set"]

    center.enqueue("mon-waiting", "VOICE", "billing", priority=5)
    api.call(
        "PUT", "/monitor/contacts/mon-waiting/priority", as_="supervisor", json={"priority": 1}, expect=204
    )
    assert center.waiting_contact("mon-waiting").priority == 1  # type: ignore[union-attr]
    missing = api.call(
        "PUT", "/monitor/contacts/no-such-contact/priority", as_="supervisor", json={"priority": 1}
    )
    assert missing.status_code == 404

    center.set_status("mon-dae", "Available")
    center.enqueue("mon-call", "VOICE", "general")
    listened = api.call(
        "POST",
        "/monitor/contacts/mon-call/monitor",
        as_="supervisor",
        json={"user_id": agent.user_id},
        expect=200,
    ).json()
    assert listened["contact_arn"].endswith(listened["contact_id"])
    assert "contact.monitored" in [r.action for r in AuditRecord.query("contact#mon-call")]


def test_a_connect_failure_the_actions_do_not_know_is_a_503_naming_the_operation(
    api: Api, center: ContactCenter
) -> None:
    """A role without UpdateContactRoutingData (a grant lost in a deployment): Connect answers
    AccessDeniedException, which is neither a missing contact nor a refusal."""
    iam = api.session.cloud.iam
    function = physical_name("api_monitor")
    granted = iam.policies[function]
    center.enqueue("mon-denied", "VOICE", "general")
    iam.attach(function, [s for s in granted if "connect:UpdateContactRoutingData" not in s.actions])
    try:
        denied = api.call(
            "PUT", "/monitor/contacts/mon-denied/priority", as_="supervisor", json={"priority": 1}
        )
    finally:
        iam.attach(function, granted)
    assert denied.status_code == 503, denied.text
    body = problem(denied)
    assert body["type"] == "urn:contactcenter:problem:connect-unavailable"
    assert "UpdateContactRoutingData" in body["detail"]
    assert "arn:" not in denied.text and "not authorized" not in denied.text  # not Connect's message
    assert center.waiting_contact("mon-denied").priority == 5  # type: ignore[union-attr]
