"""Typed domain errors. The API maps each to an HTTP problem in one place (api/problems.py);
contact-flow functions map them to result codes. Domain code raises these, never HTTP codes."""

from typing import Any


class DomainError(Exception):
    """Base of every error a caller can act on."""

    slug = "domain-error"
    status = 400
    title = "The request could not be processed"

    def __init__(self, detail: str, *, field: str | None = None, **extensions: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field
        self.extensions = extensions


class InvalidRequest(DomainError):
    slug = "invalid-request"
    status = 400
    title = "The request is invalid"


class ValidationFailed(DomainError):
    """Well-formed input that breaks a rule only the domain knows (e.g. an unknown ticket type)."""

    slug = "validation-error"
    status = 422
    title = "The request is invalid"


class Unauthenticated(DomainError):
    slug = "unauthenticated"
    status = 401
    title = "Authentication is required"


class Forbidden(DomainError):
    slug = "forbidden"
    status = 403
    title = "You may not do this"


class NotFound(DomainError):
    slug = "not-found"
    status = 404
    title = "No such resource"


class Conflict(DomainError):
    slug = "conflict"
    status = 409
    title = "The request conflicts with the resource's current state"


class PreconditionFailed(DomainError):
    slug = "precondition-failed"
    status = 412
    title = "The resource has changed since you read it"


class PreconditionRequired(DomainError):
    slug = "precondition-required"
    status = 428
    title = "This change needs an If-Match header"


class TooManyRequests(DomainError):
    """An abuse limit was reached (``contactcenter.rate_limits``): the API answers 429 with
    ``Retry-After`` set to ``retry_after`` seconds, when the caller's window has passed."""

    slug = "too-many-requests"
    status = 429
    title = "Too many requests"

    def __init__(self, detail: str, *, retry_after: int, limit: str, **extensions: Any) -> None:
        super().__init__(detail, retry_after=retry_after, limit=limit, **extensions)
        self.retry_after = max(1, retry_after)
        self.extensions["retry_after"] = self.retry_after
