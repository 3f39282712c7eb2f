"""Called by the contact flows: the queue, priority and screen pop for a contact."""

from collections.abc import Mapping

from pydantic import Field, Json

from contactcenter.connect_event import ContactFlowEvent
from contactcenter.connect_handler import connect_entry_point
from contactcenter.constants import Env
from contactcenter.observability import create_logger, create_metrics
from contactcenter.routing.metrics import ConnectQueueMetrics
from contactcenter.routing.service import RouteRequest, RoutingRules, RoutingService, products_from
from contactcenter.settings import FunctionSettings, load_settings


class Settings(FunctionSettings):
    rules: Json[RoutingRules] = Field(alias=Env.ROUTING_RULES)
    instance_id: str = Field(alias=Env.CONNECT_INSTANCE_ID, min_length=1)


settings = load_settings(Settings)
logger = create_logger()
metrics = create_metrics()
service = RoutingService(settings.rules, ConnectQueueMetrics(settings.instance_id).expected_wait)


def route(contact: ContactFlowEvent) -> Mapping[str, object]:
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
    decision = service.route(request)
    logger.info("routed", extra={"contact_id": request.contact_id, "queue": decision["queue_name"]})
    return {"result": "routed", **decision}


handler = connect_entry_point(route, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
