"""Who is calling: the principal behind a request, from the token API Gateway checked.

People sign in to the agent desktop and get access tokens carrying their Cognito groups
(agent, supervisor, admin, department) and, for department members, their department (added
to the token by the pre-token-generation trigger). Machine clients get access tokens with
OAuth scopes: ``contactcenter/api`` for back-office integrations, ``contactcenter/portal``
for customer-facing ones that act for no one in particular (a web form, a kiosk).

End customers sign in to the help-center portal through their own user pool and get access
tokens with the scope ``contactcenter/customer`` and the verified claim ``custom:customer_id``
(put there by the pre-token-generation trigger from an attribute only the product writes).
Such a caller is ``Role.CUSTOMER`` and carries ``customer_id``: every per-object rule
(``tickets.access``, the customers and callbacks services) limits it to that customer.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from contactcenter.errors import Forbidden, Unauthenticated

SCOPE_API = "contactcenter/api"
SCOPE_PORTAL = "contactcenter/portal"
SCOPE_CUSTOMER = "contactcenter/customer"
DEPARTMENT_CLAIM = "custom:department"
CUSTOMER_CLAIM = "custom:customer_id"


class Role(StrEnum):
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    DEPARTMENT = "department"
    INTEGRATION = "integration"  # a back-office machine client
    PORTAL = "portal"  # a customer-facing machine client, acting for no one customer
    CUSTOMER = "customer"  # an end customer signed in to the help-center portal
    SYSTEM = "system"  # the product's own functions (workflows, the IVR)


STAFF = frozenset({Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.INTEGRATION, Role.SYSTEM})
CUSTOMER_FACING = frozenset({Role.PORTAL, Role.CUSTOMER})
# The user pool groups a person's token may carry; every other role comes from the scopes.
GROUP_ROLES = frozenset({Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.DEPARTMENT})


@dataclass(frozen=True)
class Caller:
    subject: str
    username: str
    roles: frozenset[Role]
    department: str | None = None
    request_id: str | None = None  # ties the audit log to the API request and its logs
    customer_id: str | None = None  # an end customer's own record (Role.CUSTOMER only)

    @property
    def customer_facing(self) -> bool:
        """Sees only what a customer may see (never internal notes)."""
        return bool(self.roles) and self.roles <= CUSTOMER_FACING

    @property
    def is_customer(self) -> bool:
        """An end customer: sees and changes only their own records."""
        return self.roles == {Role.CUSTOMER} and self.customer_id is not None

    def owns(self, customer_id: str | None) -> bool:
        """Whether a record of ``customer_id`` is this end customer's own."""
        return self.is_customer and customer_id is not None and customer_id == self.customer_id

    @property
    def is_staff(self) -> bool:
        """Works across departments: agents, supervisors, admins, back-office integrations."""
        return bool(self.roles & STAFF)

    @property
    def department_only(self) -> bool:
        """A department member: sees only their department's tickets."""
        return Role.DEPARTMENT in self.roles and not self.is_staff

    def require(self, *roles: Role) -> None:
        if not self.roles & set(roles):
            raise Forbidden(f"this needs one of the roles {', '.join(sorted(roles))}")

    @property
    def actor(self) -> str:
        """How the audit log and timeline name this caller."""
        return self.username


SYSTEM = Caller(subject="system", username="system", roles=frozenset({Role.SYSTEM}))
# The state machines' steps: they act on the product's behalf and say so in every record.
WORKFLOW = Caller(subject="workflow", username="workflow", roles=frozenset({Role.SYSTEM}))


def _list_claim(value: Any) -> list[str]:
    # API Gateway's REST Cognito authorizer passes every claim as a string; lists have been
    # seen comma-separated, bracketed and space-separated, or as JSON. Accept each.
    if isinstance(value, list):
        return [str(v) for v in value]
    text = str(value or "").strip()
    if text.startswith("[") and text.endswith("]"):
        try:
            parsed = json.loads(text)
            return [str(v) for v in parsed]
        except ValueError:
            text = text[1:-1]
            return [part for part in text.replace(",", " ").split() if part]
    return [part.strip() for part in text.split(",") if part.strip()]


def caller_from_claims(claims: Mapping[str, Any] | None, request_id: str | None = None) -> Caller:
    """The caller API Gateway's Cognito authorizer vouched for."""
    if not claims or not claims.get("sub"):
        raise Unauthenticated("the request carries no verified identity")
    scopes = set(str(claims.get("scope", "")).split())
    groups = set(_list_claim(claims.get("cognito:groups")))
    roles = {Role(group) for group in groups if group in GROUP_ROLES}
    customer_id: str | None = None
    if SCOPE_CUSTOMER in scopes:
        # Only the customers' user pool grants this scope, and only to its users, none of
        # whom is in a group or holds another scope of the product.
        if groups or scopes & {SCOPE_API, SCOPE_PORTAL}:
            raise Forbidden("a customer's token grants no other role")
        customer_id = str(claims.get(CUSTOMER_CLAIM) or "") or None
        if customer_id is None:
            raise Forbidden("a customer's token must name the customer (custom:customer_id)")
        roles.add(Role.CUSTOMER)
    elif not groups:
        # A machine client: its scopes say what it is.
        if SCOPE_API in scopes:
            roles.add(Role.INTEGRATION)
        elif SCOPE_PORTAL in scopes:
            roles.add(Role.PORTAL)
    department = claims.get(DEPARTMENT_CLAIM) or None
    if Role.DEPARTMENT in roles and not department:
        raise Forbidden("a department member's token must name the department")
    username = str(
        claims.get("username") or claims.get("cognito:username") or claims.get("client_id") or claims["sub"]
    )
    if not roles:
        raise Forbidden("the token grants no role in the contact center")
    return Caller(
        subject=str(claims["sub"]),
        username=username,
        roles=frozenset(roles),
        department=department,
        request_id=request_id,
        customer_id=customer_id,
    )
