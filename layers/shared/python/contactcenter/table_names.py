"""Which deployed table each logical table key names, in this function.

A function's environment names its tables (``CC_TABLE_<KEY>``, as the catalog decides);
``settings.configure`` records them here at cold start, and every table model resolves its
physical name here when it first connects (``storage.TableModel``). Kept apart from storage
so recording them costs no pynamodb import.
"""

import threading
from collections.abc import Mapping

_lock = threading.Lock()
_physical: dict[str, str] = {}


def record(physical: Mapping[str, str]) -> None:
    """Add the function's tables (logical key -> physical name)."""
    with _lock:
        _physical.update(physical)


def physical(logical: str) -> str | None:
    """The deployed name of table ``logical``, if this function was given it."""
    return _physical.get(logical)


def forget() -> None:
    """No table known (tests: as before any cold start)."""
    with _lock:
        _physical.clear()
