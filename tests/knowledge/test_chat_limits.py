"""The chat's abuse limits, through the real chat_bot function on the local cloud (invoked with
Lex V2 events, as the chat tests do): turns per chat session, and tickets per customer per hour
for the tickets the bot opens. No HTTP here: the bot answers in the chatter's language and tells
the flow which limit was reached (``limited``) and when to come back (``retry_after``)."""

import random
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine

from localcloud.flow_simulator import lex_event
from tests.api.conftest import Api
from tests.knowledge.test_chat import invoke_bot

pytestmark = pytest.mark.local_cloud

CHAT_TURNS = 60  # the defaults (contactcenter.rate_limits.AbuseLimitSettings)
TICKETS_PER_HOUR = 10
DAY = 86_400


def _start_of(seconds: int, ahead: int) -> datetime:
    now = int(datetime.now(UTC).timestamp())
    return datetime.fromtimestamp((now // seconds + ahead) * seconds + 0.2, UTC)


def _say(kb: Api, session_id: str, text: str, locale: str = "en_US", **attributes: str) -> dict[str, Any]:
    return invoke_bot(kb, lex_event(session_id, text, locale, attributes))


def _text(answer: dict[str, Any]) -> str:
    return str(answer["messages"][0]["content"])


def test_a_chat_session_has_a_limit_of_turns_per_day(kb: Api) -> None:
    with time_machine.travel(_start_of(DAY, ahead=3), tick=True) as day:
        flooded, calm = f"flood-{random.random()}", f"calm-{random.random()}"
        for _ in range(CHAT_TURNS):
            assert _text(_say(kb, flooded, "hallo", "nl_NL")).startswith("Hallo!")
        answer = _say(kb, flooded, "hallo", "nl_NL")
        assert _text(answer).startswith("Dit gesprek heeft de maximale lengte bereikt")
        state = answer["sessionState"]
        assert state["dialogAction"] == {"type": "Close"}  # closed, and not handed to a person
        assert state["sessionAttributes"]["limited"] == "chat-turns"
        assert "handover" not in state["sessionAttributes"]
        assert DAY - 120 < int(state["sessionAttributes"]["retry_after"]) <= DAY
        assert _text(_say(kb, calm, "hello")).startswith("Hello!")  # other chats go on
        day.shift(DAY)
        assert _text(_say(kb, flooded, "hallo", "nl_NL")).startswith("Hallo!")


def test_the_tickets_a_signed_in_chatter_opens_are_limited_per_hour(kb: Api) -> None:
    with time_machine.travel(_start_of(3600, ahead=30), tick=True):
        customer_id = kb.call(
            "POST", "/customers", json={"name": "Chatty", "language": "en"}, expect=201
        ).json()["customer_id"]
        token = kb.session.token("customer", customer_id=customer_id)
        assertion = kb.call("POST", "/chat/sessions", token=token, expect=201).json()["assertion"]
        session_id = f"tickets-{random.random()}"
        for _ in range(TICKETS_PER_HOUR):
            answer = _say(
                kb, session_id, "Please open a ticket about my invoice", customer_assertion=assertion
            )
            assert _text(answer).startswith("Your ticket T-")
        answer = _say(kb, session_id, "Please open a ticket about my invoice", customer_assertion=assertion)
        assert _text(answer).startswith("You have opened several tickets in the last hour")
        attributes = answer["sessionState"]["sessionAttributes"]
        assert attributes["limited"] == "tickets-per-hour"
        assert answer["sessionState"]["dialogAction"] != {"type": "Close"}  # they may still ask
        assert "handover" not in attributes
        listed = kb.call("GET", "/tickets", params={"customer": customer_id, "limit": 100}, expect=200)
        assert len(listed.json()["items"]) == TICKETS_PER_HOUR
