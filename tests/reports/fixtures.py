"""A small, fixed lake whose report figures are worked out by hand in the tests."""

from pathlib import Path
from typing import Any

from contactcenter.reports.keywords import KeywordAnalysisIn, values_of
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
    "tags": ["branch-rotterdam"],
}
T2 = {
    "ticket_type": "request",
    "category": "technical",
    "product": "router-x",
    "channel": "CHAT",
    "priority": "P3",
    "tags": ["branch-amsterdam", "vip"],
}
T3 = {
    "ticket_type": "complaint",
    "category": "billing",
    "product": "modem",
    "channel": "VOICE",
    "priority": "P3",
    "tags": ["Branch-Rotterdam"],
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
    # dispatched two and a half hours after its creation
    ticket_event("e5", "T2", "assigned", "2026-11-02T13:30:00", status="open", department="technical", **T2),
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


def callback_event(
    event_id: str, callback_id: str, kind: str, at: str, **fields: object
) -> dict[str, object]:
    row: dict[str, object] = {
        "event_id": event_id,
        "callback_id": callback_id,
        "kind": kind,
        "occurred_at": at,
        "callback_kind": "scheduled",
        "queue": "billing",
        "language": "nl",
        "max_attempts": 3,
    }
    row.update(fields)
    return row


CALLBACK_EVENTS = [
    # K1 (billing): no answer, then reached: completed
    callback_event("k1", "K1", "requested", "2026-11-02T08:00:00", status="waiting", attempts=0),
    callback_event("k2", "K1", "attempted", "2026-11-02T09:00:00", attempt_number=1, outcome="no_answer"),
    callback_event("k3", "K1", "attempted", "2026-11-02T10:00:00", attempt_number=2, outcome="connected"),
    callback_event("k4", "K1", "status_changed", "2026-11-02T10:00:00", status="completed", attempts=2),
    # K2 (billing, queued): busy three times: exhausted
    callback_event("k5", "K2", "requested", "2026-11-02T11:00:00", callback_kind="queued", status="waiting"),
    *(
        callback_event(
            f"k{5 + n}",
            "K2",
            "attempted",
            f"2026-11-02T1{1 + n}:30:00",
            callback_kind="queued",
            attempt_number=n,
            outcome="busy",
        )
        for n in (1, 2, 3)
    ),
    callback_event(
        "k9", "K2", "status_changed", "2026-11-02T14:00:00", callback_kind="queued", status="exhausted"
    ),
    # K3 (technical), the next day: cancelled before its moment
    callback_event("k10", "K3", "requested", "2026-11-03T09:00:00", queue="technical", status="waiting"),
    callback_event(
        "k11", "K3", "status_changed", "2026-11-03T09:30:00", queue="technical", status="cancelled"
    ),
]


def bot_turn(
    session: str, at: str, outcome: str, article: str | None = None, **fields: object
) -> dict[str, object]:
    row: dict[str, object] = {
        "event_id": f"{session}#{at}",
        "session_id": session,
        "occurred_at": at,
        "language": "en",
        "outcome": outcome,
        "article_id": article,
    }
    row.update(fields)
    return row


BOT_TURNS = [
    # s1: a greeting, the router article, a thumb up
    bot_turn("s1", "2026-11-02T09:00:00", "other"),
    bot_turn("s1", "2026-11-02T09:00:10", "answered", "kb-router", article_title="Restart the router"),
    bot_turn("s1", "2026-11-02T09:00:20", "feedback", "kb-router", helpful=True),
    # s2 (Dutch): the router article, then a person instead of a thumb
    bot_turn(
        "s2",
        "2026-11-02T10:00:10",
        "answered",
        "kb-router",
        language="nl",
        article_title="Restart the router",
    ),
    bot_turn(
        "s2",
        "2026-11-02T10:00:20",
        "handover",
        "kb-router",
        language="nl",
        handover_reason="asked_for_a_person",
    ),
    # s3: nothing found: a hand-over after no article; the next day, the invoice article, thumb down
    bot_turn("s3", "2026-11-02T11:00:10", "handover", handover_reason="not_sure"),
    bot_turn("s4", "2026-11-03T08:00:10", "answered", "kb-invoice", article_title="Read your invoice"),
    bot_turn("s4", "2026-11-03T08:00:20", "feedback", "kb-invoice", helpful=False),
]


def write_fixed_lake(root: Path) -> Path:
    """The fixed rows, once per lake: test modules sharing a local cloud share its lake, and the
    figures they expect are the fixed set's, not a multiple of it."""
    marker = root / ".fixed-lake"
    if marker.exists():
        return root
    marker.touch()
    write_rows(root, "bot_turns", BOT_TURNS)
    write_rows(root, "callback_events", CALLBACK_EVENTS)
    write_rows(root, "contact_records", CONTACTS)
    write_rows(root, "flow_node_events", NODES)
    write_rows(root, "ticket_events", TICKET_EVENTS)
    return root


# A saved keyword analysis: T1 and T3 are Rotterdam's (tags, in any case), T1 and T2 are
# router-x's, "Modem or VIP" is T3, T4 (product) and T2 (tag); a dispatch later than 2 hours
# is late (T2's); T4 was never dispatched.
KEYWORDS = KeywordAnalysisIn.model_validate(
    {
        "name": "Branches and products",
        "keywords": [
            {"label": "Rotterdam", "terms": ["Rotterdam"]},
            {"label": "Router X", "terms": ["router-x"]},
            {"label": "Modem or VIP", "terms": ["modem", "vip"]},
            {"label": "Nothing", "terms": ["no such term"]},
        ],
        "late_after_hours": 2,
    }
)


def options(name: str) -> dict[str, Any]:
    """What every report needs to run on the fixed lake: the keyword analysis its values."""
    if name == "keyword_analysis":
        return {"filters": {"analysis": "kwa_fixture"}, "saved": values_of(KEYWORDS)}
    return {}
