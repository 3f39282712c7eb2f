"""Every minute: the queues' alert rules against the live snapshot (the same shared snapshot the
/monitor API reads), each crossing told once to the supervisors."""

from typing import Any

from pydantic import Field

from contactcenter.constants import Env
from contactcenter.monitor.alerting import AlertChannels, evaluate
from contactcenter.monitor.settings import MonitorSettings
from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.settings import load_settings


class Settings(MonitorSettings):
    supervisor_topic: str | None = Field(default=None, alias=Env.topic("supervisor"))


settings = load_settings(Settings)
logger = create_logger()
metrics = create_metrics()
live = settings.live_monitor()
channels = AlertChannels(supervisor_topic=settings.supervisor_topic)


@logger.inject_lambda_context
@metrics.log_metrics
@traced(settings.tracing_enabled)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    shot, _ = live.snapshot()
    told = evaluate(shot, channels)
    metrics.add_metric(name="QueueAlertsRaised", unit="Count", value=sum(1 for c in told if c.raised))
    metrics.add_metric(name="QueueAlertsCleared", unit="Count", value=sum(1 for c in told if not c.raised))
    return {
        "raised": [c.rule.rule_id for c in told if c.raised],
        "cleared": [c.rule.rule_id for c in told if not c.raised],
    }
