"""Business-time arithmetic: weekends, holidays, intervals past midnight, daylight saving,
several time zones, and calendars that cannot be used."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from contactcenter.sla.calendar import WEEKDAYS, BusinessCalendar, CalendarError

OFFICE = {day: [["09:00", "17:00"]] for day in WEEKDAYS[:5]}
AMS = ZoneInfo("Europe/Amsterdam")


def local(zone: ZoneInfo, *parts: int) -> datetime:
    return datetime(*parts, tzinfo=zone)


def test_a_weekend_is_skipped() -> None:
    office = BusinessCalendar.build(time_zone="Europe/Amsterdam", weekly=OFFICE)
    friday = local(AMS, 2026, 11, 20, 16, 0)
    assert office.add(friday, 2 * 3600).astimezone(AMS) == local(AMS, 2026, 11, 23, 10, 0)
    assert office.between(friday, local(AMS, 2026, 11, 23, 10, 0)) == 2 * 3600


def test_public_holidays_by_country_and_region_and_extra_closed_days() -> None:
    dutch = BusinessCalendar.build(time_zone="Europe/Amsterdam", weekly=OFFICE, country="NL")
    christmas_eve = local(AMS, 2026, 12, 24, 16, 0)  # then Christmas, Boxing Day, a Sunday
    assert dutch.add(christmas_eve, 2 * 3600).astimezone(AMS) == local(AMS, 2026, 12, 28, 10, 0)
    munich = ZoneInfo("Europe/Berlin")
    epiphany_eve = local(munich, 2026, 1, 5, 16, 0)  # 6 January: a holiday in Bavaria, not in Berlin
    bavaria = BusinessCalendar.build(time_zone="Europe/Berlin", weekly=OFFICE, country="DE", subdivision="BY")
    berlin = BusinessCalendar.build(time_zone="Europe/Berlin", weekly=OFFICE, country="DE", subdivision="BE")
    assert bavaria.add(epiphany_eve, 2 * 3600).astimezone(munich) == local(munich, 2026, 1, 7, 10, 0)
    assert berlin.add(epiphany_eve, 2 * 3600).astimezone(munich) == local(munich, 2026, 1, 6, 10, 0)
    closed = BusinessCalendar.build(time_zone="Europe/Amsterdam", weekly=OFFICE, closed_days=["2026-11-23"])
    assert closed.add(local(AMS, 2026, 11, 20, 16, 0), 2 * 3600).astimezone(AMS) == local(
        AMS, 2026, 11, 24, 10, 0
    )


def test_hours_that_span_midnight() -> None:
    nights = BusinessCalendar.build(time_zone="UTC", weekly={"FRIDAY": [["22:00", "02:00"]]})
    friday_late = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)
    assert nights.add(friday_late, 2 * 3600) == datetime(2026, 11, 21, 1, 0, tzinfo=UTC)  # Saturday 01:00
    assert nights.add(friday_late, 4 * 3600) == datetime(
        2026, 11, 27, 23, 0, tzinfo=UTC
    )  # 3 h now, 1 h next week
    saturday_early = datetime(2026, 11, 21, 1, 0, tzinfo=UTC)  # still Friday's shift
    assert nights.between(saturday_early, datetime(2026, 11, 21, 12, 0, tzinfo=UTC)) == 3600


@pytest.mark.parametrize(
    ("day", "hours"),
    [(date(2026, 3, 29), 5), (date(2026, 10, 25), 7), (date(2026, 6, 7), 6)],
    ids=["spring-forward", "fall-back", "ordinary"],
)
def test_daylight_saving_changes_are_real_hours(day: date, hours: int) -> None:
    sundays = BusinessCalendar.build(time_zone="Europe/Amsterdam", weekly={"SUNDAY": [["00:00", "06:00"]]})
    midnight = datetime(day.year, day.month, day.day, tzinfo=AMS)
    assert sundays.between(midnight, midnight + timedelta(hours=12)) == hours * 3600
    three_hours_in = sundays.add(midnight, 3 * 3600).astimezone(AMS)
    assert three_hours_in.hour == {5: 4, 7: 2, 6: 3}[hours]  # 02:00-03:00 does not exist in spring


def test_the_same_hours_in_several_time_zones() -> None:
    moment = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # Monday noon UTC
    seoul = BusinessCalendar.build(time_zone="Asia/Seoul", weekly=OFFICE)  # 21:00 there: closed
    new_york = BusinessCalendar.build(
        time_zone="America/New_York", weekly=OFFICE
    )  # 07:00 there: not yet open
    assert seoul.add(moment, 3600) == datetime(2026, 11, 24, 1, 0, tzinfo=UTC)  # Tuesday 10:00 in Seoul
    assert new_york.add(moment, 3600) == datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # 10:00 in New York


@pytest.mark.parametrize("seconds", [1, 59, 3600, 8 * 3600 + 17, 5 * 86400])
def test_between_undoes_add(seconds: int) -> None:
    dutch = BusinessCalendar.build(time_zone="Europe/Amsterdam", weekly=OFFICE, country="NL")
    start = local(AMS, 2026, 12, 23, 15, 30)
    assert dutch.between(start, dutch.add(start, seconds)) == pytest.approx(seconds)


def test_all_day_is_written_00_00_to_24_00() -> None:
    always = BusinessCalendar.build(time_zone="UTC", weekly={day: [["00:00", "24:00"]] for day in WEEKDAYS})
    moment = datetime(2026, 11, 21, 23, 30, tzinfo=UTC)
    assert always.add(moment, 3600) == moment + timedelta(hours=1)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"weekly": {"MONDAY": [["09:00", "12:00"], ["11:00", "13:00"]]}}, "MONDAY: opening hours overlap"),
        (
            {"weekly": {"SUNDAY": [["22:00", "03:00"]], "MONDAY": [["02:00", "05:00"]]}},
            "MONDAY: opening hours overlap",
        ),
        ({"weekly": {"MONDAY": [["09:00", "09:00"]]}}, "the interval 09:00-09:00 is empty"),
        ({"weekly": {"MONDAY": []}}, "the calendar is never open"),
        ({"weekly": {"MONDAY": [["9 am", "5 pm"]]}}, "are not times"),
        ({"weekly": {"MONTAG": [["09:00", "17:00"]]}}, "unknown weekdays ['MONTAG']"),
        ({"weekly": OFFICE, "time_zone": "Europe/Amsterdm"}, "unknown time zone 'Europe/Amsterdm'"),
        ({"weekly": OFFICE, "country": "XX"}, "unknown holiday country 'XX'"),
        ({"weekly": OFFICE, "country": "NL", "subdivision": "ZZ"}, "NL has no region 'ZZ'"),
    ],
)
def test_a_calendar_that_cannot_be_used_is_refused(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(
        CalendarError, match=message.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(")
    ):
        BusinessCalendar.build(**{"time_zone": "UTC", **arguments})  # type: ignore[arg-type]
