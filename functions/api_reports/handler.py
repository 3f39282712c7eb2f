"""The /reports API: KPIs over the data lake (Athena), asynchronous exports, keyword analyses
and the schedules."""

from contactcenter.api import deps
from contactcenter.api.handler import api_entry_point
from contactcenter.api.idempotency import Idempotency
from contactcenter.api.resolver import create_resolver
from contactcenter.observability import create_logger, create_metrics
from contactcenter.reports import api, exports_api, keywords_api, schedules_api
from contactcenter.reports.settings import ReportSettings
from contactcenter.settings import load_settings

settings = load_settings(ReportSettings)
logger = create_logger()
metrics = create_metrics()
engine = settings.open_engine()
idempotency = Idempotency.from_settings(settings)

app = create_resolver(
    api.router,
    exports_api.router,
    keywords_api.router,
    schedules_api.router,
    logger=logger,
    cors_origin=settings.console_origin,
)
app.dependency_overrides[deps.report_engine] = lambda: engine
app.dependency_overrides[deps.report_results_bucket] = lambda: settings.results_bucket
app.dependency_overrides[deps.idempotency] = lambda: idempotency

handler = api_entry_point(app, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
