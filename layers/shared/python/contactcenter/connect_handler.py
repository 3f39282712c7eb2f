"""The entry point every function a contact flow calls carries, written once (as the API
functions have ``api.handler.api_entry_point``).

A flow's function never raises into the flow: a malformed event and an unexpected error
each become a ``result`` code the flow branches on, logged without the contact's data.
"""

from collections.abc import Callable, Mapping
from typing import Any

from aws_lambda_powertools import Logger, Metrics

from contactcenter.connect_event import ContactFlowEvent, MalformedEvent, parse, string_map
from contactcenter.observability import traced

FlowStep = Callable[[ContactFlowEvent], Mapping[str, Any]]
ConnectHandler = Callable[[dict[str, Any], Any], dict[str, str]]


def connect_entry_point(step: FlowStep, *, logger: Logger, metrics: Metrics, tracing: bool) -> ConnectHandler:
    """A Lambda handler for Connect's ContactFlowEvent that answers ``step``'s values as the
    flat string map Connect reads (``$.External.<key>``)."""

    @logger.inject_lambda_context
    @metrics.log_metrics
    @traced(tracing)
    def handler(event: dict[str, Any], context: Any) -> dict[str, str]:
        try:
            contact = parse(event)
        except MalformedEvent as error:
            logger.warning("malformed Connect event", extra={"problem": str(error)})
            return {"result": "error", "error": "malformed_event"}
        try:
            answer = step(contact)
        except Exception:
            logger.exception("flow step failed", extra={"contact_id": contact.contact.ContactId})
            return {"result": "error", "error": "internal"}
        return string_map(dict(answer))

    return handler
