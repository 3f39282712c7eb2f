"""The data lake's feeds from the product's event buses: which events become rows of which lake
table, and how each column is read from the event.

One definition for both clouds. In AWS each feed is an EventBridge rule whose input transformer
flattens the event into the row, delivered to a Kinesis Data Firehose stream that converts the
JSON to Parquet with the lake table's Glue schema and files it under its day (dynamic
partitioning on the time column). On the local cloud the same rule and transformer run in moto
and the row is written to the local lake (localcloud/lake.py).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from catalog.specs import InconsistentDefinition
from contactcenter.constants import BUS_DOMAIN
from contactcenter.reports.lake import BOT_TURNS, CALLBACK_EVENTS, TICKET_EVENTS, LakeTable


@dataclass(frozen=True)
class LakeFeed:
    key: str
    bus: str
    description: str
    pattern: Mapping[str, Any]
    table: LakeTable
    columns: Mapping[str, str]  # lake column -> JSONPath in the event

    @property
    def input_template(self) -> str:
        """The row as EventBridge's input template: each placeholder becomes the value as JSON."""
        return "{" + ", ".join(f'"{column}": <{column}>' for column in self.columns) + "}"


def _ticket(field: str) -> str:
    return f"$.detail.ticket.{field}"


LAKE_FEEDS: tuple[LakeFeed, ...] = (
    LakeFeed(
        key="ticket_events",
        bus=BUS_DOMAIN,
        description="Every ticket timeline event, with the ticket after it, into the lake",
        pattern={"source": ["contactcenter.tickets"], "detail-type": [{"prefix": "ticket."}]},
        table=TICKET_EVENTS,
        columns={
            "event_id": "$.detail.event_id",
            "ticket_id": "$.detail.ticket_id",
            "kind": "$.detail.kind",
            "occurred_at": "$.detail.occurred_at",
            "status": _ticket("status"),
            "ticket_type": _ticket("ticket_type"),
            "category": _ticket("category"),
            "product": _ticket("product"),
            "channel": _ticket("channel"),
            "department": _ticket("department"),
            "priority": _ticket("priority"),
            "language": _ticket("language"),
            "assignee_id": _ticket("assignee_id"),
            "csat": _ticket("csat"),
            "reopen_count": _ticket("reopen_count"),
            "sla_state": _ticket("sla_state"),
            "created_at": _ticket("created_at"),
            "tags": _ticket("tags"),
        },
    ),
    LakeFeed(
        key="callback_events",
        bus=BUS_DOMAIN,
        description="Every callback event (requested, attempted, status changed) into the lake",
        pattern={"source": ["contactcenter.callbacks"], "detail-type": [{"prefix": "callback."}]},
        table=CALLBACK_EVENTS,
        columns={
            "event_id": "$.detail.event_id",
            "callback_id": "$.detail.callback_id",
            "kind": "$.detail.kind",
            "occurred_at": "$.detail.occurred_at",
            "callback_kind": "$.detail.callback.kind",
            "queue": "$.detail.callback.queue",
            "status": "$.detail.callback.status",
            "language": "$.detail.callback.language",
            "ticket_id": "$.detail.callback.ticket_id",
            "attempts": "$.detail.callback.attempts",
            "max_attempts": "$.detail.callback.max_attempts",
            "attempt_number": "$.detail.attempt.number",
            "outcome": "$.detail.attempt.outcome",
        },
    ),
    LakeFeed(
        key="bot_turns",
        bus=BUS_DOMAIN,
        description="Every chat-bot turn's outcome (answer, thumb, hand-over) into the lake",
        pattern={"source": ["contactcenter.chat"], "detail-type": ["chat.turn"]},
        table=BOT_TURNS,
        columns={
            name: f"$.detail.{name}"
            for name in (
                "event_id",
                "session_id",
                "occurred_at",
                "language",
                "outcome",
                "article_id",
                "article_title",
                "handover_reason",
                "helpful",
            )
        },
    ),
)


def check_feeds() -> None:
    """Every column of each feed's table is fed, and nothing else."""
    for feed in LAKE_FEEDS:
        if set(feed.columns) != set(feed.table.column_names):
            raise InconsistentDefinition(f"lake feed {feed.key}: its columns are not {feed.table.name}'s")
