"""The API's contract cannot drift: docs/openapi.json is the document the routers generate,
every POST that creates or changes something takes an Idempotency-Key, and every list pages
with next_cursor (the exceptions are the ones the README names, with its reasons)."""

import json
from pathlib import Path
from typing import Any

import pytest

from cli import openapi
from cli.openapi import DOCUMENT, STALE, render

# POSTs without an Idempotency-Key, as the README's API section explains: a read, or an action
# whose repeat leaves the same state behind.
NATURALLY_IDEMPOTENT_POSTS = {
    "/knowledge/search",  # a read with a body
    "/chat/sessions",  # each call issues a fresh short-lived assertion; an unused one expires
    "/monitor/live-tickets",  # likewise a fresh single-use ticket; an unused one expires in a minute
    "/knowledge/import",  # a re-import adds no versions (unchanged lines are counted as such)
    "/knowledge/reindex",  # a repeat rebuilds the same indexes
    "/knowledge/articles/{article_id}/publish",  # already published: nothing is written
    "/knowledge/articles/{article_id}/archive",  # already archived: nothing is written
    "/notifications/{notification_id}/read",  # already read: nothing is written
    "/customers/{customer_id}/erasure",  # one execution per customer (by name): a repeat starts nothing
}
# What a collection's answer holds its entries in (other arrays belong to one resource).
LIST_PROPERTIES = {"items", "versions", "hits"}
# Lists without a cursor, bounded by their parameters (the README says why).
BOUNDED_LISTS = {
    ("get", "/knowledge/search"),  # offset + size <= 100, ranked
    ("get", "/reports"),  # the product's reports: a fixed handful
    ("get", "/monitor/queues"),  # one snapshot: the center's queues
    ("get", "/monitor/agents"),  # one snapshot: the agents logged in to the center's queues
    ("get", "/monitor/alert-rules"),  # a few per queue, capped
}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return json.loads(render())  # type: ignore[no-any-return]


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method, path, op) for path, item in document["paths"].items() for method, op in item.items()]


def _parameters(op: dict[str, Any]) -> set[str]:
    return {p["name"].lower() for p in op.get("parameters", [])}


def _schema(document: dict[str, Any], op: dict[str, Any]) -> dict[str, Any]:
    for status, response in op["responses"].items():
        if status.startswith("2"):
            schema = response.get("content", {}).get("application/json", {}).get("schema", {})
            if "$ref" in schema:
                schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
            return schema  # type: ignore[no-any-return]
    return {}


def test_the_committed_document_is_the_generated_one() -> None:
    assert DOCUMENT.is_file(), STALE
    assert DOCUMENT.read_text(encoding="utf-8") == render(), STALE


def test_the_generator_writes_and_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "openapi.json"
    assert openapi.main(["--check", "--output", str(target)]) == 1
    assert STALE in capsys.readouterr().err
    assert openapi.main(["--output", str(target)]) == 0
    assert openapi.main(["--check", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8").endswith("}\n")


def test_every_changing_post_takes_an_idempotency_key(document: dict[str, Any]) -> None:
    missing = [
        path
        for method, path, op in _operations(document)
        if method == "post"
        and path not in NATURALLY_IDEMPOTENT_POSTS
        and "idempotency-key" not in _parameters(op)
    ]
    assert not missing, f"POST routes without Idempotency-Key: {missing}"
    for path in NATURALLY_IDEMPOTENT_POSTS:
        assert "post" in document["paths"][path], f"{path} is no longer a POST route: update the list"


def test_every_list_pages_with_a_cursor(document: dict[str, Any]) -> None:
    unpaged = []
    for method, path, op in _operations(document):
        properties = _schema(document, op).get("properties", {})
        if method != "get" or not LIST_PROPERTIES & set(properties):
            continue
        if (method, path) in BOUNDED_LISTS:
            continue
        if not {"cursor", "limit"} <= _parameters(op) or "next_cursor" not in properties:
            unpaged.append(path)
    assert not unpaged, f"lists without cursor, limit and next_cursor: {unpaged}"
