"""The ticket status machine: which status may follow which, and why not.

new -> open | pending | resolved | closed
open -> pending | resolved | closed
pending -> open | resolved
resolved -> closed | open (a reopen, within the reopen window)
closed -> (nothing; a new ticket is opened instead)

Closing a ticket that was never resolved (spam, duplicates) requires a disposition.
"""

from datetime import datetime, timedelta
from enum import StrEnum

from contactcenter.errors import Conflict, ValidationFailed


class Status(StrEnum):
    NEW = "new"
    OPEN = "open"
    PENDING = "pending"
    RESOLVED = "resolved"
    CLOSED = "closed"


class PendingOn(StrEnum):
    CUSTOMER = "customer"
    DEPARTMENT = "department"


ALLOWED: dict[Status, tuple[Status, ...]] = {
    Status.NEW: (Status.OPEN, Status.PENDING, Status.RESOLVED, Status.CLOSED),
    Status.OPEN: (Status.PENDING, Status.RESOLVED, Status.CLOSED),
    Status.PENDING: (Status.OPEN, Status.RESOLVED),
    Status.RESOLVED: (Status.CLOSED, Status.OPEN),
    Status.CLOSED: (),
}

# The closed loop of a complaint (workflows/complaint.py) has ended in these workflow states;
# in any other, the loop decides when the complaint is resolved and closed.
LOOP_ENDED = frozenset({"closed", "escalated", "failed"})

# Tickets in these statuses count towards an agent's open workload.
WORKLOAD = frozenset({Status.NEW, Status.OPEN, Status.PENDING})


class TransitionNotAllowed(Conflict):
    slug = "transition-not-allowed"
    title = "The ticket cannot move to that status"


class ClosedLoopRunning(Conflict):
    slug = "closed-loop-running"
    title = "The complaint's closed loop decides this"


def check_transition(
    current: Status,
    target: Status,
    *,
    pending_on: PendingOn | None,
    disposition: str | None,
    resolved_at: datetime | None,
    now: datetime,
    reopen_window: timedelta,
) -> None:
    """Raise unless ``current`` may become ``target`` with these details."""
    allowed = ALLOWED[current]
    if target not in allowed:
        raise TransitionNotAllowed(
            f"a {current} ticket cannot become {target}",
            field="to",
            current_status=current.value,
            allowed=[status.value for status in allowed],
        )
    if target is Status.PENDING and pending_on is None:
        raise ValidationFailed(
            "say whom the ticket is pending on: customer or department", field="pending_on"
        )
    if target is not Status.PENDING and pending_on is not None:
        raise ValidationFailed("pending_on belongs only to a move to pending", field="pending_on")
    if target is Status.CLOSED and current is not Status.RESOLVED and not disposition:
        raise ValidationFailed(
            "closing an unresolved ticket needs a disposition (e.g. spam)", field="disposition"
        )
    reopening = current is Status.RESOLVED and target is Status.OPEN
    if reopening and resolved_at is not None and now - resolved_at > reopen_window:
        raise TransitionNotAllowed(
            f"the ticket was resolved more than {reopen_window.days} days ago; open a new ticket",
            field="to",
            current_status=current.value,
            allowed=[Status.CLOSED.value],
        )
