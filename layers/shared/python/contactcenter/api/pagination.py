"""Opaque cursors: where a Query stopped (DynamoDB's LastEvaluatedKey), bound to the query
it belongs to, encoded so integrators treat it as a token, not as data."""

import base64
import binascii
import hashlib
import json
from typing import Any

from contactcenter.errors import InvalidRequest

DEFAULT_LIMIT = 25
MAX_LIMIT = 100


def _fingerprint(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()[:12]


def encode_cursor(last_evaluated_key: dict[str, Any] | None, query: str) -> str | None:
    """A cursor for the next page, or None when this was the last one."""
    if not last_evaluated_key:
        return None
    raw = json.dumps({"q": _fingerprint(query), "k": last_evaluated_key}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, query: str) -> dict[str, Any] | None:
    """The key to continue from; a cursor from another query, or no cursor at all, is refused."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        decoded = json.loads(raw)
        key = decoded["k"]
        valid = decoded["q"] == _fingerprint(query) and isinstance(key, dict)
    except (ValueError, KeyError, TypeError, binascii.Error):
        valid = False
    if not valid:
        raise invalid_cursor()
    return key  # type: ignore[no-any-return]


def invalid_cursor() -> InvalidRequest:
    """The 400 for a cursor this query did not issue (or that no longer fits it)."""
    return InvalidRequest("the cursor is not one this query issued; start again without it", field="cursor")
