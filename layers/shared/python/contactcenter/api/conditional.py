"""Optimistic locking over HTTP: the ticket's version is its ETag; a change must send it
back in If-Match, and a stale one is refused (412) with nothing written."""

import re

from contactcenter.errors import InvalidRequest, PreconditionRequired

ETAG_PATTERN = r'^(?:W/)?"?([0-9]{1,12})"?$'
_ETAG = re.compile(ETAG_PATTERN)


def etag(version: int) -> str:
    return f'"{version}"'


def expected_version(if_match: str | None) -> int:
    if not if_match:
        raise PreconditionRequired(
            "send the ticket's ETag in If-Match so a concurrent change is not overwritten", field="If-Match"
        )
    found = _ETAG.match(if_match.strip())
    if not found:
        raise InvalidRequest(f"If-Match {if_match!r} is not an ETag this API issued", field="If-Match")
    return int(found.group(1))
