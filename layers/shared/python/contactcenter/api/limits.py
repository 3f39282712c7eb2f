"""What every request body must be before anything parses it: JSON (the only media type the
API declares), UTF-8, at most ``MAX_BODY_BYTES`` and ``MAX_DEPTH`` levels deep. A body that is
not is refused here with a problem (413, 415 or 400), never left to fail deeper as a 500."""

import base64
import binascii
import json
from typing import Any

from contactcenter.api.problems import PROBLEM_CONTENT_TYPE, problem_type

MAX_BODY_BYTES = 256 * 1024
MAX_DEPTH = 32
JSON_MEDIA_TYPE = "application/json"
# The one route whose body is JSON Lines (its lines are checked, and reported by number, by the
# route itself): the knowledge-base import.
JSON_LINES_MEDIA_TYPES = frozenset({"application/x-ndjson", "application/jsonl", "application/json-lines"})
JSON_LINES_RESOURCES = frozenset({"/knowledge/import"})
_WITH_BODY = ("POST", "PUT", "PATCH")


def _answer(
    status: int, slug: str, title: str, detail: str, event: dict[str, Any], field: str
) -> dict[str, Any]:
    problem = {
        "type": problem_type(slug),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": event.get("path"),
        "field": field,
    }
    return {
        "statusCode": status,
        "headers": {"Content-Type": PROBLEM_CONTENT_TYPE},
        "body": json.dumps(problem),
        "isBase64Encoded": False,
    }


def _header(event: dict[str, Any], name: str) -> str:
    for key, value in (event.get("headers") or {}).items():
        if key.lower() == name:
            return str(value)
    return ""


def _depth(value: Any) -> int:
    """How deeply ``value`` nests (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            level += 1
            deepest = max(deepest, level)
            stack.extend((child, level) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def oversize_response(event: dict[str, Any]) -> dict[str, Any] | None:
    """The 413 answer (an API Gateway proxy response) when the body is too large, else None."""
    body = event.get("body") or ""
    size = len(body.encode("utf-8")) * (3 if event.get("isBase64Encoded") else 4) // 4
    if size <= MAX_BODY_BYTES:
        return None
    return _answer(
        413,
        "payload-too-large",
        "The request body is too large",
        f"the body is {size} bytes; the limit is {MAX_BODY_BYTES}",
        event,
        "body",
    )


def body_response(event: dict[str, Any]) -> dict[str, Any] | None:
    """The refusal of a body that is too large, not JSON, not UTF-8 or nested too deeply (else
    None). A JSON body that reached the function base64-encoded is handed on as text."""
    if (too_large := oversize_response(event)) is not None:
        return too_large
    body = event.get("body")
    if not body or str(event.get("httpMethod", "")).upper() not in _WITH_BODY:
        return None
    media_type = _header(event, "content-type").split(";")[0].strip().lower()
    if media_type in JSON_LINES_MEDIA_TYPES and event.get("resource") in JSON_LINES_RESOURCES:
        return _utf8_text(event)
    if media_type != JSON_MEDIA_TYPE:
        return _answer(
            415,
            "unsupported-media-type",
            "The request body's media type is not accepted",
            f"send the body as {JSON_MEDIA_TYPE}, not {media_type or 'without a Content-Type'}",
            event,
            "Content-Type",
        )
    try:
        text = _text(event)
        depth = _depth(json.loads(text))
    except (ValueError, binascii.Error, RecursionError):
        return _answer(
            400,
            "malformed-json",
            "The request body is not JSON",
            "the body is not valid UTF-8 JSON",
            event,
            "body",
        )
    if depth > MAX_DEPTH:
        return _answer(
            400,
            "body-too-deep",
            "The request body nests too deeply",
            f"the body nests {depth} levels deep; the limit is {MAX_DEPTH}",
            event,
            "body",
        )
    event["body"], event["isBase64Encoded"] = text, False
    return None


def _text(event: dict[str, Any]) -> str:
    """The body as text: one that reached the function base64-encoded must decode to UTF-8."""
    body = str(event.get("body"))
    return base64.b64decode(body, validate=True).decode("utf-8") if event.get("isBase64Encoded") else body


def _utf8_text(event: dict[str, Any]) -> dict[str, Any] | None:
    """A JSON Lines body must be UTF-8 text; the route checks its lines."""
    try:
        text = _text(event)
    except (ValueError, binascii.Error):
        return _answer(
            400,
            "malformed-body",
            "The request body is not UTF-8 text",
            "send JSON Lines in UTF-8",
            event,
            "body",
        )
    event["body"], event["isBase64Encoded"] = text, False
    return None
