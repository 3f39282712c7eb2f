"""Callbacks: scheduled through the API, dialled by agents within calling hours, never to a
do-not-call number, one open callback per number, every attempt recorded."""

import json
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from contactcenter.constants import Env
from localcloud.lake import DuckDbEngine
from tests.api.conftest import problem
from tests.workflows.conftest import Loop, mobile

pytestmark = pytest.mark.local_cloud


def request(loop: Loop, expect: int = 201, as_: str = "integration", **body: Any) -> dict[str, Any]:
    response = loop.api.call("POST", "/callbacks", as_=as_, json=body, expect=expect)
    return response.json()  # type: ignore[no-any-return]


def read(loop: Loop, callback_id: str) -> dict[str, Any]:
    return loop.api.call("GET", f"/callbacks/{callback_id}", expect=200).json()  # type: ignore[no-any-return]


def wait_for(loop: Loop, callback_id: str, status: str, timeout: float = 20) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while (callback := read(loop, callback_id))["status"] != status:
        assert time.monotonic() < deadline, f"{callback_id} is {callback['status']}, never {status}"
        time.sleep(0.1)
    return callback


def calling_hours(window: list[str], zone: str = "*") -> Any:
    """An environment change: these calling hours for every queue (or one)."""

    def change(environment: dict[str, str]) -> None:
        queues = json.loads(environment[Env.QUEUES])
        for key, queue in queues["queues"].items():
            if zone in ("*", key):
                queue["calling_hours"] = window
        environment[Env.QUEUES] = json.dumps(queues)

    return change


def test_a_scheduled_callback_is_retried_until_it_connects(loop: Loop) -> None:
    number = mobile()
    at = datetime.now(UTC) + timedelta(seconds=2)
    callback = request(loop, number=number, at=at.isoformat(), reason="Vraag over de factuur", language="nl")
    assert (callback["status"], callback["kind"], callback["time_zone"]) == (
        "waiting",
        "scheduled",
        "Europe/Amsterdam",
    )
    assert not loop.tasks("number", number)  # not before its moment
    wait_for(loop, callback["callback_id"], "dialing")
    (first,) = loop.tasks("number", number)
    assert (first.queue, first.attributes["callback_id"], first.attributes["attempt"]) == (
        "general",
        callback["callback_id"],
        "1",
    )
    outcome = {"outcome": "no_answer", "note": "voicemail"}
    loop.api.call("POST", f"/callbacks/{callback['callback_id']}/outcome", json=outcome, expect=202)
    _wait_tasks(loop, number, 2)  # after the retry delay, a second agent is asked to call
    loop.api.call(
        "POST", f"/callbacks/{callback['callback_id']}/outcome", json={"outcome": "connected"}, expect=202
    )
    done = wait_for(loop, callback["callback_id"], "completed")
    assert [(a["outcome"], a["by"]) for a in done["attempts"]] == [
        ("no_answer", "agent"),
        ("connected", "agent"),
    ]
    # The number is free again: a new request is a new callback.
    assert request(loop, number=number)["callback_id"] != callback["callback_id"]
    _reaches_the_lake(loop, callback["callback_id"])


def _reaches_the_lake(loop: Loop, callback_id: str) -> None:
    """The callbacks table's stream, as callback.* events on the bus, filed by the lake feed:
    the request, both attempts and the ending, with no number or note in them."""
    cloud = loop.session.cloud
    cloud.wait_idle()
    assert cloud.resources.lake_path is not None
    answer = DuckDbEngine(cloud.resources.lake_path).execute(
        "SELECT kind, attempt_number, outcome, status, queue FROM callback_events WHERE callback_id = ? "
        "ORDER BY occurred_at, kind",
        [callback_id],
    )
    kinds = [(kind, number, outcome) for kind, number, outcome, _, _ in answer.rows]
    assert ("requested", None, None) in kinds
    assert [k for k in kinds if k[0] == "attempted"] == [
        ("attempted", 1, "no_answer"),
        ("attempted", 2, "connected"),
    ]
    assert ("completed", "general") in {
        (status, queue) for kind, _, _, status, queue in answer.rows if kind == "status_changed"
    }
    today = datetime.now(UTC).date().isoformat()
    report = loop.api.call(
        "GET", "/reports/callbacks", as_="supervisor", params={"from": today, "to": today}, expect=200
    ).json()
    general = next(row for row in report["rows"] if row["queue"] == "general")
    assert general["attempts"] >= 2 and general["completed"] >= 1


