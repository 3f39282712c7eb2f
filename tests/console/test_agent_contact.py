"""The agent's contact for the workspace's screen pop: ``GET /agent/contact`` (the API's route:
ListUsers, GetCurrentUserData and GetContactAttributes with the monitor function's grants) and
the local CCP's actions (``POST /local/ccp/{action}``) on the local contact center."""

from types import SimpleNamespace
from typing import Any

import pytest
import requests

from localcloud.auth import token_for
from localcloud.console import CONSOLE_DIR, ConsoleSite
from localcloud.session import LocalSession
from tests.console.conftest import ROOT, Console

pytestmark = pytest.mark.local_cloud

JAN_CALL = ["1", "12345678#", "4321#"]  # new issue, Jan's account number and PIN


@pytest.fixture
def center(ana_available: LocalSession) -> LocalSession:
    return ana_available


def _call(local: LocalSession, method: str, path: str, user: str = "ana", **kwargs: Any) -> requests.Response:
    token = token_for(local.auth, "agent", username=user)
    headers = {"Authorization": f"Bearer {token}", **kwargs.pop("headers", {})}
    return requests.request(method, f"{local.api.url}{path}", headers=headers, timeout=30, **kwargs)


def test_the_agent_sees_the_callers_attributes_and_works_the_contact(
    center: LocalSession, console: Console
) -> None:
    idle = _call(center, "GET", "/agent/contact")
    assert idle.status_code == 200, idle.text
    assert idle.json()["status"] == "Available" and idle.json()["contact"] is None

    call = center.cloud.simulator().call(
        center.cloud.flow_arn("inbound_helpdesk"), caller="+31201234567", inputs=JAN_CALL
    )
    assert call.outcome == "connected"
    offered = _call(center, "GET", "/agent/contact").json()["contact"]
    assert offered["contact_id"] == call.contact_id and offered["state"] == "CONNECTING"
    attributes = offered["attributes"]
    assert attributes["customer_id"] == console.customers["12345678"]
    assert attributes["authenticated"] == "true" and attributes["intent"] == "new"
    assert not any(key.startswith("p_") for key in attributes)  # the flow's prompts stay in Connect

    for action in ("accept", "hold", "resume", "end"):
        assert _call(center, "POST", f"/local/ccp/{action}", json={}).status_code == 200, action
    assert _call(center, "GET", "/agent/contact").json()["contact"]["state"] == "ENDED"
    assert _call(center, "POST", "/local/ccp/wrap-up", json={"code": "resolved"}).status_code == 200
    assert _call(center, "GET", "/agent/contact").json()["contact"] is None
    (done,) = center.cloud.connect.center.finished
    assert done.wrap_up_code == "resolved"


def test_the_ccp_refuses_what_the_state_does_not_allow_and_strangers(center: LocalSession) -> None:
    refused = _call(center, "POST", "/local/ccp/end", json={})
    assert refused.status_code == 409 and refused.json()["title"] == "The contact center refused it"
    assert _call(center, "POST", "/local/ccp/hold", user="nobody", json={}).status_code == 404
    assert requests.post(f"{center.api.url}/local/ccp/accept", json={}, timeout=30).status_code == 401
    assert _call(center, "POST", "/local/ccp/dance", json={}).status_code == 404
    # A customer has no agent contact
    token = token_for(center.auth, "customer", customer_id="C-1")
    answer = requests.get(
        f"{center.api.url}/agent/contact", headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    assert answer.status_code == 403


def test_the_ccp_is_only_in_its_own_chunk_and_framed_only_when_configured(console: Console) -> None:
    """amazon-connect-streams (AWS only) is in the workspace's lazily loaded CCP chunk, never in
    the entry chunk every screen loads; a Cognito config.json naming the CCP lets the page frame
    that origin, and nothing else."""
    assets = ROOT / CONSOLE_DIR / "assets"
    holding = sorted(path.name for path in assets.glob("*.js") if "initCCP" in path.read_text())
    assert len(holding) == 1 and holding[0].startswith("Ccp-"), holding
    site = console.session.api.console
    assert site is not None
    config = {
        "auth": "cognito",
        "api": "https://api.example.com",
        "staff": {
            "domain": "staff.auth.example.com",
            "clientId": "s",
            "redirectUri": "https://c.example.com/",
        },
        "customers": {
            "domain": "cust.auth.example.com",
            "clientId": "c",
            "redirectUri": "https://c.example.com/",
        },
        "ccp": {"url": "https://example.my.connect.aws/ccp-v2/", "region": "eu-west-1"},
    }
    framed = ConsoleSite(auth=site.auth, root=site.root, config=config)
    request = SimpleNamespace(path="/", method="GET", headers={})
    policy = framed.serve(request).headers["Content-Security-Policy"]  # type: ignore[arg-type,union-attr]
    assert "frame-src https://example.my.connect.aws;" in policy and "frame-ancestors 'none'" in policy
    assert "frame-src" not in site.serve(request).headers["Content-Security-Policy"]  # type: ignore[arg-type,union-attr]
