"""What each change of a callback tells the domain bus (contactcenter/callbacks/events.py): one
event per thing the change added, never the number, the customer or an agent's note."""

import json

from contactcenter.callbacks.events import entries_from_stream
from contactcenter.callbacks.models import Attempt, Callback

NUMBER, NOTE = "+31612345678", "Mevrouw de Vries was niet thuis"


def _callback(status: str, attempts: list[Attempt], version: int) -> Callback:
    return Callback(
        callback_id="cb_1",
        kind="scheduled",
        number=NUMBER,
        queue="billing",
        time_zone="Europe/Amsterdam",
        not_before="2026-11-02T09:00:00Z",
        status=status,
        customer_id="cus_1",
        language="nl",
        max_attempts=3,
        attempts=attempts,
        requested_by="agent",
        created_at="2026-11-02T08:00:00Z",
        updated_at="2026-11-02T10:00:00Z",
        version=version,
    )


def _record(name: str, new: Callback, old: Callback | None, sequence: str) -> dict[str, object]:
    change: dict[str, object] = {"NewImage": new.serialize(), "SequenceNumber": sequence}
    if old is not None:
        change["OldImage"] = old.serialize()
    return {"eventName": name, "dynamodb": change}


def test_each_change_tells_what_it_added() -> None:
    no_answer = Attempt(at="2026-11-02T09:00:00Z", outcome="no_answer", by="agent", note=NOTE)
    connected = Attempt(at="2026-11-02T10:00:00Z", outcome="connected", by="agent")
    created = _callback("waiting", [], 1)
    first = _callback("retry_pending", [no_answer], 2)
    done = _callback("completed", [no_answer, connected], 3)
    records = [
        _record("INSERT", created, None, "1"),
        _record("MODIFY", first, created, "2"),
        _record("MODIFY", done, first, "3"),
        {"eventName": "REMOVE", "dynamodb": {"OldImage": done.serialize(), "SequenceNumber": "4"}},
    ]
    entries = entries_from_stream(records, "bus")
    assert [(sequence, entry["DetailType"]) for sequence, entry in entries] == [
        ("1", "callback.requested"),
        ("2", "callback.attempted"),
        ("2", "callback.status_changed"),
        ("3", "callback.attempted"),
        ("3", "callback.status_changed"),
    ]
    details = [json.loads(entry["Detail"]) for _, entry in entries]
    assert [(d["attempt"]["number"], d["attempt"]["outcome"]) for d in details] == [
        (None, None),
        (1, "no_answer"),
        (None, None),
        (2, "connected"),
        (None, None),
    ]
    assert details[-1]["callback"]["status"] == "completed"
    assert len({d["event_id"] for d in details}) == 5  # consumers dedupe on it
    text = json.dumps(details, ensure_ascii=False)
    assert NUMBER not in text and NOTE not in text and "cus_1" not in text


def test_a_numbers_guard_item_is_no_callback() -> None:
    guard = {"callback_id": {"S": "open#+31612345678"}, "number": {"S": NUMBER}}
    record = {"eventName": "INSERT", "dynamodb": {"NewImage": guard, "SequenceNumber": "1"}}
    assert entries_from_stream([record], "bus") == []
