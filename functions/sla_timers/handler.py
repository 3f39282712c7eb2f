"""EventBridge: a ticket changed; make its SLA escalation schedules match its plan."""

from typing import Any

from pydantic import Field

from contactcenter.constants import Env
from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.settings import FunctionSettings, load_settings
from contactcenter.sla.timers import Timers, TimerTarget


class Settings(FunctionSettings):
    group: str = Field(alias=Env.SCHEDULE_GROUP, min_length=1)
    role_arn: str = Field(alias=Env.SCHEDULER_ROLE_ARN, min_length=1)
    function_arn: str = Field(alias=Env.ESCALATION_FUNCTION_ARN, min_length=1)
    dead_letters_arn: str = Field(alias=Env.TIMER_DEAD_LETTERS_ARN, min_length=1)


settings = load_settings(Settings)
logger = create_logger()
metrics = create_metrics()
timers = Timers(
    TimerTarget(settings.group, settings.function_arn, settings.role_arn, settings.dead_letters_arn)
)


@logger.inject_lambda_context
@metrics.log_metrics
@traced(settings.tracing_enabled)
def handler(event: dict[str, Any], context: Any) -> dict[str, int]:
    ticket_id = event["detail"]["ticket_id"]
    counts = timers.sync(ticket_id)
    if any(counts.values()):
        logger.info("SLA timers", extra={"ticket_id": ticket_id, **counts})
    return counts
