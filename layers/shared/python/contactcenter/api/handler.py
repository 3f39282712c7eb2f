"""The decorator stack every API function's entry point carries, written once."""

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from aws_lambda_powertools.logging import correlation_paths

from contactcenter.api.limits import body_response
from contactcenter.observability import traced

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]


def api_entry_point(
    app: APIGatewayRestResolver, *, logger: Logger, metrics: Metrics, tracing: bool
) -> LambdaHandler:
    """A Lambda handler resolving API Gateway REST events with ``app``.

    The API Gateway request id becomes the log correlation id, so a caller's problem report
    (which carries it) leads straight to the log lines.
    """

    @logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
    @metrics.log_metrics
    @traced(tracing)
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return body_response(event) or app.resolve(event, context)

    return handler
