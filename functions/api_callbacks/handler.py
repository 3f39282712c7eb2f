"""The /callbacks and /do-not-call API."""

from contactcenter.api import deps
from contactcenter.api.handler import api_entry_point
from contactcenter.api.idempotency import Idempotency
from contactcenter.api.resolver import create_resolver
from contactcenter.api.throttling import ClientThrottle
from contactcenter.callbacks import api
from contactcenter.callbacks.settings import CallbackSettings
from contactcenter.observability import create_logger, create_metrics
from contactcenter.rate_limits import AbuseLimitSettings
from contactcenter.settings import load_settings


class Settings(CallbackSettings, AbuseLimitSettings):
    """The callbacks' configuration and the abuse limits."""


settings = load_settings(Settings)
logger = create_logger()
metrics = create_metrics()
service = settings.callback_service()
idempotency = Idempotency.from_settings(settings)

app = create_resolver(
    api.router,
    logger=logger,
    cors_origin=settings.console_origin,
    throttle=ClientThrottle.from_settings(settings),
)
app.dependency_overrides[deps.callback_service] = lambda: service
app.dependency_overrides[deps.idempotency] = lambda: idempotency

handler = api_entry_point(app, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
