"""The timeline is the outbox: every ticket change writes a timeline entry in the same
transaction as the change, and the timeline table's stream lands here, where each new entry
becomes a domain event on EventBridge (``ticket.created``, ``ticket.status_changed``,
``ticket.assigned``, ...). A change and its event cannot disagree, and an EventBridge outage
delays events instead of losing them: a failed entry is reported back to the stream, which
retries from it (consumers dedupe on ``event_id``)."""

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from aws_lambda_powertools import Logger, Metrics

from contactcenter import clients
from contactcenter.events.settings import PublisherSettings
from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.settings import load_settings
from contactcenter.tickets.models import TimelineEntry

SOURCE = "contactcenter.tickets"
_BATCH = 10  # PutEvents takes at most ten entries


def detail(entry: TimelineEntry) -> dict[str, Any]:
    """What consumers get: the change and the ticket after it, never comment bodies."""
    comment = entry.comment or None
    return {
        "event_id": entry.event_id,
        "ticket_id": entry.ticket_id,
        "kind": entry.kind,
        "occurred_at": entry.at,
        "actor": entry.actor,
        "summary": entry.summary,
        "visibility": entry.visibility,
        "changes": entry.changes or {},
        "ticket": entry.snapshot,
        "comment": {k: comment[k] for k in ("comment_id", "visibility", "author_type")} if comment else None,
    }


def entries_from_stream(records: Iterable[dict[str, Any]], bus_name: str) -> list[tuple[str, dict[str, Any]]]:
    """(stream sequence number, PutEvents entry) for every new timeline entry, in order."""
    entries = []
    for record in records:
        if record.get("eventName") != "INSERT":
            continue  # timeline entries are only ever inserted
        entry = TimelineEntry.from_raw_data(record["dynamodb"]["NewImage"])
        entries.append(
            (
                record["dynamodb"]["SequenceNumber"],
                {
                    "Source": SOURCE,
                    "DetailType": f"ticket.{entry.kind}",
                    "Detail": json.dumps(detail(entry), ensure_ascii=False, default=str),
                    "EventBusName": bus_name,
                },
            )
        )
    return entries


def publish(entries: Sequence[tuple[str, dict[str, Any]]]) -> list[str]:
    """Put the entries in order; the sequence numbers from the first failure on, if any."""
    events = clients.client("events")
    for start in range(0, len(entries), _BATCH):
        chunk = entries[start : start + _BATCH]
        response = events.put_events(Entries=[entry for _, entry in chunk])
        if response.get("FailedEntryCount"):
            first = next(i for i, result in enumerate(response["Entries"]) if "ErrorCode" in result)
            return [sequence for sequence, _ in entries[start + first :]]
    return []


Entries = list[tuple[str, dict[str, Any]]]
ToEntries = Callable[[Iterable[dict[str, Any]], str], Entries]
StreamHandler = Callable[[dict[str, Any], Any], dict[str, Any]]


def publish_stream(
    event: dict[str, Any],
    to_entries: ToEntries,
    bus_name: str,
    *,
    logger: Logger,
    metrics: Metrics,
    metric: str,
) -> dict[str, Any]:
    """A stream batch's events published in order; the partial batch response makes the stream
    resume from the first record not published (consumers dedupe on ``event_id``)."""
    entries = to_entries(event.get("Records", []), bus_name)
    failed = publish(entries)
    metrics.add_metric(name=metric, unit="Count", value=len(entries) - len(failed))
    if failed:
        logger.warning(
            "events not published; the stream retries from the first", extra={"failed": len(failed)}
        )
    return {"batchItemFailures": [{"itemIdentifier": failed[0]}] if failed else []}


def stream_publisher(to_entries: ToEntries, *, metric: str) -> StreamHandler:
    """The handler of a function that publishes a table's stream to the domain bus; the
    tickets', callbacks' and chats' differ only in what a record means (``to_entries``) and the
    count they emit (``metric``). Called at import, so the settings are checked at cold start."""
    settings = load_settings(PublisherSettings)
    logger, metrics = create_logger(), create_metrics()

    @logger.inject_lambda_context
    @metrics.log_metrics
    @traced(settings.tracing_enabled)
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return publish_stream(
            event, to_entries, settings.bus_name, logger=logger, metrics=metrics, metric=metric
        )

    return handler
