"""/chat: the help center starts a chat for its signed-in customer (``POST /chat/contacts``,
``contactcenter.chat.contacts``), or asks for the assertion it passes to a chat it starts
itself (``POST /chat/sessions``, ``contactcenter.chat.assertions``)."""

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from contactcenter import clock
from contactcenter.api.answers import json_response
from contactcenter.api.deps import CallerDep
from contactcenter.api.idempotency import IdempotencyKey
from contactcenter.api.models import Out, Strict
from contactcenter.api.responses import documented
from contactcenter.api.security import signed_in
from contactcenter.auth import SCOPE_CUSTOMER
from contactcenter.chat import assertions, contacts
from contactcenter.languages import DEFAULT_LANGUAGE, Language

router = Router()


class ChatSessionOut(Out):
    assertion: str
    attribute: str
    expires_at: str


@router.post(
    "/chat/sessions",
    summary="Get the assertion that tells the chat who the signed-in customer is",
    tags=["chat"],
    description=f"Pass assertion to StartChatContact as the contact attribute {assertions.ATTRIBUTE}; "
    f"the bot then opens tickets and callbacks for this customer and tells them about their tickets. "
    f"It expires after {int(assertions.LIFETIME.total_seconds() // 60)} minutes. A repeat issues "
    "another assertion and changes nothing else, so the request takes no Idempotency-Key.",
    responses=documented(201, "Issued"),
    security=signed_in(SCOPE_CUSTOMER),
)
def start_chat_session(caller: CallerDep) -> Response[ChatSessionOut]:
    issued = assertions.issue(caller)
    out = ChatSessionOut(
        assertion=issued.assertion, attribute=assertions.ATTRIBUTE, expires_at=clock.iso(issued.expires_at)
    )
    return json_response(out, status=201)


class ChatContactIn(Strict):
    language: Language = DEFAULT_LANGUAGE  # the bot's language


class ChatContactOut(Out):
    contact_id: str
    participant_id: str
    participant_token: str


@router.post(
    "/chat/contacts",
    summary="Start a chat with the bot, and then a person, for the signed-in customer",
    tags=["chat"],
    description="An Amazon Connect chat on the chat flow, which knows the customer (their chat assertion). "
    "Join it with participant_token at Amazon Connect's Participant Service (CreateParticipantConnection, "
    "then SendMessage and GetTranscript): the help center does it from the browser. A retry with the same "
    "body and Idempotency-Key returns the same chat (Connect's ClientToken); the product keeps no copy "
    "of the token.",
    responses=documented(201, "Started"),
    security=signed_in(SCOPE_CUSTOMER),
)
def start_chat_contact(
    body: ChatContactIn, caller: CallerDep, key: IdempotencyKey = None
) -> Response[ChatContactOut]:
    started = contacts.start(caller, body.language, key)
    out = ChatContactOut(
        contact_id=started.contact_id,
        participant_id=started.participant_id,
        participant_token=started.participant_token,
    )
    return json_response(out, status=201)
