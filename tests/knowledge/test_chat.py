"""The self-service chat: the chat flow file run by the simulator, handing the customer to the
Lex bot whose code hook is the real chat_bot function (called with Lex V2 events) on the local
cloud, answering from the knowledge base."""

import json
import random
import time
from typing import Any

import boto3
import pytest
from boto3.dynamodb.conditions import Key

from localcloud.flow_simulator import CallResult, lex_event
from localcloud.lake import DuckDbEngine
from localcloud.provision import physical_name
from tests.api.conftest import Api
from tests.knowledge.conftest import eventually

NDJSON = {"Content-Type": "application/x-ndjson"}  # the import's body: JSON Lines

pytestmark = pytest.mark.local_cloud


def chat(kb: Api, *lines: str, **attributes: str) -> CallResult:
    cloud = kb.session.cloud
    return cloud.simulator().call(
        cloud.flow_arn("chat_selfservice"),
        caller="+31612345678",
        inputs=lines,
        channel="CHAT",
        attributes=attributes,
    )


def bot_said(result: CallResult) -> list[str]:
    return [
        line.data["text"] for line in result.lines() if line.kind == "say" and line.text.startswith("bot:")
    ]


def table(kb: Api, key: str) -> Any:
    cloud = kb.session.cloud
    dynamodb = boto3.resource(
        "dynamodb",
        region_name=cloud.region,
        endpoint_url=cloud.endpoint_url,
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )
    return dynamodb.Table(physical_name(key))


def audit_of(kb: Api, contact_id: str) -> list[dict[str, Any]]:
    audit = table(kb, "audit")
    return audit.query(KeyConditionExpression=Key("entity").eq(f"chat#{contact_id}"))["Items"]  # type: ignore[no-any-return]


def feedback(kb: Api, article_id: str) -> tuple[int, int]:
    body = kb.call("GET", f"/knowledge/articles/{article_id}/feedback", expect=200).json()
    return body["helpful"], body["unhelpful"]


def test_a_dutch_chat_is_answered_in_dutch_and_the_thumbs_up_recorded(kb: Api) -> None:
    before = feedback(kb, "kb-double-charge-nl")
    result = chat(kb, "hallo", "Er is twee keer afgeschreven voor mijn factuur", "ja, dank je", language="nl")
    said = bot_said(result)
    assert said[0].startswith("Hallo!")
    assert said[1].startswith("Een dubbele afschrijving storten we")  # the Dutch article's answer
    assert said[2] == "Heeft dit uw vraag beantwoord? (ja / nee)"
    assert said[3].startswith("Fijn dat ik u kon helpen")
    assert result.outcome != "connected"  # answered: nobody needed
    assert feedback(kb, "kb-double-charge-nl") == (before[0] + 1, before[1])
    # Each turn's outcome is a knowledge fact in the lake (the sessions table's stream, a
    # chat.turn event, the bot_turns feed), with none of the conversation's words.
    assert turns_in_the_lake(kb, result.contact_id) == [
        ("other", None, None),
        ("answered", "kb-double-charge-nl", None),
        ("feedback", "kb-double-charge-nl", True),
    ]


def turns_in_the_lake(kb: Api, contact_id: str) -> list[tuple[object, ...]]:
    cloud = kb.session.cloud
    cloud.wait_idle()
    assert cloud.resources.lake_path is not None
    answer = DuckDbEngine(cloud.resources.lake_path).execute(
        "SELECT outcome, article_id, helpful, handover_reason, article_title FROM bot_turns "
        "WHERE session_id = ? ORDER BY occurred_at",
        [contact_id],
    )
    words = " ".join(str(value) for row in answer.rows for value in row)
    assert "afgeschreven voor mijn factuur" not in words
    return [row[:3] for row in answer.rows]


