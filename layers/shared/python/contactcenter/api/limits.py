"""Request size limits, checked before any parsing."""

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response

from contactcenter.api.problems import problem

MAX_BODY_BYTES = 256 * 1024


def body_size_limit(
    app: APIGatewayRestResolver, next_middleware: Callable[..., Response[Any]]
) -> Response[Any]:
    body = app.current_event.body or ""
    size = len(body.encode("utf-8"))
    if size > MAX_BODY_BYTES:
        return problem(
            413,
            "payload-too-large",
            "The request body is too large",
            f"the body is {size} bytes; the limit is {MAX_BODY_BYTES}",
            instance=app.current_event.path,
        )
    return next_middleware(app)
