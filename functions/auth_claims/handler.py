"""Cognito pre-token-generation trigger (both pools): a department member's department, a customer's id."""

from typing import Any

from contactcenter.auth_claims import add_department_claim
from contactcenter.observability import create_logger

logger = create_logger()


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return add_department_claim(event)
