"""Saved report schedules: a report, its filters and form, a distribution list and a cadence.

Supervisors and administrators keep them; a schedule is its owner's (an administrator sees
and changes any), and another's id is not found, so ids reveal nothing. Every change is
audited with the schedule before and after. A schedule is checked as its runs will be: the
report must exist and take the filters and interval, over the period its first run covers.
"""

from dataclasses import dataclass, replace
from typing import Any

from pynamodb.exceptions import DoesNotExist, PutError

from contactcenter import clock, ids
from contactcenter.api.pagination import decode_cursor, encode_cursor
from contactcenter.audit.records import audit_record, never_overwrite
from contactcenter.auth import Caller, Role
from contactcenter.errors import Conflict, NotFound, ValidationFailed
from contactcenter.reports.schedule_models import DUE, ReportSchedule
from contactcenter.reports.schedule_rules import Cadence
from contactcenter.reports.service import report_request

MAX_RECIPIENTS = 50  # SES's limit of recipients per message
MAX_PER_OWNER = 25  # a supervisor's schedules: the due index stays one small partition


@dataclass(frozen=True)
class Definition:
    """A schedule as asked for (validated by the API's model, checked here against the report)."""

    name: str
    report: str
    interval: str | None
    filters: dict[str, str]
    language: str
    output: str
    recipients: tuple[str, ...]
    cadence: Cadence


def _require_manager(caller: Caller) -> None:
    caller.require(Role.SUPERVISOR, Role.ADMIN)


def check(definition: Definition) -> Definition:
    """The definition as its runs will use it (the report's default filters filled in);
    refused, naming the field, when a run could never work."""
    if not definition.recipients:
        raise ValidationFailed("a schedule sends to at least one address", field="recipients")
    if len(definition.recipients) > MAX_RECIPIENTS:
        raise ValidationFailed(f"at most {MAX_RECIPIENTS} recipients", field="recipients")
    first = definition.cadence.period_before(definition.cadence.next_run(clock.now()))
    try:
        request = report_request(
            definition.report,
            start=first.start.isoformat(),
            end=first.end.isoformat(),
            interval=definition.interval,
            filters=definition.filters,
        )
    except NotFound as error:  # an unknown report is a wrong field of this body, not a path
        raise ValidationFailed(error.detail, field="report") from None
    return replace(definition, interval=request.interval, filters=request.filters)


def described(schedule: ReportSchedule) -> dict[str, Any]:
    """The schedule as the audit log keeps it."""
    return {
        "owner": schedule.owner,
        "name": schedule.name,
        "report": schedule.report,
        "interval": schedule.interval,
        "filters": schedule.filters,
        "language": schedule.language,
        "format": schedule.output,
        "recipients": list(schedule.recipients or []),
        "cadence": schedule.cadence,
    }


def definition_of(schedule: ReportSchedule) -> Definition:
    assert schedule.report and schedule.cadence and schedule.language and schedule.output
    return Definition(
        name=schedule.name or "",
        report=schedule.report,
        interval=schedule.interval,
        filters=dict(schedule.filters or {}),
        language=schedule.language,
        output=schedule.output,
        recipients=tuple(schedule.recipients or ()),
        cadence=Cadence.from_described(schedule.cadence),
    )


def _audit(caller: Caller, schedule_id: str, action: str, before: Any, after: Any) -> None:
    record = audit_record(f"report_schedule#{schedule_id}", action, caller, before=before, after=after)
    record.save(condition=never_overwrite())


def _apply(schedule: ReportSchedule, definition: Definition) -> None:
    schedule.name = definition.name
    schedule.report = definition.report
    schedule.interval = definition.interval
    schedule.filters = definition.filters
    schedule.language = definition.language
    schedule.output = definition.output
    schedule.recipients = list(definition.recipients)
    schedule.cadence = definition.cadence.described()
    schedule.next_run_at = clock.iso(definition.cadence.next_run(clock.now()))


def create(caller: Caller, definition: Definition) -> ReportSchedule:
    _require_manager(caller)
    checked = check(definition)
    if ReportSchedule.by_owner.count(caller.actor) >= MAX_PER_OWNER:
        raise Conflict(f"you have {MAX_PER_OWNER} schedules already; delete one first")
    now = clock.iso(clock.now())
    schedule = ReportSchedule(
        schedule_id=ids.new_id("rsc"), owner=caller.actor, due=DUE, created_at=now, updated_at=now
    )
    _apply(schedule, checked)
    schedule.save(condition=ReportSchedule.schedule_id.does_not_exist())
    _audit(caller, schedule.schedule_id, "report_schedule.created", None, described(schedule))
    return schedule


def get(caller: Caller, schedule_id: str) -> ReportSchedule:
    """The caller's own schedule (an admin may see any); another's is not found."""
    _require_manager(caller)
    try:
        schedule = ReportSchedule.get(schedule_id)
    except DoesNotExist:
        schedule = None
    if (
        schedule is None
        or schedule.owner is None  # a run's item, never a schedule
        or (schedule.owner != caller.actor and Role.ADMIN not in caller.roles)
    ):
        raise NotFound(f"no schedule {schedule_id}", field="schedule_id")
    return schedule


def listed(caller: Caller, *, limit: int, cursor: str | None) -> tuple[list[ReportSchedule], str | None]:
    """The caller's schedules; an administrator's list is everyone's, by next run."""
    _require_manager(caller)
    if Role.ADMIN in caller.roles:
        query = "report-schedules:all"
        results = ReportSchedule.by_due.query(
            DUE, limit=limit, last_evaluated_key=decode_cursor(cursor, query)
        )
    else:
        query = f"report-schedules:{caller.actor}"
        results = ReportSchedule.by_owner.query(
            caller.actor, limit=limit, last_evaluated_key=decode_cursor(cursor, query)
        )
    return list(results), encode_cursor(results.last_evaluated_key, query)


def change(caller: Caller, schedule_id: str, definition: Definition) -> ReportSchedule:
    """Replace the definition; the next run is worked out again from now. A period already
    sent is not sent again, even when the new cadence covers it once more."""
    schedule = get(caller, schedule_id)
    checked = check(definition)
    before = described(schedule)
    revision = int(schedule.revision)
    _apply(schedule, checked)
    schedule.updated_at = clock.iso(clock.now())
    schedule.revision = revision + 1
    try:
        schedule.save(condition=ReportSchedule.revision == revision)
    except PutError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
        raise Conflict(f"schedule {schedule_id} was changed meanwhile; read it and try again") from None
    _audit(caller, schedule_id, "report_schedule.changed", before, described(schedule))
    return schedule


def delete(caller: Caller, schedule_id: str) -> None:
    schedule = get(caller, schedule_id)
    before = described(schedule)
    schedule.delete()
    _audit(caller, schedule_id, "report_schedule.deleted", before, None)
