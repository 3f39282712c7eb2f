"""How routes document their answers in the OpenAPI document: the success response, and
every problem they can return (application/problem+json), including the 422 of request
validation, which Powertools would otherwise document in its own shape."""

from typing import Any

from pydantic import BaseModel, ConfigDict

from contactcenter.api.problems import PROBLEM_CONTENT_TYPE

_TITLES = {
    400: "Invalid request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    409: "Conflict with the resource's state",
    412: "The resource changed since it was read (If-Match)",
    413: "Request body too large",
    422: "Request validation failed",
    428: "If-Match header required",
    503: "A dependency is unavailable",
}


class FieldError(BaseModel):
    field: str | None
    message: str
    type: str | None = None


class Problem(BaseModel):
    """An RFC 9457 problem: ``type`` is machine-readable, ``field`` names the offending input."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    field: str | None = None
    errors: list[FieldError] | None = None


def documented(success: int, description: str, *problems: int) -> dict[int, Any]:
    """``responses=`` for a route: its success and the problems it may answer with."""
    responses: dict[int, Any] = {success: {"description": description}}
    for code in sorted({422, 401, 403, *problems}):
        responses[code] = {
            "description": _TITLES[code],
            "content": {PROBLEM_CONTENT_TYPE: {"model": Problem}},
        }
    return responses
