"""Starting the closed loop: one execution per complaint (and per reopening), named by the
ticket, so a redelivered or duplicated event never starts a second one."""

from typing import Any

from pynamodb.exceptions import DoesNotExist

from contactcenter import executions
from contactcenter.auth import WORKFLOW
from contactcenter.errors import PreconditionFailed
from contactcenter.tickets.models import Ticket
from contactcenter.tickets.service import TicketService
from contactcenter.workflow_timing import ComplaintTiming
from contactcenter.workflows.complaint import ENDED, STARTING

COMPLAINT = "complaint"


def execution_name(ticket_id: str, generation: int) -> str:
    return ticket_id if generation == 1 else f"{ticket_id}-{generation}"


class Starter:
    def __init__(
        self, state_machine_arn: str, timing: ComplaintTiming, tickets: TicketService | None = None
    ) -> None:
        self.state_machine_arn = state_machine_arn
        self.timing = timing
        self.tickets = tickets or TicketService()

    def start(self, ticket_id: str) -> dict[str, Any]:
        """Start the loop for ``ticket_id`` unless one runs; what happened."""
        try:
            ticket = Ticket.get(ticket_id)
        except DoesNotExist:
            return {"started": False, "reason": "no such ticket"}
        if ticket.ticket_type != COMPLAINT:
            return {"started": False, "reason": f"a {ticket.ticket_type}, not a complaint"}
        state = ticket.workflow_state
        if state is not None and state not in ENDED and state != STARTING:
            return {"started": False, "reason": f"its workflow is running ({state})"}
        if state != STARTING:
            # Claim the next generation; a concurrent starter loses on the version and stops.
            try:
                ticket = self.tickets.record_workflow(
                    WORKFLOW,
                    ticket,
                    "closed-loop workflow started",
                    workflow_state=STARTING,
                    workflow_generation=int(ticket.workflow_generation) + 1,
                    workflow_round=0,
                    follow_up_attempts=0,
                    follow_up_last_at=None,
                    workflow_token=None,
                )
            except PreconditionFailed:
                return {"started": False, "reason": "another start claimed it"}
        # STARTING: this generation's execution may have been started already (the name says).
        generation = int(ticket.workflow_generation)
        name = execution_name(ticket_id, generation)
        arn, started = executions.start(
            self.state_machine_arn,
            name,
            {"ticket_id": ticket_id, "generation": generation, "timing": self.timing.model_dump()},
        )
        return {"started": started, "execution": arn, "reason": "started" if started else "already started"}
