"""Planning a ticket's SLA: which policy applies (type, priority, customer tier), when the
first response and the resolution are due in the policy's business time, and when each
escalation level of the matching rules falls due.

The plan is recomputed whenever the ticket changes in a way that matters (created, priority
or type changed, status changed, first response given) and written with that change. While
the ticket waits on the customer the clock stops: the business time spent waiting is added
up and no level can fall due.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from contactcenter import clock
from contactcenter.sla.config import SlaConfig
from contactcenter.tickets.models import Ticket
from contactcenter.tickets.status import PendingOn, Status

TIMERS = ("first_response", "resolution")
DUE = "due"


class SlaPlanner:
    def __init__(self, config: Callable[[], SlaConfig]) -> None:
        self.config = config

    def apply(self, ticket: Ticket, now: datetime) -> None:
        """Set the ticket's SLA fields for its current state (in place; the caller saves)."""
        status = Status(ticket.status)
        if status in (Status.RESOLVED, Status.CLOSED):
            self._stop(ticket)
            ticket.sla_paused_since = None
            return
        if status is Status.PENDING and ticket.pending_on == PendingOn.CUSTOMER.value:
            if ticket.sla_paused_since is None:
                ticket.sla_paused_since = clock.iso(now)
            self._stop(ticket, keep_state=True)
            return
        policy = self.config().policy_for(
            ticket.ticket_type, ticket.priority, ticket.customer_tier or "standard"
        )
        if policy is None:
            ticket.sla_policy_id = ticket.first_response_due_at = ticket.resolution_due_at = None
            self._stop(ticket)
            return
        calendar = policy.calendar
        if ticket.sla_paused_since is not None:
            waited = calendar.between(datetime.fromisoformat(ticket.sla_paused_since), now)
            ticket.sla_paused_seconds = float(ticket.sla_paused_seconds or 0) + max(0.0, waited)
            ticket.sla_paused_since = None
        elapsed = calendar.between(datetime.fromisoformat(ticket.created_at), now) - float(
            ticket.sla_paused_seconds
        )

        def moment(offset: float) -> datetime:
            """When ``offset`` seconds of the ticket's SLA clock will have run."""
            remaining = offset - elapsed
            return calendar.add(now, remaining) if remaining > 0 else now - timedelta(seconds=-remaining)

        fired = set(ticket.sla_fired or [])
        levels: list[dict[str, Any]] = []
        for timer in TIMERS:
            target = policy.definition.target_seconds(timer)
            setattr(ticket, f"{timer}_due_at", clock.iso(moment(target)))
            if timer == "first_response" and ticket.first_responded_at:
                continue  # answered: its levels are moot
            for rule in self.config().rules_for(
                timer, ticket.ticket_type, ticket.priority, ticket.customer_tier or "standard"
            ):
                offsets: dict[str, float] = {}
                for level in rule.definition.levels:
                    if level.percent is not None:
                        offsets[level.level] = target * level.percent / 100
                    else:
                        assert level.after is not None
                        offsets[level.level] = offsets[level.after.level] + level.after.minutes * 60
                    marker = f"{rule.rule_id}:{level.level}"
                    if marker not in fired:
                        levels.append(
                            {
                                "marker": marker,
                                "timer": timer,
                                "at": clock.iso(max(now, moment(offsets[level.level]))),
                            }
                        )
        ticket.sla_policy_id = policy.policy_id
        self._set_levels(ticket, levels)

    def _stop(self, ticket: Ticket, keep_state: bool = False) -> None:
        self._set_levels(ticket, [])
        if not keep_state:
            ticket.sla_state = None

    @staticmethod
    def _set_levels(ticket: Ticket, levels: list[dict[str, Any]]) -> None:
        levels.sort(key=lambda level: level["at"])
        ticket.sla_levels = levels or None
        ticket.sla_next_due_at = levels[0]["at"] if levels else None
        ticket.sla_due_partition = DUE if levels else None
