"""The Powertools REST resolver every API function uses, with errors mapped to problems."""

import functools
import json

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, CORSConfig, Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.shared.json_encoder import Encoder

from contactcenter.api.problems import from_domain_error, problem
from contactcenter.api.throttling import ClientThrottle
from contactcenter.errors import DomainError

_to_json = functools.partial(json.dumps, separators=(",", ":"), ensure_ascii=False, cls=Encoder)


def _field_path(location: tuple[str | int, ...]) -> str:
    # Powertools reports ("body", "priority") or ("query", "status"); "body.priority" is what
    # an integrator looks for in their payload.
    return ".".join(str(part) for part in location)


# What the web console sends and must read cross-origin (its preflights are answered by API
# Gateway with the same lists: infra/constructs/rest_api.py).
CORS_ALLOW_HEADERS = ("Authorization", "Content-Type", "If-Match", "Idempotency-Key", "Accept-Language")
CORS_EXPOSE_HEADERS = ("ETag", "Location", "Next-Cursor", "Retry-After")
CORS_MAX_AGE_SECONDS = 600


def create_resolver(
    *routers: Router,
    logger: Logger | None = None,
    throttle: ClientThrottle | None = None,
    cors_origin: str | None = None,
) -> APIGatewayRestResolver:
    """A resolver serving ``routers``: request validation on, every error a problem+json;
    ``throttle``: the per-client limit of customer-facing callers (functions serving them);
    ``cors_origin``: the one origin whose requests get CORS headers (the web console in AWS)."""
    cors = None
    if cors_origin:
        cors = CORSConfig(
            allow_origin=cors_origin,
            allow_headers=list(CORS_ALLOW_HEADERS),
            expose_headers=list(CORS_EXPOSE_HEADERS),
            max_age=CORS_MAX_AGE_SECONDS,
            allow_credentials=False,  # bearer tokens, no cookies
        )
    # Text in any script goes out as UTF-8, not \u escapes: Chinese, Korean and Dutch round-trip
    # byte for byte.
    app = APIGatewayRestResolver(enable_validation=True, serializer=_to_json, cors=cors)
    for router in routers:
        app.include_router(router)
    # include_router copies the router's context, which is the context of the resolver that
    # included it before: on the local cloud, where a function's execution environments share
    # the layer's modules, that is another environment's request in flight (its caller among
    # it). Our routers keep nothing in their context, so a new resolver starts empty.
    app.context.clear()
    if throttle is not None:
        app.use([throttle])

    @app.exception_handler(DomainError)
    def _domain_error(error: DomainError) -> Response[str]:
        return from_domain_error(error, instance=app.current_event.path)

    @app.exception_handler(RequestValidationError)
    def _validation_error(error: RequestValidationError) -> Response[str]:
        errors = [
            {
                "field": _field_path(tuple(err.get("loc", ()))),
                "message": err.get("msg", ""),
                "type": err.get("type"),
            }
            for err in error.errors()
        ]
        first = errors[0] if errors else {"field": None, "message": "invalid request"}
        return problem(
            422,
            "validation-error",
            "The request is invalid",
            f"{first['field']}: {first['message']}" if first["field"] else str(first["message"]),
            instance=app.current_event.path,
            field=first["field"],
            errors=errors,
        )

    @app.not_found
    def _not_found(_: NotFoundError) -> Response[str]:
        return problem(
            404,
            "not-found",
            "No such resource",
            f"{app.current_event.http_method} {app.current_event.path} is not a resource of this API",
            instance=app.current_event.path,
        )

    @app.exception_handler(Exception)
    def _unexpected(error: Exception) -> Response[str]:
        # The caller learns nothing about internals; the log has the stack trace under the
        # same request id the caller is given.
        if logger is not None:
            logger.exception("unhandled error")
        return problem(
            500,
            "internal-error",
            "Internal error",
            "The request failed unexpectedly. Quote the request id when you report it.",
            instance=app.current_event.path,
            request_id=app.current_event.request_context.request_id,
        )

    return app
