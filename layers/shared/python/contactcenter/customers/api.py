"""/customers: the CRM records integrators and agents work with."""

from typing import Annotated

from aws_lambda_powertools.event_handler import Depends, Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Header, Path, Query
from pydantic import StringConstraints

from contactcenter.api.answers import json_response
from contactcenter.api.conditional import ETAG_PATTERN, expected_version
from contactcenter.api.deps import CallerDep, customer_service, portal_users
from contactcenter.api.idempotency import IdempotencyKey, Idempotent
from contactcenter.api.models import Out, Strict
from contactcenter.api.pagination import DEFAULT_LIMIT
from contactcenter.api.params import Limit
from contactcenter.api.responses import documented
from contactcenter.api.security import signed_in
from contactcenter.auth import SCOPE_API, SCOPE_CUSTOMER, SCOPE_PORTAL
from contactcenter.customers.pins import hash_pin
from contactcenter.customers.portal_users import PortalUsers
from contactcenter.customers.schemas import (
    CustomerIn,
    CustomerOut,
    CustomerPage,
    CustomerPatch,
    HistoryPage,
    Phone,
    PinIn,
)
from contactcenter.customers.service import CustomerService, to_out
from contactcenter.errors import InvalidRequest

router = Router()

Service = Annotated[CustomerService, Depends(customer_service)]
CustomerIdPath = Annotated[str, Path(pattern=r"^cus_[0-9a-z]{26}$")]


@router.post(
    "/customers",
    summary="Create a customer",
    tags=["customers"],
    responses=documented(201, "Created", 400, 409),
    security=signed_in(SCOPE_API, SCOPE_PORTAL),
)
def create_customer(
    body: CustomerIn, caller: CallerDep, service: Service, idempotent: Idempotent, key: IdempotencyKey = None
) -> Response[CustomerOut]:
    answer = idempotent.run(
        "create_customer",
        caller,
        key,
        body.model_dump(mode="json"),
        lambda: to_out(service.create(caller, body)).model_dump(mode="json"),
    )
    out = CustomerOut.model_validate(answer)
    return json_response(out, status=201, version=out.version, location=f"/customers/{out.customer_id}")


@router.get(
    "/customers",
    summary="Find customers by phone, e-mail or account number, or list them newest first",
    tags=["customers"],
    responses=documented(200, "Customers", 400),
    security=signed_in(SCOPE_API),
)
def list_customers(
    caller: CallerDep,
    service: Service,
    phone: Annotated[Phone | None, Query(description="E.164, e.g. +31201234567")] = None,
    email: Annotated[str | None, Query(max_length=254)] = None,
    account_number: Annotated[str | None, Query(pattern=r"^[0-9]{6,12}$")] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
) -> CustomerPage:
    if sum(value is not None for value in (phone, email, account_number)) > 1:
        raise InvalidRequest("find by one of phone, email and account_number at a time", field="phone")
    if phone or email or account_number:
        found = service.find(caller, phone=phone, email=email, account_number=account_number)
        return CustomerPage(items=[to_out(c) for c in found], next_cursor=None)
    customers, next_cursor = service.list_customers(caller, limit=limit, cursor=cursor)
    return CustomerPage(items=[to_out(c) for c in customers], next_cursor=next_cursor)


@router.get(
    "/customers/<customer_id>",
    summary="Read a customer",
    tags=["customers"],
    responses=documented(200, "The customer", 404),
    security=signed_in(SCOPE_API, SCOPE_CUSTOMER),
)
def get_customer(customer_id: CustomerIdPath, caller: CallerDep, service: Service) -> Response[CustomerOut]:
    out = to_out(service.get(caller, customer_id))
    return json_response(out, version=out.version)


@router.patch(
    "/customers/<customer_id>",
    summary="Change a customer",
    tags=["customers"],
    description="If-Match (the ETag of a read) is checked when given.",
    responses=documented(200, "The changed customer", 400, 404, 409, 412),
    security=signed_in(SCOPE_API, SCOPE_CUSTOMER),
)
def update_customer(
    customer_id: CustomerIdPath,
    body: CustomerPatch,
    caller: CallerDep,
    service: Service,
    if_match: Annotated[str | None, Header(alias="If-Match", pattern=ETAG_PATTERN)] = None,
) -> Response[CustomerOut]:
    version = expected_version(if_match) if if_match else None
    out = to_out(service.update(caller, customer_id, body, version))
    return json_response(out, version=out.version)


@router.get(
    "/customers/<customer_id>/history",
    summary="A customer's interactions (tickets, contacts, callbacks), newest first",
    tags=["customers"],
    responses=documented(200, "History", 400, 404),
    security=signed_in(SCOPE_API, SCOPE_CUSTOMER),
)
def customer_history(
    customer_id: CustomerIdPath,
    caller: CallerDep,
    service: Service,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
) -> HistoryPage:
    items, next_cursor = service.history(caller, customer_id, limit=limit, cursor=cursor)
    return HistoryPage(items=items, next_cursor=next_cursor)


@router.put(
    "/customers/<customer_id>/pin",
    summary="Set the customer's IVR PIN",
    tags=["customers"],
    description="Stored only as a salted argon2id hash, never returned or logged. Resets the failed-PIN "
    "counter and any lockout. The customer needs an account number.",
    responses=documented(204, "PIN set", 404, 409),
    security=signed_in(SCOPE_API),
)
def set_pin(customer_id: CustomerIdPath, body: PinIn, caller: CallerDep, service: Service) -> Response[str]:
    service.set_pin(caller, customer_id, hash_pin(body.pin))
    return Response(status_code=204, body="")


class PortalUserIn(Strict):
    """The portal user to link: their username in the customers' pool, or their e-mail address."""

    username: Annotated[str, StringConstraints(min_length=1, max_length=128)]


class PortalUserOut(Out):
    customer_id: str
    username: str
    changed: bool  # false: the user was linked to this customer already


@router.put(
    "/customers/<customer_id>/portal-user",
    summary="Link a help-center portal user to this customer",
    tags=["customers"],
    description="After a customer signs up to the help-center portal and their identity has been "
    "checked: their sign-in (a user of the customers' user pool) is linked to this record, so their "
    "next tokens name it (custom:customer_id) and they see their own tickets, callbacks and profile. "
    "Supervisors and admins only. 404 for an unknown customer, 422 for an unknown user; 409 when "
    "the user is linked to another customer. Repeating it changes nothing (changed: false).",
    responses=documented(200, "Linked", 404, 409),
    security=signed_in(SCOPE_API),
)
def link_portal_user(
    customer_id: CustomerIdPath,
    body: PortalUserIn,
    caller: CallerDep,
    users: Annotated[PortalUsers, Depends(portal_users)],
) -> PortalUserOut:
    link = users.link(caller, customer_id, body.username)
    return PortalUserOut(customer_id=link.customer_id, username=link.username, changed=link.changed)
