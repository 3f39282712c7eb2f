"""The contracts the README promises, over HTTP: the served OpenAPI document is the committed
one, a retried create with an Idempotency-Key answers again instead of acting twice, and every
list pages with an opaque cursor that refuses to be crafted."""

import base64
import json

import pytest

from cli.openapi import DOCUMENT, STALE
from tests.api.conftest import Api, problem, unique

pytestmark = pytest.mark.local_cloud

LISTS = [
    "/customers",
    "/tickets",
    "/departments",
    "/agents",
    "/calendars",
    "/sla-policies",
    "/escalation-rules",
    "/notifications",
    "/knowledge/articles",
]


def test_the_served_document_is_the_committed_one(api: Api) -> None:
    served = api.call("GET", "/openapi.json", token="", expect=200)
    assert json.loads(DOCUMENT.read_text(encoding="utf-8")) == served.json(), STALE
    assert DOCUMENT.read_text(encoding="utf-8") == served.text + "\n", STALE


def _article(**fields: object) -> dict[str, object]:
    return {
        "language": "en",
        "title": "How do I reset my router?",
        "questions": ["router reset"],
        "answer": "Hold the reset button for ten seconds.",
        **fields,
    }


def test_a_retried_article_create_answers_again_and_writes_once(api: Api) -> None:
    key = unique("article-")
    headers = {"Idempotency-Key": key}
    body = _article(title=unique("Reset "))
    first = api.call("POST", "/knowledge/articles", as_="supervisor", json=body, headers=headers, expect=201)
    again = api.call("POST", "/knowledge/articles", as_="supervisor", json=body, headers=headers, expect=201)
    assert again.json() == first.json()
    assert again.headers["Location"] == first.headers["Location"]
    article_id = first.json()["article_id"]
    versions = api.call("GET", f"/knowledge/articles/{article_id}/versions", expect=200).json()
    assert [v["version"] for v in versions["versions"]] == [1]

    other = api.call(
        "POST", "/knowledge/articles", as_="supervisor", json=_article(title="Another"), headers=headers
    )
    assert (other.status_code, problem(other)["type"]) == (
        422,
        "urn:contactcenter:problem:idempotency-key-reused",
    )


@pytest.mark.parametrize("path", LISTS)
def test_a_crafted_cursor_is_a_400_problem(api: Api, path: str) -> None:
    crafted = base64.urlsafe_b64encode(b'{"q":"000000000000","k":{"id":{"S":"x"}}}').decode().rstrip("=")
    for cursor in ("not-a-cursor", crafted, "%%%"):
        response = api.call("GET", path, as_="supervisor", params={"cursor": cursor})
        assert response.status_code == 400, (
            f"{path} cursor={cursor!r}: {response.status_code} {response.text}"
        )
        assert problem(response)["field"] == "cursor"


def test_the_directory_lists_page_and_a_cursor_fits_only_its_query(api: Api) -> None:
    for path in ("/agents", "/departments"):
        first = api.call("GET", path, params={"limit": 1}, expect=200).json()
        assert len(first["items"]) == 1 and first["next_cursor"], path
        second = api.call("GET", path, params={"limit": 1, "cursor": first["next_cursor"]}, expect=200).json()
        assert second["items"] and second["items"] != first["items"], path
    agents = api.call("GET", "/agents", params={"limit": 1}, expect=200).json()["next_cursor"]
    refused = api.call("GET", "/departments", params={"cursor": agents})
    assert (refused.status_code, problem(refused)["field"]) == (400, "cursor")
    refused = api.call("GET", "/agents", params={"department": "billing", "cursor": agents})
    assert refused.status_code == 400


def test_the_per_resource_lists_refuse_crafted_cursors(api: Api) -> None:
    ticket = api.ticket()
    supervisor = "supervisor"
    created = api.call("POST", "/knowledge/articles", as_=supervisor, json=_article(), expect=201).json()
    for path in (
        f"/tickets/{ticket['ticket_id']}/timeline",
        f"/tickets/{ticket['ticket_id']}/comments",
        f"/tickets/{ticket['ticket_id']}/attachments",
        f"/knowledge/articles/{created['article_id']}/versions",
        f"/customers/{ticket['customer_id']}/history",
    ):
        response = api.call("GET", path, as_=supervisor, params={"cursor": "bogus"})
        assert response.status_code == 400, f"{path}: {response.status_code} {response.text}"
        assert problem(response)["field"] == "cursor"


def test_a_limit_out_of_bounds_is_refused(api: Api) -> None:
    for path in ("/agents", "/departments", "/calendars", "/notifications"):
        assert api.call("GET", path, as_="supervisor", params={"limit": 101}).status_code == 422, path


def test_a_body_the_api_does_not_take_is_a_problem_never_a_500(api: Api) -> None:
    """Checked before anything parses it (api/limits.py): the media type, the JSON, the depth."""
    customer = {"name": "Body check", "language": "en"}
    cases = [
        ({"Content-Type": "text/plain"}, json.dumps(customer), 415, "unsupported-media-type"),
        ({"Content-Type": "application/x-ndjson"}, json.dumps(customer), 415, "unsupported-media-type"),
        ({"Content-Type": "application/json"}, '{"name": "Body check", ', 400, "malformed-json"),
        ({"Content-Type": "application/json"}, "[" * 40 + "]" * 40, 400, "body-too-deep"),
    ]
    for headers, data, status, slug in cases:
        response = api.call("POST", "/customers", headers=headers, data=data, expect=status)
        assert response.headers["Content-Type"] == "application/problem+json"
        assert response.json()["type"] == f"urn:contactcenter:problem:{slug}", (headers, data)
    # JSON Lines is the import's own media type, and only the import's.
    imported = api.call(
        "POST",
        "/knowledge/import",
        as_="admin",
        headers={"Content-Type": "application/x-ndjson"},
        data="not json at all",
        expect=200,
    ).json()
    assert imported["errors"][0]["line"] == 1  # the route itself reports the bad line
