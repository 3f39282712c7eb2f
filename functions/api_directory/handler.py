"""The /agents and /departments API."""

from pydantic import Field

from contactcenter.api import deps
from contactcenter.api.handler import api_entry_point
from contactcenter.api.idempotency import Idempotency
from contactcenter.api.resolver import create_resolver
from contactcenter.audit.models import AuditRecord
from contactcenter.constants import TABLE_AGENTS, TABLE_AUDIT, TABLE_DEPARTMENTS, TABLE_IDEMPOTENCY, Env
from contactcenter.directory import api
from contactcenter.directory.models import Agent, Department
from contactcenter.directory.service import DirectoryService
from contactcenter.observability import create_logger, create_metrics
from contactcenter.settings import FunctionSettings, load_settings
from contactcenter.storage import bind_tables


class Settings(FunctionSettings):
    agents_table: str = Field(alias=Env.table(TABLE_AGENTS))
    departments_table: str = Field(alias=Env.table(TABLE_DEPARTMENTS))
    audit_table: str = Field(alias=Env.table(TABLE_AUDIT))
    idempotency_table: str = Field(alias=Env.table(TABLE_IDEMPOTENCY))


settings = load_settings(Settings)
bind_tables(
    {Agent: settings.agents_table, Department: settings.departments_table, AuditRecord: settings.audit_table}
)
logger = create_logger()
metrics = create_metrics()
service = DirectoryService()
idempotency = Idempotency(settings.idempotency_table)

app = create_resolver(api.router, logger=logger)
app.dependency_overrides[deps.directory_service] = lambda: service
app.dependency_overrides[deps.idempotency] = lambda: idempotency

handler = api_entry_point(app, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
