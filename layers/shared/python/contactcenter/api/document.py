"""GET /openapi.json: the whole API's OpenAPI document (public, no customer data).

It is built from the same routers the API functions serve; ROUTERS names them all (a test
checks it against the functions' catalog).
"""

import importlib
from importlib import resources
from typing import Annotated

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Depends, Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from contactcenter import __version__
from contactcenter.api.security import PUBLIC, SECURITY_SCHEMES

ROUTERS = (
    "contactcenter.health.api:router",
    "contactcenter.customers.api:router",
    "contactcenter.tickets.api:router",
    "contactcenter.workflows.api:router",
    "contactcenter.directory.api:router",
    "contactcenter.callbacks.api:router",
    "contactcenter.sla.api:router",
    "contactcenter.articles.api:router",
    "contactcenter.api.document:router",
)

DESCRIPTION = (
    "The contact center's REST API for integrators, agents, supervisors and departments. "
    "Authenticate with a Cognito access token (Authorization: Bearer ...): people through the agent "
    "desktop, machine clients with the client-credentials grant and the scope contactcenter/api "
    "(back office) or contactcenter/portal (customer-facing). Every error is application/problem+json. "
    "Every POST that creates or changes something accepts an Idempotency-Key (a retry with the same key "
    "and body answers as the first time); changes to a ticket require If-Match with its ETag. Lists page "
    "with limit and the opaque next_cursor."
)

router = Router()


def load(reference: str) -> Router:
    module, _, attribute = reference.partition(":")
    loaded: Router = getattr(importlib.import_module(module), attribute)
    return loaded


def openapi_document() -> str:
    app = APIGatewayRestResolver(enable_validation=True)
    for reference in ROUTERS:
        app.include_router(load(reference))
    return app.get_openapi_json_schema(
        title="Contact center API",
        version=__version__,
        description=DESCRIPTION,
        security_schemes=SECURITY_SCHEMES,
    )


def committed_document() -> str:
    """The document as committed beside this module (``make openapi`` writes it from
    ``openapi_document``; a test fails when it is stale). Reading it costs a file read, where
    building it imports every router and costs most of a second of cold start."""
    return (resources.files(__package__) / "openapi.json").read_text(encoding="utf-8").rstrip("\n")


def document() -> str:
    """Provided by the handler: the document, read once per cold start."""
    raise NotImplementedError("the handler must provide the document")


@router.get("/openapi.json", summary="This API's OpenAPI document", tags=["operations"], security=PUBLIC)
def get_openapi(body: Annotated[str, Depends(document)]) -> Response[str]:
    return Response(status_code=200, content_type="application/json", body=body)
