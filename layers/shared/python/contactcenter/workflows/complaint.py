"""The closed loop for a complaint, step by step (state_machines/complaint.asl.json):

acknowledge -> dispatch -> await the department's resolution (SLA timeout: escalate, keep
waiting) -> record it -> plan the follow-up call (calling hours, backoff, do-not-call) ->
await the agent's outcome -> satisfied: close with the score | not satisfied: reopen and
dispatch again, up to ``max_rounds``, then a supervisor | unreachable: try again, up to
``follow_up_attempts``, then close as unreachable.

The ticket holds the loop's state (``workflow_state``), its counters and the task token the
workflow waits on; every step writes the ticket's timeline. Steps may run twice (Step
Functions retries): each checks the ticket before it acts.
"""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from contactcenter import clock
from contactcenter.acknowledgements import Recipient, send_acknowledgement
from contactcenter.agent_tasks import ConnectQueues, start_agent_task
from contactcenter.auth import WORKFLOW, Caller
from contactcenter.callbacks import do_not_call
from contactcenter.calling_hours import CallingHours, zone_named
from contactcenter.customers.models import Customer
from contactcenter.tickets.models import Ticket
from contactcenter.tickets.schemas import AssignmentIn, TransitionIn
from contactcenter.tickets.service import TicketService
from contactcenter.tickets.status import LOOP_ENDED, Status
from contactcenter.workflow_timing import ComplaintTiming, retry_delay, wait_until

# workflow_state values. The loop is active in every state but the ENDED ones.
STARTING, ACKNOWLEDGED, DISPATCHED = "starting", "acknowledged", "dispatched"
AWAITING_RESOLUTION, AWAITING_FOLLOW_UP, FOLLOW_UP_PLANNED = (
    "awaiting_resolution",
    "awaiting_follow_up",
    "follow_up_planned",
)
ENDED = LOOP_ENDED


@dataclass(frozen=True)
class Deployment:
    queues: ConnectQueues
    instance_id: str
    task_flow_arn: str
    sender_email: str | None


