"""The SLA configuration API and the notification list."""

from pydantic import Field

from contactcenter.api import deps
from contactcenter.api.handler import api_entry_point
from contactcenter.api.resolver import create_resolver
from contactcenter.audit.models import AuditRecord
from contactcenter.constants import TABLE_AUDIT, TABLE_DEPARTMENTS, TABLE_NOTIFICATIONS, TABLE_SLA_CONFIG, Env
from contactcenter.directory.models import Department
from contactcenter.observability import create_logger, create_metrics
from contactcenter.settings import FunctionSettings, load_settings
from contactcenter.sla import api
from contactcenter.sla.admin import SlaAdmin
from contactcenter.sla.models import ConfigItem, Notification
from contactcenter.storage import bind_tables


class Settings(FunctionSettings):
    config_table: str = Field(alias=Env.table(TABLE_SLA_CONFIG))
    notifications_table: str = Field(alias=Env.table(TABLE_NOTIFICATIONS))
    departments_table: str = Field(alias=Env.table(TABLE_DEPARTMENTS))
    audit_table: str = Field(alias=Env.table(TABLE_AUDIT))


settings = load_settings(Settings)
bind_tables(
    {
        ConfigItem: settings.config_table,
        Notification: settings.notifications_table,
        Department: settings.departments_table,
        AuditRecord: settings.audit_table,
    }
)
logger = create_logger()
metrics = create_metrics()
admin = SlaAdmin()

app = create_resolver(api.router, logger=logger)
app.dependency_overrides[deps.sla_admin] = lambda: admin

handler = api_entry_point(app, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
