"""The /monitor API: queues and agents now, alert rules, a supervisor's actions in Connect."""

from pydantic import Field

from contactcenter.api import deps
from contactcenter.api.handler import api_entry_point
from contactcenter.api.idempotency import Idempotency
from contactcenter.api.resolver import create_resolver
from contactcenter.constants import Env
from contactcenter.monitor import api
from contactcenter.monitor.settings import MonitorSettings
from contactcenter.observability import create_logger, create_metrics
from contactcenter.settings import load_settings


class Settings(MonitorSettings):
    live_channel_url: str = Field(alias=Env.LIVE_CHANNEL_URL, min_length=1)


settings = load_settings(Settings)
logger = create_logger()
metrics = create_metrics()
live = settings.live_monitor()
actions = settings.supervisor_actions()
idempotency = Idempotency.from_settings(settings)

app = create_resolver(api.router, logger=logger)
app.dependency_overrides[deps.live_monitor] = lambda: live
app.dependency_overrides[deps.supervisor_actions] = lambda: actions
app.dependency_overrides[deps.idempotency] = lambda: idempotency
app.dependency_overrides[deps.live_channel_url] = lambda: settings.live_channel_url

handler = api_entry_point(app, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
