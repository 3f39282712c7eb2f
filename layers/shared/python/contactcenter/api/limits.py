"""Request size limits, checked before anything parses the body."""

import json
from typing import Any

from contactcenter.api.problems import PROBLEM_CONTENT_TYPE, problem_type

MAX_BODY_BYTES = 256 * 1024


def oversize_response(event: dict[str, Any]) -> dict[str, Any] | None:
    """The 413 answer (an API Gateway proxy response) when the body is too large, else None."""
    body = event.get("body") or ""
    size = len(body.encode("utf-8")) * (3 if event.get("isBase64Encoded") else 4) // 4
    if size <= MAX_BODY_BYTES:
        return None
    problem = {
        "type": problem_type("payload-too-large"),
        "title": "The request body is too large",
        "status": 413,
        "detail": f"the body is {size} bytes; the limit is {MAX_BODY_BYTES}",
        "instance": event.get("path"),
        "field": "body",
    }
    return {
        "statusCode": 413,
        "headers": {"Content-Type": PROBLEM_CONTENT_TYPE},
        "body": json.dumps(problem),
        "isBase64Encoded": False,
    }
