"""RFC 9457 problem details: the one place errors become HTTP responses."""

import json
from typing import Any

from aws_lambda_powertools.event_handler import Response

from contactcenter.errors import DomainError, TooManyRequests

PROBLEM_CONTENT_TYPE = "application/problem+json"
_TYPE_PREFIX = "urn:contactcenter:problem:"


def problem_type(slug: str) -> str:
    return f"{_TYPE_PREFIX}{slug}"


def problem(
    status: int,
    slug: str,
    title: str,
    detail: str,
    *,
    instance: str | None = None,
    field: str | None = None,
    headers: dict[str, str] | None = None,
    **extensions: Any,
) -> Response[str]:
    body: dict[str, Any] = {"type": problem_type(slug), "title": title, "status": status, "detail": detail}
    if instance:
        body["instance"] = instance
    if field:
        body["field"] = field
    body.update(extensions)
    return Response(
        status_code=status,
        content_type=PROBLEM_CONTENT_TYPE,
        body=json.dumps(body, ensure_ascii=False, default=str),
        headers=headers,
    )


def from_domain_error(error: DomainError, instance: str | None = None) -> Response[str]:
    # A limit says when to come back (RFC 9110 Retry-After, in seconds), in the header clients
    # and SDKs honour, and in the body for those that read only the problem.
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, TooManyRequests) else None
    return problem(
        error.status,
        error.slug,
        error.title,
        error.detail,
        instance=instance,
        field=error.field,
        headers=headers,
        **error.extensions,
    )
