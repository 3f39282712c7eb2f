"""Publishes what each change of a callback added (requested, attempts, status) to the domain
event bus, from the callbacks table's stream."""

from typing import Any

from contactcenter.callbacks.events import entries_from_stream
from contactcenter.events.publisher import publish_stream
from contactcenter.events.settings import PublisherSettings
from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.settings import load_settings

settings = load_settings(PublisherSettings)
logger = create_logger()
metrics = create_metrics()


@logger.inject_lambda_context
@metrics.log_metrics
@traced(settings.tracing_enabled)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return publish_stream(
        event,
        entries_from_stream,
        settings.bus_name,
        logger=logger,
        metrics=metrics,
        metric="CallbackEventsPublished",
    )
