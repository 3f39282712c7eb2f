"""/customers/{id}/export and /customers/{id}/erasure: a customer's rights over their data."""

from dataclasses import asdict
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Depends, Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from contactcenter.api import deps
from contactcenter.api.answers import json_response
from contactcenter.api.deps import CallerDep
from contactcenter.api.models import Out
from contactcenter.api.responses import documented
from contactcenter.api.security import signed_in
from contactcenter.auth import SCOPE_API, SCOPE_CUSTOMER
from contactcenter.customers.api import CustomerIdPath
from contactcenter.customers.schemas import CustomerOut
from contactcenter.privacy.export import export
from contactcenter.privacy.requests import ErasureRequests

router = Router()

Requests = Annotated[ErasureRequests, Depends(deps.erasure_requests)]


class ExportOut(Out):
    customer_id: str
    exported_at: str
    profile: CustomerOut
    account: dict[str, Any] | None
    tickets: list[dict[str, Any]]  # each with its timeline
    callbacks: list[dict[str, Any]]
    history: list[dict[str, Any]]
    chat_sessions: list[dict[str, Any]]
    audit: list[dict[str, Any]]  # records about the customer, unsealed (staff only)


class ErasureOut(Out):
    customer_id: str
    status: str  # not_requested | running | erased
    requested_at: str | None
    erased_at: str | None


@router.get(
    "/customers/<customer_id>/export",
    summary="Everything the product holds about a customer, as one document",
    tags=["privacy"],
    description="The profile, IVR account, tickets with their timelines and comments, callbacks, "
    "history, signed-in chat sessions and the audit log's records about the customer (unsealed). "
    "Supervisors and admins for a customer's request; a signed-in customer for themselves (without "
    "internal notes, assignments or the audit log).",
    responses=documented(200, "The customer's data", 404),
    security=signed_in(SCOPE_API, SCOPE_CUSTOMER),
)
def export_customer(customer_id: CustomerIdPath, caller: CallerDep) -> ExportOut:
    return ExportOut.model_validate(export(caller, customer_id))


@router.post(
    "/customers/<customer_id>/erasure",
    summary="Erase a customer's personal data everywhere",
    tags=["privacy"],
    description="Irreversible. Starts the erasure workflow: tickets are anonymised, callbacks, history "
    "and chat sessions deleted, the customer record becomes a tombstone and the customer's data key "
    "is destroyed, which leaves their audit records unreadable and the audit chain intact. Admins "
    "only. Asking again while it runs, or after, changes nothing.",
    responses=documented(202, "Erasure under way (or done)", 404),
    security=signed_in(SCOPE_API),
)
def request_erasure(
    customer_id: CustomerIdPath, caller: CallerDep, requests: Requests
) -> Response[ErasureOut]:
    status = requests.request(caller, customer_id)
    return json_response(ErasureOut(**asdict(status)), status=202)


@router.get(
    "/customers/<customer_id>/erasure",
    summary="Whether a customer's erasure was asked for, and whether it is done",
    tags=["privacy"],
    responses=documented(200, "The erasure's status", 404),
    security=signed_in(SCOPE_API),
)
def erasure_status(customer_id: CustomerIdPath, caller: CallerDep, requests: Requests) -> ErasureOut:
    return ErasureOut(**asdict(requests.status(caller, customer_id)))
