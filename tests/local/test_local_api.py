"""The local API: real HTTP, API Gateway's event shape and refusals, the real handler behind it."""

import json
from collections.abc import Iterator

import pytest
import requests

from catalog.api_routes import ApiRoute
from localcloud.api_gateway import LocalApi
from localcloud.session import LocalSession

pytestmark = pytest.mark.local_cloud


def test_a_request_reaches_the_handler_and_its_answer_comes_back(local: LocalSession) -> None:
    response = local.http("GET", "/health", params={"deep": "true"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "version": "0.1.0",
        "stage": "local",
        "checks": {"audit_table": "ok"},
    }
    assert response.headers["x-amzn-RequestId"]


def test_an_unknown_route_is_api_gateways_problem_not_a_handler_call(local: LocalSession) -> None:
    response = local.http("DELETE", "/health")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "urn:contactcenter:problem:not-found"
    assert body["detail"] == "No route matches this method and path"


def test_the_handler_sees_a_rest_proxy_event(local: LocalSession) -> None:
    api = local.api
    route = api.routes[0]
    matched = api._match("GET", "/health")
    assert matched == (route, {})
    from werkzeug.test import EnvironBuilder
    from werkzeug.wrappers import Request

    request = Request(
        EnvironBuilder(method="GET", path="/health", query_string="deep=true&x=1&x=2").get_environ()
    )
    event = api._event(request, route, {}, {"sub": "u-1"}, "req-1")
    assert event["httpMethod"] == "GET"
    assert event["resource"] == "/health"
    assert event["queryStringParameters"] == {"deep": "true", "x": "2"}
    assert event["multiValueQueryStringParameters"] == {"deep": ["true"], "x": ["1", "2"]}
    assert event["requestContext"]["authorizer"] == {"claims": {"sub": "u-1"}}
    assert event["requestContext"]["requestId"] == "req-1"
    assert event["body"] is None
    assert event["isBase64Encoded"] is False


@pytest.fixture
def protected(local: LocalSession) -> Iterator[LocalApi]:
    """The health handler behind a route that requires a token with a scope."""
    route = ApiRoute("GET", "/health", "health", public=False, scopes=("contactcenter/ops",))
    api = LocalApi(cloud=local.cloud, auth=local.auth, port=0, routes=(route,)).start()
    yield api
    api.stop()


def _get(api: LocalApi, token: str | None) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.get(f"{api.url}/health", headers=headers, timeout=30)


def test_a_protected_route_refuses_a_missing_token(protected: LocalApi) -> None:
    response = _get(protected, None)
    assert response.status_code == 401
    assert response.json()["type"] == "urn:contactcenter:problem:unauthenticated"


def test_a_protected_route_refuses_an_expired_token(local: LocalSession, protected: LocalApi) -> None:
    token = local.auth.mint(username="svc", scopes=("contactcenter/ops",), machine=True, expires_in=-10)
    response = _get(protected, token)
    assert response.status_code == 401
    assert response.json()["detail"] == "The incoming token has expired"


def test_a_protected_route_refuses_a_badly_signed_token(local: LocalSession, protected: LocalApi) -> None:
    token = local.auth.mint(username="svc", scopes=("contactcenter/ops",), machine=True)
    header, payload, signature = token.split(".")
    tampered = f"{header}.{payload}.{signature[:-4]}AAAA"
    assert _get(protected, tampered).status_code == 401
    assert _get(protected, "not-a-jwt").status_code == 401


def test_a_token_without_the_routes_scope_is_forbidden(local: LocalSession, protected: LocalApi) -> None:
    token = local.auth.mint(username="svc", scopes=("contactcenter/other",), machine=True)
    response = _get(protected, token)
    assert response.status_code == 403
    assert response.json()["type"] == "urn:contactcenter:problem:forbidden"


def test_a_valid_token_reaches_the_handler(local: LocalSession, protected: LocalApi) -> None:
    token = local.auth.mint(username="svc", scopes=("contactcenter/ops",), machine=True)
    response = _get(protected, token)
    assert response.status_code == 200
    assert json.loads(response.text)["status"] == "ok"
