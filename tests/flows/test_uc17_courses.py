"""UC17, "authenticate inbound help-desk callers in the IVR": every course, through the real
inbound flow file, the simulator and the real functions."""

import pytest

from contactcenter.ivr.prompts import PROMPTS
from tests.flows.conftest import EMMA, JAN, KIM, LI, PHONES, PINS, Phone

pytestmark = pytest.mark.local_cloud
NL, EN = PROMPTS["nl"], PROMPTS["en"]


def test_basic_course_authenticates_and_routes_by_product_with_priority(phone: Phone) -> None:
    call = phone.call("1", f"{JAN}#", f"{PINS[JAN]}#")
    prompts = call.prompts()
    assert prompts == [NL["welcome"], NL["menu"], NL["account"], NL["pin"], NL["transfer"]]
    assert (call.outcome, call.queue, call.priority) == ("connected", "Router X support", 1)
    pop = call.attributes
    assert (pop["authenticated"], pop["auth_level"]) == ("true", "full")
    assert pop["customer_name"] == "Jan de Vries"
    assert pop["company"] == "Bakkerij De Vries"
    assert (pop["tier"], pop["products"], pop["intent"], pop["ani_match"]) == (
        "vip",
        "router-x",
        "new",
        "true",
    )
    assert pop["routing_reason"] == "registered product router-x"
    assert pop["customer_id"] == phone.customers[JAN]


def test_course_a_no_account_number_goes_to_the_general_queue(phone: Phone) -> None:
    call = phone.call("1", "0#")
    assert call.prompts() == [NL["welcome"], NL["menu"], NL["account"], NL["transfer"]]
    assert (call.queue, call.priority) == ("General help desk", None)
    assert (call.attributes["authenticated"], call.attributes["auth_level"]) == ("false", "none")
    assert not call.lambda_results("ivr_auth")[1:]  # only the identify step; no lookup


def test_course_b_two_wrong_account_numbers(phone: Phone) -> None:
    call = phone.call("1", "99999999#", "88888888#")
    assert call.prompts() == [
        NL["welcome"],
        NL["menu"],
        NL["account"],
        NL["account_retry"],
        NL["account"],
        NL["cannot_verify"],
        NL["transfer"],
    ]
    assert [r["result"] for r in call.lambda_results("ivr_auth")] == ["known", "not_found", "not_found"]
    assert call.queue == "General help desk"
    assert call.attributes["auth_level"] == "none"


def test_course_c_no_pin_goes_to_the_general_queue(phone: Phone) -> None:
    call = phone.call("1", f"{JAN}#", "0#")
    assert call.prompts() == [NL["welcome"], NL["menu"], NL["account"], NL["pin"], NL["transfer"]]
    assert call.queue == "General help desk"
    assert call.attributes["auth_level"] == "none"


def test_course_d_two_wrong_pins_go_to_a_product_agent_with_the_company(phone: Phone) -> None:
    call = phone.call("1", f"{KIM}#", "1111#", "2222#", caller="+31650000000")
    assert call.prompts() == [
        EN["welcome"],  # an unknown number: English
        EN["menu"],
        EN["account"],
        EN["pin"],
        EN["pin_retry"],
        EN["pin"],
        EN["cannot_verify"],
        EN["transfer"],
    ]
    assert call.queue == "Router X support"  # skilled in the customer's registered product
    pop = call.attributes
    assert (pop["authenticated"], pop["auth_level"], pop["company"]) == (
        "false",
        "company_only",
        "Hanbit Logistics",
    )
    assert "customer_name" not in pop  # the agent authenticates the caller by hand
    assert pop["ani_match"] == "false"


def test_existing_issue_prefers_the_department_of_the_open_ticket(phone: Phone) -> None:
    session = phone.session
    customer_id = phone.customers[KIM]
    ticket = session.http(
        "POST",
        "/tickets",
        token=session.token("agent"),
        json={
            "type": "request",
            "subject": "청구서 문의",
            "customer_id": customer_id,
            "department": "billing",
        },
    ).json()
    existing = phone.call("2", f"{KIM}#", f"{PINS[KIM]}#", caller=PHONES[KIM])
    assert existing.queue == "Billing"
    assert existing.attributes["latest_ticket_id"] == ticket["ticket_id"]
    assert existing.attributes["latest_ticket_subject"] == "청구서 문의"
    assert existing.attributes["routing_reason"] == f"existing issue {ticket['ticket_id']} is with billing"
    assert existing.prompts()[0] == PROMPTS["ko"]["welcome"]
    new = phone.call("1", f"{KIM}#", f"{PINS[KIM]}#", caller=PHONES[KIM])
    assert new.queue == "Router X support"
    assert int(new.attributes["open_ticket_count"]) >= 1


