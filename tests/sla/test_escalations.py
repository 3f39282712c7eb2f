"""SLA escalations on the local cloud: configuration through the admin API, due times on the
ticket, one-time schedules that follow the plan, levels fired at most once (schedule or
sweep), notifications in the recipient's language, and the at-risk/breached report.

Policies here match tickets of type ``inquiry`` only, so no other test's tickets escalate."""

import json
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from contactcenter.sla.calendar import WEEKDAYS
from localcloud.provision import physical_name
from localcloud.seed import seed_directory
from localcloud.session import LocalSession
from tests.api.conftest import Api, problem

pytestmark = pytest.mark.local_cloud
ALL_DAY = {day: [["00:00", "24:00"]] for day in WEEKDAYS}
GROUP = physical_name("sla")


@pytest.fixture(scope="module")
def sla(local: LocalSession) -> Api:
    seed_directory(local)
    api = Api(local)
    admin = {"as_": "admin"}
    api.call(
        "PUT",
        "/calendars/all-day",
        json={"name": "All day", "time_zone": "UTC", "weekly": ALL_DAY},
        expect=200,
        **admin,
    )
    policies = {
        "inquiry-fast": {
            "priorities": ["P3"],
            "first": 0.5,
            "resolution": 0.06,
        },  # warning 1.8 s, breach 3.6 s
        "inquiry-slow": {"priorities": ["P4"], "first": 60, "resolution": 120},
        "inquiry-urgent": {"priorities": ["P1", "P2"], "first": 30, "resolution": 60},
    }
    for policy_id, policy in policies.items():
        body = {
            "name": policy_id,
            "calendar_id": "all-day",
            "match": {"types": ["inquiry"], "priorities": policy["priorities"]},
            "first_response_minutes": min(policy["first"], policy["resolution"]),
            "resolution_minutes": policy["resolution"],
        }
        api.call("PUT", f"/sla-policies/{policy_id}", json=body, expect=200, **admin)
    rule = {
        "name": "inquiries",
        "timer": "resolution",
        "match": {"types": ["inquiry"]},
        "levels": [
            {
                "level": "warning",
                "percent": 50,
                "actions": [{"type": "notify", "roles": ["assignee", "supervisor"]}],
            },
            {
                "level": "breach",
                "percent": 100,
                "actions": [
                    {"type": "notify", "roles": ["supervisor", "department_head"]},
                    {"type": "raise_priority"},
                    {"type": "note", "text": "Bel de klant vandaag nog"},
                ],
            },
        ],
    }
    api.call("PUT", "/escalation-rules/inquiries", json=rule, expect=200, **admin)
    time.sleep(1.2)  # the functions keep the configuration for a second on the local cloud
    return api


def inquiry(api: Api, priority: str, **fields: Any) -> dict[str, Any]:
    customer = api.customer(language="nl")
    body = {
        "type": "inquiry",
        "subject": "Waar blijft mijn bestelling?",
        "category": "billing",
        "priority": priority,
    }
    return api.ticket(customer["customer_id"], assign="auto", **{**body, **fields})


def schedules(api: Api, ticket_id: str) -> dict[str, str]:
    """The ticket's schedules and their at() expressions (one may run and go while we look)."""
    scheduler = api.session.cloud.client("scheduler")
    found = {}
    for listed in scheduler.list_schedules(GroupName=GROUP, NamePrefix=f"{ticket_id}-")["Schedules"]:
        try:
            schedule = scheduler.get_schedule(GroupName=GROUP, Name=listed["Name"])
        except scheduler.exceptions.ResourceNotFoundException:
            continue
        found[listed["Name"]] = schedule["ScheduleExpression"]
    return found


def _when(value: Any, condition: Callable[[Any], bool]) -> Any:
    return value if condition(value) else None


def eventually(check: Callable[[], Any], timeout: float = 15) -> Any:
    deadline = time.monotonic() + timeout
    while not (result := check()):
        assert time.monotonic() < deadline, "never happened"
        time.sleep(0.1)
    return result


def ticket(api: Api, ticket_id: str) -> dict[str, Any]:
    return api.call("GET", f"/tickets/{ticket_id}", expect=200).json()  # type: ignore[no-any-return]


