"""The indexer on the local cloud: what the deployment asks of it, and a record it cannot index
reported back to the stream (which retries it, then sends it to the dead-letter queue)."""

import json
from typing import Any

import pytest

from localcloud.provision import physical_name
from tests.api.conftest import Api

pytestmark = pytest.mark.local_cloud


def invoke(kb: Api, event: Any) -> dict[str, Any]:
    response = kb.session.cloud.client("lambda").invoke(
        FunctionName=physical_name("knowledge_indexer"), Payload=json.dumps(event).encode()
    )
    assert "FunctionError" not in response, response["Payload"].read()
    return json.loads(response["Payload"].read())  # type: ignore[no-any-return]


def record(sequence: str, article_id: str, language: str) -> dict[str, Any]:
    return {
        "eventName": "MODIFY",
        "dynamodb": {
            "Keys": {"article_id": {"S": article_id}},
            "NewImage": {
                "article_id": {"S": article_id},
                "language": {"S": language},
                "title": {"S": "Router Y: the status light"},
                "questions": {"L": [{"S": "what does the blue light mean"}]},
                "status": {"S": "published"},
                "audience": {"S": "public"},
                "version": {"N": "1"},
            },
            "SequenceNumber": sequence,
        },
    }


def test_the_deployment_trigger_prepares_the_index(kb: Api) -> None:
    # The embedded engine needs no template, and an empty store is already searchable.
    assert invoke(kb, {}) == {"prepared": True, "first_index": False}


def test_a_record_that_cannot_be_indexed_is_reported_and_the_rest_of_the_batch_waits(kb: Api) -> None:
    event = {
        "Records": [
            record("100", "kb-indexer-ok", "en"),
            record("101", "kb-indexer-fr", "fr"),  # written around the API's validation
            record("102", "kb-indexer-after", "en"),
        ]
    }
    assert invoke(kb, event) == {"batchItemFailures": [{"itemIdentifier": "101"}]}
    found = kb.call("GET", "/knowledge/search", params={"q": "blue status light router y"}, expect=200)
    ids = [hit["article_id"] for hit in found.json()["hits"]]
    assert "kb-indexer-ok" in ids
    assert "kb-indexer-after" not in ids  # retried from the failure, in order
