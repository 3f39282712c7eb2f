"""The functions the flows call, invoked with Connect's real event shapes, good and bad:
always a flat map of strings with a result code, never an exception."""

import json
from typing import Any

import pytest

from localcloud.connect import contact_flow_event
from localcloud.session import LocalSession
from tests.flows.conftest import JAN, PHONES

pytestmark = pytest.mark.local_cloud
INSTANCE = "arn:aws:connect:eu-central-1:123456789012:instance"


def _event(
    parameters: dict[str, str], caller: str = PHONES[JAN], attributes: dict[str, str] | None = None
) -> dict[str, Any]:
    return contact_flow_event(
        parameters, caller=caller, attributes=attributes, instance_arn=f"{INSTANCE}/local"
    )


def _invoke(local: LocalSession, function: str, event: Any) -> dict[str, str]:
    response = local.cloud.client("lambda").invoke(
        FunctionName=f"contactcenter-{function}", Payload=json.dumps(event).encode()
    )
    assert "FunctionError" not in response, response
    payload = json.loads(response["Payload"].read())
    assert isinstance(payload, dict)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in payload.items()), payload
    assert len(json.dumps(payload).encode()) < 32 * 1024
    return payload


@pytest.mark.parametrize(
    ("parameters", "result"),
    [
        ({"action": "lookup_account", "account_number": JAN}, "found"),
        ({"action": "lookup_account", "account_number": "00000000"}, "not_found"),
        ({"action": "lookup_account", "account_number": "12ab5678"}, "invalid_input"),
        ({"action": "lookup_account", "account_number": "1" * 100}, "invalid_input"),
        ({"action": "lookup_account"}, "invalid_input"),
        ({"action": "verify_pin", "account_number": JAN, "pin": "12"}, "invalid_input"),
        ({"action": "verify_pin", "account_number": JAN, "pin": "4321" * 50}, "invalid_input"),
        ({"action": "verify_pin", "account_number": JAN, "pin": "\uff14\uff13\uff12\uff11"}, "invalid_input"),
        ({"action": "verify_pin", "pin": "4321"}, "invalid_input"),
        ({"action": "transfer_money"}, "invalid_input"),
        ({}, "invalid_input"),
        ({"action": "identify"}, "known"),
    ],
)
def test_ivr_auth_answers_every_request_with_a_result_code(
    local: LocalSession, seeded: dict[str, str], parameters: dict[str, str], result: str
) -> None:
    assert _invoke(local, "ivr_auth", _event(parameters))["result"] == result


@pytest.mark.parametrize(
    "event",
    [
        {},
        {"Name": "ContactFlowEvent"},
        {"Name": "ContactFlowEvent", "Details": {"ContactData": {"Channel": "VOICE"}, "Parameters": {}}},
        {"Name": "SomethingElse", "Details": {"ContactData": {"ContactId": "x"}, "Parameters": {}}},
        {
            "Name": "ContactFlowEvent",
            "Details": {"ContactData": {"ContactId": "x"}, "Parameters": {"a": {"nested": 1}}},
        },
        ["not", "an", "object"],
        "a string",
    ],
)
@pytest.mark.parametrize("function", ["ivr_auth", "routing"])
def test_malformed_events_get_a_result_code_not_an_exception(
    local: LocalSession, function: str, event: Any
) -> None:
    assert _invoke(local, function, event) == {"result": "error", "error": "malformed_event"}


def test_lookup_answers_the_profile_and_the_caller_number_signal(
    local: LocalSession, seeded: dict[str, str]
) -> None:
    own = _invoke(local, "ivr_auth", _event({"action": "lookup_account", "account_number": JAN}))
    assert own["customer_id"] == seeded[JAN]
    assert (own["tier"], own["products"], own["language"], own["ani_match"]) == (
        "vip",
        "router-x",
        "nl",
        "true",
    )
    other = _invoke(
        local, "ivr_auth", _event({"action": "lookup_account", "account_number": JAN}, caller="+31699999999")
    )
    assert other["ani_match"] == "false"
    assert "pin_hash" not in own


def test_identify_answers_prompts_in_the_callers_language(
    local: LocalSession, seeded: dict[str, str]
) -> None:
    known = _invoke(local, "ivr_auth", _event({"action": "identify"}))
    assert (known["result"], known["language"]) == ("known", "nl")
    assert known["p_welcome"] == "Welkom bij de helpdesk."
    unknown = _invoke(local, "ivr_auth", _event({"action": "identify"}, caller="+31699999999"))
    assert (unknown["result"], unknown["language"]) == ("unknown", "en")


def test_routing_without_a_customer_uses_the_general_queue(local: LocalSession) -> None:
    answer = _invoke(local, "routing", _event({"auth_level": "none"}))
    assert (answer["result"], answer["queue_name"], answer["priority"]) == (
        "routed",
        "General help desk",
        "5",
    )
    assert answer["open_ticket_count"] == "0"
