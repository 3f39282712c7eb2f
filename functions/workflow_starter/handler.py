"""EventBridge rule target: a complaint was logged (or reopened); start its closed loop."""

from typing import Any

from pydantic import Field, Json

from contactcenter.audit.models import AuditRecord
from contactcenter.constants import (
    STATE_MACHINE_COMPLAINT,
    TABLE_AUDIT,
    TABLE_TICKET_EVENTS,
    TABLE_TICKETS,
    Env,
)
from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.settings import FunctionSettings, load_settings
from contactcenter.storage import bind_tables
from contactcenter.tickets.models import Ticket, TimelineEntry
from contactcenter.workflow_timing import ComplaintTiming
from contactcenter.workflows.starter import Starter


class Settings(FunctionSettings):
    tickets_table: str = Field(alias=Env.table(TABLE_TICKETS))
    events_table: str = Field(alias=Env.table(TABLE_TICKET_EVENTS))
    audit_table: str = Field(alias=Env.table(TABLE_AUDIT))
    state_machine_arn: str = Field(alias=Env.state_machine(STATE_MACHINE_COMPLAINT), min_length=1)
    timing: Json[ComplaintTiming] = Field(default=ComplaintTiming(), alias=Env.WORKFLOW_TIMING)


settings = load_settings(Settings)
bind_tables(
    {Ticket: settings.tickets_table, TimelineEntry: settings.events_table, AuditRecord: settings.audit_table}
)
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
