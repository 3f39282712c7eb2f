"""Abuse limits: counters in DynamoDB that every Lambda instance shares.

The IVR's PIN lockout (``ivr.service``) counts on the account record; the other limits count
here, in the ``rate_limits`` table: requests per customer-facing client, tickets per customer
per hour, turns per chat session. In Lambda each request may land on another instance, so a
counter in memory would count nothing; a counter in DynamoDB counts for all of them.

A hit is one conditional UpdateItem: ``ADD hits 1`` only while ``hits < limit``. DynamoDB
applies the condition and the increment atomically, so concurrent requests never pass the
limit together (of the requests racing for the last slot exactly one wins), and a refused
request writes nothing. It costs one write and no read.

Windows are fixed, aligned to the epoch (a minute, an hour, the chat session's day): the key
names the window it counts, so a new window starts from zero with nothing to reset (DynamoDB's
TTL deletes old counters whenever it gets to them: a late deletion changes nothing). A fixed
window lets a client send up to twice its limit around a boundary; for an abuse limit that is
acceptable, where a sliding window would cost a read and a second item per request.

Keys hold a digest of the subject (a customer id, a client id, an e-mail address), never the
subject itself: the table holds no personal data and needs no erasure.
"""

import hashlib
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pydantic import Field
from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute
from pynamodb.exceptions import UpdateError

from contactcenter import clock
from contactcenter.constants import TABLE_RATE_LIMITS, Env
from contactcenter.errors import TooManyRequests
from contactcenter.settings import FunctionSettings
from contactcenter.storage import TableModel

# A counter outlives its window a little: TTL never deletes one whose window still counts, even
# where clocks are a little apart.
_GRACE = timedelta(minutes=5)


class RateCounter(TableModel):
    """rate_limits: one counter per limit, subject and window -> UpdateItem key; TTL expires it."""

    class Meta:
        table_name = TABLE_RATE_LIMITS

    key = UnicodeAttribute(hash_key=True)  # "<limit>#<digest of the subject>#<window start>"
    hits = NumberAttribute(default=0)
    expires_at = TTLAttribute()


@dataclass(frozen=True)
class Limit:
    """At most ``limit`` hits per subject in each ``window``."""

    name: str  # says which limit it is, in the key and in the 429 (``limit``)
    limit: int
    window: timedelta

    def __post_init__(self) -> None:
        if self.limit < 1 or self.window <= timedelta(0):
            raise ValueError(f"{self.name}: a limit needs a positive count and window")


def digest(subject: str) -> str:
    return hashlib.sha256(subject.encode()).hexdigest()[:32]


class Limiter:
    """Counts ``limit``'s hits per subject; ``hit`` refuses the one over the limit."""

    def __init__(self, limit: Limit) -> None:
        self.limit = limit

    def hit(self, subject: str, detail: str) -> None:
        """Count one hit for ``subject``; over the limit, raise TooManyRequests (``detail``
        says what was limited, for the caller; it must not name the subject)."""
        now = clock.now()
        key, ends = self._window(subject, now)
        counter = RateCounter(key=key)
        try:
            counter.update(
                actions=[RateCounter.hits.add(1), RateCounter.expires_at.set(ends + _GRACE)],
                condition=RateCounter.hits.does_not_exist() | (RateCounter.hits < self.limit.limit),
            )
        except UpdateError as error:
            if error.cause_response_code != "ConditionalCheckFailedException":
                raise
            raise TooManyRequests(
                detail, retry_after=math.ceil((ends - now).total_seconds()), limit=self.limit.name
            ) from None

    def _window(self, subject: str, now: datetime) -> tuple[str, datetime]:
        """The counter's key (the subject's digest and the window's start) and the window's end."""
        seconds = int(self.limit.window.total_seconds())
        start = int(now.timestamp()) // seconds * seconds
        return f"{self.limit.name}#{digest(subject)}#{start}", datetime.fromtimestamp(start + seconds, UTC)


class AbuseLimitSettings(FunctionSettings):
    """The limits, from a function's environment (defaults: what a person at a help-center
    portal never reaches). The functions that enforce them build their settings on this."""

    customer_requests: int = Field(default=120, alias=Env.CUSTOMER_RATE_LIMIT, ge=1)
    portal_requests: int = Field(default=1200, alias=Env.PORTAL_RATE_LIMIT, ge=1)
    request_window_seconds: int = Field(default=60, alias=Env.RATE_WINDOW_SECONDS, ge=1, le=3600)
    tickets_per_hour: int = Field(default=10, alias=Env.TICKETS_PER_HOUR, ge=1)
    chat_turns: int = Field(default=60, alias=Env.CHAT_MAX_TURNS, ge=1)

    def customer_limiter(self) -> Limiter:
        return Limiter(Limit("customer-requests", self.customer_requests, self._window))

    def portal_limiter(self) -> Limiter:
        return Limiter(Limit("client-requests", self.portal_requests, self._window))

    def ticket_limiter(self) -> Limiter:
        return Limiter(Limit("tickets-per-hour", self.tickets_per_hour, timedelta(hours=1)))

    def chat_turn_limiter(self, session_lifetime: timedelta) -> Limiter:
        return Limiter(Limit("chat-turns", self.chat_turns, session_lifetime))

    @property
    def _window(self) -> timedelta:
        return timedelta(seconds=self.request_window_seconds)
