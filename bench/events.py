"""A representative event for each function, as its caller sends it."""

from typing import Any


def api_event(
    method: str, path: str, query: dict[str, str] | None = None, body: str | None = None
) -> dict[str, Any]:
    return {
        "resource": path,
        "path": path,
        "httpMethod": method,
        "headers": {"Accept": "application/json"},
        "multiValueHeaders": {"Accept": ["application/json"]},
        "queryStringParameters": query,
        "multiValueQueryStringParameters": {k: [v] for k, v in (query or {}).items()} or None,
        "pathParameters": None,
        "stageVariables": None,
        "requestContext": {
            "requestId": "bench",
            "resourcePath": path,
            "httpMethod": method,
            "stage": "bench",
        },
        "body": body,
        "isBase64Encoded": False,
    }


EVENTS: dict[str, dict[str, Any]] = {
    "health": api_event("GET", "/health", {"deep": "true"}),
}
