"""The help center's chat through the real path, and in a real browser on a phone:
``POST /chat/contacts`` (the API function calls StartChatContact with its grants), the chat
flow file run live by the simulator with the real bot, the customer's side through boto3's
``connectparticipant`` client (or the console's chat screen) against the local Participant
Service, and the agent's side through the local CCP on the local contact center."""

import re
import time
import uuid
from collections.abc import Callable
from typing import Any

import boto3
import pytest
import requests
from playwright.sync_api import Browser, expect

from localcloud.auth import token_for
from localcloud.session import LocalSession
from tests.console.conftest import DESKTOP, Console, open_page

pytestmark = pytest.mark.local_cloud

EMMA = "45678901"  # Emma Smith, English (localcloud/seed.py)


def participant(local: LocalSession) -> Any:
    return boto3.client(
        "connectparticipant",
        region_name=local.cloud.region,
        endpoint_url=f"{local.api.url}",
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )


def until(check: Callable[[], Any], what: str, seconds: float = 30) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := check():
            return found
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s: {what}")


def ccp(local: LocalSession, action: str, **body: str) -> requests.Response:
    token = token_for(local.auth, "agent", username="ana")
    return requests.post(
        f"{local.api.url}/local/ccp/{action}",
        json=body,
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )


def start_chat(console: Console, key: str, language: str = "en") -> requests.Response:
    local = console.session
    token = local.token("customer", customer_id=console.customers[EMMA])
    return local.http(
        "POST", "/chat/contacts", token=token, json={"language": language}, headers={"Idempotency-Key": key}
    )


def test_a_customer_chats_with_the_bot_then_with_an_agent(
    console: Console, ana_available: LocalSession
) -> None:
    local = ana_available
    key = str(uuid.uuid4())
    started = start_chat(console, key)
    assert started.status_code == 201, started.text
    chat = started.json()
    again = start_chat(console, key)  # a retry: the same chat (Connect's ClientToken)
    assert again.json()["contact_id"] == chat["contact_id"]
    other = start_chat(console, key, language="nl")  # the key reused for another request
    assert other.status_code == 201 and other.json()["contact_id"] != chat["contact_id"]

    client = participant(local)
    connection = client.create_participant_connection(
        ParticipantToken=chat["participant_token"], Type=["CONNECTION_CREDENTIALS"], ConnectParticipant=True
    )["ConnectionCredentials"]["ConnectionToken"]

    def transcript() -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = client.get_transcript(
            ConnectionToken=connection, MaxResults=100, SortOrder="ASCENDING"
        )["Transcript"]
        return items

    def bot_lines() -> list[str]:
        return [
            i["Content"] for i in transcript() if i["ParticipantRole"] == "SYSTEM" and i["Type"] == "MESSAGE"
        ]

    # The bot greets and answers from the knowledge base (the demo's articles)
    client.send_message(
        ConnectionToken=connection, ContentType="text/plain", Content="How do I reset my password?"
    )
    answered = until(lambda: len(bot_lines()) >= 1 and bot_lines(), "the bot answers")
    assert any("password" in line.lower() for line in answered), answered

    # Asked for a person, the flow hands the chat to the general queue: Ana is offered it
    client.send_message(
        ConnectionToken=connection, ContentType="text/plain", Content="I want a person please"
    )
    until(lambda: any(i["ContentType"].endswith("transfer.succeeded") for i in transcript()), "the hand-over")
    center = local.cloud.connect.center
    offered = until(lambda: center.agent("ana").contact, "the chat offered to Ana")
    assert offered.waiting.contact_id == chat["contact_id"] and offered.waiting.channel == "CHAT"
    assert ccp(local, "chat").status_code == 409  # not before she accepts it
    assert ccp(local, "accept").status_code == 200
    # the customer is "Customer" in the chat (a name the browser sent could be anything)
    assert {i["DisplayName"] for i in transcript() if i["ParticipantRole"] == "CUSTOMER"} == {"Customer"}
    joined = [i for i in transcript() if i["ContentType"].endswith("participant.joined")]
    assert [i["DisplayName"] for i in joined] == ["ana"]

    # Ana sees what was written, and writes back
    seen = ccp(local, "chat").json()["transcript"]
    assert "I want a person please" in [i["Content"] for i in seen]
    assert ccp(local, "chat-send", text="Hello Emma, I am Ana.").status_code == 200
    assert ccp(local, "chat-send", text="   ").status_code == 400
    agent_lines = [i for i in transcript() if i["ParticipantRole"] == "AGENT" and i["Type"] == "MESSAGE"]
    assert [(i["Content"], i["DisplayName"]) for i in agent_lines] == [("Hello Emma, I am Ana.", "ana")]

    # Emma leaves: the chat ends, Ana is in after-contact work, and the chat takes nothing more
    client.disconnect_participant(ConnectionToken=connection)
    assert center.agent("ana").contact is not None and center.agent("ana").contact.state == "ENDED"
    assert transcript()[-1]["ContentType"].endswith("chat.ended")
    with pytest.raises(client.exceptions.AccessDeniedException):
        client.send_message(ConnectionToken=connection, ContentType="text/plain", Content="one more thing")


