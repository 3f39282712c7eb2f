"""What the tickets API accepts and returns."""

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator
from pydantic.json_schema import SkipJsonSchema

from contactcenter.api.models import AgentId, CustomerId, Note, Out, Patch, Slug, Strict, Text, TicketId
from contactcenter.customers.schemas import Email, Phone
from contactcenter.languages import Language
from contactcenter.tickets.status import PendingOn, Status

Priority = Literal["P1", "P2", "P3", "P4"]
Channel = Literal["phone", "chat", "email", "web", "api"]
Visibility = Literal["public", "internal"]
Tag = Annotated[str, StringConstraints(pattern=r"^[\w-]{1,40}$")]
LongText = Annotated[str, StringConstraints(max_length=20_000)]


class CustomerContact(Strict):
    """A customer met for the first time: found by phone or e-mail, or created."""

    name: Text | None = None
    phone: Phone | None = None
    email: Email | None = None

    @model_validator(mode="after")
    def _reachable(self) -> "CustomerContact":
        if not (self.phone or self.email):
            raise ValueError("give a phone number or an e-mail address to find or create the customer")
        return self


class TicketIn(Strict):
    type: Slug
    subject: Text
    description: LongText = ""
    customer_id: CustomerId | None = None
    customer: CustomerContact | None = None
    category: Slug | None = None
    product: Slug | None = None
    priority: Priority = "P3"
    channel: Channel = "api"
    department: Slug | None = None
    tags: list[Tag] = Field(default_factory=list, max_length=20)
    language: Language | None = None
    assign: Literal["none", "auto"] = "none"

    @model_validator(mode="after")
    def _one_customer(self) -> "TicketIn":
        if (self.customer_id is None) == (self.customer is None):
            raise ValueError("give exactly one of customer_id and customer")
        return self


class TicketPatch(Patch):
    kept = ("subject", "description", "type", "priority", "tags")

    type: Slug | SkipJsonSchema[None] = None
    subject: Text | SkipJsonSchema[None] = None
    description: LongText | SkipJsonSchema[None] = None
    category: Slug | None = None
    product: Slug | None = None
    priority: Priority | SkipJsonSchema[None] = None
    tags: Annotated[list[Tag], Field(max_length=20)] | SkipJsonSchema[None] = None
    disposition: Slug | None = None
    wrap_up_code: Slug | None = None
    csat: Annotated[int, Field(ge=1, le=5)] | None = None
    language: Language | None = None


class TransitionIn(Strict):
    to: Status
    pending_on: PendingOn | None = None
    disposition: Slug | None = None
    resolution: Note | None = None
    note: Note | None = None


class AssignmentIn(Strict):
    """Assign to an agent, to a department's queue, or let the rules decide (mode auto)."""

    mode: Literal["manual", "auto"] = "manual"
    agent_id: AgentId | None = None
    department: Slug | None = None

    @model_validator(mode="after")
    def _target(self) -> "AssignmentIn":
        if self.mode == "auto" and (self.agent_id or self.department):
            raise ValueError("mode auto chooses the agent and department itself; leave them out")
        if self.mode == "manual" and not (self.agent_id or self.department):
            raise ValueError("give an agent_id or a department (or mode auto)")
        return self


class MergeIn(Strict):
    into: TicketId


class CommentIn(Strict):
    body: Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
    visibility: Visibility = "public"


ALLOWED_ATTACHMENT_TYPES = (
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/gif",
    "text/plain",
    "text/csv",
    "message/rfc822",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
AttachmentType = Literal[ALLOWED_ATTACHMENT_TYPES]  # type: ignore[valid-type]
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


class AttachmentIn(Strict):
    filename: Annotated[str, StringConstraints(pattern=r"^[^/\\\x00-\x1f]{1,200}$")]
    content_type: AttachmentType
    size: Annotated[int, Field(ge=1, le=MAX_ATTACHMENT_BYTES)]


class ResolutionIn(Strict):
    """What the department did about a complaint; completes the workflow's dispatch step."""

    resolution: Annotated[str, StringConstraints(min_length=1, max_length=5_000)]


FollowUpOutcome = Literal["satisfied", "not_satisfied", "unreachable"]


class FollowUpIn(Strict):
    """The agent's follow-up call: is the customer satisfied? Completes the follow-up step."""

    outcome: FollowUpOutcome
    csat: Annotated[int, Field(ge=1, le=5)] | None = None
    note: Note | None = None

    @model_validator(mode="after")
    def _score(self) -> "FollowUpIn":
        if self.outcome == "satisfied" and self.csat is None:
            raise ValueError("a satisfied customer gives a CSAT score (1-5)")
        if self.outcome != "satisfied" and self.csat is not None:
            raise ValueError("a CSAT score belongs only to a satisfied outcome")
        return self


class WorkflowOut(Out):
    state: str | None
    generation: int
    round: int
    follow_up_attempts: int


class SlaOut(Out):
    policy_id: str | None
    state: str | None  # at_risk | breached, while the ticket is open
    paused: bool  # waiting on the customer: the clock stands still
    next_level_at: str | None
    fired: list[str]  # the escalation levels that fired ("<rule>:<level>")


class WorkflowAccepted(Out):
    ticket_id: str
    workflow: WorkflowOut


class TicketOut(Out):
    ticket_id: str
    type: str
    status: str
    pending_on: str | None
    priority: str
    channel: str
    subject: str
    description: str
    category: str | None
    product: str | None
    language: str | None
    customer_id: str
    department: str | None
    assignee_id: str | None
    assignment_reason: str | None
    tags: list[str]
    disposition: str | None
    wrap_up_code: str | None
    csat: int | None
    resolution: str | None
    merged_into: str | None
    merged_from: list[str]
    reopen_count: int
    first_response_due_at: str | None
    resolution_due_at: str | None
    first_responded_at: str | None
    resolved_at: str | None
    closed_at: str | None
    created_at: str
    updated_at: str
    created_by: str
    sla: SlaOut
    workflow: WorkflowOut
    version: int


class TicketPage(Out):
    items: list[TicketOut]
    next_cursor: str | None


class CommentOut(Out):
    comment_id: str
    body: str
    visibility: str
    author: str
    author_type: Literal["agent", "department", "customer", "system"]
    at: str


class CommentPage(Out):
    items: list[CommentOut]
    next_cursor: str | None


class TimelineItem(Out):
    event_id: str
    kind: str
    at: str
    actor: str
    summary: str
    visibility: str
    changes: dict[str, Any] | None
    comment: dict[str, Any] | None
    attachment: dict[str, Any] | None


class TimelinePage(Out):
    items: list[TimelineItem]
    next_cursor: str | None


class UploadForm(Out):
    url: str
    fields: dict[str, str]


class AttachmentUpload(Out):
    attachment_id: str
    filename: str
    content_type: str
    size: int
    upload: UploadForm
    expires_in: int


class AttachmentOut(Out):
    attachment_id: str
    filename: str
    content_type: str
    size: int
    at: str
    download_url: str
    expires_in: int


class AttachmentList(Out):
    items: list[AttachmentOut]
    next_cursor: str | None


class MergeOut(Out):
    merged: TicketOut
    into: TicketOut
