"""The JSON body of a request to the local cloud's own endpoints (the local CCP, the local
Participant Service), read without trusting its size or its shape."""

import json
from typing import Any

from werkzeug.wrappers import Request

MAX_BODY = 64 * 1024  # a chat message is at most 16,384 characters; nothing else is large


class BodyTooLarge(Exception):
    pass


def json_body(request: Request) -> Any:
    """The parsed body ({} when empty); None when it is not JSON (or nested beyond the parser's
    depth). Reads at most MAX_BODY + 1 bytes: BodyTooLarge beyond MAX_BODY."""
    raw = request.stream.read(MAX_BODY + 1)
    if len(raw) > MAX_BODY:
        raise BodyTooLarge(f"the body is at most {MAX_BODY} bytes")
    try:
        return json.loads(raw or b"{}")
    except (ValueError, RecursionError):
        return None
