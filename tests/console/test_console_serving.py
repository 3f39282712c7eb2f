"""The local API serving the console: files with their types, caching and security headers,
/config.json, the local-only sign-in, and every other path answered by the API as before."""

import gzip
import json
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import requests

from catalog.api_routes import api_routes
from localcloud.auth import LocalAuth
from localcloud.console import ConsoleSite, console_conflicts, content_security_policy, websocket_origin
from tests.console.conftest import ROOT, Console

OPENAPI = ROOT / "docs" / "openapi.json"


def _get(console: Console, path: str, **kwargs: Any) -> requests.Response:
    return requests.get(f"{console.session.api.url}{path}", timeout=30, **kwargs)


def _assets(console: Console) -> list[str]:
    index = _get(console, "/").text
    return re.findall(r'(?:src|href)="(/assets/[^"]+)"', index)


def _secured(response: requests.Response, console: Console) -> None:
    """The console's headers; its CSP lets the page reach the live channel and the uploads' origin."""
    policy = response.headers["Content-Security-Policy"]
    live = console.session.cloud.live
    elsewhere = (*(() if live is None else (websocket_origin(live.url),)), console.session.cloud.endpoint_url)
    assert policy == content_security_policy(elsewhere)
    script_src = next(part for part in policy.split("; ") if part.startswith("script-src"))
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_index_is_never_cached_and_hashed_assets_are_kept_a_year(console: Console) -> None:
    for path in ("/", "/index.html"):
        page = _get(console, path)
        assert page.status_code == 200
        assert page.headers["Content-Type"] == "text/html; charset=utf-8"
        assert page.headers["Cache-Control"] == "no-cache"
        _secured(page, console)
        assert "<script" in page.text and "<script>" not in page.text  # no inline script
    assets = _assets(console)
    assert any(a.endswith(".js") for a in assets) and any(a.endswith(".css") for a in assets)
    for asset in assets:
        answer = _get(console, asset)
        assert answer.status_code == 200, asset
        assert re.search(r"-[A-Za-z0-9_-]{8}\.(js|css)$", asset), f"{asset} has no content hash"
        expected = "text/javascript" if asset.endswith(".js") else "text/css"
        assert answer.headers["Content-Type"] == f"{expected}; charset=utf-8"
        assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        _secured(answer, console)


def test_the_csp_allows_the_live_channel_and_the_uploads_and_nothing_else_outside(console: Console) -> None:
    live = console.session.cloud.live
    assert live is not None and live.url.startswith("ws://127.0.0.1:")
    policy = _get(console, "/").headers["Content-Security-Policy"]
    uploads = console.session.cloud.endpoint_url  # the presigned attachment form's origin (moto)
    assert f"connect-src 'self' {websocket_origin(live.url)} {uploads};" in policy
    assert "?" not in websocket_origin(live.url + "?ticket=x")


def test_text_files_are_compressed_for_browsers_that_accept_gzip(console: Console) -> None:
    asset = next(a for a in _assets(console) if a.endswith(".js"))
    raw = requests.get(
        f"{console.session.api.url}{asset}", headers={"Accept-Encoding": "gzip"}, stream=True, timeout=30
    )
    assert raw.headers["Content-Encoding"] == "gzip"
    assert raw.headers["Vary"] == "Accept-Encoding"
    plain = _get(console, asset, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert gzip.decompress(raw.raw.read()) == plain.content


def test_config_says_how_to_sign_in_locally(console: Console) -> None:
    answer = _get(console, "/config.json")
    assert answer.headers["Cache-Control"] == "no-store"
    base = console.session.api.url
    assert answer.json() == {"auth": "local", "api": base, "chat": {"participant": base}}


def test_the_console_offers_the_attachment_types_the_api_accepts() -> None:
    """The file picker's list (console/src/help/api.ts) is the API's, so no type is offered that
    the API refuses, and none the API takes is hidden."""
    from contactcenter.tickets.schemas import ALLOWED_ATTACHMENT_TYPES

    source = (ROOT / "console" / "src" / "help" / "api.ts").read_text()
    listed = re.search(r"ATTACHMENT_TYPES = \[(.*?)\];", source, re.S)
    assert listed is not None
    assert re.findall(r'"([^"]+)"', listed.group(1)) == list(ALLOWED_ATTACHMENT_TYPES)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/nope"),
        ("GET", "/assets/missing-0123abcd.js"),
        ("GET", "/assets/../pyproject.toml"),
        ("GET", "/assets/sub/dir.js"),
        ("GET", "/local/nothing"),
        ("GET", "/index.htm"),
    ],
)
def test_other_paths_are_the_apis_as_before(console: Console, method: str, path: str) -> None:
    answer = requests.request(method, f"{console.session.api.url}{path}", timeout=30)
    assert answer.status_code == 404
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.json()["type"] == "urn:contactcenter:problem:not-found"


