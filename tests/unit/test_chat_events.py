"""Each bot turn's outcome as a chat.turn event (contactcenter/chat/events.py), with none of the
conversation: the words stay in the session."""

import json
from datetime import UTC, datetime

from contactcenter.chat.events import entries_from_stream
from contactcenter.chat.models import ChatSession

WORDS = "Mijn naam is Jan Jansen, mijn factuur klopt niet"


def _record(name: str, last_turn: dict[str, object] | None, sequence: str) -> dict[str, object]:
    session = ChatSession(
        session_id="contact-1",
        language="nl",
        turns=[{"who": "customer", "text": WORDS}],
        last_turn=last_turn,
        expires_at=datetime(2026, 11, 3, tzinfo=UTC),
    )
    return {"eventName": name, "dynamodb": {"NewImage": session.serialize(), "SequenceNumber": sequence}}


def test_a_turn_is_an_event_without_the_words() -> None:
    answered = {
        "at": "2026-11-02T09:00:10Z",
        "outcome": "answered",
        "article_id": "kb-1",
        "article_title": "Uw factuur",
    }
    rated = {"at": "2026-11-02T09:00:20Z", "outcome": "feedback", "article_id": "kb-1", "helpful": False}
    records = [
        _record("INSERT", answered, "1"),
        _record("MODIFY", rated, "2"),
        _record("MODIFY", None, "3"),  # saved without a turn: nothing to tell
        {"eventName": "REMOVE", "dynamodb": {"SequenceNumber": "4"}},  # the TTL, an erasure
    ]
    entries = entries_from_stream(records, "bus")
    assert [(sequence, entry["DetailType"], entry["Source"]) for sequence, entry in entries] == [
        ("1", "chat.turn", "contactcenter.chat"),
        ("2", "chat.turn", "contactcenter.chat"),
    ]
    details = [json.loads(entry["Detail"]) for _, entry in entries]
    assert [(d["outcome"], d["article_id"], d["helpful"], d["language"]) for d in details] == [
        ("answered", "kb-1", None, "nl"),
        ("feedback", "kb-1", False, "nl"),
    ]
    assert details[0]["event_id"] != details[1]["event_id"]
    assert "Jansen" not in json.dumps(details) and "factuur klopt" not in json.dumps(details)
