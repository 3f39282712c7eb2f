"""Answers to a waiting workflow with an Idempotency-Key: a retry (the client never saw the
202) gets the same 202 instead of 409 workflow-task-expired, and the workflow hears it once."""

import time

import pytest

from tests.api.conftest import problem, unique
from tests.workflows.conftest import BILLING_MEMBER, Loop, mobile

pytestmark = pytest.mark.local_cloud


def test_a_retried_resolution_and_follow_up_answer_again(loop: Loop) -> None:
    ticket_id = loop.complaint()["ticket_id"]
    loop.wait_state(ticket_id, "awaiting_resolution")
    path = f"/tickets/{ticket_id}/resolution"
    headers = {"Idempotency-Key": unique("resolution-")}
    body = {"resolution": "Het bedrag is teruggestort."}
    first = loop.api.call("POST", path, as_=BILLING_MEMBER, json=body, headers=headers, expect=202)
    again = loop.api.call("POST", path, as_=BILLING_MEMBER, json=body, headers=headers, expect=202)
    assert again.json() == first.json()
    other = loop.api.call("POST", path, as_=BILLING_MEMBER, json={"resolution": "Anders"}, headers=headers)
    assert (other.status_code, problem(other)["type"]) == (
        422,
        "urn:contactcenter:problem:idempotency-key-reused",
    )
    loop.resolve(ticket_id, expect=409)  # without the key: the wait is over

    loop.wait_state(ticket_id, "awaiting_follow_up")
    path = f"/tickets/{ticket_id}/follow-up"
    headers = {"Idempotency-Key": unique("follow-up-")}
    body = {"outcome": "satisfied", "csat": 5}
    first = loop.api.call("POST", path, json=body, headers=headers, expect=202)
    again = loop.api.call("POST", path, json=body, headers=headers, expect=202)
    assert again.json() == first.json()
    closed = loop.wait(ticket_id, lambda t: t["status"] == "closed")
    assert (closed["csat"], closed["disposition"]) == (5, "satisfied")
    assert loop.timeline(ticket_id).count("resolved → closed") == 1


def test_a_retried_callback_outcome_answers_again(loop: Loop) -> None:
    body = {"number": mobile()}
    callback = loop.api.call("POST", "/callbacks", as_="integration", json=body, expect=201).json()
    callback_id = callback["callback_id"]
    deadline = time.monotonic() + 20
    while loop.api.call("GET", f"/callbacks/{callback_id}", expect=200).json()["status"] != "dialing":
        assert time.monotonic() < deadline, f"{callback_id} never dialled"
        time.sleep(0.1)
    path = f"/callbacks/{callback_id}/outcome"
    headers = {"Idempotency-Key": unique("outcome-")}
    first = loop.api.call("POST", path, json={"outcome": "connected"}, headers=headers, expect=202)
    again = loop.api.call("POST", path, json={"outcome": "connected"}, headers=headers, expect=202)
    assert again.json() == first.json()
    other = loop.api.call("POST", path, json={"outcome": "busy"}, headers=headers)
    assert other.status_code == 422
    loop.api.call("POST", path, json={"outcome": "connected"}, expect=409)  # without the key: refused
    read = loop.api.call("GET", f"/callbacks/{callback_id}", expect=200).json()
    assert [a["outcome"] for a in read["attempts"]] == ["connected"]