def test_api_routes_answer_as_without_the_console(console: Console) -> None:
    assert _get(console, "/health").json()["status"] == "ok"
    assert _get(console, "/openapi.json").json()["openapi"].startswith("3.")
    refused = requests.post(f"{console.session.api.url}/", json={}, timeout=30)  # not a console method
    assert refused.status_code == 404 and refused.headers["Content-Type"] == "application/problem+json"
    unauthorized = _get(console, "/tickets")
    assert unauthorized.status_code == 401


def test_the_local_sign_in_is_no_route_of_the_deployed_api() -> None:
    assert console_conflicts(api_routes()) == []
    paths = json.loads(OPENAPI.read_text())["paths"]
    assert not [p for p in paths if p.startswith(("/local", "/assets", "/config.json")) or p == "/"]
    clash = SimpleNamespace(path="/local/sign-in")
    assert console_conflicts((clash,)) == ["/local/sign-in"]  # type: ignore[arg-type]


def test_demo_users_sign_in_with_local_tokens_the_api_accepts(console: Console) -> None:
    users = {u["id"]: u for u in _get(console, "/local/users").json()["users"]}
    assert {u["role"] for u in users.values()} == {"agent", "supervisor", "admin", "department", "customer"}
    customers = {uid: u for uid, u in users.items() if u["role"] == "customer"}
    assert set(customers) == {f"customer:{account}" for account in console.customers}

    def sign_in(user: str) -> requests.Response:
        return requests.post(f"{console.session.api.url}/local/sign-in", json={"user": user}, timeout=30)

    jan = console.customers["12345678"]
    token = sign_in("customer:12345678").json()["access_token"]
    mine = console.session.http("GET", "/tickets", token=token, params={"customer": jan})
    assert mine.status_code == 200 and {t["customer_id"] for t in mine.json()["items"]} == {jan}
    other = console.customers["45678901"]
    theirs = console.session.http("GET", f"/customers/{other}", token=token)
    assert theirs.status_code == 404  # a customer's token is tied to that customer

    agent = sign_in("agent:ana").json()["access_token"]
    assert console.session.http("GET", "/tickets", token=agent).status_code == 200
    member = sign_in("department:billing").json()["access_token"]
    assert console.session.http("GET", "/reports", token=member).status_code == 403
    supervisor = sign_in("supervisor").json()["access_token"]
    assert console.session.http("GET", "/reports", token=supervisor).status_code == 200

    unknown = sign_in("root")
    assert unknown.status_code == 404 and unknown.headers["Content-Type"] == "application/problem+json"
    malformed = requests.post(f"{console.session.api.url}/local/sign-in", data=b"[1]", timeout=30)
    assert malformed.status_code == 400


def test_an_unbuilt_console_leaves_every_path_to_the_api(tmp_path: Path) -> None:
    site = ConsoleSite(auth=LocalAuth.load_or_create(tmp_path / "key.pem", "http://x"), root=tmp_path)
    request = SimpleNamespace(path="/", method="GET", headers={})
    assert site.serve(request) is None  # type: ignore[arg-type]
