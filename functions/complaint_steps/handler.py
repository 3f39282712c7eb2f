"""The complaint state machine's steps (state_machines/complaint.asl.json). An error
propagates: the state machine retries what is transient and catches the rest."""

from typing import Any

from pydantic import Field

from contactcenter.constants import (
    Env,
)
from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.settings import load_settings
from contactcenter.sla.config import CachedConfig
from contactcenter.sla.planner import SlaPlanner
from contactcenter.tickets.service import TicketService
from contactcenter.workflow_timing import ComplaintTiming
from contactcenter.workflows.complaint import ComplaintSteps, Deployment
from contactcenter.workflows.settings import AgentTaskSettings


class Settings(AgentTaskSettings):
    sender_email: str | None = Field(default=None, alias=Env.SENDER_EMAIL)


settings = load_settings(Settings)
logger = create_logger()
metrics = create_metrics()
steps = ComplaintSteps(
    Deployment(
        queues=settings.queues,
        instance_id=settings.instance_id,
        task_flow_arn=settings.task_flow_arn,
        sender_email=settings.sender_email or None,
    ),
    TicketService(sla=SlaPlanner(CachedConfig())),
)


def run(step: str, event: dict[str, Any]) -> dict[str, Any]:
    ticket_id = event["ticket_id"]
    timing = ComplaintTiming.model_validate(event.get("timing", {}))
    match step:
        case "acknowledge":
            return steps.acknowledge(ticket_id, event["execution"])
        case "dispatch":
            return steps.dispatch(ticket_id, timing)
        case "await_resolution":
            return steps.await_resolution(ticket_id, event["token"])
        case "escalate_overdue":
            return steps.escalate_overdue(ticket_id)
        case "record_resolution":
            return steps.record_resolution(ticket_id, event["resolution"])
        case "plan_follow_up":
            return steps.plan_follow_up(ticket_id, timing)
        case "request_follow_up":
            return steps.request_follow_up(ticket_id, event["token"], timing)
        case "unreachable":
            return steps.unreachable(ticket_id, event["outcome"])
        case "not_satisfied":
            return steps.not_satisfied(ticket_id, event["outcome"], timing)
        case "escalate_to_supervisor":
            return steps.escalate_to_supervisor(ticket_id, timing)
        case "close":
            return steps.close(ticket_id, event["disposition"], event.get("outcome"))
        case "mark_failed":
            metrics.add_metric(name="ComplaintWorkflowFailures", unit="Count", value=1)
            return steps.mark_failed(ticket_id, event.get("error") or {})
    raise ValueError(f"unknown step {step!r}")


@logger.inject_lambda_context
@metrics.log_metrics
@traced(settings.tracing_enabled)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    step = str(event.get("step"))
    logger.append_keys(ticket_id=event.get("ticket_id"), step=step)
    result = run(step, event)
    logger.info("step done")
    return result
