"""The data lake's tables: the facts the reports read, one schema for both clouds.

In AWS each table is a Glue table over Parquet objects in the lake bucket that Kinesis Data
Firehose writes, partitioned by day (``<table>/dt=YYYY-MM-DD/``); Athena reads it. Locally the
same layout lives under the local state folder and DuckDB reads it. The columns are written
once, here: the CDK app builds the Glue tables from them and the local engine its empty views.
Types are Glue's (Hive) names.
"""

from dataclasses import dataclass

PARTITION = "dt"  # the day, YYYY-MM-DD: a one-day report reads one partition
# The same types in DuckDB's names (the local engine and the local lake's writer).
DUCKDB_TYPES = {
    "string": "VARCHAR",
    "bigint": "BIGINT",
    "double": "DOUBLE",
    "timestamp": "TIMESTAMP",
    "boolean": "BOOLEAN",
    "array<string>": "VARCHAR[]",
}


@dataclass(frozen=True)
class LakeTable:
    name: str
    description: str
    time_column: str  # the moment that files a row under its day
    columns: tuple[tuple[str, str], ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)


CONTACT_RECORDS = LakeTable(
    "contact_records",
    "One row per contact, in the shape of Amazon Connect's contact trace record (flattened)",
    "initiation_timestamp",
    (
        ("contact_id", "string"),
        ("channel", "string"),  # VOICE, CHAT, TASK, EMAIL
        ("initiation_method", "string"),  # INBOUND, OUTBOUND, CALLBACK, TRANSFER, API
        ("initiation_timestamp", "timestamp"),
        ("disconnect_timestamp", "timestamp"),
        ("queue_name", "string"),  # null when the contact never reached a queue
        ("enqueue_timestamp", "timestamp"),
        ("dequeue_timestamp", "timestamp"),
        ("agent_username", "string"),  # null when no agent answered
        ("connected_to_agent_timestamp", "timestamp"),
        ("agent_interaction_seconds", "bigint"),
        ("customer_hold_seconds", "bigint"),
        ("after_contact_work_seconds", "bigint"),
        ("disconnect_reason", "string"),
        ("language", "string"),
        ("self_service", "boolean"),  # ended in the IVR or the bot without an agent, by design
    ),
)

FLOW_NODE_EVENTS = LakeTable(
    "flow_node_events",
    "One row per flow block a contact passed: the IVR node statistics",
    "entered_at",
    (
        ("contact_id", "string"),
        ("flow_name", "string"),
        ("block_id", "string"),
        ("block_type", "string"),
        ("entered_at", "timestamp"),
        # Whether the contact was dropped here is not a column: no single flow-log entry says
        # so. The ivr_nodes report derives it (the contact's last block, with no queue).
    ),
)

TICKET_EVENTS = LakeTable(
    "ticket_events",
    "One row per ticket timeline event (the EventBridge ticket.* events), with the ticket after it",
    "occurred_at",
    (
        ("event_id", "string"),
        ("ticket_id", "string"),
        ("kind", "string"),  # created, status_changed, assigned, dispatched, ...
        ("occurred_at", "timestamp"),
        ("status", "string"),
        ("ticket_type", "string"),  # complaint, request, compliment
        ("category", "string"),
        ("product", "string"),
        ("channel", "string"),
        ("department", "string"),
        ("priority", "string"),
        ("language", "string"),
        ("assignee_id", "string"),  # the agent (staff), not the customer
        ("csat", "bigint"),  # the customer's satisfaction score (1-5), once given
        ("reopen_count", "bigint"),
        ("sla_state", "string"),  # at_risk | breached, while the ticket was open
        ("created_at", "timestamp"),
        ("tags", "array<string>"),  # the labels agents gave it (a branch, a campaign): keyword analysis
    ),
)

CALLBACK_EVENTS = LakeTable(
    "callback_events",
    "One row per callback event (the EventBridge callback.* events): requested, attempted, status changed",
    "occurred_at",
    (
        ("event_id", "string"),
        ("callback_id", "string"),
        ("kind", "string"),  # requested | attempted | status_changed
        ("occurred_at", "timestamp"),
        ("callback_kind", "string"),  # queued (kept the caller's place) | scheduled (a chosen time)
        ("queue", "string"),
        ("status", "string"),  # the callback's, after the event
        ("language", "string"),
        ("ticket_id", "string"),
        ("attempts", "bigint"),  # made so far
        ("max_attempts", "bigint"),
        ("attempt_number", "bigint"),  # an attempt's: 1, 2, ...
        ("outcome", "string"),  # an attempt's: connected | no_answer | busy | voicemail | wrong_number
    ),
)

BOT_TURNS = LakeTable(
    "bot_turns",
    "One row per chat-bot turn (the EventBridge chat.turn events): its outcome, never its words",
    "occurred_at",
    (
        ("event_id", "string"),
        ("session_id", "string"),  # the Connect chat contact
        ("occurred_at", "timestamp"),
        ("language", "string"),
        ("outcome", "string"),  # answered | feedback | handover | other
        ("article_id", "string"),  # answered with; rated; or handed over instead of rating
        ("article_title", "string"),  # when answered
        ("handover_reason", "string"),
        ("helpful", "boolean"),  # a feedback turn's thumb
    ),
)

LAKE_TABLES = (CONTACT_RECORDS, FLOW_NODE_EVENTS, TICKET_EVENTS, CALLBACK_EVENTS, BOT_TURNS)


def lake_table(name: str) -> LakeTable:
    return next(table for table in LAKE_TABLES if table.name == name)
