"""Cognito's pre-token-generation trigger (event version 2): puts a department member's
department into the access token, where API Gateway's authorizer passes it to the API.
Cognito keeps custom attributes out of access tokens otherwise."""

from typing import Any

from contactcenter.auth import DEPARTMENT_CLAIM, Role


def add_department_claim(event: dict[str, Any]) -> dict[str, Any]:
    request = event.get("request", {})
    groups = request.get("groupConfiguration", {}).get("groupsToOverride", []) or []
    department = (request.get("userAttributes") or {}).get(DEPARTMENT_CLAIM)
    if Role.DEPARTMENT.value in groups and department:
        claims = {DEPARTMENT_CLAIM: department}
        event.setdefault("response", {})["claimsAndScopeOverrideDetails"] = {
            "accessTokenGeneration": {"claimsToAddOrOverride": claims},
            "idTokenGeneration": {"claimsToAddOrOverride": claims},
        }
    return event
