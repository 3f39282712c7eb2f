"""The API functions' CORS answers: only for the configured origin (the web console in AWS),
with the headers the console sends and reads; without an origin (the local cloud) none."""

from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from contactcenter.api.resolver import CORS_EXPOSE_HEADERS, create_resolver

CONSOLE = "https://console.example.com"


def _router() -> Router:
    router = Router()

    @router.get("/things")
    def things() -> Response[str]:
        return Response(200, "application/json", "[]", headers={"ETag": '"1"'})

    return router


def _get(app: Any, origin: str | None) -> dict[str, Any]:
    headers = {"Origin": origin} if origin else {}
    event = {
        "resource": "/things",
        "path": "/things",
        "httpMethod": "GET",
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": None,
        "requestContext": {"requestId": "r1", "stage": "v1", "resourcePath": "/things", "httpMethod": "GET"},
        "body": None,
        "isBase64Encoded": False,
    }
    answer: dict[str, Any] = app.resolve(event, None)
    return {k: v[0] for k, v in answer["multiValueHeaders"].items()} | answer.get("headers", {})


def test_the_consoles_requests_get_its_origin_and_the_exposed_headers() -> None:
    headers = _get(create_resolver(_router(), cors_origin=CONSOLE), CONSOLE)
    assert headers["Access-Control-Allow-Origin"] == CONSOLE
    assert set(headers["Access-Control-Expose-Headers"].split(",")) == set(CORS_EXPOSE_HEADERS)
    assert "Access-Control-Allow-Credentials" not in headers


def test_another_origin_gets_no_cors_headers() -> None:
    headers = _get(create_resolver(_router(), cors_origin=CONSOLE), "https://evil.example.net")
    assert not any(name.startswith("Access-Control") for name in headers)


def test_without_an_origin_configured_no_answer_has_cors_headers() -> None:
    headers = _get(create_resolver(_router()), CONSOLE)
    assert not any(name.startswith("Access-Control") for name in headers)