@pytest.mark.parametrize(("account", "priority"), [(JAN, 1), (KIM, 2), (LI, None)])
def test_top_customers_are_routed_with_priority(phone: Phone, account: str, priority: int | None) -> None:
    call = phone.call("1", f"{account}#", f"{PINS[account]}#", caller=PHONES[account])
    assert call.priority == priority
    assert call.attributes["auth_level"] == "full"


def test_a_long_expected_wait_overflows_to_the_fallback_queue(phone: Phone) -> None:
    conditions = phone.session.cloud.connect.conditions["router_x"]
    conditions.agents_available, conditions.oldest_contact_age = 0, 900
    call = phone.call("1", f"{JAN}#", f"{PINS[JAN]}#")
    assert call.queue == "General help desk"
    assert (
        call.attributes["routing_reason"]
        == "registered product router-x; overflow: expected wait 900s > 300s"
    )
    conditions.oldest_contact_age = 120  # a short wait stays
    assert phone.call("1", f"{JAN}#", f"{PINS[JAN]}#").queue == "Router X support"


def test_after_hours_the_caller_hears_the_hours(phone: Phone) -> None:
    phone.session.cloud.connect.open_override = False
    call = phone.call("1", f"{JAN}#")
    assert call.prompts() == [NL["closed"]]
    assert (call.outcome, call.queue) == ("disconnected", None)


def test_hours_follow_the_clock_in_the_help_desks_time_zone(phone: Phone) -> None:
    from datetime import UTC, datetime

    connect = phone.session.cloud.connect
    connect.open_override = None
    connect.now = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)  # Saturday 09:30 in Amsterdam: closed until 10
    try:
        assert phone.call("1").prompts() == [NL["closed"]]
        connect.now = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)  # 10:30: open
        assert phone.call("1", "0#").queue == "General help desk"
    finally:
        connect.now = None


def test_a_customer_without_a_pin_goes_to_the_general_queue(phone: Phone) -> None:
    call = phone.call("1", f"{EMMA}#", "1234#", caller=PHONES[EMMA])
    runtime = phone.session.cloud.runtime
    assert runtime is not None
    last_check = [i for i in runtime.history if i.function_name.endswith("ivr_auth")][-1]
    assert '"result": "no_pin"' in last_check.payload
    assert call.queue == "General help desk"
    assert call.attributes["auth_level"] == "none"


def test_a_chinese_caller_hears_chinese_with_a_chinese_voice(phone: Phone) -> None:
    call = phone.call("1", f"{LI}#", f"{PINS[LI]}#", caller=PHONES[LI])
    assert call.prompts()[:2] == [PROMPTS["zh"]["welcome"], PROMPTS["zh"]["menu"]]
    voices = [s.data["voice"] for s in call.steps if s.kind == "voice"]
    languages = [s.data["language"] for s in call.steps if s.kind == "language"]
    assert (voices, languages) == (["Zhiyu"], ["zh-CN"])
    assert call.queue == "Router Y support"


def test_calls_are_recorded(phone: Phone) -> None:
    call = phone.call("1", "0#")
    assert [s.data["participants"] for s in call.steps if s.kind == "recording"] == [["Agent", "Customer"]]


def test_a_closed_skilled_queue_sends_the_caller_to_the_general_help_desk(phone: Phone) -> None:
    """Billing keeps office hours; on Saturday the help desk is open but billing is not."""
    from datetime import UTC, datetime

    session = phone.session
    session.http(
        "POST",
        "/tickets",
        token=session.token("agent"),
        json={
            "type": "request",
            "subject": "Factuur",
            "customer_id": phone.customers[LI],
            "department": "billing",
        },
    )
    connect = session.cloud.connect
    connect.open_override = None
    connect.now = datetime(2026, 11, 21, 11, 0, tzinfo=UTC)  # Saturday 12:00 in Amsterdam
    try:
        call = phone.call("2", f"{LI}#", f"{PINS[LI]}#", caller=PHONES[LI])
        assert call.queue == "General help desk"
        assert call.attributes["routing_reason"] == "the skilled queue is closed now: general help desk"
        assert [s.data["hours"] for s in call.steps if s.kind == "hours"] == ["business", "office"]
        connect.now = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)  # Monday 12:00
        assert phone.call("2", f"{LI}#", f"{PINS[LI]}#", caller=PHONES[LI]).queue == "Billing"
    finally:
        connect.now = None