def test_a_ticket_is_warned_then_breached_with_notifications(sla: Api) -> None:
    supervisors = _subscribe(sla, "supervisor")
    created = inquiry(sla, "P3")
    ticket_id = created["ticket_id"]
    assert (created["sla"]["policy_id"], created["assignee_id"]) == ("inquiry-fast", "ana")
    assert created["resolution_due_at"] is not None
    at_risk = eventually(
        lambda: ticket(sla, ticket_id)["sla"]["state"] == "at_risk" and ticket(sla, ticket_id)
    )
    assert at_risk["sla"]["fired"] == ["inquiries:warning"]
    listed = sla.call("GET", "/tickets", params={"sla": "at_risk"}, expect=200).json()["items"]
    assert ticket_id in [t["ticket_id"] for t in listed]
    breached = eventually(
        lambda: ticket(sla, ticket_id)["sla"]["state"] == "breached" and ticket(sla, ticket_id)
    )
    assert (breached["priority"], breached["sla"]["fired"]) == (
        "P2",
        ["inquiries:warning", "inquiries:breach"],
    )
    breached_list = sla.call("GET", "/tickets", params={"sla": "breached"}, expect=200).json()["items"]
    assert ticket_id in [t["ticket_id"] for t in breached_list]
    # ana speaks Dutch: her notification is in Dutch; the supervisors' inbox in English.
    mine = [
        n
        for n in sla.call(
            "GET", "/notifications", token=sla.session.token("agent", username="ana"), expect=200
        ).json()["items"]
        if n["ticket_id"] == ticket_id
    ]
    assert [(n["kind"], n["language"]) for n in mine] == [("sla.at_risk", "nl")]
    assert mine[0]["title"] == f"{ticket_id} dreigt de SLA te missen"
    boss = sla.call("GET", "/notifications", as_="supervisor", expect=200).json()["items"]
    assert [n["kind"] for n in boss if n["ticket_id"] == ticket_id] == ["sla.breached", "sla.at_risk"]
    read = sla.call(
        "POST",
        f"/notifications/{mine[0]['notification_id']}/read",
        token=sla.session.token("agent", username="ana"),
        expect=200,
    ).json()
    assert read["read_at"] is not None
    timeline = sla.call("GET", f"/tickets/{ticket_id}/timeline", expect=200).json()["items"]
    assert any("note: Bel de klant vandaag nog" in e["summary"] for e in timeline if e["kind"] == "escalated")
    published = [json.loads(m["Body"]) for m in _drain(sla, supervisors)]
    mine_published = [m for m in published if m["MessageAttributes"]["ticket_id"]["Value"] == ticket_id]
    assert [m["MessageAttributes"]["level"]["Value"] for m in mine_published] == ["warning", "breach"]
    assert not schedules(sla, ticket_id)  # each ran once and was deleted


def test_a_priority_change_moves_the_schedules(sla: Api) -> None:
    ticket_id = inquiry(sla, "P4")["ticket_id"]
    expected = {f"{ticket_id}-inquiries_warning", f"{ticket_id}-inquiries_breach"}
    # The timers function creates the schedules one after the other: wait for both.
    before = eventually(lambda: _when(schedules(sla, ticket_id), lambda found: set(found) == expected))
    current = ticket(sla, ticket_id)
    sla.call(
        "PATCH",
        f"/tickets/{ticket_id}",
        json={"priority": "P2"},
        headers={"If-Match": f'"{current["version"]}"'},
        expect=200,
    )

    def moved() -> dict[str, str] | None:
        found = schedules(sla, ticket_id)
        return found if found.keys() == before.keys() and all(found[n] != before[n] for n in before) else None

    after = eventually(moved)
    assert after.keys() == before.keys()
    assert all(after[name] < before[name] for name in before), (before, after)  # 60 minutes, not 120
    assert ticket(sla, ticket_id)["sla"]["policy_id"] == "inquiry-urgent"


def test_waiting_on_the_customer_pauses_and_resolving_cancels(sla: Api) -> None:
    created = inquiry(sla, "P4")
    ticket_id = created["ticket_id"]
    eventually(lambda: schedules(sla, ticket_id))
    paused = sla.transition(ticket(sla, ticket_id), "pending", pending_on="customer")
    assert paused["sla"]["paused"] is True
    eventually(lambda: not schedules(sla, ticket_id))
    resumed = sla.transition(paused, "open")
    assert resumed["sla"]["paused"] is False
    assert resumed["resolution_due_at"] > created["resolution_due_at"]  # the wait does not count
    eventually(lambda: schedules(sla, ticket_id))
    resolved = sla.transition(resumed, "resolved", resolution="Bestelling is onderweg")
    assert resolved["sla"]["next_level_at"] is None
    eventually(lambda: not schedules(sla, ticket_id))


