"""moto's server without its process-wide costs: routing without a queue, DynamoDB answers
without a detour.

moto's ``DomainDispatcherApplication`` finds a request's service under one lock, and finding it
lists moto's package directory (``list_of_moto_modules``: a ``stat`` per service folder, on
every request): every AWS call of every function, whatever its service, waits for every other
one there. AWS has no such point. The folder list is read once, and the lock is kept only for
what needs it, creating a service's application the first time it is asked for.

moto then serializes every answer by walking the operation's output shape, attribute by
attribute: for DynamoDB's item operations (a Query's page of items, a GetItem), which already
hold the wire format (JSON, attribute values typed as DynamoDB types them), that walk was the
largest single cost of the local cloud under load (a quarter of its CPU time) and gives the
same JSON, so those answers are written as they are (anything else, or a value JSON cannot
write, goes through moto's serializer).
"""

import functools
import json
from collections.abc import Iterable
from typing import Any

from moto import backends
from moto.core.responses import ActionResult
from moto.dynamodb.responses import DynamoHandler
from moto.moto_server.werkzeug_app import DEFAULT_SERVICE_REGION, DomainDispatcherApplication

_originals: dict[str, Any] = {}
# Whose answers are their result's JSON as it is (compared with moto's serializer: the same).
_ITEM_OPERATIONS = frozenset(
    {
        "GetItem",
        "PutItem",
        "UpdateItem",
        "DeleteItem",
        "Query",
        "Scan",
        "BatchGetItem",
        "BatchWriteItem",
        "TransactGetItems",
        "TransactWriteItems",
    }
)


@functools.cache
def _moto_modules() -> tuple[str, ...]:
    return tuple(_originals["list_of_moto_modules"]())


def _list_of_moto_modules() -> Iterable[str]:
    return _moto_modules()


def _get_application(self: DomainDispatcherApplication, environ: dict[str, Any]) -> Any:
    path_info = environ.get("PATH_INFO", "")
    if isinstance(path_info, bytes):
        path_info = path_info.decode("utf-8")
    if path_info.startswith("/moto-api") or path_info == "/favicon.ico":
        host: str | None = "moto_api"
    elif path_info.startswith(("/latest/meta-data/", "/latest/api/")):
        host = "instance_metadata"
    else:
        host = None
    backend = self.get_backend_for_host(host)
    if not backend:
        host = self.infer_service_region_host(environ, path_info)
        if host is None:
            service, region = DEFAULT_SERVICE_REGION
            host = f"{service}.{region}.amazonaws.com"
        backend = self.get_backend_for_host(host)
    app = self.app_instances.get(backend)
    if app is None:
        with self.lock:
            app = self.app_instances.get(backend)
            if app is None:
                app = self.app_instances[backend] = self.create_app(backend)
    return app


def _dynamodb_serialized(self: DynamoHandler, action_result: ActionResult) -> Any:
    result = action_result.result
    if isinstance(result, dict) and self._get_action() in _ITEM_OPERATIONS:
        try:
            body = json.dumps(result)
        except (TypeError, ValueError):
            pass  # e.g. bytes: moto's serializer writes them
        else:
            headers = {"Content-Type": "application/x-amz-json-1.0", **self.response_headers}
            return 200, headers, body
    return _originals["dynamodb_serialized"](self, action_result)


def install() -> None:
    """Idempotent."""
    if _originals:
        return
    _originals["list_of_moto_modules"] = backends.list_of_moto_modules
    _originals["get_application"] = DomainDispatcherApplication.get_application
    backends.list_of_moto_modules = _list_of_moto_modules
    DomainDispatcherApplication.get_application = _get_application  # type: ignore[method-assign]
    _originals["dynamodb_serialized"] = DynamoHandler.serialized
    DynamoHandler.serialized = _dynamodb_serialized  # type: ignore[method-assign,assignment]
