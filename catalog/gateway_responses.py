"""API Gateway's own error responses (before a function runs), as problem+json.

API Gateway answers some requests itself: an unknown route, a missing or invalid token, a
throttled or oversized request. By default those bodies are ``{"message": ...}``; the
deployed API overrides them with these, and the local API answers the same way.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class GatewayResponse:
    type: str  # API Gateway's response type
    status: int
    slug: str
    title: str
    # A fixed detail; None passes on API Gateway's own message ($context.error.message).
    detail: str | None = None


GATEWAY_RESPONSES: tuple[GatewayResponse, ...] = (
    # API Gateway answers an unknown route with 403 MISSING_AUTHENTICATION_TOKEN; a 404 says
    # what actually happened.
    GatewayResponse(
        "MISSING_AUTHENTICATION_TOKEN",
        404,
        "not-found",
        "No such resource",
        "No route matches this method and path",
    ),
    GatewayResponse("UNAUTHORIZED", 401, "unauthenticated", "A valid token is required"),
    GatewayResponse("EXPIRED_TOKEN", 401, "unauthenticated", "The token has expired"),
    GatewayResponse("ACCESS_DENIED", 403, "forbidden", "The token does not allow this"),
    GatewayResponse("THROTTLED", 429, "throttled", "Too many requests; retry later"),
    GatewayResponse("QUOTA_EXCEEDED", 429, "quota-exceeded", "The usage plan's quota is used up"),
    GatewayResponse("REQUEST_TOO_LARGE", 413, "payload-too-large", "The request body is too large"),
    GatewayResponse("BAD_REQUEST_BODY", 400, "invalid-request", "The request body is invalid"),
    GatewayResponse("DEFAULT_5XX", 502, "bad-gateway", "The API failed to answer"),
)

BY_TYPE = {response.type: response for response in GATEWAY_RESPONSES}

# A method a resource does not have: API Gateway would answer 403 MISSING_AUTHENTICATION_TOKEN;
# the deployed API gives every resource an ANY method (a mock integration, no code) answering
# this with the resource's methods in Allow, and the local API answers the same.
METHOD_NOT_ALLOWED = GatewayResponse(
    "METHOD_NOT_ALLOWED",
    405,
    "method-not-allowed",
    "Method not allowed",
    "This resource does not answer this method; Allow lists the ones it does",
)
# The local API when every execution environment it may start is busy: Lambda's throttling
# (TooManyRequestsException) reaches a caller of the deployed API as this retryable answer.
OVERLOADED = GatewayResponse(
    "OVERLOADED", 503, "overloaded", "The API is busy; retry after the time in Retry-After"
)


def body_template(response: GatewayResponse) -> str:
    """The response body as an API Gateway mapping template (the local API renders the same)."""
    detail = f'"{response.detail}"' if response.detail else "$context.error.messageString"
    return (
        f'{{"type":"urn:contactcenter:problem:{response.slug}","title":"{response.title}",'
        f'"status":{response.status},"detail":{detail},"request_id":"$context.requestId"}}'
    )
