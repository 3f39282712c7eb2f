"""Repeated wrong PINs lock the account across calls; the customer-queue flow offers a
callback that keeps the caller's place."""

import json
import time
import uuid

import pytest

import catalog
from contactcenter.constants import METRICS_NAMESPACE
from contactcenter.ivr.prompts import PROMPTS
from localcloud.session import LocalSession
from tests.flows.conftest import JAN, PINS, Phone

pytestmark = pytest.mark.local_cloud


def _new_caller(session: LocalSession) -> tuple[str, str]:
    """A customer of its own (so the lockout does not spill into other tests)."""
    token = session.token("agent")
    account = str(uuid.uuid4().int)[:9]
    customer = session.http(
        "POST",
        "/customers",
        token=token,
        json={
            "name": "Lock Test",
            "account_number": account,
            "products": ["router-y"],
            "phones": ["+31612000000"],
        },
    ).json()
    assert (
        session.http(
            "PUT", f"/customers/{customer['customer_id']}/pin", token=token, json={"pin": "5555"}
        ).status_code
        == 204
    )
    return account, customer["customer_id"]


STRANGER = "+31699999999"  # a number no customer has, so every call starts at the account prompt


def test_three_wrong_pins_across_calls_lock_the_account(phone: Phone) -> None:
    session = phone.session
    account, customer_id = _new_caller(session)
    first = phone.call("1", f"{account}#", "1111#", "2222#", caller=STRANGER)  # two wrong: course D
    assert first.attributes["auth_level"] == "company_only"
    locked = phone.call("1", f"{account}#", "3333#", caller=STRANGER)  # the third wrong PIN within the window
    assert locked.queue == "General help desk"
    assert locked.attributes["auth_level"] == "none"
    # Now even the right PIN does not get through: the account itself is locked.
    after = phone.call("1", f"{account}#", "5555#", caller=STRANGER)
    assert [r["result"] for r in after.lambda_results("ivr_auth")] == ["unknown", "locked"]
    assert after.queue == "General help desk"
    # The lockout is audited, sealed under the customer's data key: their export opens it.
    exported = session.http("GET", f"/customers/{customer_id}/export", token=session.token("supervisor"))
    lockouts = [r for r in exported.json()["audit"] if r["action"] == "customer.ivr_locked"]
    assert len(lockouts) == 1
    assert lockouts[0]["after"]["pin_failures"] == 3
    logs = session.cloud.client("logs").filter_log_events(logGroupName="/aws/lambda/contactcenter-ivr_auth")[
        "events"
    ]
    # The metric the alarm watches, with the namespace and dimension the alarm names.
    (emf,) = [json.loads(e["message"]) for e in logs if '"IvrLockouts"' in e["message"]]
    (alarm,) = [a for a in catalog.BUSINESS_ALARMS if a.metric == "IvrLockouts"]
    (declaration,) = emf["_aws"]["CloudWatchMetrics"]
    assert declaration["Namespace"] == METRICS_NAMESPACE
    assert ["service"] in declaration["Dimensions"]
    assert (emf["service"], emf["IvrLockouts"]) == (alarm.service, [1.0])
    # A new PIN, set by an agent who authenticated the customer by hand, unlocks it.
    token = session.token("agent")
    assert (
        session.http("PUT", f"/customers/{customer_id}/pin", token=token, json={"pin": "6666"}).status_code
        == 204
    )
    assert phone.call("1", f"{account}#", "6666#").attributes["auth_level"] == "full"


def test_a_right_pin_resets_the_failure_count(phone: Phone) -> None:
    account, _ = _new_caller(phone.session)
    phone.call("1", f"{account}#", "1111#", "5555#")  # one wrong, then right
    phone.call("1", f"{account}#", "1111#", "2222#")  # two wrong: not locked yet, count restarted
    assert phone.call("1", f"{account}#", "5555#").attributes["auth_level"] == "full"


def test_a_long_queue_offers_a_callback_that_keeps_the_place(phone: Phone) -> None:
    session = phone.session
    conditions = session.cloud.connect.conditions["router_x"]
    conditions.agents_available, conditions.oldest_contact_age = 0, 200  # below overflow, above the offer
    caller = f"+3161{uuid.uuid4().int % 10_000_000:07d}"
    call = phone.call("1", f"{JAN}#", f"{PINS[JAN]}#", "1", caller=caller)
    assert call.queue == "Router X support"
    assert call.outcome == "callback"
    assert call.callback == {
        "queue": "router_x",
        "number": caller,
        "initial_delay_seconds": 5,
        "max_attempts": 3,
        "retry_delay_seconds": 600,
    }
    # Calling from a number the product does not know: English, whatever the account's language.
    queue_prompts = [s.data["text"] for s in call.lines() if s.kind == "say"][-3:]
    assert queue_prompts[1:] == [PROMPTS["en"]["callback_offer"], PROMPTS["en"]["callback_confirm"]]
    # The callback is the product's too: registered, tracked by its workflow, Connect dials it.
    token = session.token("agent")
    callback_id = call.attributes["callback_id"]
    callback = session.http("GET", f"/callbacks/{callback_id}", token=token).json()
    assert (callback["kind"], callback["queue"], callback["customer_id"]) == (
        "queued",
        "router_x",
        phone.customers[JAN],
    )
    _wait_status(session, callback_id, "dialing")
    assert not session.cloud.connect.tasks_for("callback_id", callback_id)  # no agent task: Connect dials
    # Asking again while it is open: told so, not queued twice.
    again = phone.call("1", f"{JAN}#", f"{PINS[JAN]}#", "1", caller=caller)
    assert [r["result"] for r in again.lambda_results("callback_register")] == ["merged"]
    assert again.callback is None
    outcome = {"outcome": "connected"}
    assert (
        session.http("POST", f"/callbacks/{callback_id}/outcome", token=token, json=outcome).status_code
        == 202
    )
    _wait_status(session, callback_id, "completed")


def test_a_do_not_call_number_is_not_offered_a_callback(phone: Phone) -> None:
    session = phone.session
    conditions = session.cloud.connect.conditions["router_x"]
    conditions.agents_available, conditions.oldest_contact_age = 0, 200
    caller = f"+3161{uuid.uuid4().int % 10_000_000:07d}"
    token = session.token("agent")
    assert session.http("PUT", f"/do-not-call/{caller}", token=token, json={}).status_code == 200
    call = phone.call("1", f"{JAN}#", f"{PINS[JAN]}#", "1", caller=caller)
    assert [r["result"] for r in call.lambda_results("callback_register")] == ["do_not_call"]
    assert call.callback is None
    assert PROMPTS["en"]["callback_unavailable"] in call.prompts()


def _wait_status(session: LocalSession, callback_id: str, status: str) -> None:
    token = session.token("agent")
    deadline = time.monotonic() + 20
    while session.http("GET", f"/callbacks/{callback_id}", token=token).json()["status"] != status:
        assert time.monotonic() < deadline, f"{callback_id} never became {status}"
        time.sleep(0.1)


def test_a_short_queue_just_plays_the_waiting_message(phone: Phone) -> None:
    conditions = phone.session.cloud.connect.conditions["router_x"]
    conditions.agents_available, conditions.oldest_contact_age = 0, 30
    call = phone.call("1", f"{JAN}#", f"{PINS[JAN]}#")
    assert call.outcome == "waiting"
    assert call.callback is None
    assert not [s for s in call.steps if s.action == "Offer callback"]
