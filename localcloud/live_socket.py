"""The live channel on the local cloud: what API Gateway's WebSocket API does in AWS.

A socket server on loopback accepts a connection only when the channel's function answers its
``$connect`` event with 200 (the function spends the ticket in the URL), hands each message to
``$default`` and the close to ``$disconnect``: the events are API Gateway's, and the function
is invoked through the Lambda API, so the real handler answers under its own grants.

The functions post to a connection as in AWS, with ``apigatewaymanagementapi``: their calls go
to moto's server, whose management API only stores what is posted. Here moto's backend delivers
it to the open socket instead, and answers ``GoneException`` (410) for a connection that is not
open, as API Gateway does; the pushing function then forgets it.
"""

import json
import logging
import secrets
import threading
import time
import uuid
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from moto.apigatewaymanagementapi.models import ApiGatewayManagementApiBackend
from moto.core.exceptions import JsonRESTError
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve

from localcloud.provision import LIVE_CHANNEL_API, LIVE_CHANNEL_STAGE

HOST = "127.0.0.1"
_originals: dict[str, Any] = {}


class GoneException(JsonRESTError):
    def __init__(self, connection_id: str) -> None:
        super().__init__("GoneException", f"connection {connection_id} is not open")
        self.code = 410


class LiveSocket:
    """The channel's socket server; ``invoke(event) -> status code`` runs the channel's function."""

    def __init__(self, invoke: Any, port: int = 0) -> None:
        self._invoke = invoke
        self._open: dict[str, ServerConnection] = {}
        self._ids: dict[int, str] = {}  # id(connection) -> the connection id $connect accepted
        self._lock = threading.Lock()
        self._server: Server = serve(
            self._session, HOST, port, process_request=self._connect, logger=logging.getLogger("live")
        )
        self.port = int(self._server.socket.getsockname()[1])
        self.url = f"ws://{HOST}:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="live-channel", daemon=True)

    def start(self) -> "LiveSocket":
        self._thread.start()
        _install(self)
        return self

    def stop(self) -> None:
        _uninstall()
        self._server.shutdown()
        self._thread.join(timeout=5)

    # -- API Gateway's side -----------------------------------------------------------------

    def _event(self, route: str, connection_id: str, request: Request | None = None) -> dict[str, Any]:
        now = int(time.time() * 1000)
        event: dict[str, Any] = {
            "requestContext": {
                "routeKey": route,
                "eventType": {"$connect": "CONNECT", "$disconnect": "DISCONNECT"}.get(route, "MESSAGE"),
                "connectionId": connection_id,
                "apiId": LIVE_CHANNEL_API,
                "stage": LIVE_CHANNEL_STAGE,
                "domainName": f"{HOST}:{self.port}",
                "requestId": str(uuid.uuid4()),
                "requestTimeEpoch": now,
                "identity": {"sourceIp": HOST},
            },
            "isBase64Encoded": False,
        }
        if request is not None:
            query = dict(parse_qsl(urlsplit(request.path).query))
            event["queryStringParameters"] = query or None
            event["headers"] = dict(request.headers.raw_items())
        return event

    def _connect(self, connection: ServerConnection, request: Request) -> Response | None:
        connection_id = secrets.token_urlsafe(12)  # API Gateway's ids are of this kind
        status = self._invoke(self._event("$connect", connection_id, request))
        if status != HTTPStatus.OK:  # API Gateway refuses the handshake with the route's status
            try:
                reason = HTTPStatus(status)
            except ValueError:
                reason = HTTPStatus.FORBIDDEN
            return connection.respond(reason, f"{reason.phrase}\n")
        with self._lock:
            self._ids[id(connection)] = connection_id
        return None

    def _session(self, connection: ServerConnection) -> None:
        with self._lock:
            connection_id = self._ids.pop(id(connection))
            self._open[connection_id] = connection
        try:
            for message in connection:
                event = self._event("$default", connection_id)
                event["body"] = message if isinstance(message, str) else message.decode("utf-8", "replace")
                self._invoke(event)
        except ConnectionClosed:
            pass
        finally:
            with self._lock:
                self._open.pop(connection_id, None)
            self._invoke(self._event("$disconnect", connection_id))

    # -- the management API (moto's backend, delivered here) -----------------------------------

    def post(self, connection_id: str, data: bytes) -> None:
        with self._lock:
            connection = self._open.get(connection_id)
        if connection is None:
            raise GoneException(connection_id)
        try:
            connection.send(data.decode("utf-8"))
        except ConnectionClosed:
            raise GoneException(connection_id) from None

    def close(self, connection_id: str) -> None:
        with self._lock:
            connection = self._open.get(connection_id)
        if connection is None:
            raise GoneException(connection_id)
        connection.close()

    def watching(self) -> list[str]:
        with self._lock:
            return list(self._open)


def _install(socket: LiveSocket) -> None:
    if _originals:
        _uninstall()
    _originals["post"] = ApiGatewayManagementApiBackend.post_to_connection
    _originals["delete"] = ApiGatewayManagementApiBackend.delete_connection

    def post_to_connection(self: ApiGatewayManagementApiBackend, data: bytes, connection_id: str) -> None:
        socket.post(connection_id, data)

    def delete_connection(self: ApiGatewayManagementApiBackend, connection_id: str) -> None:
        socket.close(connection_id)

    ApiGatewayManagementApiBackend.post_to_connection = post_to_connection  # type: ignore[method-assign]
    ApiGatewayManagementApiBackend.delete_connection = delete_connection  # type: ignore[method-assign]


def _uninstall() -> None:
    if _originals:
        ApiGatewayManagementApiBackend.post_to_connection = _originals.pop("post")  # type: ignore[method-assign]
        ApiGatewayManagementApiBackend.delete_connection = _originals.pop("delete")  # type: ignore[method-assign]


def status_of(payload: bytes) -> int:
    """The status code in a WebSocket route function's answer (API Gateway reads the same)."""
    try:
        answer = json.loads(payload or b"{}")
    except ValueError:
        return HTTPStatus.BAD_GATEWAY
    return int(answer.get("statusCode", HTTPStatus.OK)) if isinstance(answer, dict) else HTTPStatus.OK
