"""What the callbacks API accepts and returns."""

from typing import Annotated, Literal

from pydantic import AwareDatetime, StringConstraints

from contactcenter.api.models import CustomerId, Note, Out, Slug, Strict, TicketId
from contactcenter.languages import Language

AttemptOutcome = Literal["connected", "no_answer", "busy", "voicemail", "wrong_number"]
# Deliberately loose: the service checks the number and answers a specific 400.
RawNumber = Annotated[str, StringConstraints(min_length=1, max_length=40)]


class CallbackIn(Strict):
    number: RawNumber
    at: AwareDatetime | None = None  # the earliest moment to call; default: as soon as calling hours allow
    time_zone: Annotated[str, StringConstraints(max_length=64)] | None = None  # IANA; default: the number's
    queue: Slug | None = None  # a Connect queue key; default: general
    customer_id: CustomerId | None = None
    ticket_id: TicketId | None = None
    language: Language | None = None
    reason: Note = ""


class OutcomeIn(Strict):
    outcome: AttemptOutcome
    note: Note | None = None


class AttemptOut(Out):
    at: str
    outcome: str
    by: str
    note: str | None


class CallbackOut(Out):
    callback_id: str
    kind: str
    number: str
    queue: str
    time_zone: str
    not_before: str
    status: str
    reason: str
    customer_id: str | None
    ticket_id: str | None
    language: str | None
    max_attempts: int
    attempts: list[AttemptOut]
    merged_requests: int
    created_at: str
    updated_at: str


class DoNotCallIn(Strict):
    reason: Note = ""


class DoNotCallOut(Out):
    number: str
    reason: str
    added_by: str
    added_at: str
