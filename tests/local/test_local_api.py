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
    response = local.http("GET", "/no-such-resource")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "urn:contactcenter:problem:not-found"
    assert body["detail"] == "No route matches this method and path"


def test_another_method_on_a_resource_is_405_with_allow(local: LocalSession) -> None:
    # As the deployed API's ANY mock method on every resource answers (infra/constructs/rest_api.py).
    response = local.http("DELETE", "/health")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET"
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "urn:contactcenter:problem:method-not-allowed"


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
    route = ApiRoute("GET", "/health", "health", public=False, scopes=("contactcenter/api",))
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
    token = local.token("integration", expires_in=-10)
    response = _get(protected, token)
    assert response.status_code == 401
    assert response.json()["detail"] == "The incoming token has expired"


def test_a_protected_route_refuses_a_badly_signed_token(local: LocalSession, protected: LocalApi) -> None:
    token = local.token("integration")
    header, payload, signature = token.split(".")
    tampered = f"{header}.{payload}.{signature[:-4]}AAAA"
    assert _get(protected, tampered).status_code == 401
    assert _get(protected, "not-a-jwt").status_code == 401


def test_a_token_without_the_routes_scope_is_forbidden(local: LocalSession, protected: LocalApi) -> None:
    token = local.token("portal")
    response = _get(protected, token)
    assert response.status_code == 403
    assert response.json()["type"] == "urn:contactcenter:problem:forbidden"


def test_a_valid_token_reaches_the_handler(local: LocalSession, protected: LocalApi) -> None:
    token = local.token("integration")
    response = _get(protected, token)
    assert response.status_code == 200
    assert json.loads(response.text)["status"] == "ok"


def _forged(local: LocalSession, **changes: object) -> str:
    """A back-office token with ``changes``, signed with the pool's key (Cognito never issues it)."""
    import jwt

    claims = jwt.decode(local.token("integration"), options={"verify_signature": False})
    claims.update(changes)
    return local.auth.sign({k: v for k, v in claims.items() if v is not None})


def test_only_access_tokens_of_the_pools_app_clients_with_their_scopes_pass(
    local: LocalSession, protected: LocalApi
) -> None:
    """What API Gateway's Cognito authorizer accepts with scopes on the method, and nothing else."""
    assert _get(protected, local.token("integration")).status_code == 200
    assert _get(protected, local.token("agent")).status_code == 200
    # An ID token carries no scopes: refused, even a person's from the right client.
    assert _get(protected, local.token("agent", use="id")).status_code == 401
    assert _get(protected, _forged(local, token_use="id")).status_code == 401
    # A client the pool does not have, or a scope the client cannot be granted.
    assert _get(protected, _forged(local, client_id="local-unknown", sub="local-unknown")).status_code == 401
    assert _get(protected, local.token("portal")).status_code == 403
    portal = jwt_claims(local.token("portal"))
    assert (
        _get(
            protected, _forged(local, **{**portal, "scope": "contactcenter/portal contactcenter/api"})
        ).status_code
        == 401
    )
    # Another pool's issuer for a client, claims a client's tokens never carry, an unknown issuer.
    assert _get(protected, _forged(local, iss=f"{local.auth.issuer}_customers")).status_code == 401
    assert _get(protected, _forged(local, **{"cognito:groups": ["admin"]})).status_code == 401
    assert _get(protected, _forged(local, iss="https://cognito-idp.example/other")).status_code == 401
    # A customer's token: from the customers' pool, naming the customer; without it, refused.
    customer = local.token("customer", customer_id="cus_0000000000000000000000000a")
    assert _get(protected, customer).status_code == 403  # not the route's scope
    bare = {**jwt_claims(customer), "custom:customer_id": None}
    assert _get(protected, _forged(local, **bare)).status_code == 401


def jwt_claims(token: str) -> dict[str, object]:
    import jwt

    claims: dict[str, object] = jwt.decode(token, options={"verify_signature": False})
    return claims


def test_tokens_cognito_cannot_issue_are_not_minted(local: LocalSession) -> None:
    from localcloud.auth import BACK_OFFICE, CUSTOMER_PORTAL, DESKTOP

    with pytest.raises(ValueError, match="cannot be granted"):
        local.auth.mint(client=BACK_OFFICE, scopes=("contactcenter/portal",))
    with pytest.raises(ValueError, match="machine client"):
        local.auth.mint(client=BACK_OFFICE, username="svc")
    with pytest.raises(ValueError, match="customer"):
        local.auth.mint(client=CUSTOMER_PORTAL, username="c")
    with pytest.raises(ValueError, match="cannot be granted"):
        local.auth.mint(client=DESKTOP, username="ana", groups=("agent",), scopes=("contactcenter/customer",))
