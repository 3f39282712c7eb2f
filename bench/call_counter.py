"""Counts AWS API calls with a botocore event hook, per Lambda function.

Installed before any client exists, it registers the hook on every client created from then
on; a call made inside a function invocation on the local cloud is attributed to that
function (its environment names it), calls made outside one are not counted.
"""

import os
import threading
from collections import Counter
from typing import Any

import botocore.session

_lock = threading.Lock()
_calls: list[tuple[str, str, str]] = []  # function, service:operation, table (DynamoDB)


def install() -> None:
    original = botocore.session.Session.create_client
    if getattr(original, "_counting", False):
        return

    def create_client(self: Any, *args: Any, **kwargs: Any) -> Any:
        client = original(self, *args, **kwargs)
        service = client.meta.service_model.service_name

        def count(model: Any, params: Any = None, **_: Any) -> None:
            function = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
            if function:
                table = str((params or {}).get("TableName", "")) if service == "dynamodb" else ""
                with _lock:
                    _calls.append((function, f"{service}:{model.name}", table))

        # Once per API call (retries happen below it), with the caller's parameters.
        client.meta.events.register("before-parameter-build.*.*", count)
        return client

    create_client._counting = True  # type: ignore[attr-defined]
    botocore.session.Session.create_client = create_client  # type: ignore[method-assign]


def take() -> list[tuple[str, str, str]]:
    """The calls counted since the last take."""
    with _lock:
        taken = list(_calls)
        _calls.clear()
    return taken


def by_function(calls: list[tuple[str, str, str]]) -> dict[str, Counter[str]]:
    grouped: dict[str, Counter[str]] = {}
    for function, call, _ in calls:
        grouped.setdefault(function, Counter())[call] += 1
    return grouped
