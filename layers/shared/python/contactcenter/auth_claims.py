"""Cognito's pre-token-generation trigger (event version 2), for both user pools: puts a
department member's department (staff pool) or an end customer's customer id (customers' pool)
into the access token, where API Gateway's authorizer passes it to the API. Cognito keeps
custom attributes out of access tokens otherwise.

Both come from attributes only the product writes (AdminUpdateUserAttributes; no app client
may write them), never from what the user typed: the customers' pool links a signed-in user to
their customer record through ``custom:customer_id``, set when the product verified who they are.
A user in a group (staff) never gets a customer id, whatever their attributes say.
"""

from typing import Any

from contactcenter.auth import CUSTOMER_CLAIM, DEPARTMENT_CLAIM, Role


def add_department_claim(event: dict[str, Any]) -> dict[str, Any]:
    """The claims of a department member or an end customer (kept under its first name)."""
    request = event.get("request", {})
    groups = request.get("groupConfiguration", {}).get("groupsToOverride", []) or []
    attributes = request.get("userAttributes") or {}
    department = attributes.get(DEPARTMENT_CLAIM)
    customer_id = attributes.get(CUSTOMER_CLAIM)
    claims: dict[str, str] = {}
    if Role.DEPARTMENT.value in groups and department:
        claims[DEPARTMENT_CLAIM] = department
    if customer_id and not groups:
        claims[CUSTOMER_CLAIM] = customer_id
    if claims:
        event.setdefault("response", {})["claimsAndScopeOverrideDetails"] = {
            "accessTokenGeneration": {"claimsToAddOrOverride": claims},
            "idTokenGeneration": {"claimsToAddOrOverride": claims},
        }
    return event
