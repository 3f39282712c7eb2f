"""Business time: when a contact center is open, and arithmetic in open time.

A calendar has a time zone, weekly opening hours (several intervals a day; an interval whose
end is not after its start runs past midnight into the next day), public holidays from the
``holidays`` package (by country and optional region) and extra closed days. A day that is a
holiday or closed opens none of the intervals that start on it.

Intervals are turned into real instants per local date, so a daylight-saving change is handled
by the time zone database: business time is elapsed real time within open intervals.
"""

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WEEKDAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
_SEARCH_DAYS = 3 * 366  # an open interval must exist within this horizon (validated on write)


class CalendarError(ValueError):
    """The calendar cannot be used as given (overlapping or empty hours, an unknown zone...)."""


@dataclass(frozen=True)
class Interval:
    start: time
    end: time  # not after start: the interval ends on the next day

    @property
    def overnight(self) -> bool:
        return self.end <= self.start

    def minutes(self) -> float:
        start = self.start.hour * 60 + self.start.minute + self.start.second / 60
        end = self.end.hour * 60 + self.end.minute + self.end.second / 60
        return end - start if not self.overnight else end + 24 * 60 - start


@dataclass(frozen=True)
class BusinessCalendar:
    time_zone: str
    weekly: Mapping[str, Sequence[Interval]]
    country: str | None = None
    subdivision: str | None = None
    closed_days: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def build(
        cls,
        *,
        time_zone: str,
        weekly: Mapping[str, Sequence[Sequence[str]]],
        country: str | None = None,
        subdivision: str | None = None,
        closed_days: Sequence[str | date] = (),
    ) -> "BusinessCalendar":
        """A checked calendar from plain data (as stored and as the API takes it)."""
        try:
            ZoneInfo(time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise CalendarError(
                f"unknown time zone {time_zone!r} (use an IANA name like Europe/Amsterdam)"
            ) from None
        unknown = set(weekly) - set(WEEKDAYS)
        if unknown:
            raise CalendarError(f"unknown weekdays {sorted(unknown)} (use {', '.join(WEEKDAYS)})")
        days: dict[str, list[Interval]] = {}
        for day, intervals in weekly.items():
            parsed = []
            for pair in intervals:
                if len(pair) != 2:
                    raise CalendarError(f"{day}: an interval is [start, end], not {list(pair)}")
                try:
                    start = time.fromisoformat(pair[0])
                    # 24:00 is the end of the day (the next midnight): 00:00-24:00 is all day.
                    end = time(0) if pair[1] == "24:00" else time.fromisoformat(pair[1])
                except ValueError:
                    raise CalendarError(
                        f"{day}: {list(pair)} are not times (HH:MM, or 24:00 as an end)"
                    ) from None
                if start == end and pair[1] != "24:00":
                    raise CalendarError(f"{day}: the interval {pair[0]}-{pair[1]} is empty")
                parsed.append(Interval(start, end))
            days[day] = sorted(parsed, key=lambda i: i.start)
        if not any(days.values()):
            raise CalendarError("the calendar is never open: give some weekly hours")
        if country is not None:
            _check_country(country, subdivision)
        calendar = cls(
            time_zone=time_zone,
            weekly=days,
            country=country,
            subdivision=subdivision,
            closed_days=frozenset(d if isinstance(d, date) else date.fromisoformat(d) for d in closed_days),
        )
        calendar._check_overlaps()
        return calendar

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def _check_overlaps(self) -> None:
        """No two intervals may cover the same moment (an overnight one reaches into the next day)."""
        for index, day in enumerate(WEEKDAYS):
            spans = [(i.start, i.end if not i.overnight else time.max) for i in self.weekly.get(day, ())]
            previous = self.weekly.get(WEEKDAYS[index - 1], ())
            spans += [(time.min, i.end) for i in previous if i.overnight]
            spans.sort()
            for (_, end), (start, _) in itertools.pairwise(spans):
                if start < end:
                    raise CalendarError(
                        f"{day}: opening hours overlap ({start.isoformat('minutes')} falls before the end "
                        f"of an earlier interval, {end.isoformat('minutes')})"
                    )

    def closed_on(self, day: date) -> bool:
        return day in self.closed_days or day in self._holidays(day.year)

    def _holidays(self, year: int) -> Mapping[date, str]:
        if self.country is None:
            return {}
        return _holidays_for(self.country, self.subdivision, year)

    def intervals(self, since: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Open intervals (UTC) that end after ``since``, in order."""
        first = since.astimezone(self.zone).date() - timedelta(days=1)  # an overnight one may still run
        for offset in range(_SEARCH_DAYS):
            day = first + timedelta(days=offset)
            if self.closed_on(day):
                continue
            for interval in self.weekly.get(WEEKDAYS[day.weekday()], ()):
                start = datetime.combine(day, interval.start, tzinfo=self.zone).astimezone(UTC)
                end_day = day + timedelta(days=1) if interval.overnight else day
                end = datetime.combine(end_day, interval.end, tzinfo=self.zone).astimezone(UTC)
                if end > since:
                    yield start, end

    def add(self, moment: datetime, seconds: float) -> datetime:
        """The moment ``seconds`` of open time after ``moment``."""
        remaining = timedelta(seconds=seconds)
        for start, end in self.intervals(moment):
            begin = max(start, moment)
            if begin + remaining <= end:
                return begin + remaining
            remaining -= end - begin
        raise CalendarError(f"no open time within {_SEARCH_DAYS} days of {moment.isoformat()}")

    def between(self, earlier: datetime, later: datetime) -> float:
        """Seconds of open time from ``earlier`` to ``later`` (negative when reversed)."""
        if later < earlier:
            return -self.between(later, earlier)
        total = timedelta()
        for start, end in self.intervals(earlier):
            if start >= later:
                break
            total += min(end, later) - max(start, earlier)
        return total.total_seconds()


def _check_country(country: str, subdivision: str | None) -> None:
    import holidays

    supported = holidays.list_supported_countries()
    if country not in supported:
        raise CalendarError(
            f"unknown holiday country {country!r} (an ISO 3166-1 code the holidays package knows)"
        )
    if subdivision is not None and subdivision not in supported[country]:
        raise CalendarError(
            f"{country} has no region {subdivision!r} (known: {', '.join(supported[country])})"
        )


_cache: dict[tuple[str, str | None, int], Mapping[date, str]] = {}


def _holidays_for(country: str, subdivision: str | None, year: int) -> Mapping[date, str]:
    key = (country, subdivision, year)
    if key not in _cache:
        import holidays

        _cache[key] = dict(holidays.country_holidays(country, subdiv=subdivision, years=year))
    return _cache[key]
