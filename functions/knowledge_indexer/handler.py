"""The articles table's stream, into the search index: a saved article is (re)indexed, a
deleted one removed, a reindex request rebuilds the whole index from the table (a new index,
switched to at once). A record that fails is reported back to the stream, which retries it
and then sends it to the dead-letter queue.

The deployment also invokes it (a CDK trigger, with an event that has no records): it puts the
index template and, on the first deployment, builds the first index behind the aliases."""

from typing import Any

# Powertools' own copy of boto3's deserializer: importing boto3 would cost ~27 ms of cold start.
from aws_lambda_powertools.shared.dynamodb_deserializer import TypeDeserializer

from contactcenter.articles.models import REINDEX_ID, ArticleItem
from contactcenter.articles.search import article_for_index
from contactcenter.articles.settings import SearchSettings
from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.settings import load_settings

settings = load_settings(SearchSettings)
logger = create_logger()
metrics = create_metrics()
engine = settings.open_engine()


_deserializer = TypeDeserializer()


def _plain(image: dict[str, Any]) -> dict[str, Any]:
    """A stream image (DynamoDB JSON) as plain values."""
    return {name: _deserializer.deserialize(value) for name, value in image.items()}


def rebuild() -> None:
    articles = ArticleItem.by_listing.query("article")
    engine.rebuild(article_for_index(item.attribute_values) for item in articles)


def apply(record: dict[str, Any]) -> str:
    keys = _plain(record["dynamodb"]["Keys"])
    article_id = str(keys["article_id"])
    if article_id == REINDEX_ID:
        if record["eventName"] == "REMOVE":
            return "ignored"
        rebuild()
        return "rebuilt"
    if record["eventName"] == "REMOVE":
        engine.delete(article_id)
        return "deleted"
    engine.upsert(article_for_index(_plain(record["dynamodb"]["NewImage"])))
    return "indexed"


@logger.inject_lambda_context
@metrics.log_metrics
@traced(settings.tracing_enabled)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if "Records" not in event:  # the deployment
        first = engine.prepare()
        if first:
            rebuild()
        logger.info("prepared", extra={"first_index": first})
        return {"prepared": True, "first_index": first}
    failures = []
    for record in event.get("Records", []):
        try:
            outcome = apply(record)
            logger.info("indexed", extra={"outcome": outcome, "event": record["eventName"]})
        except Exception:
            logger.exception("indexing failed", extra={"sequence": record["dynamodb"]["SequenceNumber"]})
            failures.append({"itemIdentifier": record["dynamodb"]["SequenceNumber"]})
            break  # the stream retries from the first failure, in order
    return {"batchItemFailures": failures}
