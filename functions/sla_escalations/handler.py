"""SLA escalations: a level's one-time schedule names a ticket; the five-minute sweep (a
scheduled rule) asks the sparse due index. Both fire through the same code, at most once."""

from typing import Any

from pydantic import Field

from contactcenter.constants import (
    APP_NAME,
    Env,
)
from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.settings import FunctionSettings, load_settings
from contactcenter.sla.config import CachedConfig
from contactcenter.sla.escalation import Channels, Escalations
from contactcenter.sla.planner import SlaPlanner
from contactcenter.sla.timers import due_tickets
from contactcenter.tickets.service import TicketService


class Settings(FunctionSettings):
    supervisor_topic: str = Field(alias=Env.topic("supervisor"))
    department_head_topic: str = Field(alias=Env.topic("department_head"))
    assignee_topic: str = Field(alias=Env.topic("assignee"))
    sender_email: str | None = Field(default=None, alias=Env.SENDER_EMAIL)


settings = load_settings(Settings)
logger = create_logger()
metrics = create_metrics()
config = CachedConfig()
escalations = Escalations(
    config,
    Channels(
        topics={
            "supervisor": settings.supervisor_topic,
            "department_head": settings.department_head_topic,
            "assignee": settings.assignee_topic,
        },
        sender=settings.sender_email or None,
        template_prefix=f"{APP_NAME}-{settings.stage}",
    ),
    TicketService(sla=SlaPlanner(config)),
)


@logger.inject_lambda_context
@metrics.log_metrics
@traced(settings.tracing_enabled)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    sweep = "ticket_id" not in event  # the scheduled rule's event, not a level's schedule
    tickets = list(due_tickets()) if sweep else [str(event["ticket_id"])]
    fired = {}
    for ticket_id in tickets:
        markers = escalations.fire_due(ticket_id)
        if markers:
            fired[ticket_id] = markers
            metrics.add_metric(name="SlaLevelsFired", unit="Count", value=len(markers))
    logger.info(
        "escalations", extra={"checked": len(tickets), "fired": fired, "sweep": "ticket_id" not in event}
    )
    return {"checked": len(tickets), "fired": fired}
