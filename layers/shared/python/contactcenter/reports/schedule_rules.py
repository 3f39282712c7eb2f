"""When a schedule runs and which period each run covers, in the schedule's own time zone.

A run at an occurrence covers the whole period before it, in the zone: a daily run the previous
day, a weekly run the previous week (Monday to Sunday), a monthly run the previous calendar
month. The period comes from the occurrence, never from when the scheduler got to it, so a
late or retried run covers the same period, and the period is what makes a run once.

A monthly day past a month's end (31 in April) runs on that month's last day. An hour that
does not exist on a daylight-saving day (02:00 when the clocks skip it) runs an hour later.
"""

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from contactcenter.errors import ValidationFailed

Frequency = Literal["daily", "weekly", "monthly"]
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_LOOKAHEAD_DAYS = 63  # two months: the furthest the next monthly occurrence can be


def zone_named(name: str, field: str = "time_zone") -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationFailed(
            f"unknown time zone {name!r} (use an IANA name such as Europe/Amsterdam)", field=field
        ) from None


@dataclass(frozen=True)
class Period:
    start: datetime  # inclusive, UTC
    end: datetime  # exclusive, UTC

    @property
    def key(self) -> str:
        """What a run is once for (with the schedule)."""
        return self.start.isoformat()


@dataclass(frozen=True)
class Cadence:
    frequency: Frequency
    hour: int  # 0-23, local
    time_zone: str
    weekday: str | None = None  # weekly only
    day: int | None = None  # monthly only: 1-31

    def __post_init__(self) -> None:
        zone_named(self.time_zone)
        if not 0 <= self.hour <= 23:
            raise ValidationFailed("hour must be 0-23", field="hour")
        if self.frequency == "weekly":
            if self.weekday not in WEEKDAYS:
                raise ValidationFailed(
                    f"a weekly schedule names its weekday ({', '.join(WEEKDAYS)})", field="weekday"
                )
        elif self.weekday is not None:
            raise ValidationFailed("only a weekly schedule takes a weekday", field="weekday")
        if self.frequency == "monthly":
            if self.day is None or not 1 <= self.day <= 31:
                raise ValidationFailed("a monthly schedule names its day (1-31)", field="day")
        elif self.day is not None:
            raise ValidationFailed("only a monthly schedule takes a day", field="day")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def described(self) -> dict[str, Any]:
        return {
            "frequency": self.frequency,
            "hour": self.hour,
            "time_zone": self.time_zone,
            "weekday": self.weekday,
            "day": self.day,
        }

    @classmethod
    def from_described(cls, described: dict[str, Any]) -> "Cadence":
        return cls(
            frequency=described["frequency"],
            hour=int(described["hour"]),
            time_zone=described["time_zone"],
            weekday=described.get("weekday"),
            day=int(described["day"]) if described.get("day") is not None else None,
        )

    def _runs_on(self, day: date) -> bool:
        if self.frequency == "weekly":
            return WEEKDAYS[day.weekday()] == self.weekday
        if self.frequency == "monthly":
            assert self.day is not None
            return day.day == min(self.day, calendar.monthrange(day.year, day.month)[1])
        return True

    def next_run(self, after: datetime) -> datetime:
        """The first occurrence strictly after ``after`` (UTC)."""
        zone = self.zone
        first = after.astimezone(zone).date()
        for offset in range(_LOOKAHEAD_DAYS):
            day = first + timedelta(days=offset)
            if not self._runs_on(day):
                continue
            moment = datetime.combine(day, time(self.hour), zone).astimezone(UTC)
            if moment > after:
                return moment
        raise AssertionError("a cadence occurs at least every two months")  # pragma: no cover

    def period_before(self, occurrence: datetime) -> Period:
        """The whole day, week or month (in the zone) before the occurrence."""
        zone = self.zone
        today = occurrence.astimezone(zone).date()
        if self.frequency == "daily":
            start, end = today - timedelta(days=1), today
        elif self.frequency == "weekly":
            end = today - timedelta(days=today.weekday())  # this week's Monday
            start = end - timedelta(days=7)
        else:
            end = today.replace(day=1)
            start = (end - timedelta(days=1)).replace(day=1)
        return Period(_midnight(start, zone), _midnight(end, zone))


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), zone).astimezone(UTC)
