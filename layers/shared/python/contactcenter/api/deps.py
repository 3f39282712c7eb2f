"""What routes depend on, provided by the handler that serves them.

Routes declare ``Annotated[TicketService, Depends(ticket_service)]``; the handler, which owns
the configuration, sets ``app.dependency_overrides[ticket_service] = lambda: service``. The
defaults below raise, so a handler that forgot to provide one fails loudly.
"""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Depends, Request

from contactcenter.auth import Caller, caller_from_claims


def current_caller(request: Request) -> Caller:
    """The caller API Gateway's Cognito authorizer vouched for."""
    event: Any = request.resolved_event  # an APIGatewayProxyEvent behind the REST resolver
    context = event.request_context
    authorizer: Any = getattr(context, "authorizer", None)
    claims = authorizer.claims if authorizer is not None else None
    return caller_from_claims(claims, context.request_id)


CallerDep = Annotated[Caller, Depends(current_caller)]


def _unprovided(name: str) -> Any:
    def provider() -> Any:
        raise NotImplementedError(f"the handler must provide {name}")

    provider.__name__ = name
    return provider


ticket_service = _unprovided("ticket_service")
customer_service = _unprovided("customer_service")
portal_users = _unprovided("portal_users")
directory_service = _unprovided("directory_service")
idempotency = _unprovided("idempotency")
workflow_answers = _unprovided("workflow_answers")
callback_service = _unprovided("callback_service")
sla_admin = _unprovided("sla_admin")
article_service = _unprovided("article_service")
knowledge_search = _unprovided("knowledge_search")
report_engine = _unprovided("report_engine")
report_results_bucket = _unprovided("report_results_bucket")
erasure_requests = _unprovided("erasure_requests")
live_monitor = _unprovided("live_monitor")
supervisor_actions = _unprovided("supervisor_actions")
live_channel_url = _unprovided("live_channel_url")
