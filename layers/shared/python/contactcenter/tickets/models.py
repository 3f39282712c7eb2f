"""The ticket tables.

tickets (one item per ticket, plus the id sequence)
  - one ticket                                  -> GetItem ticket_id
  - a customer's tickets, newest first          -> Query index by_customer: customer_id, created_at desc
  - tickets in a status, latest activity first  -> Query index by_status: status, updated_at desc
  - an agent's tickets (sparse)                 -> Query index by_assignee: assignee_id, updated_at desc
  - a department's tickets (sparse)             -> Query index by_department: department, updated_at desc
  - tickets of a type, newest first             -> Query index by_type: ticket_type, created_at desc
  - all tickets, newest first                   -> Query index by_created: listing="ticket", created_at desc
  - the next human-friendly id                  -> UpdateItem ADD on ticket_id="#sequence"
  - tickets with an SLA level due by t (sparse)  -> Query index by_sla_due: "due", sla_next_due_at <= t
  - tickets at risk of or in SLA breach (sparse) -> Query index by_sla_state: sla_state, updated_at desc
  Further filters are FilterExpressions on the chosen Query, never a Scan.
ticket_events (the timeline: every change, comment and note; its stream feeds EventBridge)
  - a ticket's timeline, oldest first           -> Query ticket_id, event_id asc
"""

from pynamodb.attributes import (
    JSONAttribute,
    NumberAttribute,
    UnicodeAttribute,
    VersionAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from contactcenter.constants import TABLE_TICKET_EVENTS, TABLE_TICKETS
from contactcenter.storage import TableModel, string_list

SEQUENCE_ID = "#sequence"


def _index(name: str, hash_key: str, range_key: str) -> type[GlobalSecondaryIndex["Ticket"]]:
    meta = type("Meta", (), {"index_name": name, "projection": AllProjection()})
    attributes = {
        "Meta": meta,
        hash_key: UnicodeAttribute(hash_key=True),
        range_key: UnicodeAttribute(range_key=True),
    }
    return type(f"Tickets_{name}", (GlobalSecondaryIndex,), attributes)


class Ticket(TableModel):
    class Meta:
        table_name = TABLE_TICKETS

    ticket_id = UnicodeAttribute(hash_key=True)
    ticket_type = UnicodeAttribute()
    status = UnicodeAttribute()
    pending_on = UnicodeAttribute(null=True)  # customer | department, while status is pending
    priority = UnicodeAttribute()
    channel = UnicodeAttribute()
    subject = UnicodeAttribute()
    description = UnicodeAttribute(default="")
    category = UnicodeAttribute(null=True)
    product = UnicodeAttribute(null=True)
    language = UnicodeAttribute(null=True)
    customer_id = UnicodeAttribute()
    department = UnicodeAttribute(null=True)
    assignee_id = UnicodeAttribute(null=True)
    assignment_reason = UnicodeAttribute(null=True)
    tags = string_list(default=list)
    disposition = UnicodeAttribute(null=True)
    wrap_up_code = UnicodeAttribute(null=True)
    csat = NumberAttribute(null=True)
    resolution = UnicodeAttribute(null=True)
    merged_into = UnicodeAttribute(null=True)
    merged_from = string_list(default=list)
    reopen_count = NumberAttribute(default=0)
    # The SLA (sla/planner.py): due times by the matching policy in business time, the pending
    # escalation levels, and the levels fired (each at most once).
    customer_tier = UnicodeAttribute(null=True)
    sla_policy_id = UnicodeAttribute(null=True)
    first_response_due_at = UnicodeAttribute(null=True)
    resolution_due_at = UnicodeAttribute(null=True)
    sla_paused_since = UnicodeAttribute(null=True)  # waiting on the customer: the clock stops
    sla_paused_seconds = NumberAttribute(default=0)  # business time spent waiting on the customer
    sla_levels = JSONAttribute(null=True)  # [{"marker", "timer", "at"}], earliest first, not yet fired
    sla_fired = string_list(default=list)  # markers "<rule>:<level>" of the levels that fired
    sla_due_partition = UnicodeAttribute(null=True)  # "due" while a level is pending: the sparse index
    sla_next_due_at = UnicodeAttribute(null=True)
    sla_state = UnicodeAttribute(null=True)  # at_risk | breached (sparse: open tickets only)
    first_responded_at = UnicodeAttribute(null=True)
    resolved_at = UnicodeAttribute(null=True)
    closed_at = UnicodeAttribute(null=True)
    # The closed loop (complaints): where its workflow is, and the task token it waits on.
    # The token is a credential to answer the workflow: it never leaves the table.
    workflow_state = UnicodeAttribute(null=True)  # see workflows/complaint.py
    workflow_generation = NumberAttribute(default=0)  # one execution per generation
    workflow_round = NumberAttribute(default=0)  # dispatches so far in this generation
    follow_up_attempts = NumberAttribute(default=0)
    follow_up_last_at = UnicodeAttribute(null=True)
    workflow_token = UnicodeAttribute(null=True)
    workflow_execution = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    listing = UnicodeAttribute(default="ticket")
    version = VersionAttribute()

    by_customer = _index("by_customer", "customer_id", "created_at")()
    by_status = _index("by_status", "status", "updated_at")()
    by_assignee = _index("by_assignee", "assignee_id", "updated_at")()
    by_department = _index("by_department", "department", "updated_at")()
    by_type = _index("by_type", "ticket_type", "created_at")()
    by_created = _index("by_created", "listing", "created_at")()
    by_sla_due = _index("by_sla_due", "sla_due_partition", "sla_next_due_at")()
    by_sla_state = _index("by_sla_state", "sla_state", "updated_at")()


class TicketSequence(TableModel):
    """The counter behind human-friendly ticket ids, one item in the tickets table."""

    class Meta:
        table_name = TABLE_TICKETS

    ticket_id = UnicodeAttribute(hash_key=True, default=SEQUENCE_ID)
    value = NumberAttribute(default=0)


class TimelineEntry(TableModel):
    class Meta:
        table_name = TABLE_TICKET_EVENTS
        stream_view_type = "NEW_IMAGE"

    ticket_id = UnicodeAttribute(hash_key=True)
    event_id = UnicodeAttribute(range_key=True)  # a ULID: unique and ordered by time
    kind = UnicodeAttribute()  # created | updated | status_changed | assigned | commented | ...
    at = UnicodeAttribute()
    actor = UnicodeAttribute()
    summary = UnicodeAttribute()
    changes = JSONAttribute(null=True)  # {"field": [before, after]}
    visibility = UnicodeAttribute(default="public")  # internal entries never reach customer-facing callers
    comment = JSONAttribute(null=True)  # {"comment_id", "body", "author", "author_type"}
    attachment = JSONAttribute(null=True)
    snapshot = JSONAttribute()  # the ticket after the change: what the domain event carries