def test_the_participant_service_refuses_strangers_and_bad_messages(console: Console) -> None:
    local = console.session
    client = participant(local)
    url = f"{local.api.url}/participant"
    odd = {"X-Amz-Bearer": "\u00e9t\u00e9"}  # not ASCII: refused like any unknown token
    assert requests.post(f"{url}/transcript", headers=odd, json={}, timeout=30).status_code == 403
    nested = b"[" * 100_000 + b"]" * 100_000
    assert requests.post(f"{url}/transcript", headers=odd, data=nested, timeout=30).status_code in (400, 413)
    huge = b'{"Content": "' + b"x" * 200_000 + b'"}'
    assert requests.post(f"{url}/message", headers=odd, data=huge, timeout=30).status_code == 413
    with pytest.raises(client.exceptions.AccessDeniedException):
        client.create_participant_connection(ParticipantToken="guessed", Type=["CONNECTION_CREDENTIALS"])
    with pytest.raises(client.exceptions.AccessDeniedException):
        client.get_transcript(ConnectionToken="guessed")
    chat = start_chat(console, str(uuid.uuid4())).json()
    connection = client.create_participant_connection(
        ParticipantToken=chat["participant_token"], Type=["CONNECTION_CREDENTIALS"]
    )["ConnectionCredentials"]["ConnectionToken"]
    with pytest.raises(client.exceptions.ValidationException):
        client.send_message(ConnectionToken=connection, ContentType="text/html", Content="<b>hi</b>")
    typed = requests.post(
        f"{url}/message",
        headers={"X-Amz-Bearer": connection},
        json={"ContentType": "text/plain", "Content": ["not", "text"]},
        timeout=30,
    )
    assert typed.status_code == 400 and typed.headers["x-amzn-ErrorType"] == "ValidationException"
    # a second connection (another tab, a retry) is the same connection, not a replacement
    again = client.create_participant_connection(
        ParticipantToken=chat["participant_token"], Type=["CONNECTION_CREDENTIALS"]
    )["ConnectionCredentials"]["ConnectionToken"]
    assert again == connection
    client.disconnect_participant(ConnectionToken=connection)


def test_only_a_signed_in_customer_starts_a_chat(console: Console) -> None:
    local = console.session
    anonymous = local.http("POST", "/chat/contacts", json={"language": "en"})
    assert anonymous.status_code == 401
    agent = local.http("POST", "/chat/contacts", token=local.token("agent"), json={"language": "en"})
    assert agent.status_code == 403, agent.text
    token = local.token("customer", customer_id=console.customers[EMMA])
    wrong = local.http("POST", "/chat/contacts", token=token, json={"language": "fr"})
    assert wrong.status_code == 422 and wrong.headers["Content-Type"].startswith("application/problem+json")


