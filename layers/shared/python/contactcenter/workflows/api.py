"""The closed loop's answers from people: a department's resolution and the follow-up call.

These routes belong to the workflows, which complete the waiting step's task token; the
tickets API's function serves them beside the ticket routes (same paths under /tickets).
"""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Depends, Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from contactcenter.api.answers import json_response
from contactcenter.api.deps import CallerDep, workflow_answers
from contactcenter.api.idempotency import IdempotencyKey, Idempotent
from contactcenter.api.responses import documented
from contactcenter.tickets import views
from contactcenter.tickets.api import STAFF, TicketIdPath
from contactcenter.tickets.models import Ticket
from contactcenter.tickets.schemas import FollowUpIn, ResolutionIn, WorkflowAccepted
from contactcenter.workflows.answers import WorkflowAnswers

router = Router()

Answers = Annotated[WorkflowAnswers, Depends(workflow_answers)]


def _accepted(ticket_id: str, ticket: Ticket) -> dict[str, Any]:
    return WorkflowAccepted(ticket_id=ticket_id, workflow=views.workflow_out(ticket)).model_dump(mode="json")


@router.post(
    "/tickets/<ticket_id>/resolution",
    summary="Record the department's resolution of a complaint",
    tags=["closed loop"],
    description="Completes the complaint workflow's dispatch step (202: the workflow records the resolution "
    "on the ticket and plans the follow-up call). 409 no-waiting-workflow when the ticket's workflow is not "
    "waiting for a resolution (its workflow_state says where it is); 409 workflow-task-expired when the "
    "wait ended meanwhile (timed out and escalated, or answered already): read the ticket and retry.",
    responses=documented(202, "Accepted by the workflow", 400, 404, 409),
    security=STAFF,
)
def resolve_ticket(
    ticket_id: TicketIdPath,
    body: ResolutionIn,
    caller: CallerDep,
    answers: Answers,
    idempotent: Idempotent,
    key: IdempotencyKey = None,
) -> Response[WorkflowAccepted]:
    def resolve() -> dict[str, Any]:
        ticket = answers.resolve(caller, ticket_id, body)
        return _accepted(ticket_id, ticket)

    answer = idempotent.run(f"resolution:{ticket_id}", caller, key, body.model_dump(mode="json"), resolve)
    return json_response(WorkflowAccepted.model_validate(answer), status=202)


@router.post(
    "/tickets/<ticket_id>/follow-up",
    summary="Record the follow-up call: is the customer satisfied?",
    tags=["closed loop"],
    description="satisfied (with a CSAT score 1-5) closes the loop; not_satisfied reopens the complaint and "
    "dispatches it again (after the configured rounds: a supervisor); unreachable plans another call within "
    "calling hours (after the configured attempts: closed as unreachable). 202: the workflow acts on it. "
    "409 as for the resolution.",
    responses=documented(202, "Accepted by the workflow", 400, 403, 404, 409),
    security=STAFF,
)
def follow_up_ticket(
    ticket_id: TicketIdPath,
    body: FollowUpIn,
    caller: CallerDep,
    answers: Answers,
    idempotent: Idempotent,
    key: IdempotencyKey = None,
) -> Response[WorkflowAccepted]:
    def follow_up() -> dict[str, Any]:
        ticket = answers.follow_up(caller, ticket_id, body)
        return _accepted(ticket_id, ticket)

    answer = idempotent.run(f"follow_up:{ticket_id}", caller, key, body.model_dump(mode="json"), follow_up)
    return json_response(WorkflowAccepted.model_validate(answer), status=202)
