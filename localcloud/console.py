"""The web console on the local API: its built files, its configuration and the local sign-in.

In AWS the console is static files in S3 behind CloudFront, with a ``config.json`` that names
the Cognito hosted UI (docs/console.md); here the local API serves the same files at ``/``
(``/``, ``/index.html``, ``/assets/*``), a ``/config.json`` that says ``"auth": "local"``, and
local-only endpoints that the deployed API never has (they are not routes of
``catalog.api_routes``, so CDK never builds them):

- ``GET /local/users``: the demo users, staff and the demo customers (found by account number);
- ``POST /local/sign-in`` ``{"user": ID}``: an access token for one of them, minted as
  ``contactcenter token`` mints it (a customer's names their customer id);
- ``POST /local/ccp/{action}``: an agent's CCP actions on the local contact center
  (``localcloud/ccp.py``: accept, hold, resume, end, wrap-up, status, and a chat's messages).
- ``POST /participant/*``: Amazon Connect's Participant Service for the help center's chat
  (``localcloud/participant.py``).

Every other path goes on to the API as before (an unknown one is its problem+json 404). Hashed
assets are cached for a year, ``index.html`` and ``config.json`` never; every answer carries a
content security policy without inline scripts, and the headers CloudFront's response-headers
policy adds in AWS.
"""

import gzip
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from werkzeug.wrappers import Request, Response

from catalog.api_routes import ApiRoute
from localcloud import ccp, participant
from localcloud.auth import LocalAuth, token_for

CONSOLE_DIR = Path("build/console")  # where `make console` builds it (git-ignored)
TOKEN_SECONDS = 3600


def content_security_policy(connect: tuple[str, ...] = (), frames: tuple[str, ...] = ()) -> str:
    """No inline script, no eval, no framing; ``connect``: origins besides 'self' the page calls
    (Cognito's hosted UI domains for the token exchange, an API on another origin); ``frames``:
    origins the page may frame (Amazon Connect's CCP in the agent workspace)."""
    return "; ".join(
        (
            "default-src 'self'",
            *((" ".join(("frame-src", *frames)),) if frames else ()),
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            " ".join(("connect-src 'self'", *connect)),
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


CONTENT_SECURITY_POLICY = content_security_policy()
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
NO_CACHE = "no-cache"
IMMUTABLE = "public, max-age=31536000, immutable"
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".txt": "text/plain; charset=utf-8",
}
_COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".txt")
_ASSET = re.compile(r"/assets/(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)")
# Paths the console takes; no API route may use them (checked when the API starts).
CONSOLE_PREFIXES = ("/assets/", "/local/")
CONSOLE_PATHS = ("/", "/index.html", "/config.json")


@dataclass(frozen=True)
class DemoUser:
    id: str
    name: str
    role: str
    detail: str | None = None
    username: str | None = None  # a person of the staff pool's Cognito username
    department: str | None = None
    customer_id: str | None = None

    def public(self) -> dict[str, str]:
        shown = {"id": self.id, "name": self.name, "role": self.role}
        if self.detail:
            shown["detail"] = self.detail
        return shown


def staff_users() -> list[DemoUser]:
    """The seeded agents (their username is their agent id), a supervisor, an administrator and
    a member of the billing department."""
    from localcloud.seed import AGENTS  # the seed module imports the session, which imports this

    agents = [
        DemoUser(
            id=f"agent:{a['agent_id']}",
            name=a["name"],
            role="agent",
            detail=a["department_id"],
            username=a["agent_id"],
        )
        for a in AGENTS
    ]
    return [
        *agents,
        DemoUser(id="supervisor", name="Sam Supervisor", role="supervisor", username="sam"),
        DemoUser(id="admin", name="Alex Admin", role="admin", username="alex"),
        DemoUser(
            id="department:billing",
            name="Dana Billing",
            role="department",
            detail="billing",
            username="dana",
            department="billing",
        ),
    ]


def demo_customers(api_url: str, auth: LocalAuth) -> list[DemoUser]:
    """The demo customers that exist on this local cloud, found by account number through the
    API as an agent would find them (none before `contactcenter local` has seeded them)."""
    from localcloud.seed import CUSTOMERS

    agent = token_for(auth, "agent", username="console-sign-in")
    found: list[DemoUser] = []
    for demo in CUSTOMERS:
        customer = demo["customer"]
        answer = requests.get(
            f"{api_url}/customers",
            params={"account_number": customer["account_number"]},
            headers={"Authorization": f"Bearer {agent}"},
            timeout=30,
        )
        items = answer.json().get("items", []) if answer.ok else []
        if items:
            found.append(
                DemoUser(
                    id=f"customer:{customer['account_number']}",
                    name=customer["name"],
                    role="customer",
                    detail=customer["language"],
                    customer_id=items[0]["customer_id"],
                )
            )
    return found


