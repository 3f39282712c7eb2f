"""The live channel's WebSocket routes (API Gateway's WebSocket API): ``$connect`` opens a
connection for the supervisor whose ticket is in the URL, ``$disconnect`` forgets it,
``$default`` answers nothing (the channel only pushes)."""

from typing import Any

from contactcenter.monitor.live_channel import route
from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.settings import FunctionSettings, load_settings

settings = load_settings(FunctionSettings)
logger = create_logger()
metrics = create_metrics()


@logger.inject_lambda_context
@metrics.log_metrics
@traced(settings.tracing_enabled)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return route(event, logger)