def test_a_customer_chats_on_a_phone_with_the_bot_and_then_an_agent(
    console: Console, browser: Browser, ana_available: LocalSession
) -> None:
    local = ana_available
    screens = open_page(browser, "chat")
    page = screens.page
    page.goto(console.url)
    page.get_by_role("button", name="Sign in as Emma Smith").click()
    page.get_by_role("navigation").get_by_role("link", name="Chat with us").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chat with us")
    screens.check("start")

    page.get_by_role("button", name="Start the chat").click()
    message = page.get_by_label("Your message")
    message.fill("How do I reset my password?")
    message.press("Enter")  # Enter sends; the line shows as mine at once
    conversation = page.get_by_role("log", name="Conversation")
    expect(conversation.locator(".chat-mine")).to_contain_text("How do I reset my password?")
    expect(conversation.locator(".chat-theirs").first).to_contain_text(
        re.compile("password", re.I), timeout=20_000
    )
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "wider than the screen"
    screens.check("bot-answers")

    message.fill("person")
    page.get_by_role("button", name="Send").click()
    expect(conversation).to_contain_text("You are in the queue for a person", timeout=20_000)
    # Ana, in her workspace (a desktop browser), takes the chat and answers in it
    agent = open_page(browser, "chat-agent", viewport=DESKTOP)
    agent.page.goto(console.url)
    agent.page.get_by_role("button", name="Sign in as Ana de Wit").click()
    agent.page.get_by_role("button", name="Accept").click(timeout=20_000)
    chat = agent.page.get_by_role("log", name="The chat with the customer")
    expect(chat).to_contain_text("person")
    expect(chat).to_contain_text("How do I reset my password?")
    agent.page.get_by_label("Reply").fill("Hi Emma, Ana here. Which device is it?")
    agent.page.get_by_role("button", name="Send").click()
    agent.check("chat")
    # The screen pop knows her: the bot verified her chat assertion, the flow kept the id
    expect(agent.page.get_by_role("region", name="Screen pop")).to_contain_text("Emma Smith")
    expect(conversation).to_contain_text("ana joined the chat.")
    expect(conversation).to_contain_text("Hi Emma, Ana here. Which device is it?")
    screens.check("agent-writes")

    message.fill("My laptop.")
    page.get_by_role("button", name="Send").click()
    expect(chat).to_contain_text("My laptop.")
    page.get_by_role("button", name="End the chat").click()
    expect(conversation).to_contain_text("The chat has ended.")
    expect(page.get_by_role("button", name="Start a new chat")).to_be_visible()
    assert local.cloud.connect.center.agent("ana").contact.state == "ENDED"  # type: ignore[union-attr]
    screens.check("ended")
    expect(chat.page.get_by_text("The chat has ended.")).to_be_visible()
    expect(agent.page.get_by_label("Wrap-up code")).to_be_visible()  # after-contact work


def test_a_chat_left_open_is_not_the_next_customers_on_a_shared_browser(
    console: Console, browser: Browser
) -> None:
    screens = open_page(browser, "chat-shared")
    page = screens.page
    page.goto(f"{console.url}#/sign-in?as=customer:{EMMA}")
    expect(page.get_by_text("Signed in as Emma Smith")).to_be_visible()
    page.goto(f"{console.url}#/chat")
    page.get_by_role("button", name="Start the chat").click()
    page.get_by_label("Your message").fill("my private question")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("log", name="Conversation")).to_contain_text("my private question")
    page.get_by_role("button", name="Sign out").click()  # the chat still open
    page.goto(f"{console.url}#/sign-in?as=customer:12345678")  # Jan, on the same tab
    expect(page.get_by_text(re.compile("Jan de Vries"))).to_be_visible()
    page.goto(f"{console.url}#/chat")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("log")).to_have_count(0)  # no conversation: the start of a new chat
    expect(page.get_by_text("my private question")).to_have_count(0)
    screens.check("next-customer")