def test_a_chinese_chat_is_answered_in_chinese_and_a_thumbs_down_recorded(kb: Api) -> None:
    before = feedback(kb, "kb-router-restart-zh")
    result = chat(kb, "路由器一直闪红灯，上不了网", "否", language="zh")
    said = bot_said(result)
    assert said[0].startswith("请拔下Router X的电源")
    assert said[2].startswith("抱歉")
    assert feedback(kb, "kb-router-restart-zh") == (before[0], before[1] + 1)
    assert turns_in_the_lake(kb, result.contact_id) == [
        ("answered", "kb-router-restart-zh", None),
        ("feedback", "kb-router-restart-zh", False),
    ]


def test_a_new_question_after_an_answer_is_answered_not_taken_for_feedback(kb: Api) -> None:
    """ "不" (not) is in most Chinese questions; only a short reply is a thumbs up or down."""
    before = feedback(kb, "kb-router-restart-zh")
    result = chat(kb, "你好，路由器一直闪红灯", "不，我是忘记了密码，怎么重置密码？", language="zh")
    said = bot_said(result)
    assert said[0].startswith("请拔下Router X的电源")  # a greeting with a question: answered
    assert said[2] == kb.call("GET", "/knowledge/articles/kb-password-zh", expect=200).json()["answer"]
    assert feedback(kb, "kb-router-restart-zh") == before


def _signed_in(kb: Api) -> tuple[dict[str, Any], str]:
    """A customer with a ticket, and the chat assertion their portal got for them."""
    email = f"known-{random.randint(10_000, 99_999)}@example.com"
    customer = kb.call(
        "POST", "/customers", json={"name": "Known", "language": "en", "email": email}, expect=201
    )
    customer_id = customer.json()["customer_id"]
    kb.call(
        "POST",
        "/tickets",
        json={"type": "request", "subject": "Router X drops Wi-Fi", "customer_id": customer_id},
        expect=201,
    )
    token = kb.session.token("customer", customer_id=customer_id)
    issued = kb.call("POST", "/chat/sessions", token=token, expect=201).json()
    assert issued["attribute"] == "customer_assertion"
    return customer.json(), issued["assertion"]


@pytest.mark.parametrize("customer_id", ["cus_01aaaaaaaaaaaaaaaaaaaaaaaa", "not-a-customer-id"])
def test_a_customer_id_attribute_vouches_for_no_one(kb: Api, customer_id: str) -> None:
    """Whoever starts a chat sets its attributes: a customer_id there is ignored, and a ticket
    asks for contact details."""
    result = chat(kb, "Please open a ticket about my invoice", customer_id=customer_id)
    assert bot_said(result)[0] == "I can open a ticket for you. What is your e-mail address?"


def test_an_anonymous_chatters_ticket_is_not_filed_on_the_record_with_their_email(kb: Api) -> None:
    known, _ = _signed_in(kb)
    said = bot_said(chat(kb, "Please open a ticket about my invoice", known["email"]))
    ticket = kb.call("GET", f"/tickets/{said[-1].split()[2]}", expect=200).json()
    assert ticket["customer_id"] != known["customer_id"]
    status = bot_said(chat(kb, "What is the status of my ticket?"))
    assert status == ["Sign in to the help center and start the chat there to hear about your tickets."]


def test_a_signed_in_chatter_gets_their_own_tickets_and_their_status(kb: Api) -> None:
    known, assertion = _signed_in(kb)
    said = bot_said(chat(kb, "What is the status of my ticket?", customer_assertion=assertion))
    assert said[0].startswith("Your tickets: T-") and "(Router X drops Wi-Fi): new" in said[0]
    opened = bot_said(chat(kb, "Please open a ticket about my invoice", customer_assertion=assertion))
    ticket = kb.call("GET", f"/tickets/{opened[0].split()[2]}", expect=200).json()
    assert ticket["customer_id"] == known["customer_id"]
    # A forged or unknown assertion is anonymous.
    forged = bot_said(
        chat(kb, "What is the status of my ticket?", customer_assertion=assertion[:-4] + "AAAA")
    )
    assert forged[0].startswith("Sign in")