def _wait_tasks(loop: Loop, number: str, count: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while len(loop.tasks("number", number)) < count:
        assert time.monotonic() < deadline, (
            f"{number}: {len(loop.tasks('number', number))} tasks, not {count}"
        )
        time.sleep(0.1)


def test_a_callback_outside_calling_hours_waits_for_the_window(loop: Loop) -> None:
    now = datetime.now(UTC)
    offset = max(-12, min(14, 12 - now.hour))  # a zone where it is around noon now
    zone = f"Etc/GMT{'+' if offset <= 0 else '-'}{abs(offset)}"  # POSIX signs are reversed
    opening = (now + timedelta(seconds=4)).replace(microsecond=0)  # calling hours are to the second
    opens = opening.astimezone(ZoneInfo(zone)).strftime("%H:%M:%S")
    number = mobile()
    with loop.tuned("callback_steps", calling_hours([opens, "23:59:59"])):
        callback = request(loop, number=number, time_zone=zone)
        waiting = wait_for(loop, callback["callback_id"], "waiting")
        assert not loop.tasks("number", number)
        _wait_tasks(loop, number, 1)
    dialled_at = datetime.now(UTC)
    assert dialled_at >= opening
    assert waiting["time_zone"] == zone


def test_a_number_on_the_do_not_call_list_is_never_dialled(loop: Loop) -> None:
    number = mobile()
    listed = loop.api.call(
        "PUT", f"/do-not-call/{number}", json={"reason": "asked by phone"}, expect=200
    ).json()
    assert listed["added_by"] == "agent"
    callback = request(loop, number=number)
    assert wait_for(loop, callback["callback_id"], "do_not_call")["attempts"] == []
    assert not loop.tasks("number", number)
    assert loop.api.call("GET", f"/do-not-call/{number}", expect=200).json()["reason"] == "asked by phone"
    assert problem(loop.api.call("DELETE", f"/do-not-call/{number}", expect=403))["type"].endswith(
        "forbidden"
    )
    loop.api.call("DELETE", f"/do-not-call/{number}", as_="supervisor", expect=204)
    loop.api.call("GET", f"/do-not-call/{number}", expect=404)


def test_a_complaint_follow_up_to_a_do_not_call_number_closes_without_a_call(loop: Loop) -> None:
    customer = loop.customer()
    loop.api.call("PUT", f"/do-not-call/{customer['phones'][0]}", json={}, expect=200)
    ticket_id = loop.complaint(customer)["ticket_id"]
    loop.wait_state(ticket_id, "awaiting_resolution")
    loop.resolve(ticket_id)
    closed = loop.wait(ticket_id, lambda t: t["status"] == "closed")
    assert closed["disposition"] == "do_not_call"
    assert not loop.tasks("ticket_id", ticket_id)


def test_a_duplicate_request_is_merged_not_dialled_twice(loop: Loop) -> None:
    number = mobile()
    at = (datetime.now(UTC) + timedelta(minutes=30)).isoformat()
    first = request(loop, number=number, at=at)
    again = request(loop, number=number.replace("+31", "+31 "), expect=200)
    assert (again["callback_id"], again["merged_requests"]) == (first["callback_id"], 1)
    results: list[dict[str, Any]] = []
    threads = [
        threading.Thread(target=lambda: results.append(request(loop, number=number, expect=200)))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {r["callback_id"] for r in results} == {first["callback_id"]}
    assert read(loop, first["callback_id"])["merged_requests"] == 5
    assert [e["name"] for e in loop.executions(first["callback_id"])] == [first["callback_id"]]
    loop.api.call("DELETE", f"/callbacks/{first['callback_id']}", expect=200)


def test_a_cancelled_callback_is_not_dialled(loop: Loop) -> None:
    number = mobile()
    at = (datetime.now(UTC) + timedelta(seconds=3)).isoformat()
    callback = request(loop, number=number, at=at)
    cancelled = loop.api.call("DELETE", f"/callbacks/{callback['callback_id']}", expect=200).json()
    assert cancelled["status"] == "cancelled"
    assert loop.finished(callback["callback_id"])["status"] == "SUCCEEDED"
    assert not loop.tasks("number", number)
    again = problem(loop.api.call("DELETE", f"/callbacks/{callback['callback_id']}", expect=409))
    assert again["callback_status"] == "cancelled"
    not_dialing = problem(
        loop.api.call(
            "POST", f"/callbacks/{callback['callback_id']}/outcome", json={"outcome": "connected"}, expect=409
        )
    )
    assert not_dialing["type"] == "urn:contactcenter:problem:callback-not-dialing"


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ({"number": "0612345678"}, "invalid-phone-number"),
        ({"number": "+3199"}, "invalid-phone-number"),
        ({"number": "+31612345678", "at": "2020-01-01T10:00:00+01:00"}, "callback-time-in-the-past"),
        ({"number": "+31612345678", "queue": "nowhere"}, "invalid-request"),
        ({"number": "+31612345678", "time_zone": "Mars/Olympus"}, "invalid-request"),
    ],
)
def test_a_bad_callback_request_gets_a_specific_400(loop: Loop, body: dict[str, Any], kind: str) -> None:
    refused = problem(loop.api.call("POST", "/callbacks", json=body, expect=400))
    assert refused["type"] == f"urn:contactcenter:problem:{kind}"


def test_a_time_outside_calling_hours_is_refused(loop: Loop) -> None:
    tomorrow_evening = (datetime.now(UTC) + timedelta(days=1)).replace(
        hour=21, minute=30, second=0, microsecond=0
    )
    with loop.tuned("api_callbacks", calling_hours(["08:00", "21:00"])):
        refused = problem(
            loop.api.call(
                "POST",
                "/callbacks",
                json={"number": mobile(), "at": tomorrow_evening.isoformat(), "time_zone": "UTC"},
                expect=400,
            )
        )
    assert refused["type"] == "urn:contactcenter:problem:outside-calling-hours"
    assert (refused["calling_hours"], refused["time_zone"]) == ("08:00-21:00", "UTC")


def test_a_customer_facing_client_sees_only_its_own_callbacks(loop: Loop) -> None:
    mine = request(
        loop, as_="portal", number=mobile(), at=(datetime.now(UTC) + timedelta(hours=1)).isoformat()
    )
    loop.api.call("GET", f"/callbacks/{mine['callback_id']}", as_="portal", expect=200)
    theirs = request(loop, number=mobile(), at=(datetime.now(UTC) + timedelta(hours=1)).isoformat())
    loop.api.call("GET", f"/callbacks/{theirs['callback_id']}", as_="portal", expect=404)
    for callback in (mine, theirs):
        loop.api.call("DELETE", f"/callbacks/{callback['callback_id']}", expect=200)
