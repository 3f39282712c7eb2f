"""The people's part of the closed loop, through the API: the department's resolution and the
agent's follow-up outcome. Each answers the task the workflow waits on (its token is on the
ticket); the workflow then records it on the ticket and carries on.

The answer goes to Step Functions first and nothing is written here: an answer that arrives
when the workflow no longer waits (timed out, answered already) is reported, never lost in a
half-written ticket.
"""

from typing import Any

from pynamodb.exceptions import UpdateError

from contactcenter import clock, executions
from contactcenter.auth import Caller, Role
from contactcenter.errors import Conflict
from contactcenter.tickets.access import require_work
from contactcenter.tickets.models import Ticket
from contactcenter.tickets.schemas import FollowUpIn, ResolutionIn
from contactcenter.tickets.service import TicketService
from contactcenter.workflows.complaint import AWAITING_FOLLOW_UP, AWAITING_RESOLUTION


class NoWaitingWorkflow(Conflict):
    slug = "no-waiting-workflow"
    title = "No workflow of this ticket waits for that"


class WorkflowAnswers:
    def __init__(self, tickets: TicketService | None = None) -> None:
        self.tickets = tickets or TicketService()

    def resolve(self, caller: Caller, ticket_id: str, data: ResolutionIn) -> Ticket:
        ticket = self.tickets.get(caller, ticket_id)
        require_work(caller, ticket)
        output = {"resolution": data.resolution, "by": caller.actor, "at": clock.iso(clock.now())}
        return self._answer(ticket, AWAITING_RESOLUTION, output, "a resolution")

    def follow_up(self, caller: Caller, ticket_id: str, data: FollowUpIn) -> Ticket:
        caller.require(Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.INTEGRATION)
        ticket = self.tickets.get(caller, ticket_id)
        output = {**data.model_dump(), "by": caller.actor, "at": clock.iso(clock.now())}
        return self._answer(ticket, AWAITING_FOLLOW_UP, output, "a follow-up outcome")

    @staticmethod
    def _answer(ticket: Ticket, waiting: str, output: dict[str, Any], what: str) -> Ticket:
        if ticket.workflow_state != waiting:
            state = ticket.workflow_state or "none"
            raise NoWaitingWorkflow(
                f"ticket {ticket.ticket_id}'s workflow is {state}, not waiting for {what}",
                field="ticket_id",
                workflow_state=state,
                ticket_status=ticket.status,
            )
        token = ticket.workflow_token
        if not token:
            raise executions.WorkflowTaskExpired(
                f"{what} was given already; the workflow is acting on it",
                field="ticket_id",
                reason="AlreadyAnswered",
            )
        # Claim the token first: of two answers at once, exactly one reaches the workflow.
        try:
            ticket.update(actions=[Ticket.workflow_token.remove()], condition=Ticket.workflow_token == token)
        except UpdateError:
            raise executions.WorkflowTaskExpired(
                f"{what} was given meanwhile; read the ticket", field="ticket_id", reason="AlreadyAnswered"
            ) from None
        try:
            executions.answer(token, output, field="ticket_id")
        except executions.WorkflowTaskExpired:
            raise  # the wait is over (timed out and escalated): the workflow asks again with a new token
        except Exception:
            # Step Functions could not be reached: give the token back, so a retry can answer.
            ticket.update(
                actions=[Ticket.workflow_token.set(token)],
                condition=Ticket.workflow_token.does_not_exist() & (Ticket.workflow_state == waiting),
            )
            raise
        return ticket
