"""When a customer may be called: a daily window in the customer's own time zone (default
08:00-21:00, set per queue), and the time zone a phone number belongs to."""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_WINDOW = ("08:00", "21:00")


@dataclass(frozen=True)
class CallingHours:
    start: time
    end: time

    @classmethod
    def parse(cls, window: tuple[str, str] | list[str]) -> "CallingHours":
        start, end = (time.fromisoformat(text) for text in window)
        if not start < end:
            raise ValueError(f"calling hours {window[0]}-{window[1]}: the start must come before the end")
        return cls(start, end)

    def allows(self, moment: datetime, zone: ZoneInfo) -> bool:
        local = moment.astimezone(zone).time()
        return self.start <= local < self.end

    def next_allowed(self, moment: datetime, zone: ZoneInfo) -> datetime:
        """``moment`` if it is within the window, else when the window next opens (UTC)."""
        if self.allows(moment, zone):
            return moment.astimezone(UTC)
        local = moment.astimezone(zone)
        day = local.date() if local.time() < self.start else local.date() + timedelta(days=1)
        opening = datetime.combine(day, self.start, tzinfo=zone)
        return opening.astimezone(UTC)

    def describe(self) -> str:
        return f"{self.start.isoformat(timespec='minutes')}-{self.end.isoformat(timespec='minutes')}"


def zone_named(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r} (use an IANA name like Europe/Amsterdam)") from None


def zone_of_number(number: str, fallback: str) -> str:
    """The time zone of an E.164 number when the number says it unambiguously, else ``fallback``."""
    import phonenumbers
    from phonenumbers import timezone

    zones = timezone.time_zones_for_number(phonenumbers.parse(number))
    return zones[0] if len(zones) == 1 and zones[0] != "Etc/Unknown" else fallback
