"""The chat sessions table's stream as knowledge facts: each bot turn's outcome (an article
answered, the customer's thumb on it, a hand-over to a person and why) as a ``chat.turn``
event on the domain bus, for the data lake.

The session holds the conversation; the event holds none of it: the session id (the Connect
contact), the language, the outcome, the article's id and title and the hand-over's reason.
"""

import json
from collections.abc import Iterable
from typing import Any

from contactcenter.chat.models import ChatSession

SOURCE = "contactcenter.chat"


def entries_from_stream(records: Iterable[dict[str, Any]], bus_name: str) -> list[tuple[str, dict[str, Any]]]:
    """(stream sequence number, PutEvents entry) for every turn the records saved."""
    entries = []
    for record in records:
        change = record.get("dynamodb", {})
        if record.get("eventName") not in ("INSERT", "MODIFY") or "NewImage" not in change:
            continue  # a session the TTL or an erasure removed
        session = ChatSession.from_raw_data(change["NewImage"])
        turn = session.last_turn
        if not turn:
            continue
        detail = {
            "event_id": f"{session.session_id}#{turn['at']}",
            "session_id": session.session_id,
            "occurred_at": turn["at"],
            "language": session.language,
            "outcome": turn["outcome"],
            "article_id": turn.get("article_id"),
            "article_title": turn.get("article_title"),
            "handover_reason": turn.get("handover_reason"),
            "helpful": turn.get("helpful"),
        }
        entries.append(
            (
                change["SequenceNumber"],
                {
                    "Source": SOURCE,
                    "DetailType": "chat.turn",
                    "Detail": json.dumps(detail, ensure_ascii=False),
                    "EventBusName": bus_name,
                },
            )
        )
    return entries
