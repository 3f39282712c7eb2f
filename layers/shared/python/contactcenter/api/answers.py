"""Shaping answers: JSON bodies with the headers integrators rely on."""

from typing import Any, TypeVar

from aws_lambda_powertools.event_handler import Response
from pydantic import BaseModel

from contactcenter.api.conditional import etag

M = TypeVar("M", bound=BaseModel)


def json_response(
    body: M, *, status: int = 200, version: int | None = None, location: str | None = None
) -> Response[M]:
    headers: dict[str, Any] = {}
    if version is not None:
        headers["ETag"] = etag(version)
    if location is not None:
        headers["Location"] = location
    return Response(status_code=status, content_type="application/json", body=body, headers=headers or None)
