"""Opaque cursors: where a Query stopped (DynamoDB's LastEvaluatedKey), bound to the query
it belongs to and signed, so integrators treat it as a token, not as data.

A cursor is ``<payload>.<mac>``: the payload (base64url JSON: the query's fingerprint and the
key) and an HMAC-SHA256 of it. A cursor altered in any way, or issued for another list or other
filters, is refused (400, ``field: cursor``) before anything reaches DynamoDB, so a crafted key
(another partition, a wrong attribute or type) can never make a Query fail. The key is
``CC_CURSOR_KEY`` when the deployment sets one; otherwise it is derived from the stage, which
makes cursors tamper-evident but not secret-keyed.
"""

import base64
import binascii
import hashlib
import hmac
import json
import os
from typing import Any

from contactcenter.constants import Env
from contactcenter.errors import InvalidRequest

DEFAULT_LIMIT = 25
MAX_LIMIT = 100
_MAC_BYTES = 16


def _fingerprint(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()[:12]


def _key() -> bytes:
    configured = os.environ.get(Env.CURSOR_KEY)
    if configured:
        return configured.encode()
    return hashlib.sha256(f"contactcenter-cursor:{os.environ.get(Env.STAGE, '')}".encode()).digest()


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(payload: str) -> str:
    return _b64(hmac.new(_key(), payload.encode(), hashlib.sha256).digest()[:_MAC_BYTES])


def encode_cursor(last_evaluated_key: dict[str, Any] | None, query: str) -> str | None:
    """A cursor for the next page, or None when this was the last one."""
    if not last_evaluated_key:
        return None
    raw = json.dumps({"q": _fingerprint(query), "k": last_evaluated_key}, separators=(",", ":"))
    payload = _b64(raw.encode())
    return f"{payload}.{_mac(payload)}"


def decode_cursor(cursor: str | None, query: str) -> dict[str, Any] | None:
    """The key to continue from; a cursor from another query, or altered, is refused."""
    if not cursor:
        return None
    payload, _, mac = cursor.partition(".")
    try:
        if not mac or not hmac.compare_digest(mac.encode("ascii"), _mac(payload).encode("ascii")):
            raise invalid_cursor()
        decoded = json.loads(_unb64(payload))
        key = decoded["k"]
        valid = decoded["q"] == _fingerprint(query) and isinstance(key, dict)
    except (ValueError, KeyError, TypeError, binascii.Error):  # UnicodeError is a ValueError
        valid = False
    if not valid:
        raise invalid_cursor()
    return key  # type: ignore[no-any-return]


def invalid_cursor() -> InvalidRequest:
    """The 400 for a cursor this query did not issue (or that no longer fits it)."""
    return InvalidRequest("the cursor is not one this query issued; start again without it", field="cursor")
