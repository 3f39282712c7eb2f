"""Every minute and on Connect's contact and agent events: the queues' alert rules against the live
snapshot (the same shared snapshot the /monitor API reads), each crossing told once to the
supervisors, and the snapshot and the crossings pushed to the pages watching (the live channel)."""

from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from pydantic import Field

from contactcenter.constants import Env
from contactcenter.monitor.alerting import AlertChannels, evaluate
from contactcenter.monitor.push import push
from contactcenter.monitor.settings import MonitorSettings
from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.settings import load_settings


class Settings(MonitorSettings):
    supervisor_topic: str | None = Field(default=None, alias=Env.topic("supervisor"))
    live_endpoint: str = Field(alias=Env.LIVE_CHANNEL_ENDPOINT, min_length=1)


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
    try:
        pushed = push(settings.live_endpoint, shot, told)
    except (BotoCoreError, ClientError):
        # The alerts are recorded and told; the pages catch up with the next push.
        logger.exception("the live channel could not be pushed to")
        metrics.add_metric(name="LivePushFailures", unit="Count", value=1)
        pushed = None
    return {
        "trigger": "agent events" if "Records" in event else event.get("detail-type", "Scheduled Event"),
        "raised": [c.rule.rule_id for c in told if c.raised],
        "cleared": [c.rule.rule_id for c in told if not c.raised],
        "pushed": pushed.messages if pushed else 0,
        "watchers": pushed.watchers if pushed else 0,
    }
