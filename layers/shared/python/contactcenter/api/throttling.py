"""Per-client throttling of the customer-facing callers, before any route runs.

API Gateway's stage throttling and the WAF's rate rules protect the API as a whole and per
source address or token; neither knows who a principal is. This counts each customer-facing
principal's requests in DynamoDB (``contactcenter.rate_limits``), whichever Lambda instance
serves them: each signed-in customer (by customer id) and each customer-facing machine client
(by client id), with a much higher limit for a portal client, which serves every anonymous
visitor of a web form. Staff and back-office integrations are not counted here: they are
trusted, and the stage's throttling bounds them.

It runs as the resolver's first middleware, so a request over the limit costs one DynamoDB
write and is refused (429 ``too-many-requests`` with ``Retry-After``) before validation or
any read. A request without a valid identity passes untouched: the route refuses it.
"""

from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware

from contactcenter.auth import Caller, caller_from_claims
from contactcenter.errors import DomainError
from contactcenter.rate_limits import AbuseLimitSettings, Limiter


class ClientThrottle:
    """A Powertools middleware: at most so many requests per customer-facing client and window."""

    def __init__(self, customers: Limiter, clients: Limiter) -> None:
        self.customers = customers
        self.clients = clients
        self.__name__ = "client_throttle"  # Powertools names each middleware in its stack

    @classmethod
    def from_settings(cls, settings: AbuseLimitSettings) -> "ClientThrottle":
        return cls(settings.customer_limiter(), settings.portal_limiter())

    def __call__(self, app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response[Any]:
        caller = _caller(app)
        if caller is not None and caller.customer_facing:
            if caller.is_customer and caller.customer_id is not None:
                self.customers.hit(f"customer:{caller.customer_id}", "too many requests from this customer")
            else:
                self.clients.hit(f"client:{caller.subject}", "too many requests from this client")
        return next_middleware(app)


def _caller(app: APIGatewayRestResolver) -> Caller | None:
    context = app.current_event.request_context
    authorizer: Any = getattr(context, "authorizer", None)
    claims = authorizer.claims if authorizer is not None else None
    try:
        return caller_from_claims(claims, context.request_id)
    except DomainError:
        return None