def test_a_missed_schedule_is_recovered_by_the_sweep_and_fires_once(sla: Api) -> None:
    cloud = sla.session.cloud
    assert cloud.scheduler is not None
    cloud.scheduler.stop()  # the schedules are lost: nothing fires them
    try:
        ticket_id = inquiry(sla, "P3")["ticket_id"]
        eventually(lambda: schedules(sla, ticket_id))
        time.sleep(4)  # past both levels
        assert ticket(sla, ticket_id)["sla"]["fired"] == []
        lambda_ = cloud.client("lambda")
        sweep_event = {"source": "aws.events", "detail-type": "Scheduled Event", "detail": {}}
        schedule_event = {"ticket_id": ticket_id, "marker": "inquiries:warning"}
        answers: list[dict[str, Any]] = []

        def invoke(event: dict[str, Any]) -> None:
            response = lambda_.invoke(
                FunctionName=physical_name("sla_escalations"), Payload=json.dumps(event).encode()
            )
            answers.append(json.loads(response["Payload"].read()))

        # A late schedule and the sweep arrive together: the levels fire once.
        threads = [
            threading.Thread(target=invoke, args=(e,)) for e in (sweep_event, schedule_event, sweep_event)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        cloud.scheduler.start()
    fired = [answer["fired"].get(ticket_id, []) for answer in answers]
    assert sorted(marker for markers in fired for marker in markers) == [
        "inquiries:breach",
        "inquiries:warning",
    ]
    final = ticket(sla, ticket_id)
    assert final["sla"]["fired"] == ["inquiries:warning", "inquiries:breach"]
    notices = sla.call("GET", "/notifications", as_="supervisor", expect=200).json()["items"]
    assert len([n for n in notices if n["ticket_id"] == ticket_id]) == 2  # one per level, not per caller


@pytest.mark.parametrize(
    ("path", "body", "kind", "detail"),
    [
        (
            "/calendars/bad",
            {"name": "x", "time_zone": "UTC", "weekly": {"MONDAY": [["09:00", "12:00"], ["11:00", "13:00"]]}},
            "invalid-calendar",
            "overlap",
        ),
        (
            "/calendars/bad",
            {"name": "x", "time_zone": "UTC", "weekly": {"MONDAY": [["09:00", "09:00"]]}},
            "invalid-calendar",
            "is empty",
        ),
        (
            "/calendars/bad",
            {"name": "x", "time_zone": "Mars/Olympus", "weekly": {"MONDAY": [["09:00", "17:00"]]}},
            "invalid-calendar",
            "unknown time zone",
        ),
        (
            "/sla-policies/bad",
            {"name": "x", "calendar_id": "all-day", "first_response_minutes": 0, "resolution_minutes": 60},
            "invalid-sla-policy",
            "more than zero",
        ),
        (
            "/sla-policies/bad",
            {"name": "x", "calendar_id": "nope", "first_response_minutes": 5, "resolution_minutes": 60},
            "invalid-sla-policy",
            "no calendar",
        ),
        (
            "/escalation-rules/bad",
            {
                "name": "x",
                "timer": "resolution",
                "levels": [
                    {
                        "level": "later",
                        "after": {"level": "breach", "minutes": 60},
                        "actions": [{"type": "raise_priority"}],
                    }
                ],
            },
            "invalid-escalation-rule",
            "unknown level 'breach'",
        ),
        (
            "/escalation-rules/bad",
            {
                "name": "x",
                "timer": "resolution",
                "levels": [
                    {"level": "warning", "percent": 80, "actions": [{"type": "notify", "roles": ["ceo"]}]}
                ],
            },
            "invalid-escalation-rule",
            "unknown role 'ceo'",
        ),
    ],
)
def test_unusable_configuration_is_refused_and_nothing_saved(
    sla: Api, path: str, body: dict[str, Any], kind: str, detail: str
) -> None:
    refused = problem(sla.call("PUT", path, as_="admin", json=body, expect=400))
    assert refused["type"] == f"urn:contactcenter:problem:{kind}"
    assert detail in refused["detail"]
    sla.call("GET", path, as_="admin", expect=404)


def test_only_supervisors_and_admins_change_the_configuration(sla: Api) -> None:
    body = {"name": "x", "time_zone": "UTC", "weekly": ALL_DAY}
    assert problem(sla.call("PUT", "/calendars/mine", json=body, expect=403))["type"].endswith("forbidden")
    used = problem(sla.call("DELETE", "/calendars/all-day", as_="admin", expect=409))
    assert "inquiry-fast" in used["detail"]


def _subscribe(api: Api, role: str) -> str:
    """An SQS queue subscribed to a role's topic, as an operator would subscribe a channel."""
    sqs, sns = api.session.cloud.client("sqs"), api.session.cloud.client("sns")
    queue_url = sqs.create_queue(QueueName=f"test-{role}-inbox")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    topic = next(t["TopicArn"] for t in sns.list_topics()["Topics"] if t["TopicArn"].endswith(f"sla-{role}"))
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    return queue_url  # type: ignore[no-any-return]


def _drain(api: Api, queue_url: str) -> list[dict[str, Any]]:
    sqs = api.session.cloud.client("sqs")
    messages: list[dict[str, Any]] = []
    while batch := sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", []):
        messages += batch
    return messages
