"""Running a report: the request checked against the report's definition, then its SQL run."""

import re
from dataclasses import dataclass, field
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


_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")


def _sql_moment(value: Any) -> Any:
    """A row's moment as the engines' CAST(... AS timestamp) reads it (Trino wants no T)."""
    return value.replace("T", " ") if isinstance(value, str) and _ISO_MOMENT.match(value) else value


@dataclass(frozen=True)
class Page:
    """A page of a detail report: ``size`` rows after the row whose ``page_key`` values are
    ``after`` (None: from the first)."""

    size: int
    after: dict[str, Any] | None = None


@dataclass(frozen=True)
class ReportRequest:
    """A report asked for, checked against its definition: what its SQL is run with."""

    report: Report
    period: Period
    interval: str | None
    filters: dict[str, str]
    saved: dict[str, Any] = field(default_factory=dict)  # a saved analysis' values (keywords.py)
    page: Page | None = None  # a detail report: None is every row (an export)

    @property
    def values(self) -> dict[str, Any]:
        from_day, to_day = self.period.days
        after = (self.page.after if self.page else None) or {}
        return {
            "from_day": from_day,
            "to_day": to_day,
            "start": self.period.start.strftime("%Y-%m-%d %H:%M:%S"),
            "end": self.period.end.strftime("%Y-%m-%d %H:%M:%S"),
            "interval": self.interval,
            "threshold": self.report.threshold_seconds,
            **{name: self.filters.get(name) for name in self.report.filters},
            **self.saved,
            # One row more than the page: whether there is a next one.
            "page_size": self.page.size + 1 if self.page else None,
            **{f"after_{column}": _sql_moment(after.get(column)) for column in self.report.page_key},
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
class PageResult(Result):
    """A page of a detail report, and where the next one starts (None: the last page)."""

    next_after: dict[str, Any] | None = None


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

    @property
    def next_after(self) -> dict[str, Any] | None:
        """Where the next page starts (None: this was the last)."""
        return self.result.next_after if isinstance(self.result, PageResult) else None


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
    missing = [name for name in chosen.required if name not in given]
    if missing:
        raise ValidationFailed(f"{chosen.name} needs the filter {missing[0]}", field=missing[0])
    return {**chosen.defaults, **given}


def _saved(chosen: Report, filters: dict[str, str]) -> dict[str, Any]:
    if not chosen.saved:
        return {}
    from contactcenter.reports import keywords  # DynamoDB: only the reports that read saved data

    return keywords.parameters(filters["analysis"])


def report_request(
    name: str,
    *,
    start: str,
    end: str,
    interval: str | None = None,
    filters: dict[str, str] | None = None,
    page: Page | None = None,
    saved: dict[str, Any] | None = None,
) -> ReportRequest:
    """The request checked: an unknown report, a malformed or too long period, an interval or
    filter the report does not take, a missing required filter, an unknown saved analysis, or
    a page of a report that has none is refused, naming the field. ``saved``: the saved
    analysis' values, when the caller has them (else they are read by the ``analysis`` filter)."""
    chosen = report(name)
    span = period(start, end)
    if interval is not None and not chosen.interval:
        raise ValidationFailed(f"{name} is not counted per interval", field="interval")
    if chosen.interval:
        interval = interval or "day"
        if interval not in INTERVALS:
            raise ValidationFailed(f"interval must be one of {', '.join(INTERVALS)}", field="interval")
    if page is not None and not chosen.page_key:
        raise ValidationFailed(f"{name} is one page: it takes no limit or cursor", field="limit")
    given = _filters(chosen, filters or {})
    values = saved if saved is not None else _saved(chosen, given)
    return ReportRequest(chosen, span, interval, given, values, page)


def run_request(engine: Engine, request: ReportRequest) -> ReportRun:
    result = engine.run(request.report.sql, request.values)
    page = request.page
    if page is None or len(result.rows) <= page.size:
        return ReportRun(request, result)
    rows = result.rows[: page.size]
    last = dict(zip(result.columns, rows[-1], strict=True))
    after = {column: last[column] for column in request.report.page_key}
    return ReportRun(request, PageResult(result.columns, rows, next_after=after))


def run_report(
    engine: Engine,
    name: str,
    *,
    start: str,
    end: str,
    interval: str | None = None,
    filters: dict[str, str] | None = None,
    page: Page | None = None,
    saved: dict[str, Any] | None = None,
) -> ReportRun:
    request = report_request(
        name, start=start, end=end, interval=interval, filters=filters, page=page, saved=saved
    )
    return run_request(engine, request)
