"""/customers/{id}/export and /customers/{id}/erasure: a customer's rights over their data."""

from pydantic import Field

from contactcenter.api import deps
from contactcenter.api.handler import api_entry_point
from contactcenter.api.resolver import create_resolver
from contactcenter.constants import STATE_MACHINE_ERASURE, Env
from contactcenter.observability import create_logger, create_metrics
from contactcenter.privacy import api
from contactcenter.privacy.requests import ErasureRequests
from contactcenter.settings import FunctionSettings, load_settings


class Settings(FunctionSettings):
    state_machine_arn: str = Field(alias=Env.state_machine(STATE_MACHINE_ERASURE), min_length=1)


settings = load_settings(Settings)
logger = create_logger()
metrics = create_metrics()
requests = ErasureRequests(settings.state_machine_arn)

app = create_resolver(api.router, logger=logger, cors_origin=settings.console_origin)
app.dependency_overrides[deps.erasure_requests] = lambda: requests

handler = api_entry_point(app, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
