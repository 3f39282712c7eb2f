"""/chat/sessions: the help-center portal asks, for its signed-in customer, for the assertion it
passes to the chat (``contactcenter.chat.assertions``)."""

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from contactcenter import clock
from contactcenter.api.answers import json_response
from contactcenter.api.deps import CallerDep
from contactcenter.api.models import Out
from contactcenter.api.responses import documented
from contactcenter.api.security import signed_in
from contactcenter.auth import SCOPE_CUSTOMER
from contactcenter.chat import assertions

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
