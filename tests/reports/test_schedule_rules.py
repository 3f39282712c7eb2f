"""When a report schedule runs and which period a run covers, in the schedule's zone."""

from datetime import UTC, datetime

import pytest

from contactcenter.errors import ValidationFailed
from contactcenter.reports.schedule_rules import Cadence


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_a_daily_run_covers_the_previous_day_in_its_zone() -> None:
    daily = Cadence("daily", 7, "Europe/Amsterdam")
    run = daily.next_run(utc("2026-11-03T05:00:00"))
    assert run == utc("2026-11-03T06:00:00")  # 07:00 in Amsterdam (CET)
    period = daily.period_before(run)
    assert (period.start, period.end) == (utc("2026-11-01T23:00:00"), utc("2026-11-02T23:00:00"))
    assert daily.next_run(run) == utc("2026-11-04T06:00:00")


def test_a_weekly_run_covers_the_previous_monday_to_sunday() -> None:
    weekly = Cadence("weekly", 8, "Asia/Seoul", weekday="wednesday")
    run = weekly.next_run(utc("2026-11-02T00:00:00"))  # a Monday
    assert run == utc("2026-11-03T23:00:00")  # Wednesday 08:00 in Seoul
    period = weekly.period_before(run)
    # Monday 26 October to Monday 2 November, Seoul midnights
    assert (period.start, period.end) == (utc("2026-10-25T15:00:00"), utc("2026-11-01T15:00:00"))


def test_a_monthly_run_covers_the_previous_month_and_a_short_month_runs_on_its_last_day() -> None:
    monthly = Cadence("monthly", 6, "UTC", day=31)
    run = monthly.next_run(utc("2026-11-05T00:00:00"))
    assert run == utc("2026-11-30T06:00:00")  # November has 30 days
    period = monthly.period_before(run)
    assert (period.start, period.end) == (utc("2026-10-01T00:00:00"), utc("2026-11-01T00:00:00"))
    assert monthly.next_run(run) == utc("2026-12-31T06:00:00")


def test_across_a_daylight_saving_change_the_day_is_its_real_length() -> None:
    daily = Cadence("daily", 6, "Europe/Amsterdam")
    period = daily.period_before(daily.next_run(utc("2026-10-26T00:00:00")))
    assert (period.end - period.start).total_seconds() == 25 * 3600  # 25 October: clocks went back


@pytest.mark.parametrize(
    ("cadence", "field"),
    [
        ({"frequency": "daily", "hour": 7, "time_zone": "Mars/Olympus"}, "time_zone"),
        ({"frequency": "weekly", "hour": 7, "time_zone": "UTC"}, "weekday"),
        ({"frequency": "daily", "hour": 7, "time_zone": "UTC", "weekday": "monday"}, "weekday"),
        ({"frequency": "monthly", "hour": 7, "time_zone": "UTC"}, "day"),
        ({"frequency": "daily", "hour": 7, "time_zone": "UTC", "day": 3}, "day"),
        ({"frequency": "daily", "hour": 24, "time_zone": "UTC"}, "hour"),
    ],
)
def test_a_cadence_that_cannot_run_is_refused(cadence: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        Cadence(**cadence)  # type: ignore[arg-type]
    assert refused.value.field == field
