"""/tickets: the lifecycle API for integrators, agents and departments."""

from collections.abc import Callable
from typing import Annotated, Literal

from aws_lambda_powertools.event_handler import Depends, Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Header, Path, Query
from pydantic import BaseModel

from contactcenter.api.answers import json_response
from contactcenter.api.conditional import ETAG_PATTERN, expected_version
from contactcenter.api.deps import CallerDep, ticket_service
from contactcenter.api.idempotency import Idempotency, IdempotencyKey, Idempotent
from contactcenter.api.models import AgentId, CustomerId, Slug
from contactcenter.api.pagination import DEFAULT_LIMIT
from contactcenter.api.params import Cursor, Limit
from contactcenter.api.responses import documented
from contactcenter.api.security import signed_in
from contactcenter.auth import SCOPE_API, SCOPE_CUSTOMER, SCOPE_PORTAL, Caller
from contactcenter.tickets import views
from contactcenter.tickets.attachments import URL_LIFETIME_SECONDS
from contactcenter.tickets.models import Ticket
from contactcenter.tickets.schemas import (
    AssignmentIn,
    AttachmentIn,
    AttachmentList,
    AttachmentOut,
    AttachmentUpload,
    CommentIn,
    CommentOut,
    CommentPage,
    MergeIn,
    MergeOut,
    TicketIn,
    TicketOut,
    TicketPage,
    TicketPatch,
    TimelinePage,
    TransitionIn,
    UploadForm,
)
from contactcenter.tickets.service import ListFilters, TicketService
from contactcenter.tickets.status import Status

router = Router()

Service = Annotated[TicketService, Depends(ticket_service)]
IfMatch = Annotated[
    str | None, Header(alias="If-Match", pattern=ETAG_PATTERN, description="The ETag of your last read")
]
TicketIdPath = Annotated[str, Path(pattern=r"^T-[0-9]{6,12}$")]
# Who may call each route (the per-object rules are in tickets.access): staff and departments
# (contactcenter/api) everywhere; end customers (contactcenter/customer) on their own tickets'
# conversation; the customer-facing machine client (contactcenter/portal) only opens first contacts.
OPEN = signed_in(SCOPE_API, SCOPE_PORTAL, SCOPE_CUSTOMER)
CUSTOMERS_TOO = signed_in(SCOPE_API, SCOPE_CUSTOMER)
STAFF = signed_in(SCOPE_API)


def _ticket(ticket: object, caller: object, *, status: int = 200) -> Response[TicketOut]:
    out = views.to_out(ticket, caller)  # type: ignore[arg-type]
    location = f"/tickets/{out.ticket_id}" if status == 201 else None
    return json_response(out, status=status, version=out.version, location=location)


@router.post(
    "/tickets",
    summary="Open a ticket",
    tags=["tickets"],
    description="For a known customer (customer_id) or a first contact (customer: phone or e-mail; the "
    "customer is found or created). assign=auto dispatches by the rules.",
    responses=documented(201, "Created", 400, 409),
    security=OPEN,
)
def create_ticket(
    body: TicketIn, caller: CallerDep, service: Service, idempotent: Idempotent, key: IdempotencyKey = None
) -> Response[TicketOut]:
    answer = idempotent.run(
        "create_ticket",
        caller,
        key,
        body.model_dump(mode="json"),
        lambda: views.to_out(service.create(caller, body), caller).model_dump(mode="json"),
    )
    out = TicketOut.model_validate(answer)
    return json_response(out, status=201, version=out.version, location=f"/tickets/{out.ticket_id}")


