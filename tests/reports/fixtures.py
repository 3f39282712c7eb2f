"""A small, fixed lake whose report figures are worked out by hand in the tests."""

from pathlib import Path

from localcloud.lake import write_rows


def contact(contact_id: str, channel: str, start: str, **fields: object) -> dict[str, object]:
    row: dict[str, object] = {
        "contact_id": contact_id,
        "channel": channel,
        "initiation_method": "INBOUND",
        "initiation_timestamp": start,
        "agent_interaction_seconds": 0,
        "customer_hold_seconds": 0,
        "after_contact_work_seconds": 0,
        "language": "en",
        "self_service": False,
    }
    row.update(fields)
    return row


CONTACTS = [
    # answered in 10 s by ana: 300 talk + 20 hold + 40 after-contact work = 360 s handled
    contact(
        "c1",
        "VOICE",
        "2026-11-02T09:05:00",
        queue_name="billing",
        enqueue_timestamp="2026-11-02T09:05:30",
        connected_to_agent_timestamp="2026-11-02T09:05:40",
        agent_username="ana",
        agent_interaction_seconds=300,
        customer_hold_seconds=20,
        after_contact_work_seconds=40,
    ),
    # answered in 40 s by bo: 200 + 0 + 60 = 260 s
    contact(
        "c2",
        "VOICE",
        "2026-11-02T09:20:00",
        queue_name="billing",
        enqueue_timestamp="2026-11-02T09:20:10",
        connected_to_agent_timestamp="2026-11-02T09:20:50",
        agent_username="bo",
        agent_interaction_seconds=200,
        after_contact_work_seconds=60,
    ),
    # a chat that gave up in the queue
    contact(
        "c3",
        "CHAT",
        "2026-11-02T09:40:00",
        queue_name="technical",
        enqueue_timestamp="2026-11-02T09:40:05",
        disconnect_reason="CUSTOMER_DISCONNECT",
    ),
    # served by the IVR alone
    contact("c4", "VOICE", "2026-11-02T10:10:00", self_service=True),
    # the next day: a chat answered in 10 s by ana, 100 + 0 + 20 = 120 s
    contact(
        "c5",
        "CHAT",
        "2026-11-03T08:00:00",
        queue_name="technical",
        enqueue_timestamp="2026-11-03T08:00:05",
        connected_to_agent_timestamp="2026-11-03T08:00:15",
        agent_username="ana",
        agent_interaction_seconds=100,
        after_contact_work_seconds=20,
    ),
]


def node(contact_id: str, block: str, block_type: str, at: str) -> dict[str, object]:
    return {
        "contact_id": contact_id,
        "flow_name": "main-ivr",
        "block_id": block,
        "block_type": block_type,
        "entered_at": at,
    }


NODES = [
    node("c1", "greet", "MessageParticipant", "2026-11-02T09:05:01"),
    node("c1", "auth", "GetParticipantInput", "2026-11-02T09:05:05"),
    node("c3", "greet", "MessageParticipant", "2026-11-02T09:40:01"),
    node("c4", "greet", "MessageParticipant", "2026-11-02T10:10:01"),
    node("c4", "auth", "GetParticipantInput", "2026-11-02T10:10:05"),  # c4's last: it had no queue
    node("c5", "greet", "MessageParticipant", "2026-11-03T08:00:01"),
]


def ticket_event(event_id: str, ticket_id: str, kind: str, at: str, **fields: object) -> dict[str, object]:
    row: dict[str, object] = {"event_id": event_id, "ticket_id": ticket_id, "kind": kind, "occurred_at": at}
    row.update(fields)
    return row


T1 = {
    "ticket_type": "complaint",
    "category": "billing",
    "product": "router-x",
    "channel": "VOICE",
    "priority": "P2",
}
T2 = {
    "ticket_type": "request",
    "category": "technical",
    "product": "router-x",
    "channel": "CHAT",
    "priority": "P3",
}
T3 = {
    "ticket_type": "complaint",
    "category": "billing",
    "product": "modem",
    "channel": "VOICE",
    "priority": "P3",
}
T4 = {
    "ticket_type": "request",
    "category": "technical",
    "product": "modem",
    "channel": "CHAT",
    "priority": "P3",
}
TICKET_EVENTS = [
    ticket_event("e1", "T1", "created", "2026-11-02T10:00:00", status="new", **T1),
    ticket_event("e2", "T1", "assigned", "2026-11-02T10:05:00", status="open", department="billing", **T1),
    # resolved 4 hours after the dispatch
    ticket_event(  # past its SLA
        "e3",
        "T1",
        "status_changed",
        "2026-11-02T14:05:00",
        status="resolved",
        department="billing",
        sla_state="breached",
        **T1,
    ),
    ticket_event("e4", "T2", "created", "2026-11-02T11:00:00", status="new", **T2),
    ticket_event("e5", "T2", "assigned", "2026-11-02T11:30:00", status="open", department="technical", **T2),
    ticket_event("e6", "T3", "created", "2026-11-03T09:00:00", status="new", **T3),
    ticket_event("e7", "T3", "assigned", "2026-11-03T09:10:00", status="open", department="billing", **T3),
    # the follow-up call: satisfied (4), closed
    ticket_event(
        "e8",
        "T1",
        "status_changed",
        "2026-11-03T10:00:00",
        status="closed",
        department="billing",
        sla_state="breached",
        csat=4,
        **T1,
    ),
    # resolved by the first agent in half an hour, then rated 5
    ticket_event("e9", "T4", "created", "2026-11-02T12:00:00", status="new", **T4),
    ticket_event(
        "e10", "T4", "status_changed", "2026-11-02T12:30:00", status="resolved", reopen_count=0, **T4
    ),
    ticket_event("e11", "T4", "status_changed", "2026-11-02T13:00:00", status="closed", csat=5, **T4),
]


def write_fixed_lake(root: Path) -> Path:
    write_rows(root, "contact_records", CONTACTS)
    write_rows(root, "flow_node_events", NODES)
    write_rows(root, "ticket_events", TICKET_EVENTS)
    return root
