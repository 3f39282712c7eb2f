"""Linking a customer's portal sign-in to their customer record: the back-office step after a
customer signs up to the help-center portal (a user of the customers' Cognito pool).

A new portal user is no one in particular: their tokens carry no ``custom:customer_id`` and the
API refuses them (``auth.caller_from_claims``). Once a supervisor or admin has verified who the
user is (the usual identity checks, outside the product), they link the user to the record:
``AdminUpdateUserAttributes`` sets ``custom:customer_id``, an attribute the portal's app client
may read but never write, and the pre-token-generation trigger puts it in the user's next tokens.

A user already linked to another customer is refused (409): moving a sign-in from one record to
another is a decision with consequences (the new record's tickets become visible) that deserves
its own, deliberate step. The check and the update are two calls, not one atomic write: two
supervisors linking one user at the same moment is a race the audit log records, not one the
product prevents.
"""

from dataclasses import dataclass
from typing import Any

from contactcenter import clients
from contactcenter.audit.records import audit_record
from contactcenter.auth import CUSTOMER_CLAIM, Caller, Role
from contactcenter.customers.service import CustomerService
from contactcenter.errors import Conflict, ValidationFailed

LINKERS = (Role.SUPERVISOR, Role.ADMIN)
LINKED = "customer.portal_user_linked"  # the audited link: names the user by their pool id (sub)


@dataclass(frozen=True)
class Link:
    customer_id: str
    username: str
    changed: bool  # False: the user was linked to this customer already


class PortalUsers:
    def __init__(self, pool_id: str, customers: CustomerService) -> None:
        self.pool_id = pool_id
        self.customers = customers

    def link(self, caller: Caller, customer_id: str, username: str) -> Link:
        """Make the portal user ``username`` (their username or e-mail address) sign in as
        ``customer_id``."""
        caller.require(*LINKERS)
        self.customers.get(caller, customer_id)  # 404 for an unknown customer
        idp = clients.client("cognito-idp")
        try:
            user = idp.admin_get_user(UserPoolId=self.pool_id, Username=username)
        except idp.exceptions.UserNotFoundException:
            # 422, not 404: the resource at this path (the customer) exists; the body names a
            # user who does not.
            raise ValidationFailed("no portal user by that name", field="username") from None
        attributes = _attributes(user)
        linked = attributes.get(CUSTOMER_CLAIM)
        if linked == customer_id:
            return Link(customer_id, user["Username"], changed=False)
        if linked:
            raise Conflict("this portal user is linked to another customer already", field="username")
        idp.admin_update_user_attributes(
            UserPoolId=self.pool_id,
            Username=user["Username"],
            UserAttributes=[{"Name": CUSTOMER_CLAIM, "Value": customer_id}],
        )
        # The audit names the user by their pool id (sub), not by their e-mail address.
        audit_record(
            f"customer#{customer_id}",
            LINKED,
            caller,
            before=None,
            after={"portal_user": attributes.get("sub", user["Username"])},
            customer_id=customer_id,
        ).save()
        return Link(customer_id, user["Username"], changed=True)


def _attributes(user: dict[str, Any]) -> dict[str, str]:
    return {str(a["Name"]): str(a["Value"]) for a in user.get("UserAttributes", [])}
