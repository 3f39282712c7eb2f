"""Atomic conditional writes on the local cloud.

DynamoDB evaluates a write's condition and applies the write atomically, so of two
concurrent writes conditional on the same version exactly one succeeds; the product's
concurrency control (ticket versions, the one-open-callback guard, token claims) relies on
it. moto checks and writes without a lock, so two concurrent requests can both pass. Writes
are serialized here, once per process, which restores DynamoDB's guarantee.
"""

import functools
import threading
from collections.abc import Callable
from typing import Any

from moto.dynamodb.models import DynamoDBBackend

_lock = threading.RLock()
_WRITES = ("put_item", "update_item", "delete_item", "transact_write_items", "batch_write_item")


def install() -> None:
    for name in _WRITES:
        original: Callable[..., Any] = getattr(DynamoDBBackend, name)
        if getattr(original, "_serialized", False):
            continue

        @functools.wraps(original)
        def serialized(
            self: DynamoDBBackend, *args: Any, _original: Callable[..., Any] = original, **kwargs: Any
        ) -> Any:
            with _lock:
                return _original(self, *args, **kwargs)

        serialized._serialized = True  # type: ignore[attr-defined]
        setattr(DynamoDBBackend, name, serialized)
