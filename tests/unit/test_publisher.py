"""The outbox publisher: timeline stream records become domain events, in order; a failed
put reports the sequence numbers to retry from."""

import json

from botocore.stub import Stubber

from contactcenter import clients
from contactcenter.events.publisher import entries_from_stream, publish


def _record(sequence: str, kind: str, event_name: str = "INSERT") -> dict:  # type: ignore[type-arg]
    image = {
        "ticket_id": {"S": "T-000001"},
        "event_id": {"S": f"01J{sequence}"},
        "kind": {"S": kind},
        "at": {"S": "2026-11-22T12:00:00.000Z"},
        "actor": {"S": "ana"},
        "summary": {"S": "something"},
        "visibility": {"S": "public"},
        "comment": {
            "S": json.dumps(
                {"comment_id": "cmt_1", "body": "secret text", "visibility": "public", "author_type": "agent"}
            )
        },
        "snapshot": {
            "S": json.dumps({"ticket_id": "T-000001", "status": "open", "ticket_type": "complaint"})
        },
    }
    return {"eventName": event_name, "dynamodb": {"SequenceNumber": sequence, "NewImage": image}}


def test_new_entries_become_events_without_comment_bodies() -> None:
    entries = entries_from_stream(
        [_record("1", "created"), _record("2", "commented"), _record("3", "x", "MODIFY")], "bus"
    )
    assert [sequence for sequence, _ in entries] == ["1", "2"]
    kinds = [entry["DetailType"] for _, entry in entries]
    assert kinds == ["ticket.created", "ticket.commented"]
    detail = json.loads(entries[1][1]["Detail"])
    assert detail["ticket"]["ticket_type"] == "complaint"
    assert detail["comment"] == {"comment_id": "cmt_1", "visibility": "public", "author_type": "agent"}
    assert "secret text" not in entries[1][1]["Detail"]
    assert entries[0][1]["EventBusName"] == "bus"


def test_a_failed_entry_reports_where_the_stream_must_resume(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-central-1")
    import botocore.session

    events = botocore.session.get_session().create_client("events", region_name="eu-central-1")
    clients.override("events", events)
    entries = entries_from_stream([_record(str(i), "updated") for i in range(1, 13)], "bus")
    try:
        with Stubber(events) as stub:
            stub.add_response(
                "put_events", {"FailedEntryCount": 0, "Entries": [{"EventId": str(i)} for i in range(10)]}
            )
            stub.add_response(
                "put_events",
                {"FailedEntryCount": 1, "Entries": [{"ErrorCode": "ThrottlingException"}, {"EventId": "x"}]},
            )
            assert publish(entries) == ["11", "12"]
            stub.assert_no_pending_responses()
    finally:
        clients.reset()
