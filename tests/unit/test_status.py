from datetime import UTC, datetime, timedelta

import pytest

from contactcenter.errors import ValidationFailed
from contactcenter.tickets.status import ALLOWED, PendingOn, Status, TransitionNotAllowed, check_transition

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
WINDOW = timedelta(days=7)


def _check(current: Status, target: Status, **overrides: object) -> None:
    options: dict[str, object] = {
        "pending_on": PendingOn.CUSTOMER if target is Status.PENDING else None,
        "disposition": "spam",
        "resolved_at": NOW - timedelta(days=1),
        "now": NOW,
        "reopen_window": WINDOW,
    }
    options.update(overrides)
    check_transition(current, target, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("current", list(Status))
@pytest.mark.parametrize("target", list(Status))
def test_every_pair_is_allowed_exactly_as_the_table_says(current: Status, target: Status) -> None:
    if target in ALLOWED[current]:
        _check(current, target)
    else:
        with pytest.raises(TransitionNotAllowed) as refused:
            _check(current, target)
        assert refused.value.extensions["allowed"] == [s.value for s in ALLOWED[current]]
        assert refused.value.extensions["current_status"] == current.value


def test_closed_is_final() -> None:
    assert ALLOWED[Status.CLOSED] == ()


def test_pending_needs_to_say_on_whom() -> None:
    with pytest.raises(ValidationFailed, match="pending on"):
        _check(Status.OPEN, Status.PENDING, pending_on=None)
    with pytest.raises(ValidationFailed, match="pending_on belongs only"):
        _check(Status.OPEN, Status.RESOLVED, pending_on=PendingOn.CUSTOMER)


def test_closing_unresolved_needs_a_disposition() -> None:
    with pytest.raises(ValidationFailed, match="disposition"):
        _check(Status.OPEN, Status.CLOSED, disposition=None)
    _check(Status.RESOLVED, Status.CLOSED, disposition=None)


def test_reopen_only_within_the_window() -> None:
    _check(Status.RESOLVED, Status.OPEN, resolved_at=NOW - WINDOW)
    with pytest.raises(TransitionNotAllowed, match="more than 7 days ago") as refused:
        _check(Status.RESOLVED, Status.OPEN, resolved_at=NOW - WINDOW - timedelta(seconds=1))
    assert refused.value.extensions["allowed"] == ["closed"]
