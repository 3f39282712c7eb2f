"""The deployed sign-in, in the browser: with a Cognito config.json the console signs a customer in
through the hosted UI with the authorization code grant and PKCE (S256). The hosted UI and its
token endpoint are played by Playwright's routes, which check what the console sends."""

import base64
import hashlib
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Route, expect

from localcloud.console import ConsoleSite
from tests.console.conftest import Console, open_page

HOSTED_UI = "https://customers.auth.example"
EMMA = "45678901"


@pytest.fixture
def cognito(console: Console) -> Iterator[dict[str, Any]]:
    api = console.session.api
    before = api.console
    assert before is not None
    config = {
        "auth": "cognito",
        "api": api.url,
        "staff": {"domain": "staff.auth.example", "clientId": "desktop-client", "redirectUri": f"{api.url}/"},
        "customers": {"domain": HOSTED_UI, "clientId": "portal-client", "redirectUri": f"{api.url}/"},
    }
    api.console = ConsoleSite(auth=console.session.auth, root=before.root, config=config)
    yield config
    api.console = before


def _s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


def test_a_customer_signs_in_with_the_hosted_ui_and_pkce(
    console: Console, browser: Browser, cognito: dict[str, Any]
) -> None:
    screens = open_page(browser, "cognito")
    page = screens.page
    base = console.session.api.url
    seen: dict[str, dict[str, list[str]]] = {}
    token = console.session.token("customer", customer_id=console.customers[EMMA])

    def hosted_ui(route: Route) -> None:
        url = urlsplit(route.request.url)
        if url.path == "/oauth2/authorize":
            seen["authorize"] = parse_qs(url.query)
            state = seen["authorize"]["state"][0]
            route.fulfill(status=302, headers={"Location": f"{base}/?code=the-code&state={state}"})
        elif url.path == "/oauth2/token":
            seen["token"] = parse_qs(route.request.post_data or "")
            route.fulfill(
                status=200,
                headers={"Access-Control-Allow-Origin": base},
                content_type="application/json",
                body=f'{{"access_token": "{token}", "token_type": "Bearer", "expires_in": 3600}}',
            )
        elif url.path == "/logout":
            seen["logout"] = parse_qs(url.query)
            route.fulfill(status=200, content_type="text/html", body="<title>signed out</title>")
        else:
            route.abort()

    page.context.route(f"{HOSTED_UI}/**", hosted_ui)
    page.goto(f"{base}/")
    expect(page).to_have_url(re.compile(r"#/sign-in$"))
    # The CSP lets the page call the hosted UI's token endpoint, and nothing else outside.
    policy = console.session.http("GET", "/").headers["Content-Security-Policy"]
    assert f"connect-src 'self' https://staff.auth.example {HOSTED_UI};" in policy
    screens.check("sign-in")

    page.get_by_role("button", name="Sign in to the help center").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How can we help?")
    authorize = {key: values[0] for key, values in seen["authorize"].items()}
    assert authorize["response_type"] == "code"
    assert authorize["client_id"] == "portal-client"
    assert authorize["redirect_uri"] == f"{base}/"
    assert authorize["scope"] == "openid email contactcenter/customer"
    assert authorize["code_challenge_method"] == "S256"
    exchange = {key: values[0] for key, values in seen["token"].items()}
    assert exchange["grant_type"] == "authorization_code"
    assert exchange["code"] == "the-code"
    assert exchange["client_id"] == "portal-client"
    assert exchange["redirect_uri"] == f"{base}/"
    assert _s256(exchange["code_verifier"]) == authorize["code_challenge"]
    assert len(exchange["code_verifier"]) >= 43
    assert "code=" not in page.url  # the code left the address bar
    expect(page).to_have_url(re.compile(r"/#/help$"))

    # The token from the exchange is the one the API calls carry.
    page.get_by_label("Search the help center").fill("forgot my password")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Reset your account password")).to_be_visible()
    screens.check("signed-in")

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_title("signed out")
    assert seen["logout"] == {"client_id": ["portal-client"], "logout_uri": [f"{base}/"]}
    page.context.close()


def test_a_sign_in_answer_for_another_tab_is_refused(
    console: Console, browser: Browser, cognito: dict[str, Any]
) -> None:
    screens = open_page(browser, "cognito-forged")
    page = screens.page
    page.goto(f"{console.session.api.url}/?code=stolen&state=forged#/sign-in")
    expect(page.get_by_role("alert")).to_contain_text("does not match this tab")
    assert "code=" not in page.url
    page.context.close()
