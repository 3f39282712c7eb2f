"""GET /openapi.json."""

from contactcenter.api import document
from contactcenter.api.handler import api_entry_point
from contactcenter.api.resolver import create_resolver
from contactcenter.observability import create_logger, create_metrics
from contactcenter.settings import FunctionSettings, load_settings

settings = load_settings(FunctionSettings)
logger = create_logger()
metrics = create_metrics()
body = document.committed_document()

app = create_resolver(document.router, logger=logger, cors_origin=settings.console_origin)
app.dependency_overrides[document.document] = lambda: body

handler = api_entry_point(app, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
