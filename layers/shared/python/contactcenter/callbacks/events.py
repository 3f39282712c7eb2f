"""The callbacks table's stream as domain events: what happened to a callback, for the data lake
and any other consumer, without a second write in the code that changes it.

Each change of a callback item becomes events on the domain bus: ``callback.requested`` when it
is created, ``callback.attempted`` for each attempt its change added (with the outcome), and
``callback.status_changed`` when its status moved (``completed``, ``exhausted``, ...). The
events name the callback, its queue, kind, language and ticket, never the number, the
customer or an agent's note: consumers such as the lake must hold no personal data.
"""

import json
from collections.abc import Iterable
from typing import Any

from contactcenter.callbacks.models import OPEN_PREFIX, Callback

SOURCE = "contactcenter.callbacks"


def _callback(image: dict[str, Any]) -> Callback:
    return Callback.from_raw_data(image)


def _detail(callback: Callback, kind: str, event_id: str, at: str, attempt: Any = None) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "callback_id": callback.callback_id,
        "kind": kind,
        "occurred_at": at,
        "callback": {
            "kind": callback.kind,
            "queue": callback.queue,
            "status": callback.status,
            "language": callback.language,
            "ticket_id": callback.ticket_id,
            "attempts": len(callback.attempts),
            "max_attempts": int(callback.max_attempts),
        },
        # Always present (null when not an attempt): the lake feed's transformer reads both.
        "attempt": {
            "number": attempt[0] if attempt else None,
            "outcome": attempt[1].outcome if attempt else None,
        },
    }


def details(old: Callback | None, new: Callback) -> list[dict[str, Any]]:
    """The events one change of ``new`` (from ``old``) makes, in the order they happened."""
    made = []
    key = f"{new.callback_id}#{new.version}"
    if old is None:
        made.append(_detail(new, "requested", f"{key}#requested", new.created_at))
    before = len(old.attempts) if old else 0
    for number, attempt in enumerate(new.attempts[before:], start=before + 1):
        made.append(_detail(new, "attempted", f"{key}#attempt{number}", attempt.at, (number, attempt)))
    if old is not None and old.status != new.status:
        made.append(_detail(new, "status_changed", f"{key}#status", new.updated_at))
    return made


def entries_from_stream(records: Iterable[dict[str, Any]], bus_name: str) -> list[tuple[str, dict[str, Any]]]:
    """(stream sequence number, PutEvents entry) for every event the records' changes make."""
    entries = []
    for record in records:
        change = record.get("dynamodb", {})
        if record.get("eventName") not in ("INSERT", "MODIFY") or "NewImage" not in change:
            continue  # a removal (an erasure, a guard released) is no callback event
        if change["NewImage"].get("callback_id", {}).get("S", "").startswith(OPEN_PREFIX):
            continue  # the guard item of a number with an open callback
        old = _callback(change["OldImage"]) if "OldImage" in change else None
        for detail in details(old, _callback(change["NewImage"])):
            entries.append(
                (
                    change["SequenceNumber"],
                    {
                        "Source": SOURCE,
                        "DetailType": f"callback.{detail['kind']}",
                        "Detail": json.dumps(detail, ensure_ascii=False),
                        "EventBusName": bus_name,
                    },
                )
            )
    return entries
