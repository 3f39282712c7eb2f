"""The /tickets API: lifecycle, assignment, conversation, attachments, timeline."""

from datetime import timedelta

from pydantic import Field, Json

from contactcenter.api import deps
from contactcenter.api.handler import api_entry_point
from contactcenter.api.idempotency import Idempotency
from contactcenter.api.resolver import create_resolver
from contactcenter.api.throttling import ClientThrottle
from contactcenter.constants import (
    BUCKET_ATTACHMENTS,
    Env,
)
from contactcenter.observability import create_logger, create_metrics
from contactcenter.rate_limits import AbuseLimitSettings
from contactcenter.settings import load_settings
from contactcenter.sla.config import CachedConfig
from contactcenter.sla.planner import SlaPlanner
from contactcenter.tickets import api
from contactcenter.tickets.attachments import AttachmentStore
from contactcenter.tickets.service import DEFAULT_TYPES, TicketService
from contactcenter.workflows import api as workflows_api
from contactcenter.workflows.answers import WorkflowAnswers


class Settings(AbuseLimitSettings):
    attachments_bucket: str = Field(alias=Env.bucket(BUCKET_ATTACHMENTS))
    ticket_types: Json[list[str]] = Field(default=list(DEFAULT_TYPES), alias=Env.TICKET_TYPES, min_length=1)
    reopen_window_days: int = Field(default=7, alias=Env.REOPEN_WINDOW_DAYS, ge=0, le=365)


settings = load_settings(Settings)
logger = create_logger()
metrics = create_metrics()
service = TicketService(
    ticket_types=settings.ticket_types,
    reopen_window=timedelta(days=settings.reopen_window_days),
    attachments=AttachmentStore(settings.attachments_bucket),
    sla=SlaPlanner(CachedConfig()),
    creation_limit=settings.ticket_limiter(),
)
idempotency = Idempotency.from_settings(settings)
answers = WorkflowAnswers(service)

app = create_resolver(
    api.router,
    workflows_api.router,
    logger=logger,
    cors_origin=settings.console_origin,
    throttle=ClientThrottle.from_settings(settings),
)
app.dependency_overrides[deps.ticket_service] = lambda: service
app.dependency_overrides[deps.idempotency] = lambda: idempotency
app.dependency_overrides[deps.workflow_answers] = lambda: answers

handler = api_entry_point(app, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
