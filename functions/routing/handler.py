"""Called by the contact flows: the queue, priority and screen pop for a contact."""

from typing import Any

from pydantic import Field, Json

from contactcenter.connect_event import MalformedEvent, parse, string_map
from contactcenter.constants import TABLE_CUSTOMER_HISTORY, TABLE_TICKETS, Env
from contactcenter.customers.models import HistoryEntry
from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.routing.metrics import ConnectQueueMetrics
from contactcenter.routing.service import RouteRequest, RoutingRules, RoutingService, products_from
from contactcenter.settings import FunctionSettings, load_settings
from contactcenter.storage import bind_tables
from contactcenter.tickets.models import Ticket


class Settings(FunctionSettings):
    tickets_table: str = Field(alias=Env.table(TABLE_TICKETS))
    history_table: str = Field(alias=Env.table(TABLE_CUSTOMER_HISTORY))
    rules: Json[RoutingRules] = Field(alias=Env.ROUTING_RULES)
    instance_id: str = Field(alias=Env.CONNECT_INSTANCE_ID, min_length=1)


settings = load_settings(Settings)
bind_tables({Ticket: settings.tickets_table, HistoryEntry: settings.history_table})
logger = create_logger()
metrics = create_metrics()
service = RoutingService(settings.rules, ConnectQueueMetrics(settings.instance_id).expected_wait)


@logger.inject_lambda_context
@metrics.log_metrics
@traced(settings.tracing_enabled)
def handler(event: dict[str, Any], context: Any) -> dict[str, str]:
    try:
        contact = parse(event)
    except MalformedEvent as error:
        logger.warning("malformed Connect event", extra={"problem": str(error)})
        return {"result": "error", "error": "malformed_event"}
    parameters = contact.parameters
    request = RouteRequest(
        contact_id=contact.contact.ContactId,
        channel=contact.contact.Channel,
        customer_id=parameters.get("customer_id") or None,
        products=products_from(parameters.get("products")),
        tier=parameters.get("tier") or None,
        intent=parameters.get("intent") or "new",
        auth_level=parameters.get("auth_level") or "none",
    )
    try:
        decision = service.route(request)
    except Exception:
        logger.exception("routing failed", extra={"contact_id": request.contact_id})
        return {"result": "error", "error": "internal"}
    logger.info("routed", extra={"contact_id": request.contact_id, "queue": decision["queue_name"]})
    return string_map({"result": "routed", **decision})
