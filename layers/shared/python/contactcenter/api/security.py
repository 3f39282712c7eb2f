"""How each route declares who may call it, in its OpenAPI security requirement.

Every route declares one explicitly (a test checks this): ``PUBLIC`` or ``signed_in(...)``.
The CDK app and the local API read these declarations to put the authorizer in front of
the route, so the documentation and the enforcement cannot disagree.
"""

from typing import Any

SCHEME = "cognito"

# OpenAPI's notation for "no authentication": one empty requirement.
PUBLIC: list[dict[str, list[str]]] = [{}]


def signed_in(*scopes: str) -> list[dict[str, list[str]]]:
    """A valid token is required (with ``scopes``, when a machine client calls)."""
    return [{SCHEME: list(scopes)}]


SECURITY_SCHEMES: dict[str, Any] = {
    SCHEME: {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "A Cognito access token carrying one of the route's scopes: contactcenter/api "
        "(people and back-office clients) or contactcenter/portal (customer-facing clients).",
    }
}
