"""Who is chatting: a signed-in customer's chat assertion, issued by the product and checked by
the bot. The chat learns who the chatter is from nothing else (not from a ``customer_id``
contact attribute, which whoever starts the chat can set).

The help-center portal, for a signed-in customer, calls ``POST /chat/sessions`` and passes the
assertion it gets to ``StartChatContact`` as the contact attribute ``customer_assertion``; the
flow hands it to the bot in the session attributes. The assertion is an opaque, unguessable
(256-bit) token that expires after ``LIFETIME``: the product keeps only its SHA-256, with the
customer id and the expiry, in the chat sessions table (TTL), so the bot verifies it with one
GetItem and no signing key exists to distribute, leak or rotate; reading the table does not
yield a usable assertion. It grants nothing but chatting as that customer until it expires.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from pynamodb.attributes import UTCDateTimeAttribute
from pynamodb.exceptions import DoesNotExist

from contactcenter import clock
from contactcenter.auth import Caller, Role
from contactcenter.chat.models import ChatSession
from contactcenter.errors import Forbidden

ATTRIBUTE = "customer_assertion"  # the contact (and Lex session) attribute that carries it
PREFIX = "cca1."
LIFETIME = timedelta(minutes=15)
_KEY_PREFIX = "assertion#"


class ChatAssertion(ChatSession):
    """An issued assertion, by the hash of its value, in the chat sessions table."""

    issued_at = UTCDateTimeAttribute()


@dataclass(frozen=True)
class Issued:
    assertion: str
    expires_at: datetime


def is_assertion(session_id: str) -> bool:
    """Whether a chat sessions item is an issued assertion rather than a conversation."""
    return session_id.startswith(_KEY_PREFIX)


def _key(assertion: str) -> str:
    return _KEY_PREFIX + hashlib.sha256(assertion.encode()).hexdigest()


def issue(caller: Caller) -> Issued:
    """An assertion that the signed-in customer ``caller`` is chatting."""
    caller.require(Role.CUSTOMER)
    if not caller.is_customer or caller.customer_id is None:
        raise Forbidden("only a signed-in customer gets a chat assertion")
    assertion = PREFIX + secrets.token_urlsafe(32)
    now = clock.now()
    record = ChatAssertion(
        session_id=_key(assertion),
        customer_id=caller.customer_id,
        issued_at=now,
        language="en",
        turns=[],
    )
    record.expires_at = now + LIFETIME
    record.save(condition=ChatAssertion.session_id.does_not_exist())
    return Issued(assertion, now + LIFETIME)


def verify(assertion: str | None) -> str | None:
    """The customer id an assertion names, or None when it is missing, unknown or expired."""
    if not assertion or not assertion.startswith(PREFIX) or len(assertion) > 100:
        return None
    key = _key(assertion)
    try:
        record = ChatAssertion.get(key)
    except DoesNotExist:
        return None
    if not hmac.compare_digest(record.session_id, key) or record.expires_at <= clock.now():
        return None  # the table's TTL deletes it within a day or two; the expiry counts now
    return str(record.customer_id)