@router.get(
    "/tickets",
    summary="List tickets, newest first",
    tags=["tickets"],
    description="Filters combine; the next page is next_cursor. sla=at_risk|breached lists open tickets "
    "whose "
    "SLA escalations have warned or breached (an index of those only). Department members see their "
    "department's "
    "tickets; customer-facing clients must filter by customer.",
    responses=documented(200, "Tickets", 400, 404),
    security=CUSTOMERS_TOO,
)
def list_tickets(
    caller: CallerDep,
    service: Service,
    status: Annotated[Status | None, Query()] = None,
    type: Annotated[Slug | None, Query()] = None,
    assignee: Annotated[AgentId | None, Query()] = None,
    department: Annotated[Slug | None, Query()] = None,
    customer: Annotated[CustomerId | None, Query()] = None,
    sla: Annotated[Literal["at_risk", "breached"] | None, Query()] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> TicketPage:
    filters = ListFilters(
        status=status.value if status else None,
        type=type,
        assignee=assignee,
        department=department,
        customer=customer,
        sla=sla,
    )
    tickets, next_cursor = service.list_tickets(caller, filters, limit=limit, cursor=cursor)
    return TicketPage(items=[views.to_out(t, caller) for t in tickets], next_cursor=next_cursor)


@router.get(
    "/tickets/<ticket_id>",
    summary="Read a ticket",
    tags=["tickets"],
    description="The ETag header is the ticket's version; send it back in If-Match to change the ticket.",
    responses=documented(200, "The ticket", 404),
    security=CUSTOMERS_TOO,
)
def get_ticket(ticket_id: TicketIdPath, caller: CallerDep, service: Service) -> Response[TicketOut]:
    return _ticket(service.get(caller, ticket_id), caller)


@router.patch(
    "/tickets/<ticket_id>",
    summary="Change a ticket's fields",
    tags=["tickets"],
    description="Status, assignment and merging have their own endpoints. Requires If-Match.",
    responses=documented(200, "The changed ticket", 400, 404, 412, 428),
    security=STAFF,
)
def update_ticket(
    ticket_id: TicketIdPath, body: TicketPatch, caller: CallerDep, service: Service, if_match: IfMatch = None
) -> Response[TicketOut]:
    return _ticket(service.update(caller, ticket_id, body, expected_version(if_match)), caller)


@router.post(
    "/tickets/<ticket_id>/transitions",
    summary="Move a ticket to another status",
    tags=["tickets"],
    description="new → open | pending | resolved | closed; open → pending | resolved | closed; "
    "pending → open | resolved; resolved → closed | open (reopen, within the reopen window). "
    "A refused move answers 409 with the allowed ones. Requires If-Match.",
    responses=documented(200, "The ticket in its new status", 400, 404, 409, 412, 428),
    security=STAFF,
)
def transition_ticket(
    ticket_id: TicketIdPath,
    body: TransitionIn,
    caller: CallerDep,
    service: Service,
    idempotent: Idempotent,
    if_match: IfMatch = None,
    key: IdempotencyKey = None,
) -> Response[TicketOut]:
    version = expected_version(if_match)
    return _versioned_change(
        idempotent,
        f"transition:{ticket_id}",
        caller,
        key,
        body,
        version,
        lambda: service.transition(caller, ticket_id, body, version),
    )


@router.post(
    "/tickets/<ticket_id>/assignment",
    summary="Assign a ticket to an agent or a department, or by the rules",
    tags=["tickets"],
    description="mode auto: the department handling the category (else the product, else the default "
    "department), then its available agent speaking the ticket's language with the best matching skill "
    "and the fewest open tickets. The reason is recorded on the ticket. Requires If-Match.",
    responses=documented(200, "The assigned ticket", 400, 404, 409, 412, 428),
    security=STAFF,
)
def assign_ticket(
    ticket_id: TicketIdPath,
    body: AssignmentIn,
    caller: CallerDep,
    service: Service,
    idempotent: Idempotent,
    if_match: IfMatch = None,
    key: IdempotencyKey = None,
) -> Response[TicketOut]:
    version = expected_version(if_match)
    return _versioned_change(
        idempotent,
        f"assign:{ticket_id}",
        caller,
        key,
        body,
        version,
        lambda: service.assign(caller, ticket_id, body, version),
    )


@router.post(
    "/tickets/<ticket_id>/merge",
    summary="Merge a duplicate into another ticket of the same customer",
    tags=["tickets"],
    description="The ticket is closed as a duplicate; the other one carries on. Requires If-Match.",
    responses=documented(200, "Both tickets", 400, 404, 409, 412, 428),
    security=STAFF,
)
def merge_ticket(
    ticket_id: TicketIdPath,
    body: MergeIn,
    caller: CallerDep,
    service: Service,
    idempotent: Idempotent,
    if_match: IfMatch = None,
    key: IdempotencyKey = None,
) -> MergeOut:
    version = expected_version(if_match)

    def merge() -> dict[str, object]:
        merged, into = service.merge(caller, ticket_id, body.into, version)
        return MergeOut(merged=views.to_out(merged, caller), into=views.to_out(into, caller)).model_dump(
            mode="json"
        )

    answer = idempotent.run(
        f"merge:{ticket_id}", caller, key, {"body": body.model_dump(mode="json"), "version": version}, merge
    )
    return MergeOut.model_validate(answer)


@router.post(
    "/tickets/<ticket_id>/comments",
    summary="Reply publicly or add an internal note",
    tags=["tickets"],
    description="Internal notes never reach customer-facing clients.",
    responses=documented(201, "Added", 400, 404),
    security=CUSTOMERS_TOO,
)
def add_comment(
    ticket_id: TicketIdPath,
    body: CommentIn,
    caller: CallerDep,
    service: Service,
    idempotent: Idempotent,
    key: IdempotencyKey = None,
) -> Response[CommentOut]:
    answer = idempotent.run(
        f"comment:{ticket_id}",
        caller,
        key,
        body.model_dump(mode="json"),
        lambda: service.comment(caller, ticket_id, body),
    )
    return json_response(CommentOut.model_validate(answer), status=201)


@router.get(
    "/tickets/<ticket_id>/comments",
    summary="A ticket's replies and notes, oldest first",
    tags=["tickets"],
    responses=documented(200, "Comments", 400, 404),
    security=CUSTOMERS_TOO,
)
def list_comments(
    ticket_id: TicketIdPath,
    caller: CallerDep,
    service: Service,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> CommentPage:
    entries, next_cursor = service.timeline(caller, ticket_id, limit=limit, cursor=cursor, comments_only=True)
    return CommentPage(
        items=[CommentOut.model_validate(entry.comment) for entry in entries if entry.comment],
        next_cursor=next_cursor,
    )


@router.post(
    "/tickets/<ticket_id>/attachments",
    summary="Announce an attachment and get a presigned upload form",
    tags=["tickets"],
    description="POST the file to upload.url with upload.fields (multipart form) within expires_in "
    "seconds; S3 refuses another content type or a larger file.",
    responses=documented(201, "Upload form", 400, 404, 409),
    security=CUSTOMERS_TOO,
)
def add_attachment(
    ticket_id: TicketIdPath,
    body: AttachmentIn,
    caller: CallerDep,
    service: Service,
    idempotent: Idempotent,
    key: IdempotencyKey = None,
) -> Response[AttachmentUpload]:
    def attach() -> dict[str, object]:
        attachment, form = service.attach(caller, ticket_id, body)
        return AttachmentUpload(
            attachment_id=attachment["attachment_id"],
            filename=attachment["filename"],
            content_type=attachment["content_type"],
            size=attachment["size"],
            upload=UploadForm(url=form["url"], fields=form["fields"]),
            expires_in=URL_LIFETIME_SECONDS,
        ).model_dump(mode="json")

    answer = idempotent.run(f"attach:{ticket_id}", caller, key, body.model_dump(mode="json"), attach)
    return json_response(AttachmentUpload.model_validate(answer), status=201)


@router.get(
    "/tickets/<ticket_id>/attachments",
    summary="A ticket's attachments, with presigned download URLs",
    tags=["tickets"],
    responses=documented(200, "Attachments", 400, 404, 409),
    security=CUSTOMERS_TOO,
)
def list_attachments(
    ticket_id: TicketIdPath,
    caller: CallerDep,
    service: Service,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> AttachmentList:
    attachments, next_cursor = service.attachment_list(caller, ticket_id, limit=limit, cursor=cursor)
    return AttachmentList(
        next_cursor=next_cursor,
        items=[
            AttachmentOut(
                attachment_id=entry.attachment["attachment_id"],
                filename=entry.attachment["filename"],
                content_type=entry.attachment["content_type"],
                size=entry.attachment["size"],
                at=entry.at,
                download_url=url,
                expires_in=URL_LIFETIME_SECONDS,
            )
            for entry, url in attachments
        ],
    )


@router.get(
    "/tickets/<ticket_id>/timeline",
    summary="Everything that happened to a ticket, oldest first",
    tags=["tickets"],
    description="Customer-facing clients see only public entries.",
    responses=documented(200, "Timeline", 400, 404),
    security=CUSTOMERS_TOO,
)
def ticket_timeline(
    ticket_id: TicketIdPath,
    caller: CallerDep,
    service: Service,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> TimelinePage:
    entries, next_cursor = service.timeline(caller, ticket_id, limit=limit, cursor=cursor)
    return TimelinePage(items=[views.timeline_item(e) for e in entries], next_cursor=next_cursor)


def _versioned_change(
    idempotent: Idempotency,
    operation: str,
    caller: Caller,
    key: str | None,
    body: BaseModel,
    version: int | None,
    change: Callable[[], Ticket],
) -> Response[TicketOut]:
    """A change that needs If-Match, made once per Idempotency-Key: the ticket and its ETag."""
    answer = idempotent.run(
        operation,
        caller,
        key,
        {"body": body.model_dump(mode="json"), "version": version},
        lambda: views.to_out(change(), caller).model_dump(mode="json"),
    )
    out = TicketOut.model_validate(answer)
    return json_response(out, version=out.version)
