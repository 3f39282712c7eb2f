"""Publishes new timeline entries (the ticket table's outbox) to the domain event bus."""

from typing import Any

from pydantic import Field

from contactcenter.constants import BUS_DOMAIN, Env
from contactcenter.events.publisher import entries_from_stream, publish, stream_response
from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.settings import FunctionSettings, load_settings


class Settings(FunctionSettings):
    bus_name: str = Field(alias=Env.bus(BUS_DOMAIN))


settings = load_settings(Settings)
logger = create_logger()
metrics = create_metrics()


@logger.inject_lambda_context
@metrics.log_metrics
@traced(settings.tracing_enabled)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    entries = entries_from_stream(event.get("Records", []), settings.bus_name)
    failed = publish(entries)
    metrics.add_metric(name="DomainEventsPublished", unit="Count", value=len(entries) - len(failed))
    if failed:
        logger.warning(
            "events not published; the stream retries from the first", extra={"failed": len(failed)}
        )
    return stream_response(failed)
