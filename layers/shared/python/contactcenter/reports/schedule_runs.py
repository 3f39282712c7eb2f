"""The scheduler's work: every schedule due is run, its report e-mailed, the run recorded.

A run is once per (schedule, period): its item is put, only if absent, before anything is sent
(schedule_models.py), so a second delivery of the scheduler's event, or a second scheduler at
the same moment, finds it claimed and sends nothing. At most once, not at least: a function
that dies between the claim and SES's answer leaves the run ``sending`` and that period unsent,
rather than risk a second e-mail. A failed run (the lake unreadable, SES refusing) is tried
again at the next tick, up to MAX_ATTEMPTS, then the schedule moves on. One schedule's
failure never stops the others. Every run, sent or failed, is audited.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import DoesNotExist, PutError, UpdateError

from contactcenter import clock
from contactcenter.audit.records import audit_record, never_overwrite
from contactcenter.auth import Caller, Role
from contactcenter.errors import DomainError
from contactcenter.reports import mail
from contactcenter.reports.engines import Engine
from contactcenter.reports.schedule_models import (
    DUE,
    FAILED,
    SENDING,
    SENT,
    ReportSchedule,
    ScheduleRun,
    run_key,
)
from contactcenter.reports.schedule_rules import Cadence, Period
from contactcenter.reports.service import report_request, run_request

MAX_ATTEMPTS = 3  # tries of one period before the schedule moves on to the next
RUN_KEPT = timedelta(days=400)  # a run's item: longer than a month and a year's period
SCHEDULER = Caller(subject="report_scheduler", username="report_scheduler", roles=frozenset({Role.SYSTEM}))
Send = Callable[[Any, mail.Letter], str]  # (message, letter) -> SES's message id


@dataclass
class Tick:
    """What one pass of the scheduler did, by schedule id (no addresses: this is logged)."""

    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # claimed already: sent, or being sent
    failed: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {"sent": self.sent, "skipped": self.skipped, "failed": self.failed}


def due_schedules(now: datetime) -> list[ReportSchedule]:
    return list(ReportSchedule.by_due.query(DUE, ReportSchedule.next_run_at <= clock.iso(now)))


def run_due(engine: Engine, sender: str | None, now: datetime, send: Send = mail.send) -> Tick:
    tick = Tick()
    for schedule in due_schedules(now):
        try:
            outcome = run_one(schedule, engine, sender, now, send)
        except Exception:  # noqa: BLE001 - recorded below; the other schedules still run
            outcome = FAILED
        {SENT: tick.sent, FAILED: tick.failed}.get(outcome, tick.skipped).append(schedule.schedule_id)
    return tick


def _claim(schedule_id: str, period: Period, now: datetime) -> ScheduleRun | None:
    """The run of this period, claimed for this pass; None when it is sent, being sent, or
    has failed MAX_ATTEMPTS times."""
    key = run_key(schedule_id, period.key)
    run = ScheduleRun(schedule_id=key, status=SENDING, started_at=clock.iso(now), expires_at=now + RUN_KEPT)
    try:
        run.save(condition=ScheduleRun.schedule_id.does_not_exist())
        return run
    except PutError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
    try:
        existing = ScheduleRun.get(key)
    except DoesNotExist:
        return None
    attempts = int(existing.attempts)
    if existing.status != FAILED or attempts >= MAX_ATTEMPTS:
        return None
    try:
        existing.update(
            actions=[ScheduleRun.status.set(SENDING), ScheduleRun.attempts.set(attempts + 1)],
            condition=(ScheduleRun.status == FAILED) & (ScheduleRun.attempts == attempts),
        )
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
        return None  # another pass took it
    return existing


def run_one(schedule: ReportSchedule, engine: Engine, sender: str | None, now: datetime, send: Send) -> str:
    """SENT, FAILED, or "skipped" (the period was claimed already)."""
    assert schedule.next_run_at and schedule.cadence
    cadence = Cadence.from_described(schedule.cadence)
    occurrence = datetime.fromisoformat(schedule.next_run_at)
    period = cadence.period_before(occurrence)
    run = _claim(schedule.schedule_id, period, now)
    if run is None:
        _move_on(schedule, cadence, now)
        return "skipped"
    try:
        if not sender:
            raise DomainError("no sender address is configured (context flag reportSenderEmail)")
        request = report_request(
            schedule.report or "",
            start=period.start.isoformat(),
            end=period.end.isoformat(),
            interval=schedule.interval,
            filters=dict(schedule.filters or {}),
        )
        report = run_request(engine, request)
        letter = _letter(schedule, sender, cadence, period)
        message_id = send(mail.message(report, letter), letter)
    except Exception as error:  # noqa: BLE001 - any failure is this run's outcome, recorded
        # A domain error says why in words; anything else by its type only (an SES or
        # Athena message may quote an address or a query).
        reason = error.detail if isinstance(error, DomainError) else type(error).__name__
        _failed(schedule, cadence, run, period, reason, now)
        return FAILED
    rows = len(report.result.rows)
    run.update(
        actions=[
            ScheduleRun.status.set(SENT),
            ScheduleRun.rows.set(rows),
            ScheduleRun.message_id.set(message_id),
            ScheduleRun.finished_at.set(clock.iso(clock.now())),
        ]
    )
    _record(schedule, cadence, period, now, outcome=SENT, rows=rows, error=None, move_on=True)
    _audit(schedule, period, "report.sent", rows=rows, message_id=message_id)
    return SENT


def _letter(schedule: ReportSchedule, sender: str, cadence: Cadence, period: Period) -> mail.Letter:
    zone = cadence.zone
    last_day = (period.end.astimezone(zone) - timedelta(days=1)).date()
    return mail.Letter(
        sender=sender,
        recipients=tuple(schedule.recipients or ()),
        language=schedule.language or "en",
        output=schedule.output or "xlsx",
        period_label=(period.start.astimezone(zone).date().isoformat(), last_day.isoformat()),
    )


def _failed(
    schedule: ReportSchedule, cadence: Cadence, run: ScheduleRun, period: Period, reason: str, now: datetime
) -> None:
    run.update(
        actions=[
            ScheduleRun.status.set(FAILED),
            ScheduleRun.error.set(reason),
            ScheduleRun.finished_at.set(clock.iso(clock.now())),
        ]
    )
    # Tried again at the next tick (the schedule stays due) until the attempts run out.
    give_up = int(run.attempts) >= MAX_ATTEMPTS
    _record(schedule, cadence, period, now, outcome=FAILED, rows=None, error=reason, move_on=give_up)
    _audit(schedule, period, "report.send_failed", error=reason, attempt=int(run.attempts))


def _move_on(schedule: ReportSchedule, cadence: Cadence, now: datetime) -> None:
    """Past a period that is done: the next occurrence after now (missed ones are not caught up)."""
    _update(schedule, [ReportSchedule.next_run_at.set(clock.iso(cadence.next_run(now)))])


def _record(
    schedule: ReportSchedule,
    cadence: Cadence,
    period: Period,
    now: datetime,
    *,
    outcome: str,
    rows: int | None,
    error: str | None,
    move_on: bool,
) -> None:
    actions = [
        ReportSchedule.last_period.set(period.key),
        ReportSchedule.last_run_at.set(clock.iso(clock.now())),
        ReportSchedule.last_outcome.set(outcome),
        ReportSchedule.last_rows.set(rows) if rows is not None else ReportSchedule.last_rows.remove(),
        ReportSchedule.last_error.set(error) if error else ReportSchedule.last_error.remove(),
    ]
    if move_on:
        actions.append(ReportSchedule.next_run_at.set(clock.iso(cadence.next_run(now))))
    _update(schedule, actions)


def _update(schedule: ReportSchedule, actions: list[Any]) -> None:
    try:
        # Only while the schedule exists: one deleted during its run is not written back.
        schedule.update(actions=actions, condition=ReportSchedule.owner.exists())
    except UpdateError as failure:
        if failure.cause_response_code != "ConditionalCheckFailedException":
            raise


def _audit(schedule: ReportSchedule, period: Period, action: str, **details: Any) -> None:
    """As a report run is audited (report#<name>), with the schedule it ran for."""
    after = {
        "report": schedule.report,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "interval": schedule.interval,
        "filters": schedule.filters,
        "format": schedule.output,
        "schedule_id": schedule.schedule_id,
        "owner": schedule.owner,
        "recipients": len(schedule.recipients or ()),
        **details,
    }
    record = audit_record(f"report#{schedule.report}", action, SCHEDULER, before=None, after=after)
    record.save(condition=never_overwrite())
