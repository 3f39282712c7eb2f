"""Identifiers: ULIDs (unique, ordered by time) with a readable prefix."""

from ulid import ULID


def new_id(prefix: str) -> str:
    """e.g. ``cus_01JD3...``; sortable by creation time, unique without coordination."""
    return f"{prefix}_{str(ULID()).lower()}"


def event_id() -> str:
    """A bare ULID, for sort keys that must order by time (timeline, audit)."""
    return str(ULID())
