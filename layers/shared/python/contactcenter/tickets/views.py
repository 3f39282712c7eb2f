"""Tickets as the API and the domain events show them."""

from typing import Any

from contactcenter.auth import Caller
from contactcenter.tickets.access import sees_internal
from contactcenter.tickets.models import Ticket, TimelineEntry
from contactcenter.tickets.schemas import SlaOut, TicketOut, TimelineItem, WorkflowOut

# What a domain event carries about the ticket (consumers need these to route and decide).
EVENT_FIELDS = (
    "ticket_id",
    "ticket_type",
    "status",
    "pending_on",
    "priority",
    "channel",
    "customer_id",
    "department",
    "assignee_id",
    "category",
    "product",
    "language",
    "csat",
    "disposition",
    "reopen_count",
    "merged_into",
    "created_at",
    "updated_at",
    "resolved_at",
    "first_response_due_at",
    "resolution_due_at",
    "workflow_state",
    "workflow_round",
    "sla_policy_id",
    "sla_state",
)


def snapshot(ticket: Ticket) -> dict[str, Any]:
    """The whole ticket, for the audit log."""
    data = ticket.to_simple_dict()
    data.pop("listing", None)
    data.pop("workflow_token", None)  # a credential, not a fact about the ticket
    return data


def event_snapshot(ticket: Ticket) -> dict[str, Any]:
    return {field: getattr(ticket, field) for field in EVENT_FIELDS}


def to_out(ticket: Ticket, caller: Caller) -> TicketOut:
    internal = sees_internal(caller)
    return TicketOut(
        ticket_id=ticket.ticket_id,
        type=ticket.ticket_type,
        status=ticket.status,
        pending_on=ticket.pending_on,
        priority=ticket.priority,
        channel=ticket.channel,
        subject=ticket.subject,
        description=ticket.description,
        category=ticket.category,
        product=ticket.product,
        language=ticket.language,
        customer_id=ticket.customer_id,
        department=ticket.department,
        assignee_id=ticket.assignee_id if internal else None,
        assignment_reason=ticket.assignment_reason if internal else None,
        tags=list(ticket.tags) if internal else [],
        disposition=ticket.disposition,
        wrap_up_code=ticket.wrap_up_code if internal else None,
        csat=int(ticket.csat) if ticket.csat is not None else None,
        resolution=ticket.resolution,
        merged_into=ticket.merged_into,
        merged_from=list(ticket.merged_from),
        reopen_count=int(ticket.reopen_count),
        first_response_due_at=ticket.first_response_due_at,
        resolution_due_at=ticket.resolution_due_at,
        first_responded_at=ticket.first_responded_at,
        resolved_at=ticket.resolved_at,
        closed_at=ticket.closed_at,
        created_at=ticket.created_at,
        updated_at=ticket.updated_at,
        created_by=ticket.created_by if internal else "",
        sla=SlaOut(
            policy_id=ticket.sla_policy_id,
            state=ticket.sla_state,
            paused=ticket.sla_paused_since is not None,
            next_level_at=ticket.sla_next_due_at,
            fired=list(ticket.sla_fired or []),
        ),
        workflow=workflow_out(ticket),
        version=ticket.version or 0,
    )


def workflow_out(ticket: Ticket) -> WorkflowOut:
    return WorkflowOut(
        state=ticket.workflow_state,
        generation=int(ticket.workflow_generation),
        round=int(ticket.workflow_round),
        follow_up_attempts=int(ticket.follow_up_attempts),
    )


def timeline_item(entry: TimelineEntry) -> TimelineItem:
    return TimelineItem(
        event_id=entry.event_id,
        kind=entry.kind,
        at=entry.at,
        actor=entry.actor,
        summary=entry.summary,
        visibility=entry.visibility,
        changes=entry.changes,
        comment=entry.comment,
        attachment=entry.attachment,
    )
