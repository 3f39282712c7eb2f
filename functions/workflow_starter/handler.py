"""EventBridge rule target: a complaint was logged (or reopened); start its closed loop."""

from typing import Any

from pydantic import Field, Json

from contactcenter.constants import (
    STATE_MACHINE_COMPLAINT,
    Env,
)
from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.settings import FunctionSettings, load_settings
from contactcenter.workflow_timing import ComplaintTiming
from contactcenter.workflows.starter import Starter


class Settings(FunctionSettings):
    state_machine_arn: str = Field(alias=Env.state_machine(STATE_MACHINE_COMPLAINT), min_length=1)
    timing: Json[ComplaintTiming] = Field(default=ComplaintTiming(), alias=Env.WORKFLOW_TIMING)


settings = load_settings(Settings)
logger = create_logger()
metrics = create_metrics()
starter = Starter(settings.state_machine_arn, settings.timing)


@logger.inject_lambda_context
@metrics.log_metrics
@traced(settings.tracing_enabled)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    ticket_id = event["detail"]["ticket_id"]
    outcome = starter.start(ticket_id)
    logger.info(
        "closed loop", extra={"ticket_id": ticket_id, "event_id": event["detail"].get("event_id"), **outcome}
    )
    if outcome["started"]:
        metrics.add_metric(name="ComplaintWorkflowsStarted", unit="Count", value=1)
    return outcome
