"""Amazon Connect's own records as lake rows: a contact trace record (CTR) as a
``contact_records`` row, a flow-log entry as a ``flow_node_events`` row.

One source of truth for both clouds: in AWS the lake's Firehose transformation calls these on
what Connect writes (the CTR stream in Kinesis, the flow logs in CloudWatch Logs); the local
cloud's flow simulator writes a CTR and flow-log entries in Connect's shape and files them
through the same functions.

Fields Connect leaves out of a record (no queue, no agent) are null in the row, never zero, so
the reports can tell "no agent" from "an agent for 0 s"; the durations of an answered contact
default to 0. Nothing personal is copied (no customer endpoint, no attributes beyond the two
read here).
"""

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

# A contact the flow itself ended (DisconnectParticipant), as opposed to the customer hanging
# up, an agent, or the network.
FLOW_DISCONNECT = "CONTACT_FLOW_DISCONNECT"
# Contact attributes the product's flows set (contact_flows/): the contact's language, and an
# explicit self-service verdict a flow may give (it overrides the rule below).
LANGUAGE_ATTRIBUTE = "language"
SELF_SERVICE_ATTRIBUTE = "self_service"


class MalformedRecord(ValueError):
    """A record without what every Connect record has (its contact, its time)."""


def moment(value: Any) -> str | None:
    """A Connect timestamp (ISO 8601, ``...Z`` or with an offset) as the lake's form: UTC, ISO
    8601 with ``Z``, which Firehose's Parquet conversion reads as a timestamp and whose first
    ten characters are the day partition."""
    if value is None or value == "":
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise MalformedRecord(f"not a timestamp: {value!r}") from None
    if parsed.tzinfo is None:  # Connect writes UTC; a naive moment is taken as UTC
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _section(record: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = record.get(name)
    return value if isinstance(value, Mapping) else {}


def _seconds(section: Mapping[str, Any], name: str) -> int:
    value = section.get(name)
    return int(value) if value is not None else 0


def _required(record: Mapping[str, Any], name: str) -> Any:
    value = record.get(name)
    if value is None or value == "":
        raise MalformedRecord(f"the record has no {name}")
    return value


def _language(attributes: Mapping[str, Any]) -> str | None:
    """The flows keep the caller's language as a two-letter code (``nl``); a locale (``nl-NL``)
    is cut to its language."""
    value = str(attributes.get(LANGUAGE_ATTRIBUTE) or "")
    return value[:2].lower() or None


def _self_service(attributes: Mapping[str, Any], queued: bool, disconnect_reason: str | None) -> bool:
    """Contained by design: the IVR or the bot served the contact and the flow ended it (no
    queue, disconnected by the flow). A contact that hung up in the IVR is not contained: it
    ended in the flow. A flow may say otherwise with the ``self_service`` attribute."""
    explicit = str(attributes.get(SELF_SERVICE_ATTRIBUTE) or "").lower()
    if explicit in ("true", "false"):
        return explicit == "true"
    return not queued and disconnect_reason == FLOW_DISCONNECT


def contact_record_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """A contact trace record (Connect's nested JSON) as a ``contact_records`` row."""
    queue, agent = _section(record, "Queue"), _section(record, "Agent")
    attributes = _section(record, "Attributes")
    queued = bool(queue.get("Name"))
    answered = bool(agent.get("Username"))
    reason = record.get("DisconnectReason") or None
    return {
        "contact_id": str(_required(record, "ContactId")),
        "channel": record.get("Channel"),
        "initiation_method": record.get("InitiationMethod"),
        "initiation_timestamp": moment(_required(record, "InitiationTimestamp")),
        "disconnect_timestamp": moment(record.get("DisconnectTimestamp")),
        "queue_name": queue.get("Name") if queued else None,
        "enqueue_timestamp": moment(queue.get("EnqueueTimestamp")),
        "dequeue_timestamp": moment(queue.get("DequeueTimestamp")),
        "agent_username": agent.get("Username") if answered else None,
        "connected_to_agent_timestamp": moment(agent.get("ConnectedToAgentTimestamp")),
        "agent_interaction_seconds": _seconds(agent, "AgentInteractionDuration"),
        "customer_hold_seconds": _seconds(agent, "CustomerHoldDuration"),
        "after_contact_work_seconds": _seconds(agent, "AfterContactWorkDuration"),
        "disconnect_reason": reason,
        "language": _language(attributes),
        "self_service": _self_service(attributes, queued, reason),
    }


def flow_log_row(entry: Mapping[str, Any]) -> dict[str, Any]:
    """A flow-log entry (what Connect writes to ``/aws/connect/<alias>`` per block a contact
    enters, while logging is on) as a ``flow_node_events`` row. ``Identifier`` is the block's
    identifier in the flow file. ``Results`` is not kept: for an input block it is what the
    caller keyed (an account number), and the lake holds no personal data.

    Whether the contact was dropped in a block is not in any one entry: the ``ivr_nodes``
    report derives it (the contact's last logged block, when its contact record shows no
    queue)."""
    return {
        "contact_id": str(_required(entry, "ContactId")),
        "flow_name": entry.get("ContactFlowName"),
        "block_id": entry.get("Identifier"),
        "block_type": entry.get("ContactFlowModuleType"),
        "entered_at": moment(_required(entry, "Timestamp")),
    }
