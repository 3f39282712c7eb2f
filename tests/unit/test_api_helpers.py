import pytest

from contactcenter.api.conditional import etag, expected_version
from contactcenter.api.pagination import decode_cursor, encode_cursor
from contactcenter.errors import InvalidRequest, PreconditionRequired


def test_cursor_round_trips_for_its_own_query_only() -> None:
    key = {"ticket_id": {"S": "T-000001"}, "created_at": {"S": "2026"}}
    cursor = encode_cursor(key, "tickets:by_status")
    assert cursor is not None
    assert "T-000001" not in cursor  # opaque
    assert decode_cursor(cursor, "tickets:by_status") == key
    with pytest.raises(InvalidRequest, match="not one this query issued"):
        decode_cursor(cursor, "tickets:by_type")
    with pytest.raises(InvalidRequest):
        decode_cursor("%%%not-base64", "tickets:by_status")
    assert encode_cursor(None, "q") is None
    assert decode_cursor(None, "q") is None


def test_etags_and_if_match() -> None:
    assert etag(7) == '"7"'
    assert expected_version('"7"') == 7
    assert expected_version('W/"7"') == 7
    with pytest.raises(PreconditionRequired):
        expected_version(None)
    with pytest.raises(InvalidRequest, match="not an ETag"):
        expected_version('"seven"')
