"""Starting the help center's chats: an Amazon Connect chat (StartChatContact) on the chat flow,
for a signed-in customer, carrying their chat assertion (``assertions``) so the bot knows who
is writing. The browser joins it with the participant token, talking to Amazon Connect's
Participant Service itself (bearer tokens, no AWS credentials in the browser).

Connect's ClientToken makes a retry return the same chat; the token is derived from the
customer, the request's Idempotency-Key and its body, so one customer's key never names another's
chat and a key reused for another request starts another chat instead of answering with the
first; the product stores nothing of the answer (the participant token is a credential).

The agent's chat names the chatter "Customer": a name the browser sent could be anything (a
"Supervisor"); who it is the screen pop says, from the assertion the bot verified.
"""

import functools
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from pydantic import Field

from contactcenter import clients
from contactcenter.auth import Caller
from contactcenter.chat import assertions
from contactcenter.constants import Env
from contactcenter.languages import Language
from contactcenter.settings import FunctionSettings, load_settings

DISPLAY_NAME = "Customer"
CONTENT_TYPES = ["text/plain"]  # what the help center's chat screen writes and shows
DURATION_MINUTES = 60  # how long a chat may stay open (Connect's default is 25 hours)


class ChatSettings(FunctionSettings):
    instance_id: str = Field(alias=Env.CONNECT_INSTANCE_ID, min_length=1)
    chat_flow_arn: str = Field(alias=Env.CHAT_FLOW_ID, min_length=1)


@functools.cache
def _settings() -> ChatSettings:
    return load_settings(ChatSettings)


@dataclass(frozen=True)
class StartedChat:
    contact_id: str
    participant_id: str
    participant_token: str


def client_token(caller: Caller, key: str | None, language: Language) -> str:
    """Connect's ClientToken for this request: the same for a retry (same key, same body)."""
    if key is None:
        return secrets.token_hex(16)  # no key: every request is a new chat
    return hashlib.sha256(f"{caller.customer_id}\n{key}\n{language}".encode()).hexdigest()[:64]


def start(caller: Caller, language: Language, key: str | None) -> StartedChat:
    settings = _settings()
    issued = assertions.issue(caller)  # refuses anyone but a signed-in customer
    response: dict[str, Any] = clients.client("connect").start_chat_contact(
        InstanceId=settings.instance_id,
        ContactFlowId=settings.chat_flow_arn.rsplit("/", 1)[-1],
        Attributes={assertions.ATTRIBUTE: issued.assertion, "language": language},
        ParticipantDetails={"DisplayName": DISPLAY_NAME},
        ClientToken=client_token(caller, key, language),
        ChatDurationInMinutes=DURATION_MINUTES,
        SupportedMessagingContentTypes=CONTENT_TYPES,
    )
    return StartedChat(
        contact_id=str(response["ContactId"]),
        participant_id=str(response["ParticipantId"]),
        participant_token=str(response["ParticipantToken"]),
    )