@dataclass
class ConsoleSite:
    auth: LocalAuth
    root: Path = CONSOLE_DIR
    # The demo customers, given the API's base URL (replaceable in tests).
    customers: Callable[[str, LocalAuth], list[DemoUser]] = demo_customers
    # What /config.json says; None: local sign-in against this API. Tests serve a Cognito
    # configuration to drive the hosted-UI sign-in (docs/console.md has the shape).
    config: dict[str, Any] | None = None
    # The live channel's WebSocket URL (the local cloud's socket server): the supervisor views
    # open it, so its origin (ws://127.0.0.1:<port>) is allowed in connect-src.
    live_url: str | None = None
    # The local cloud's endpoint (moto): presigned attachment uploads POST to it from the page.
    uploads_origin: str | None = None
    _gzipped: dict[Path, bytes] = field(default_factory=dict, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)

    def serve(self, request: Request) -> Response | None:
        """The console's answer, or None for a path that is not the console's (the API's)."""
        path = request.path
        if path == "/local/sign-in" and request.method == "POST":
            return self._secured(self._sign_in(request))
        if path.startswith(ccp.PREFIX) and request.method == "POST":
            return self._secured(ccp.serve(self.auth, request))
        if path.startswith(participant.PREFIX):
            return self._secured(participant.serve(request))
        if request.method not in ("GET", "HEAD"):
            return None
        if path == "/config.json":
            base = _base_url(request)
            config = self.config or {"auth": "local", "api": base, "chat": {"participant": base}}
            return self._secured(self._json(config, cache="no-store"))
        if path == "/local/users":
            users = [*staff_users(), *self.customers(_base_url(request), self.auth)]
            return self._secured(self._json({"users": [u.public() for u in users]}, cache="no-store"))
        if path in ("/", "/index.html"):
            return self._file(request, self.root / "index.html", NO_CACHE)
        asset = _ASSET.fullmatch(path)
        if asset:
            return self._file(request, self.root / "assets" / asset["name"], IMMUTABLE)
        return None

    def _file(self, request: Request, file: Path, cache: str) -> Response | None:
        if not file.is_file():
            return None  # not built, or no such asset: the API's 404 as for any unknown path
        content_type = CONTENT_TYPES.get(file.suffix, "application/octet-stream")
        data = file.read_bytes()
        response = Response(data, content_type=content_type)
        if file.suffix in _COMPRESSIBLE:
            response.headers["Vary"] = "Accept-Encoding"
            if "gzip" in request.headers.get("Accept-Encoding", ""):
                response.set_data(self._gzip(file, data))
                response.headers["Content-Encoding"] = "gzip"
        response.headers["Cache-Control"] = cache
        return self._secured(response)

    def _gzip(self, file: Path, data: bytes) -> bytes:
        with self._lock:
            if file not in self._gzipped or file.name == "index.html":
                self._gzipped[file] = gzip.compress(data, compresslevel=9, mtime=0)
            return self._gzipped[file]

    def _sign_in(self, request: Request) -> Response:
        try:
            body = json.loads(request.get_data() or b"{}")
            wanted = body["user"] if isinstance(body, dict) else None
        except (ValueError, KeyError):
            wanted = None
        if not isinstance(wanted, str):
            detail = 'The body is {"user": ID}, an id of GET /local/users.'
            return _problem(400, "bad-request", "Bad request", detail)
        users = {u.id: u for u in staff_users()}
        if wanted.startswith("customer:"):
            users |= {u.id: u for u in self.customers(_base_url(request), self.auth)}
        user = users.get(wanted)
        if user is None:
            detail = f"{wanted} is not one of GET /local/users."
            return _problem(404, "not-found", "No such demo user", detail)
        token = token_for(
            self.auth,
            user.role,
            username=user.username,
            department=user.department,
            customer_id=user.customer_id,
            expires_in=TOKEN_SECONDS,
        )
        return self._json(
            {"access_token": token, "token_type": "Bearer", "expires_in": TOKEN_SECONDS, "name": user.name},
            cache="no-store",
        )

    @staticmethod
    def _json(body: Any, *, cache: str) -> Response:
        response = Response(json.dumps(body, ensure_ascii=False), content_type="application/json")
        response.headers["Cache-Control"] = cache
        return response

    def _secured(self, response: Response) -> Response:
        return _secure(response, self._connect_origins(), self._frame_origins())

    def _frame_origins(self) -> tuple[str, ...]:
        """The CCP's origin of a Cognito configuration that embeds it (the agent workspace)."""
        url = str(((self.config or {}).get("ccp") or {}).get("url", ""))
        match = re.match(r"https://[^/]+", url)
        return (match.group(0),) if match else ()

    def _connect_origins(self) -> tuple[str, ...]:
        """The live channel's origin (the supervisor views' WebSocket), the uploads' and the hosted UI's
        origins of a Cognito configuration (the page calls their token endpoint), as the
        deployed CloudFront policy must allow them too (there the live channel's wss:// one)."""
        origins = [] if self.live_url is None else [websocket_origin(self.live_url)]
        if self.uploads_origin:
            origins.append(self.uploads_origin)
        if not self.config or self.config.get("auth") != "cognito":
            return tuple(origins)
        for audience in ("staff", "customers"):
            domain = str(self.config[audience]["domain"]).rstrip("/")
            origins.append(domain if domain.startswith("https://") else f"https://{domain}")
        return tuple(dict.fromkeys(origins))


def websocket_origin(url: str) -> str:
    """``ws://127.0.0.1:5300`` of ``ws://127.0.0.1:5300/?ticket=...``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _secure(response: Response, connect: tuple[str, ...] = (), frames: tuple[str, ...] = ()) -> Response:
    response.headers["Content-Security-Policy"] = content_security_policy(connect, frames)
    for key, value in SECURITY_HEADERS.items():
        response.headers[key] = value
    return response


def _problem(status: int, slug: str, title: str, detail: str) -> Response:
    body = {"type": f"urn:contactcenter:problem:{slug}", "title": title, "status": status, "detail": detail}
    response = Response(json.dumps(body), status=status, content_type="application/problem+json")
    return _secure(response)


def _base_url(request: Request) -> str:
    return request.host_url.rstrip("/")


def console_conflicts(routes: tuple[ApiRoute, ...]) -> list[str]:
    """API routes on a path the console takes (there must be none)."""
    return sorted(
        {
            route.path
            for route in routes
            if route.path in CONSOLE_PATHS or route.path.startswith(CONSOLE_PREFIXES)
        }
    )