def test_only_a_signed_in_customer_gets_a_chat_assertion(kb: Api) -> None:
    for role in ("agent", "portal", "integration"):
        kb.call("POST", "/chat/sessions", as_=role, expect=403)


def test_the_bot_hands_over_with_the_transcript_when_it_does_not_know(kb: Api) -> None:
    result = chat(kb, "Hello", "Can you book me a flight to Paris next week?")
    assert result.outcome == "connected"
    assert result.queue_key == "general"
    assert result.attributes["handover_reason"] == "low_confidence"
    transcript = result.attributes["transcript"]
    assert "customer: Can you book me a flight to Paris next week?" in transcript
    assert "bot: I'll connect you with a colleague" in transcript


def test_the_customer_can_ask_for_a_person_in_their_language(kb: Api) -> None:
    result = chat(kb, "비밀번호를 잊어버렸어요", "상담원 연결해 주세요", language="ko")
    said = bot_said(result)
    assert said[0].startswith("내 계정에서")  # answered first, in Korean
    assert result.outcome == "connected"
    assert result.attributes["handover_reason"] == "asked_for_a_person"
    assert "비밀번호를 잊어버렸어요" in result.attributes["transcript"]


def test_a_ticket_is_opened_from_the_chat_after_asking_for_an_email(kb: Api) -> None:
    email = f"chat-{random.randint(1000, 9999)}@example.com"
    result = chat(
        kb,
        "Please open a ticket: my invoice charges a router I returned in October",
        "my address is not-an-email",
        email,
    )
    said = bot_said(result)
    assert said[0] == "I can open a ticket for you. What is your e-mail address?"
    assert said[-2].startswith("That does not look like an e-mail address")
    ticket_id = said[-1].split()[2]
    ticket = kb.call("GET", f"/tickets/{ticket_id}", expect=200).json()
    assert ticket["channel"] == "chat"
    assert ticket["subject"] == "Please open a ticket: my invoice charges a router I returned in October"
    assert "bot: I can open a ticket for you." in ticket["description"]
    customer = kb.call("GET", f"/customers/{ticket['customer_id']}", expect=200).json()
    assert customer["email"] == email


def test_a_callback_is_booked_from_the_chat(kb: Api) -> None:
    number = f"+3161{random.randint(1_000_000, 9_999_999)}"
    result = chat(kb, "Kunt u mij terugbellen?", "06-nope", number, language="nl")
    said = bot_said(result)
    assert said[0] == "Op welk nummer mogen wij u terugbellen?"
    assert said[1].startswith("Dat nummer kunnen wij niet bellen")
    assert said[2] == f"Wij bellen u terug op {number}."
    guard = table(kb, "callbacks").get_item(Key={"callback_id": f"open#{number}"})["Item"]
    callback = kb.call("GET", f"/callbacks/{guard['open_callback_id']}", expect=200).json()
    assert (callback["number"], callback["language"]) == (number, "nl")
    assert callback["reason"] == "asked in the chat: Kunt u mij terugbellen?"


def test_the_bot_gives_up_collecting_details_after_three_tries(kb: Api) -> None:
    result = chat(kb, "call me back please", "tomorrow", "soon", "whenever")
    assert result.outcome == "connected"
    assert result.attributes["handover_reason"] == "could_not_collect_details"


def test_context_lives_in_a_session_that_expires_after_a_day(kb: Api) -> None:
    result = chat(kb, "When are you open?", "yes")
    session_id = result.contact_id
    item = table(kb, "chat_sessions").get_item(Key={"session_id": session_id})["Item"]
    assert item["last_article"] == "kb-hours-en"
    assert [t["who"] for t in json.loads(item["turns"])] == ["customer", "bot", "bot", "customer", "bot"]
    assert 23 * 3600 < int(item["expires_at"]) - time.time() <= 24 * 3600
    ttl = kb.session.cloud.client("dynamodb").describe_time_to_live(TableName=physical_name("chat_sessions"))
    assert ttl["TimeToLiveDescription"] == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires_at"}


