"""The local API: an HTTP server on loopback that does what API Gateway does for the REST API.

It matches a request to a route of ``catalog.api_routes`` (the same table the CDK app deploys),
checks the token as the Cognito authorizer would, turns the request into a REST proxy event
(payload version 1.0) and invokes the route's function on the local cloud through the Lambda
API, so the real handler answers. API Gateway's own refusals use the deployed gateway
responses (``catalog.gateway_responses``).

Like the deployed API, it never answers with a page of its own: a method a resource does not
have is 405 with Allow, a request beyond the stage's concurrency is 429 with Retry-After (as
API Gateway's throttling), Lambda's throttling is 503 with Retry-After, and anything else that
goes wrong on the way is API Gateway's 502 problem+json.

A request is answered when the deployed API would answer it at the latest: when the function's
timeout has passed (Lambda stops the handler and API Gateway answers 502) or API Gateway's
integration timeout (29 s, 504; the deployed API's gateway responses answer every 5xx as 502).
The local runtime cannot stop a handler, so it runs on and its slot stays taken until it
returns; what it did is what a client's retry with the same Idempotency-Key then finds.
"""

import base64
import json
import threading
import time
import traceback
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from botocore.exceptions import ClientError
from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.wrappers import Request, Response

from catalog.api_routes import ApiRoute, api_routes
from catalog.gateway_responses import BY_TYPE, METHOD_NOT_ALLOWED, OVERLOADED, GatewayResponse
from localcloud.auth import LocalAuth, TokenRejected
from localcloud.cloud import HOST, LocalCloud, LocalCloudError, port_free
from localcloud.console import ConsoleSite, console_conflicts
from localcloud.provision import physical_name

DEFAULT_API_PORT = 3000
STAGE = "local"
MAX_BODY_BYTES = 10 * 1024 * 1024  # API Gateway's REST payload limit
_TEXT_TYPES = ("application/json", "application/problem+json", "text/", "application/x-www-form-urlencoded")
# Requests served at once (what the deployed stage bounds by rate and Lambda by concurrency),
# and how long a request waits for a free slot before it is throttled.
MAX_CONCURRENT = 32
SLOT_WAIT_SECONDS = 10.0
RETRY_AFTER_SECONDS = 1
INTEGRATION_TIMEOUT_SECONDS = 29.0  # API Gateway's REST integration timeout
TIMEOUT_MARGIN_SECONDS = 0.5  # Lambda's report of a timeout reaching API Gateway


def gateway_error(
    response_type: str, message: str, request_id: str, *, headers: dict[str, str] | None = None
) -> Response:
    return _gateway_response(BY_TYPE[response_type], message, request_id, headers=headers)


def _gateway_response(
    spec: GatewayResponse, message: str, request_id: str, *, headers: dict[str, str] | None = None
) -> Response:
    body = {
        "type": f"urn:contactcenter:problem:{spec.slug}",
        "title": spec.title,
        "status": spec.status,
        "detail": spec.detail or message,
        "request_id": request_id,
    }
    response = Response(json.dumps(body), status=spec.status, content_type="application/problem+json")
    for key, value in (headers or {}).items():
        response.headers[key] = value
    response.headers["x-amzn-RequestId"] = request_id
    return response


