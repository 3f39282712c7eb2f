"""GET /health: liveness for load balancers and the deployment canary."""

from contactcenter import __version__
from contactcenter.api.handler import api_entry_point
from contactcenter.api.resolver import create_resolver
from contactcenter.constants import TABLE_AUDIT
from contactcenter.health import api
from contactcenter.health.service import HealthService, table_probe
from contactcenter.observability import create_logger, create_metrics
from contactcenter.settings import FunctionSettings, load_settings

settings = load_settings(FunctionSettings)
logger = create_logger()
metrics = create_metrics()

service = HealthService(
    version=__version__,
    stage=settings.stage,
    probes={"audit_table": table_probe(settings.table(TABLE_AUDIT))},
)
app = create_resolver(api.router, logger=logger, cors_origin=settings.console_origin)
app.dependency_overrides[api.health_service] = lambda: service

handler = api_entry_point(app, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
