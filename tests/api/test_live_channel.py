"""The live channel, through the real path: a supervisor's ticket from the local API, a real
WebSocket to the local cloud's channel (API Gateway's WebSocket API locally) whose $connect the
channel's function answers, Connect's contact events from the local contact center on the
default bus, and the monitor function they invoke pushing the snapshot and the alerts."""

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import ClientConnection, connect

from contactcenter.monitor.live_channel import CONNECTION, LiveChannelItem
from localcloud.contact_center import ContactCenter
from tests.api.conftest import Api

pytestmark = pytest.mark.local_cloud
RULE = "/monitor/alert-rules/general/contacts_waiting"
CACHE_SECONDS = 1.1  # the local cloud's MONITOR_CACHE_SECONDS, and a little


@pytest.fixture
def center(api: Api) -> Iterator[ContactCenter]:
    """The local cloud's own contact center (its contact events go to the bus), emptied."""
    with api.session.cloud.connect.emptied_center() as center:
        try:
            yield center
        finally:
            api.call("DELETE", RULE, as_="supervisor")


def _ticket(api: Api, **body: Any) -> dict[str, Any]:
    return api.call("POST", "/monitor/live-tickets", as_="supervisor", json=body, expect=201).json()  # type: ignore[no-any-return]


def _next(socket: ClientConnection, kind: str, timeout: float = 15.0) -> dict[str, Any]:
    """The next message of ``kind`` (snapshots come with every change; alerts with crossings)."""
    deadline = time.monotonic() + timeout
    while True:
        message = json.loads(socket.recv(timeout=max(0.1, deadline - time.monotonic())))
        if message["type"] == kind:
            return message  # type: ignore[no-any-return]


def _settle(api: Api) -> None:
    """The events delivered and their evaluations done; the snapshot old enough to be renewed."""
    api.session.cloud.wait_idle()
    time.sleep(CACHE_SECONDS)


def test_only_supervisors_get_a_ticket_and_a_ticket_opens_one_connection(api: Api) -> None:
    for role in ("agent", "department:billing", "integration"):
        assert api.call("POST", "/monitor/live-tickets", as_=role, json={}).status_code == 403, role
    given = _ticket(api, language="ko")
    assert given["url"].startswith("ws://") and given["language"] == "ko" and given["expires_in"] == 60
    base = given["url"].split("?")[0]

    for url in (base, f"{base}?ticket=not-a-ticket"):
        with pytest.raises(InvalidStatus) as refused:
            connect(url, open_timeout=10).close()
        assert refused.value.response.status_code == 401
    with connect(given["url"], open_timeout=10):
        with pytest.raises(InvalidStatus) as again:
            connect(given["url"], open_timeout=10).close()  # spent
        assert again.value.response.status_code == 401
        assert len(list(LiveChannelItem.query(CONNECTION))) >= 1


def test_contact_events_raise_and_clear_an_alert_pushed_in_the_watchers_language(
    api: Api, center: ContactCenter
) -> None:
    api.call("PUT", RULE, as_="supervisor", json={"raise_at": 3, "clear_at": 0, "language": "en"}, expect=200)
    before = {c.key for c in _watchers()}
    with connect(_ticket(api, language="nl")["url"], open_timeout=10) as socket:
        (mine,) = {c.key for c in _watchers()} - before
        for n in range(3):  # each contact's QUEUED event, once the snapshot may be renewed
            center.enqueue(f"live-contact-{n}", "VOICE", "general")
            _settle(api)
        snapshot = _next(socket, "snapshot")
        assert {"taken_at", "queues", "agents"} <= snapshot.keys()
        raised = _next(socket, "alert")
        assert (raised["state"], raised["queue"], raised["metric"], raised["value"]) == (
            "raised",
            "general",
            "contacts_waiting",
            3,
        )
        assert raised["language"] == "nl" and raised["title"].startswith("Wachtrij general")
        # The rule's own language is the inbox's and the topic's.
        inbox = api.call("GET", "/notifications", as_="supervisor", expect=200).json()["items"]
        told = [n["title"] for n in inbox if n["kind"] == "monitor.alert_raised"]
        assert any(title.startswith("Queue general") for title in told)

        for name in ("live-ana", "live-bo", "live-chen"):
            center.add_agent(name)
            center.login(name, "help_desk")
        _settle(api)
        for name in ("live-ana", "live-bo", "live-chen"):
            center.set_status(name, "Available")  # each takes a waiting contact: CONNECTED_TO_AGENT
        cleared = _next(socket, "alert")
        assert (cleared["state"], cleared["value"]) == ("cleared", 0)
        assert cleared["title"].startswith("Wachtrij general hersteld")

    api.session.cloud.wait_idle()
    deadline = time.monotonic() + 5
    while mine in {c.key for c in _watchers()} and time.monotonic() < deadline:
        time.sleep(0.1)  # $disconnect runs as the socket closes
    assert mine not in {c.key for c in _watchers()}


def _watchers() -> list[LiveChannelItem]:
    return list(LiveChannelItem.query(CONNECTION))


def test_an_agent_going_on_break_raises_the_staffing_alert_by_the_agent_event_stream(
    api: Api, center: ContactCenter
) -> None:
    """No contact moves and no minute passes: only the agent event stream can tell."""
    rule = "/monitor/alert-rules/general/agents_available"
    api.call("PUT", rule, as_="supervisor", json={"raise_at": 0, "clear_at": 1}, expect=200)
    try:
        center.add_agent("live-dae")
        center.login("live-dae", "help_desk")
        center.set_status("live-dae", "Available")
        _settle(api)
        with connect(_ticket(api, language="zh")["url"], open_timeout=10) as socket:
            center.set_status("live-dae", "Break")
            raised = _next(socket, "alert")
            assert (raised["state"], raised["metric"], raised["value"]) == ("raised", "agents_available", 0)
            assert raised["title"].startswith("队列 general")
            _settle(api)
            center.set_status("live-dae", "Available")
            cleared = _next(socket, "alert")
            assert (cleared["state"], cleared["value"]) == ("cleared", 1)
    finally:
        api.call("DELETE", rule, as_="supervisor")
