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
    ),
)

LAKE_TABLES = (CONTACT_RECORDS, FLOW_NODE_EVENTS, TICKET_EVENTS)


def lake_table(name: str) -> LakeTable:
    return next(table for table in LAKE_TABLES if table.name == name)
