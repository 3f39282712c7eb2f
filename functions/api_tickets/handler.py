"""The /tickets API: lifecycle, assignment, conversation, attachments, timeline."""

from datetime import timedelta

from pydantic import Field, Json

from contactcenter.api import deps
from contactcenter.api.handler import api_entry_point
from contactcenter.api.idempotency import Idempotency
from contactcenter.api.resolver import create_resolver
from contactcenter.audit.models import AuditRecord
from contactcenter.constants import (
    BUCKET_ATTACHMENTS,
    TABLE_ACCOUNTS,
    TABLE_AGENTS,
    TABLE_AUDIT,
    TABLE_CUSTOMER_HISTORY,
    TABLE_CUSTOMER_KEYS,
    TABLE_CUSTOMERS,
    TABLE_DEPARTMENTS,
    TABLE_IDEMPOTENCY,
    TABLE_SLA_CONFIG,
    TABLE_TICKET_EVENTS,
    TABLE_TICKETS,
    Env,
)
from contactcenter.customers.models import Account, Customer, CustomerKey, HistoryEntry
from contactcenter.directory.models import Agent, Department
from contactcenter.observability import create_logger, create_metrics
from contactcenter.settings import FunctionSettings, load_settings
from contactcenter.sla.config import CachedConfig
from contactcenter.sla.models import ConfigItem
from contactcenter.sla.planner import SlaPlanner
from contactcenter.storage import bind_tables
from contactcenter.tickets import api
from contactcenter.tickets.attachments import AttachmentStore
from contactcenter.tickets.models import Ticket, TicketSequence, TimelineEntry
from contactcenter.tickets.service import DEFAULT_TYPES, TicketService
from contactcenter.workflows import api as workflows_api
from contactcenter.workflows.answers import WorkflowAnswers


class Settings(FunctionSettings):
    tickets_table: str = Field(alias=Env.table(TABLE_TICKETS))
    events_table: str = Field(alias=Env.table(TABLE_TICKET_EVENTS))
    customers_table: str = Field(alias=Env.table(TABLE_CUSTOMERS))
    keys_table: str = Field(alias=Env.table(TABLE_CUSTOMER_KEYS))
    accounts_table: str = Field(alias=Env.table(TABLE_ACCOUNTS))
    history_table: str = Field(alias=Env.table(TABLE_CUSTOMER_HISTORY))
    agents_table: str = Field(alias=Env.table(TABLE_AGENTS))
    departments_table: str = Field(alias=Env.table(TABLE_DEPARTMENTS))
    audit_table: str = Field(alias=Env.table(TABLE_AUDIT))
    idempotency_table: str = Field(alias=Env.table(TABLE_IDEMPOTENCY))
    sla_table: str = Field(alias=Env.table(TABLE_SLA_CONFIG))
    attachments_bucket: str = Field(alias=Env.bucket(BUCKET_ATTACHMENTS))
    ticket_types: Json[list[str]] = Field(default=list(DEFAULT_TYPES), alias=Env.TICKET_TYPES, min_length=1)
    reopen_window_days: int = Field(default=7, alias=Env.REOPEN_WINDOW_DAYS, ge=0, le=365)


settings = load_settings(Settings)
bind_tables(
    {
        Ticket: settings.tickets_table,
        TicketSequence: settings.tickets_table,
        TimelineEntry: settings.events_table,
        Customer: settings.customers_table,
        CustomerKey: settings.keys_table,
        Account: settings.accounts_table,
        HistoryEntry: settings.history_table,
        Agent: settings.agents_table,
        Department: settings.departments_table,
        AuditRecord: settings.audit_table,
        ConfigItem: settings.sla_table,
    }
)
logger = create_logger()
metrics = create_metrics()
service = TicketService(
    ticket_types=settings.ticket_types,
    reopen_window=timedelta(days=settings.reopen_window_days),
    attachments=AttachmentStore(settings.attachments_bucket),
    sla=SlaPlanner(CachedConfig()),
)
idempotency = Idempotency(settings.idempotency_table)
answers = WorkflowAnswers(service)

app = create_resolver(api.router, workflows_api.router, logger=logger)
app.dependency_overrides[deps.ticket_service] = lambda: service
app.dependency_overrides[deps.idempotency] = lambda: idempotency
app.dependency_overrides[deps.workflow_answers] = lambda: answers

handler = api_entry_point(app, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
