"""The SLA configuration API and the notification list."""

from contactcenter.api import deps
from contactcenter.api.handler import api_entry_point
from contactcenter.api.resolver import create_resolver
from contactcenter.observability import create_logger, create_metrics
from contactcenter.settings import FunctionSettings, load_settings
from contactcenter.sla import api
from contactcenter.sla.admin import SlaAdmin

settings = load_settings(FunctionSettings)
logger = create_logger()
metrics = create_metrics()
admin = SlaAdmin()

app = create_resolver(api.router, logger=logger, cors_origin=settings.console_origin)
app.dependency_overrides[deps.sla_admin] = lambda: admin

handler = api_entry_point(app, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
