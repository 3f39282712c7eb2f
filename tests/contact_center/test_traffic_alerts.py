"""A seeded traffic run with too few agents raises the queue's wait alert once, and clears it
once when the run's declared staffing change logs more agents in: the real flows, the real
monitor_alerts function on its every-minute rule (each simulated minute), the supervisors'
notifications read over HTTP."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from localcloud.session import LocalSession
from localcloud.traffic import TrafficOptions, run_traffic
from localcloud.traffic.behaviour import Behaviour

pytestmark = pytest.mark.local_cloud
START = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
# The demo callers' products route them to router_x and router_y, which the technical agents serve.
RULE = "/monitor/alert-rules/router_x/oldest_wait_seconds"
RAISED_TITLE = "Queue router_x: the longest wait (s) is "
CLEARED_TITLE = "Queue router_x recovered: the longest wait (s) is "
AGENTS_COME = timedelta(minutes=3)


@pytest.fixture
def wait_rule(modelled: LocalSession) -> Iterator[str]:
    """A supervisor's rule on router_x's oldest wait; the supervisor's token."""
    supervisor = modelled.token("supervisor")
    body = {"raise_at": 60, "clear_at": 10, "language": "en"}
    response = modelled.http("PUT", RULE, token=supervisor, json=body)
    assert response.status_code == 200, response.text
    yield supervisor
    modelled.http("DELETE", RULE, token=supervisor)


def _inbox(session: LocalSession, token: str) -> list[dict[str, str]]:
    response = session.http("GET", "/notifications", token=token, params={"limit": 100})
    assert response.status_code == 200, response.text
    return response.json()["items"]  # type: ignore[no-any-return]


def test_too_few_agents_raise_the_wait_alert_once_and_more_agents_clear_it_once(
    modelled: LocalSession, wait_rule: str
) -> None:
    before = {n["notification_id"] for n in _inbox(modelled, wait_rule)}
    options = TrafficOptions(
        calls_per_hour=120,
        chats_per_hour=0,
        # two calls a minute of a minute each: agent03, the one technical agent, cannot keep up
        agents=3,
        behaviour=Behaviour(talk_median=60, breaks_per_agent=0),
        add_agents=((AGENTS_COME, 12),),  # four more technical agents among them
        duration=timedelta(minutes=5),
        drain=False,
        queue_alerts=True,
        seed=3,
        start=START,
    )
    result = run_traffic(modelled.cloud, options)

    told = [
        n
        for n in reversed(_inbox(modelled, wait_rule))  # oldest first
        if n["notification_id"] not in before and n["title"].startswith((RAISED_TITLE, CLEARED_TITLE))
    ]
    assert [n["kind"] for n in told] == ["monitor.alert_raised", "monitor.alert_cleared"]
    # When: raised while router_x had one agent, cleared once the others came. Either the
    # minute's run or a contact or agent event may have judged it first, so the notifications'
    # (wall) times are compared with the staffing change's wall time.
    (change,) = result.staffing
    raised_at, cleared_at = (datetime.fromisoformat(n["created_at"]) for n in told)
    assert raised_at < datetime.fromisoformat(change["wall"]) <= cleared_at
    raised_on_a_minute = [a for a in result.alerts if "router_x#oldest_wait_seconds" in a["raised"]]
    assert all(datetime.fromisoformat(a["at"]) < START + AGENTS_COME for a in raised_on_a_minute)