def test_the_conversation_is_audited_with_personal_data_masked(kb: Api) -> None:
    result = chat(kb, "Open a ticket please", "jan.jansen@example.com")
    records = audit_of(kb, result.contact_id)
    assert [r["action"] for r in records] == ["chat.turn", "chat.turn"]
    logged = json.dumps([r["after"] for r in records], ensure_ascii=False)
    assert "jan.jansen@example.com" not in logged
    assert "[email]" in logged
    assert "T-" not in logged or "[number]" in logged  # ticket numbers are digits: masked too


def invoke_bot(kb: Api, event: Any) -> dict[str, Any]:
    response = kb.session.cloud.client("lambda").invoke(
        FunctionName=physical_name("chat_bot"), Payload=json.dumps(event).encode()
    )
    assert "FunctionError" not in response, response["Payload"].read()
    return json.loads(response["Payload"].read())  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "event",
    [
        {},
        {"messageVersion": "1.0", "invocationSource": "FulfillmentCodeHook"},  # no session
        {**lex_event("s-1", "hi", "en_US", {}), "invocationSource": "Elsewhere"},
        {**lex_event("s-2", "x" * 3000, "en_US", {})},  # longer than Lex allows
        {**lex_event("s-3", "hi", "en_US", {}), "sessionState": {"sessionAttributes": {"n": 1}}},
        "not an object",
    ],
)
def test_a_malformed_lex_event_hands_the_customer_over(kb: Api, event: Any) -> None:
    answer = invoke_bot(kb, event)
    assert answer["sessionState"]["dialogAction"] == {"type": "Close"}
    assert answer["sessionState"]["sessionAttributes"]["handover_reason"] == "malformed_event"


def test_an_unsupported_locale_is_answered_in_english(kb: Api) -> None:
    answer = invoke_bot(kb, lex_event(f"fr-{random.random()}", "I forgot my password", "fr_FR", {}))
    assert answer["messages"][0]["content"].startswith("Go to My Account")
    assert answer["sessionState"]["dialogAction"] == {"type": "ElicitIntent"}


def test_an_article_edit_reaches_the_chat(kb: Api) -> None:
    line = {
        "id": "kb-chat-parking",
        "language": "en",
        "title": "Parking at the service point",
        "questions": ["Where can I park at the service point?"],
        "answer": "Park in the blue zone behind the service point; the first hour is free.",
        "status": "published",
    }
    kb.call("POST", "/knowledge/import", data=json.dumps(line), headers=NDJSON, expect=200, as_="admin")

    def reply() -> str:
        event = lex_event(f"p-{random.random()}", "where do I park at the service point", "en_US", {})
        return str(invoke_bot(kb, event)["messages"][0]["content"])

    eventually(reply, lambda text: text.startswith("Park in the blue zone"))


def test_a_chat_session_is_kept_as_long_as_configured(kb: Api) -> None:
    """chatSessionRetentionDays reaches the bot as CC_CHAT_SESSION_DAYS: the session's TTL."""
    lambda_ = kb.session.cloud.client("lambda")
    name = physical_name("chat_bot")
    original = lambda_.get_function_configuration(FunctionName=name)["Environment"]["Variables"]
    for days in (None, 3):
        variables = dict(original) if days is None else {**original, "CC_CHAT_SESSION_DAYS": str(days)}
        lambda_.update_function_configuration(FunctionName=name, Environment={"Variables": variables})
        try:
            result = chat(kb, "I forgot my password")
        finally:
            lambda_.update_function_configuration(FunctionName=name, Environment={"Variables": original})
        session = table(kb, "chat_sessions").get_item(Key={"session_id": result.contact_id})["Item"]
        kept = int(session["expires_at"]) - time.time()
        expected = (days or 1) * 86400
        assert expected - 120 < kept <= expected, days