class ComplaintSteps:
    def __init__(self, deployment: Deployment, tickets: TicketService | None = None) -> None:
        self.deployment = deployment
        self.tickets = tickets or TicketService()

    def acknowledge(self, ticket_id: str, execution_arn: str) -> dict[str, Any]:
        ticket = Ticket.get(ticket_id)
        if ticket.workflow_state != STARTING:
            return {"channel": "already"}  # a retried step: the customer heard from us once
        customer = Customer.get(ticket.customer_id)
        recipient = Recipient(
            name=customer.name,
            language=ticket.language or customer.language,
            email=customer.email,
            phone=customer.phones[0] if customer.phones else None,
        )
        channel = send_acknowledgement(
            recipient, ticket.ticket_id, ticket.subject, self.deployment.sender_email
        )
        said = {"email": "by e-mail", "sms": "by SMS", "none": "not: no e-mail address or phone number"}
        self.tickets.record_workflow(
            WORKFLOW,
            ticket,
            f"complaint acknowledged to the customer {said[channel]}",
            visibility="public",
            workflow_state=ACKNOWLEDGED,
            workflow_execution=execution_arn,
        )
        return {"channel": channel}

    def dispatch(self, ticket_id: str, timing: ComplaintTiming) -> dict[str, Any]:
        ticket = Ticket.get(ticket_id)
        if ticket.workflow_state == DISPATCHED:
            return self._due(ticket, timing)  # a retried step
        if not ticket.department:
            ticket = self.tickets.assign(WORKFLOW, ticket_id, AssignmentIn(mode="auto"), ticket.version)
        rounds = int(ticket.workflow_round) + 1
        timeout = _timeout(ticket, timing)
        self.tickets.record_workflow(
            WORKFLOW,
            ticket,
            f"dispatched to {ticket.department} (round {rounds}); resolution due within {_duration(timeout)}",
            workflow_state=DISPATCHED,
            workflow_round=rounds,
        )
        return self._due(ticket, timing)

    def await_resolution(self, ticket_id: str, token: str) -> dict[str, Any]:
        ticket = Ticket.get(ticket_id)
        self.tickets.record_workflow(
            WORKFLOW,
            ticket,
            f"waiting for {ticket.department}'s resolution",
            workflow_state=AWAITING_RESOLUTION,
            workflow_token=token,
        )
        return {}

    def escalate_overdue(self, ticket_id: str) -> dict[str, Any]:
        """The department missed the resolution SLA: say so (audited, on the timeline and the
        event bus as ``ticket.workflow``); the workflow then keeps waiting."""
        ticket = Ticket.get(ticket_id)
        self.tickets.record_workflow(
            WORKFLOW,
            ticket,
            f"resolution overdue at {ticket.department}: escalated",
            workflow_state="resolution_overdue",
            workflow_token=None,
            tags=sorted({*ticket.tags, "sla-breached"}),
        )
        return {"escalated": True}

    def record_resolution(self, ticket_id: str, resolution: dict[str, Any]) -> dict[str, Any]:
        ticket = Ticket.get(ticket_id)
        if ticket.status == Status.RESOLVED.value:
            return {}  # a retried step
        self.tickets.transition(
            _person(resolution),
            ticket_id,
            TransitionIn(to=Status.RESOLVED, resolution=str(resolution["resolution"])),
            ticket.version,
            workflow={"workflow_state": "resolved", "workflow_token": None},
        )
        return {}

    def plan_follow_up(self, ticket_id: str, timing: ComplaintTiming) -> dict[str, Any]:
        ticket = Ticket.get(ticket_id)
        customer = Customer.get(ticket.customer_id)
        attempts = int(ticket.follow_up_attempts)
        if attempts >= timing.follow_up_attempts:
            return _plan("give_up", disposition="unreachable")
        if not customer.phones:
            return _plan("give_up", disposition="no_phone_number")
        if do_not_call.is_listed(customer.phones[0]):
            return _plan("give_up", disposition="do_not_call")
        now = clock.now()
        earliest = now
        if attempts and ticket.follow_up_last_at:
            delay = retry_delay(timing.follow_up_retry_seconds, timing.follow_up_backoff, attempts)
            earliest = max(now, datetime.fromisoformat(ticket.follow_up_last_at) + timedelta(seconds=delay))
        _, queue = self.deployment.queues.get(timing.follow_up_queue)
        hours = CallingHours.parse(queue.calling_hours)
        moment = hours.next_allowed(earliest, zone_named(customer.time_zone))
        if moment <= now:
            return _plan("call")
        why = "calling hours" if moment > earliest else "the retry delay"
        self.tickets.record_workflow(
            WORKFLOW,
            ticket,
            f"follow-up call planned for {clock.iso(moment)} ({why}; calling hours {hours.describe()} "
            f"{customer.time_zone})",
            workflow_state=FOLLOW_UP_PLANNED,
        )
        return _plan("wait", until=wait_until(moment))

    def request_follow_up(self, ticket_id: str, token: str, timing: ComplaintTiming) -> dict[str, Any]:
        """An agent task: call the customer and ask whether they are satisfied."""
        ticket = Ticket.get(ticket_id)
        customer = Customer.get(ticket.customer_id)
        attempt = int(ticket.follow_up_attempts) + 1
        _, queue = self.deployment.queues.get(timing.follow_up_queue)
        start_agent_task(
            instance_id=self.deployment.instance_id,
            task_flow_arn=self.deployment.task_flow_arn,
            queue=queue,
            name=f"Follow-up call for complaint {ticket.ticket_id}",
            description=f"Is the customer satisfied with the resolution? {ticket.resolution or ''}",
            attributes={
                "ticket_id": ticket.ticket_id,
                "number": customer.phones[0],
                "language": ticket.language or customer.language,
                "attempt": str(attempt),
            },
            client_token=f"{ticket.ticket_id}-{int(ticket.workflow_generation)}-{int(ticket.workflow_round)}-{attempt}",
        )
        self.tickets.record_workflow(
            WORKFLOW,
            ticket,
            f"follow-up call {attempt} given to an agent in {queue.name}",
            workflow_state=AWAITING_FOLLOW_UP,
            workflow_token=token,
        )
        return {"attempt": attempt}

    def unreachable(self, ticket_id: str, outcome: dict[str, Any]) -> dict[str, Any]:
        ticket = Ticket.get(ticket_id)
        attempts = int(ticket.follow_up_attempts) + 1
        note = outcome.get("note") or "the customer did not answer"
        self.tickets.record_workflow(
            _person(outcome),
            ticket,
            f"follow-up call {attempts}: customer unreachable ({note})",
            workflow_state="follow_up_unreachable",
            workflow_token=None,
            follow_up_attempts=attempts,
            follow_up_last_at=clock.iso(clock.now()),
        )
        return {"attempts": attempts}

    def not_satisfied(
        self, ticket_id: str, outcome: dict[str, Any], timing: ComplaintTiming
    ) -> dict[str, Any]:
        """Reopen; another round unless the complaint has had ``max_rounds`` already."""
        ticket = Ticket.get(ticket_id)
        again = int(ticket.workflow_round) < timing.max_rounds
        if ticket.status == Status.RESOLVED.value:
            note = outcome.get("note") or "the customer is not satisfied"
            self.tickets.transition(
                _person(outcome),
                ticket_id,
                TransitionIn(to=Status.OPEN, note=f"not satisfied: {note}"),
                ticket.version,
                workflow={"workflow_state": "reopened", "workflow_token": None, "follow_up_attempts": 0},
            )
        return {"again": again}

    def escalate_to_supervisor(self, ticket_id: str, timing: ComplaintTiming) -> dict[str, Any]:
        ticket = Ticket.get(ticket_id)
        self.tickets.record_workflow(
            WORKFLOW,
            ticket,
            f"customer still not satisfied after {timing.max_rounds} rounds: escalated to a supervisor",
            workflow_state="escalated",
            workflow_token=None,
            tags=sorted({*ticket.tags, "supervisor"}),
        )
        return {}

    def close(
        self, ticket_id: str, disposition: str, outcome: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        ticket = Ticket.get(ticket_id)
        if ticket.status == Status.CLOSED.value:
            return {}  # a retried step
        outcome = outcome or {}
        fields: dict[str, Any] = {"workflow_state": "closed", "workflow_token": None}
        if outcome.get("csat") is not None:
            fields["csat"] = int(outcome["csat"])
        note = f"customer satisfied (CSAT {outcome['csat']})" if disposition == "satisfied" else disposition
        self.tickets.transition(
            _person(outcome),
            ticket_id,
            TransitionIn(to=Status.CLOSED, disposition=disposition, note=outcome.get("note") or note),
            ticket.version,
            workflow=fields,
        )
        return {"disposition": disposition}

    def mark_failed(self, ticket_id: str, error: dict[str, Any]) -> dict[str, Any]:
        """The catch-all: the ticket says its workflow failed (and why); the execution then
        fails too, which raises the state machine's alarm."""
        ticket = Ticket.get(ticket_id)
        self.tickets.record_workflow(
            WORKFLOW,
            ticket,
            f"the closed-loop workflow failed ({error.get('Error', 'unknown error')}); operators are alerted",
            workflow_state="failed",
            workflow_token=None,
            tags=sorted({*ticket.tags, "workflow-failed"}),
        )
        return {}

    @staticmethod
    def _due(ticket: Ticket, timing: ComplaintTiming) -> dict[str, Any]:
        return {"timeout_seconds": _timeout(ticket, timing), "department": ticket.department}


def _timeout(ticket: Ticket, timing: ComplaintTiming) -> int:
    """How long the department has: until the ticket's SLA resolution due time (the SLA
    policies' rules, in business time), or the workflow's own timing without an SLA."""
    if ticket.resolution_due_at:
        remaining = datetime.fromisoformat(ticket.resolution_due_at) - clock.now()
        return max(1, int(remaining.total_seconds()))
    return timing.resolution_timeout(ticket.priority)


def _plan(action: str, *, until: str = "", disposition: str = "") -> dict[str, Any]:
    """What the state machine's choice reads: every key, always (its paths must exist)."""
    return {"action": action, "wait_until": until, "disposition": disposition}


def _person(answer: dict[str, Any] | None) -> Caller:
    """Whoever gave the answer the workflow acts on (a department member, an agent), as the
    timeline and the audit log name them; acting with the workflow's rights."""
    who = str((answer or {}).get("by") or WORKFLOW.username)
    return replace(WORKFLOW, subject=who, username=who)


def _duration(seconds: int) -> str:
    if seconds % 3600 == 0:
        return f"{seconds // 3600} h"
    return f"{seconds // 60} min" if seconds % 60 == 0 else f"{seconds} s"
