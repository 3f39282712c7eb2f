"""The /agents and /departments API."""

from contactcenter.api import deps
from contactcenter.api.handler import api_entry_point
from contactcenter.api.idempotency import Idempotency
from contactcenter.api.resolver import create_resolver
from contactcenter.directory import api
from contactcenter.directory.service import DirectoryService
from contactcenter.observability import create_logger, create_metrics
from contactcenter.settings import FunctionSettings, load_settings

settings = load_settings(FunctionSettings)
logger = create_logger()
metrics = create_metrics()
service = DirectoryService()
idempotency = Idempotency.from_settings(settings)

app = create_resolver(api.router, logger=logger, cors_origin=settings.console_origin)
app.dependency_overrides[deps.directory_service] = lambda: service
app.dependency_overrides[deps.idempotency] = lambda: idempotency

handler = api_entry_point(app, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
