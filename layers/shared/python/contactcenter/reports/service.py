"""Running a report: the request checked against the report's definition, then its SQL run."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from contactcenter.errors import NotFound, ValidationFailed
from contactcenter.reports.definitions import INTERVALS, REPORTS, Report
from contactcenter.reports.engines import Engine, Result

MAX_DAYS = 366  # a longer period is a data-lake export, not a report


@dataclass(frozen=True)
class Period:
    start: datetime  # inclusive, UTC
    end: datetime  # exclusive, UTC

    @property
    def days(self) -> tuple[str, str]:
        """The first and last partition (dt) the period touches."""
        last = self.end - timedelta(microseconds=1)
        return self.start.date().isoformat(), last.date().isoformat()


@dataclass(frozen=True)
class ReportRequest:
    """A report asked for, checked against its definition: what its SQL is run with."""

    report: Report
    period: Period
    interval: str | None
    filters: dict[str, str]

    @property
    def values(self) -> dict[str, Any]:
        from_day, to_day = self.period.days
        return {
            "from_day": from_day,
            "to_day": to_day,
            "start": self.period.start.strftime("%Y-%m-%d %H:%M:%S"),
            "end": self.period.end.strftime("%Y-%m-%d %H:%M:%S"),
            "interval": self.interval,
            "threshold": self.report.threshold_seconds,
            **{name: self.filters.get(name) for name in self.report.filters},
        }

    def described(self) -> dict[str, Any]:
        """The request as the audit log and an export job keep it."""
        return {
            "report": self.report.name,
            "start": self.period.start.isoformat(),
            "end": self.period.end.isoformat(),
            "interval": self.interval,
            "filters": self.filters,
        }


@dataclass(frozen=True)
class ReportRun:
    request: ReportRequest
    result: Result

    @property
    def report(self) -> Report:
        return self.request.report

    @property
    def period(self) -> Period:
        return self.request.period

    @property
    def interval(self) -> str | None:
        return self.request.interval

    @property
    def filters(self) -> dict[str, str]:
        return self.request.filters

    @property
    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.result.columns, row, strict=True)) for row in self.result.rows]


def report(name: str) -> Report:
    try:
        return REPORTS[name]
    except KeyError:
        raise NotFound(f"no report named {name!r}; GET /reports lists them", field="name") from None


def _moment(text: str, field: str, *, end: bool) -> datetime:
    """A day (YYYY-MM-DD: its start, or for ``to`` its end) or an ISO 8601 moment."""
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime.combine(day + timedelta(days=1) if end else day, time(), UTC)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationFailed(
            f"{field} must be a day (2026-11-30) or an ISO 8601 moment, not {text!r}", field=field
        ) from None
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def period(start: str, end: str) -> Period:
    chosen = Period(_moment(start, "from", end=False), _moment(end, "to", end=True))
    if chosen.end <= chosen.start:
        raise ValidationFailed("to must be after from", field="to")
    if chosen.end - chosen.start > timedelta(days=MAX_DAYS):
        raise ValidationFailed(f"a report covers at most {MAX_DAYS} days", field="to")
    return chosen


def _filters(chosen: Report, given: dict[str, str]) -> dict[str, str]:
    for name, value in given.items():
        if name not in chosen.filters:
            known = ", ".join(sorted(chosen.filters)) or "none"
            raise ValidationFailed(f"{chosen.name} has no filter {name!r} (its filters: {known})", field=name)
        allowed = chosen.filters[name]
        if allowed is not None and value not in allowed:
            raise ValidationFailed(f"{name} must be one of {', '.join(allowed)}, not {value!r}", field=name)
    return {**chosen.defaults, **given}


def report_request(
    name: str, *, start: str, end: str, interval: str | None = None, filters: dict[str, str] | None = None
) -> ReportRequest:
    """The request checked: an unknown report, a malformed or too long period, an interval or
    filter the report does not take is refused, naming the field."""
    chosen = report(name)
    span = period(start, end)
    if interval is not None and not chosen.interval:
        raise ValidationFailed(f"{name} is not counted per interval", field="interval")
    if chosen.interval:
        interval = interval or "day"
        if interval not in INTERVALS:
            raise ValidationFailed(f"interval must be one of {', '.join(INTERVALS)}", field="interval")
    return ReportRequest(chosen, span, interval, _filters(chosen, filters or {}))


def run_request(engine: Engine, request: ReportRequest) -> ReportRun:
    return ReportRun(request, engine.run(request.report.sql, request.values))


def run_report(
    engine: Engine,
    name: str,
    *,
    start: str,
    end: str,
    interval: str | None = None,
    filters: dict[str, str] | None = None,
) -> ReportRun:
    return run_request(engine, report_request(name, start=start, end=end, interval=interval, filters=filters))