def _retry_later(spec: GatewayResponse, message: str, request_id: str) -> Response:
    return _gateway_response(spec, message, request_id, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


@dataclass
class LocalApi:
    cloud: LocalCloud
    auth: LocalAuth
    port: int = DEFAULT_API_PORT
    routes: tuple[ApiRoute, ...] = field(default_factory=api_routes)
    max_concurrent: int = MAX_CONCURRENT
    # The web console at / (localcloud/console.py); None: the API alone, every path a route.
    console: ConsoleSite | None = None
    _server: BaseWSGIServer | None = None
    _thread: threading.Thread | None = None
    _slots: threading.BoundedSemaphore = field(init=False)
    _lambda: Any = field(init=False, default=None)
    _invocations: ThreadPoolExecutor = field(init=False)
    _timeouts: dict[str, float] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        conflicts = console_conflicts(self.routes)
        if conflicts:
            raise LocalCloudError(f"API routes on the console's paths: {', '.join(conflicts)}")
        self._slots = threading.BoundedSemaphore(self.max_concurrent)
        # One worker per slot: an invocation past its deadline keeps its worker and its slot.
        self._invocations = ThreadPoolExecutor(self.max_concurrent, "local-api-invoke")

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> "LocalApi":
        if not port_free(self.port):
            raise LocalCloudError(
                f"port {self.port} on {HOST} is already in use: choose another with --api-port"
            )
        # One Lambda client for every request (botocore clients are thread-safe; building one
        # per request costs more than most handlers take).
        self._lambda = self.cloud.client("lambda")
        self._server = make_server(HOST, self.port, self._wsgi, threaded=True)
        self.port = self._server.server_port
        self._thread = threading.Thread(target=self._server.serve_forever, name="local-api", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server = None
        self._invocations.shutdown(wait=False)

    def _match(self, method: str, path: str) -> tuple[ApiRoute, dict[str, str]] | None:
        # The most specific resource wins, as in API Gateway: /reports/schedules over /reports/{name}.
        matches = [
            (route, found.groupdict())
            for route in self.routes
            if route.method == method and (found := route.pattern.match(path))
        ]
        return max(matches, key=lambda match: _specificity(match[0].path), default=None)

    def _allowed(self, path: str) -> list[str]:
        """The methods of the resource ``path`` names (none: no such resource)."""
        templates = {route.path for route in self.routes if route.pattern.match(path)}
        # The most specific resource wins, as in API Gateway (a literal segment over a variable).
        best = max(templates, key=_specificity, default=None)
        return sorted(route.method for route in self.routes if route.path == best)

    def _wsgi(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        try:
            response = self._handle(request)
        except Exception:  # noqa: BLE001 - API Gateway answers its 5xx response, never a page of its own
            traceback.print_exc()
            response = gateway_error("DEFAULT_5XX", "Internal server error", str(uuid.uuid4()))
        return response(environ, start_response)

    def _handle(self, request: Request) -> Response:
        if self.console is not None and (page := self.console.serve(request)) is not None:
            return page
        request_id = str(uuid.uuid4())
        matched = self._match(request.method, request.path)
        if matched is None:
            allowed = self._allowed(request.path)
            if allowed:
                return _gateway_response(
                    METHOD_NOT_ALLOWED,
                    "Method not allowed",
                    request_id,
                    headers={"Allow": ", ".join(allowed)},
                )
            return gateway_error("MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token", request_id)
        route, path_parameters = matched
        if (request.content_length or 0) > MAX_BODY_BYTES:
            return gateway_error("REQUEST_TOO_LARGE", "Request Too Long", request_id)
        claims: dict[str, str] | None = None
        if not route.public:
            try:
                claims = self.auth.authorize(request.headers.get("Authorization"), route.scopes)
            except TokenRejected as rejected:
                return gateway_error(rejected.response_type, rejected.message, request_id)
        event = self._event(request, route, path_parameters, claims, request_id)
        function = physical_name(route.function)
        deadline = self._deadline(function)
        if not self._slots.acquire(timeout=SLOT_WAIT_SECONDS):
            return _retry_later(BY_TYPE["THROTTLED"], "Too Many Requests", request_id)
        try:
            invocation: Future[Any] = self._invocations.submit(
                self._lambda.invoke, FunctionName=function, Payload=json.dumps(event).encode()
            )
        except BaseException:
            self._slots.release()
            raise
        invocation.add_done_callback(lambda _: self._slots.release())
        try:
            result = invocation.result(timeout=deadline)
        except FutureTimeout:
            # Lambda would have stopped the handler by now and API Gateway answered.
            return gateway_error("DEFAULT_5XX", "Endpoint request timed out", request_id)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") == "TooManyRequestsException":
                return _retry_later(OVERLOADED, "Lambda throttled the invocation", request_id)
            raise
        payload = result["Payload"].read()
        if result.get("FunctionError"):
            return gateway_error("DEFAULT_5XX", "Internal server error", request_id)
        return self._response(payload, request_id)

    def _deadline(self, function: str) -> float:
        """How long the deployed API waits for ``function``: its timeout (as configured in
        Lambda) and Lambda's report of it, at most the integration timeout."""
        timeout = self._timeouts.get(function)
        if timeout is None:
            configured = self._lambda.get_function_configuration(FunctionName=function)["Timeout"]
            timeout = self._timeouts[function] = float(configured)
        return min(timeout + TIMEOUT_MARGIN_SECONDS, INTEGRATION_TIMEOUT_SECONDS)

    def _event(
        self,
        request: Request,
        route: ApiRoute,
        path_parameters: dict[str, str],
        claims: dict[str, str] | None,
        request_id: str,
    ) -> dict[str, Any]:
        raw = request.get_data()
        content_type = request.headers.get("Content-Type", "")
        is_text = not raw or content_type.startswith(_TEXT_TYPES)
        if is_text and raw:
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                is_text = False  # not text whatever its type says: passed on as bytes (base64)
        multi_headers: dict[str, list[str]] = {}
        for key, value in request.headers.items():
            multi_headers.setdefault(key, []).append(value)
        query = parse_qsl(request.query_string.decode(), keep_blank_values=True)
        multi_query: dict[str, list[str]] = {}
        for key, value in query:
            multi_query.setdefault(key, []).append(value)
        now = time.time()
        context: dict[str, Any] = {
            "accountId": "123456789012",
            "apiId": "local",
            "resourceId": "local",
            "resourcePath": route.path,
            "httpMethod": request.method,
            "path": f"/{STAGE}{request.path}",
            "stage": STAGE,
            "requestId": request_id,
            "extendedRequestId": request_id,
            "requestTime": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)),
            "requestTimeEpoch": int(now * 1000),
            "protocol": "HTTP/1.1",
            "domainName": request.host,
            "identity": {"sourceIp": request.remote_addr or HOST, "userAgent": request.user_agent.string},
        }
        if claims is not None:
            context["authorizer"] = {"claims": claims}
        return {
            "resource": route.path,
            "path": request.path,
            "httpMethod": request.method,
            "headers": {key: values[-1] for key, values in multi_headers.items()},
            "multiValueHeaders": multi_headers,
            "queryStringParameters": {k: v[-1] for k, v in multi_query.items()} or None,
            "multiValueQueryStringParameters": multi_query or None,
            "pathParameters": path_parameters or None,
            "stageVariables": None,
            "requestContext": context,
            "body": (raw.decode("utf-8") if is_text else base64.b64encode(raw).decode()) if raw else None,
            "isBase64Encoded": bool(raw) and not is_text,
        }

    @staticmethod
    def _response(payload: bytes, request_id: str) -> Response:
        try:
            result = json.loads(payload)
            status = int(result["statusCode"])
        except (ValueError, KeyError, TypeError):
            # What API Gateway answers when a proxy integration returns a malformed response.
            return gateway_error("DEFAULT_5XX", "Internal server error", request_id)
        body = result.get("body") or ""
        data = base64.b64decode(body) if result.get("isBase64Encoded") else body.encode("utf-8")
        response = Response(data, status=status)
        response.headers.pop("Content-Type", None)
        for key, value in (result.get("headers") or {}).items():
            response.headers[key] = str(value)
        for key, values in (result.get("multiValueHeaders") or {}).items():
            response.headers.remove(key)
            for value in values:
                response.headers.add(key, str(value))
        response.headers["x-amzn-RequestId"] = request_id
        return response


def _specificity(template: str) -> tuple[int, int]:
    """A literal segment over a variable one, as API Gateway chooses between resources."""
    return -template.count("{"), len(template)
