"""GET /openapi.json: the whole API's OpenAPI document (public, no customer data).

It is built from the same routers the API functions serve; ROUTERS names them all (a test
checks it against the functions' catalog).
"""

import importlib
import json
from importlib import resources
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Depends, Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from contactcenter import __version__
from contactcenter.api.problems import PROBLEM_CONTENT_TYPE
from contactcenter.api.security import PUBLIC, SECURITY_SCHEMES
from contactcenter.auth import SCOPE_CUSTOMER, SCOPE_PORTAL

ROUTERS = (
    "contactcenter.health.api:router",
    "contactcenter.customers.api:router",
    "contactcenter.privacy.api:router",
    "contactcenter.tickets.api:router",
    "contactcenter.reports.api:router",
    "contactcenter.reports.exports_api:router",
    "contactcenter.reports.keywords_api:router",
    "contactcenter.monitor.api:router",
    "contactcenter.monitor.agent_contact:router",
    "contactcenter.reports.schedules_api:router",
    "contactcenter.workflows.api:router",
    "contactcenter.directory.api:router",
    "contactcenter.callbacks.api:router",
    "contactcenter.sla.api:router",
    "contactcenter.articles.api:router",
    "contactcenter.chat.api:router",
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


def _problem(description: str, **extra: Any) -> dict[str, Any]:
    content = {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    return {"description": description, "content": content, **extra}


_RETRY_AFTER = {
    "Retry-After": {"description": "Seconds to wait before retrying", "schema": {"type": "integer"}}
}
# What any operation may answer besides its own responses: API Gateway's refusals (an unknown
# resource, throttling) and the entry point's refusal of a body it cannot take.
_EVERY_OPERATION = {
    "404": _problem("Not found"),
    "422": _problem("Request validation failed"),
    "429": _problem("Too many requests; retry after Retry-After", headers=_RETRY_AFTER),
}
# A customer-facing client's requests are also counted (contactcenter.api.throttling), and a
# ticket it opens counts against the customer's hour (tickets.service).
_CUSTOMER_FACING_SCOPES = {SCOPE_CUSTOMER, SCOPE_PORTAL}
_LIMITED = _problem(
    "Too many requests (type urn:contactcenter:problem:too-many-requests when a customer-facing "
    "client's per-client limit, or on POST /tickets the tickets per customer per hour, is reached; "
    "`limit` names it); retry after Retry-After",
    headers=_RETRY_AFTER,
)
_WITH_BODY = {
    "400": _problem("Invalid request (a body that is not JSON or nests too deeply among others)"),
    "413": _problem("Request body too large"),
    "415": _problem("The body is not application/json"),
}


def _common_answers(document: dict[str, Any]) -> dict[str, Any]:
    """Every operation documents the answers every operation may give (a 204 has no body)."""
    for operations in document.get("paths", {}).values():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            common = {**_EVERY_OPERATION, **(_WITH_BODY if method in ("post", "put", "patch") else {})}
            if _scopes(operation) & _CUSTOMER_FACING_SCOPES:
                common["429"] = _LIMITED
            for status, answer in common.items():
                existing = responses.get(status)
                if existing is None or PROBLEM_CONTENT_TYPE not in existing.get("content", {}):
                    responses[status] = answer
            if "204" in responses:
                responses["204"].pop("content", None)
    return document


def _scopes(operation: dict[str, Any]) -> set[str]:
    return {
        scope
        for requirement in operation.get("security", [])
        for scopes in requirement.values()
        for scope in scopes
    }


def openapi_document() -> str:
    app = APIGatewayRestResolver(enable_validation=True)
    for reference in ROUTERS:
        app.include_router(load(reference))
    generated = app.get_openapi_json_schema(
        title="Contact center API",
        version=__version__,
        description=DESCRIPTION,
        security_schemes=SECURITY_SCHEMES,
    )
    return json.dumps(_common_answers(json.loads(generated)), indent=2, ensure_ascii=False)


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
