"""Publishes what each change of a callback added (requested, attempts, status) to the domain
event bus, from the callbacks table's stream."""

from typing import Any

from pydantic import Field

from contactcenter.callbacks.events import entries_from_stream
from contactcenter.constants import BUS_DOMAIN, Env
from contactcenter.events.publisher import publish, stream_response
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
    metrics.add_metric(name="CallbackEventsPublished", unit="Count", value=len(entries) - len(failed))
    if failed:
        logger.warning(
            "callback events not published; the stream retries from the first", extra={"failed": len(failed)}
        )
    return stream_response(failed)
