"""The live channel: supervisors' pages get the snapshot and the alerts pushed over a WebSocket
(API Gateway's WebSocket API in AWS, the local cloud's socket server locally), so a dashboard
does not poll.

A WebSocket API cannot use the REST API's Cognito authorizer, and a token in the connection
URL would land in access logs. So a signed-in supervisor asks the REST API for a ticket
(``POST /monitor/live-tickets``), which is single-use and lives a minute, and opens the socket
with it; ``$connect`` spends it and keeps the connection with who opened it and the language
they read. Only the ticket's hash is stored: a table read gives no ticket that would open a
socket.
"""

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from aws_lambda_powertools import Logger
from pynamodb.attributes import TTLAttribute, UnicodeAttribute
from pynamodb.exceptions import DeleteError, DoesNotExist

from contactcenter import clock
from contactcenter.auth import Caller
from contactcenter.constants import TABLE_LIVE_CHANNEL
from contactcenter.errors import Unauthenticated
from contactcenter.languages import LANGUAGES
from contactcenter.monitor.actions import SUPERVISORS
from contactcenter.storage import TableModel

TICKET_SECONDS = 60
# API Gateway closes a WebSocket connection after two hours; the record goes a little later.
CONNECTION_HOURS = 2
MAX_CONNECTIONS = 1_000  # watching pages per deployment, far above a contact center's supervisors


TICKET, CONNECTION = "ticket", "connection"


class LiveChannelItem(TableModel):
    """live_channel: a ticket (kind "ticket", key its SHA-256) or an open connection (kind
    "connection", key its id) -> GetItem, DeleteItem; the connections -> Query by kind."""

    class Meta:
        table_name = TABLE_LIVE_CHANNEL

    kind = UnicodeAttribute(hash_key=True)
    key = UnicodeAttribute(range_key=True)
    username = UnicodeAttribute()
    language = UnicodeAttribute()
    created_at = UnicodeAttribute()
    expires_at = TTLAttribute()


@dataclass(frozen=True)
class Watcher:
    connection_id: str
    username: str
    language: str


def _ticket_key(ticket: str) -> str:
    return hashlib.sha256(ticket.encode()).hexdigest()


def issue_ticket(caller: Caller, language: str) -> str:
    """A single-use ticket that opens one live connection for a supervisor, within a minute."""
    caller.require(*SUPERVISORS)
    ticket = secrets.token_urlsafe(32)
    now = clock.now()
    LiveChannelItem(
        kind=TICKET,
        key=_ticket_key(ticket),
        username=caller.actor,
        language=language if language in LANGUAGES else LANGUAGES[0],
        created_at=clock.iso(now),
        expires_at=now + timedelta(seconds=TICKET_SECONDS),
    ).save()
    return ticket


def connect(connection_id: str, ticket: str | None) -> Watcher:
    """Spend the ticket (once: a conditional delete only one connection can win) and keep the
    connection; Unauthenticated when the ticket is missing, spent, unknown or expired."""
    if not ticket:
        raise Unauthenticated("a live connection needs a ticket (POST /monitor/live-tickets)")
    try:
        item = LiveChannelItem.get(TICKET, _ticket_key(ticket), consistent_read=True)
        item.delete(condition=LiveChannelItem.key.exists())
    except (DoesNotExist, DeleteError):
        raise Unauthenticated("the ticket is unknown or already used") from None
    if item.expires_at < clock.now():
        raise Unauthenticated("the ticket has expired; ask for a new one")
    username, language = item.username, item.language
    now = clock.now()
    LiveChannelItem(
        kind=CONNECTION,
        key=connection_id,
        username=username,
        language=language,
        created_at=clock.iso(now),
        expires_at=now + timedelta(hours=CONNECTION_HOURS, minutes=5),
    ).save()
    return Watcher(connection_id, username, language)


def disconnect(connection_id: str) -> None:
    LiveChannelItem(kind=CONNECTION, key=connection_id).delete()


def watchers() -> list[Watcher]:
    """The open connections (the TTL removes a record API Gateway never told us was closed)."""
    now = clock.now()
    found = []
    for item in LiveChannelItem.query(
        CONNECTION, filter_condition=LiveChannelItem.expires_at > now, limit=MAX_CONNECTIONS
    ):
        found.append(Watcher(item.key, item.username, item.language))
    return found


def route(event: Mapping[str, Any], logger: Logger) -> dict[str, Any]:
    """A WebSocket route's event: what API Gateway gets back (a non-2xx refuses a $connect).
    Neither the ticket nor the username is logged."""
    context = event.get("requestContext") or {}
    route_key, connection_id = context.get("routeKey"), context.get("connectionId")
    if not isinstance(connection_id, str) or not connection_id:
        logger.warning("a live-channel event without a connection id", extra={"route": route_key})
        return {"statusCode": 400, "body": "no connection id"}
    if route_key == "$connect":
        ticket = (event.get("queryStringParameters") or {}).get("ticket")
        try:
            connect(connection_id, ticket if isinstance(ticket, str) else None)
        except Unauthenticated as refused:
            logger.info("a live connection refused", extra={"reason": refused.detail})
            return {"statusCode": 401, "body": refused.detail}
        logger.info("a live connection opened")
        return {"statusCode": 200}
    if route_key == "$disconnect":
        disconnect(connection_id)
        return {"statusCode": 200}
    return {"statusCode": 200}  # $default: the channel takes no requests, only pushes
