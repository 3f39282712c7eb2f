"""/reports/schedules: saved reports e-mailed to a distribution list, for supervisors and admins.

``POST /reports/schedules`` saves one (201, with an ``Idempotency-Key`` a retried request is
the first one's schedule), ``GET /reports/schedules`` lists the caller's (an admin's: everyone's),
``GET/PUT/DELETE /reports/schedules/{id}`` read, replace and delete one. Another supervisor's
schedule is not found. The report_scheduler function sends the runs (schedule_runs.py).
"""

from typing import Annotated, Any, Literal, get_args

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Path
from pydantic import AfterValidator, Field, StringConstraints

from contactcenter.api.answers import json_response
from contactcenter.api.deps import CallerDep
from contactcenter.api.idempotency import IdempotencyKey, Idempotent
from contactcenter.api.models import Out, Strict, Text
from contactcenter.api.pagination import DEFAULT_LIMIT
from contactcenter.api.params import Cursor, Limit
from contactcenter.api.responses import documented
from contactcenter.languages import Language
from contactcenter.reports import schedules
from contactcenter.reports.api import MANAGERS, parse_filters
from contactcenter.reports.schedule_models import ReportSchedule
from contactcenter.reports.schedule_rules import WEEKDAYS, Cadence

router = Router()
ScheduleId = Annotated[str, Path(pattern=r"^rsc_[0-9a-z]{26}$")]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
assert get_args(Weekday) == WEEKDAYS  # one list of days


def _address(raw: str) -> str:
    """Syntax only (no DNS lookup at request time); normalised, so duplicates are found."""
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(raw.strip(), check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise ValueError(str(error)) from None


Address = Annotated[str, StringConstraints(max_length=254), AfterValidator(_address)]


class ScheduleIn(Strict):
    name: Text
    report: str = Field(pattern=r"^[a-z][a-z_]{0,63}$", description="A report of GET /reports")
    interval: Literal["hour", "day", "week", "month"] | None = None
    filters: list[str] = Field(
        default_factory=list, max_length=20, description="name:value (see GET /reports)"
    )
    lang: Language = "en"
    format: Literal["xlsx", "csv"] = "xlsx"
    recipients: list[Address] = Field(
        min_length=1, max_length=schedules.MAX_RECIPIENTS, description="The distribution list"
    )
    frequency: Literal["daily", "weekly", "monthly"]
    weekday: Weekday | None = Field(default=None, description="Weekly: the day it runs")
    day: int | None = Field(
        default=None, ge=1, le=31, description="Monthly: the day it runs (a shorter month: its last day)"
    )
    hour: int = Field(ge=0, le=23, description="The hour it runs, in time_zone")
    time_zone: str = Field(min_length=1, max_length=64, description="An IANA zone, e.g. Europe/Amsterdam")

    def definition(self) -> schedules.Definition:
        return schedules.Definition(
            name=self.name,
            report=self.report,
            interval=self.interval,
            filters=parse_filters(self.filters),
            language=self.lang,
            output=self.format,
            recipients=tuple(dict.fromkeys(address.lower() for address in self.recipients)),
            cadence=Cadence(self.frequency, self.hour, self.time_zone, self.weekday, self.day),
        )


class LastRun(Out):
    period_start: str = Field(description="The start of the period it covered (UTC)")
    at: str | None
    outcome: Literal["sent", "failed"] | None
    rows: int | None
    error: str | None


class ScheduleOut(Out):
    schedule_id: str
    owner: str
    name: str
    report: str
    interval: str | None
    filters: dict[str, str]
    lang: str
    format: str
    recipients: list[str]
    frequency: str
    weekday: str | None
    day: int | None
    hour: int
    time_zone: str
    next_run_at: str
    last_run: LastRun | None
    created_at: str
    updated_at: str
    revision: int


class ScheduleList(Out):
    items: list[ScheduleOut]
    next_cursor: str | None


def _out(schedule: ReportSchedule) -> ScheduleOut:
    cadence: dict[str, Any] = schedule.cadence or {}
    last = (
        LastRun(
            period_start=schedule.last_period,
            at=schedule.last_run_at,
            outcome=schedule.last_outcome,
            rows=int(schedule.last_rows) if schedule.last_rows is not None else None,
            error=schedule.last_error,
        )
        if schedule.last_period
        else None
    )
    return ScheduleOut(
        schedule_id=schedule.schedule_id,
        owner=schedule.owner or "",
        name=schedule.name or "",
        report=schedule.report or "",
        interval=schedule.interval,
        filters=dict(schedule.filters or {}),
        lang=schedule.language or "en",
        format=schedule.output or "xlsx",
        recipients=list(schedule.recipients or []),
        frequency=cadence["frequency"],
        weekday=cadence.get("weekday"),
        day=cadence.get("day"),
        hour=cadence["hour"],
        time_zone=cadence["time_zone"],
        next_run_at=schedule.next_run_at or "",
        last_run=last,
        created_at=schedule.created_at or "",
        updated_at=schedule.updated_at or "",
        revision=int(schedule.revision),
    )


@router.post(
    "/reports/schedules",
    summary="Save a report schedule: a report e-mailed to a distribution list on a cadence",
    tags=["reports"],
    responses=documented(201, "The schedule", 409),
    security=MANAGERS,
)
def create_schedule(
    body: ScheduleIn, caller: CallerDep, idempotent: Idempotent, key: IdempotencyKey = None
) -> Response[ScheduleOut]:
    definition = body.definition()

    def start() -> dict[str, str]:
        return {"schedule_id": schedules.create(caller, definition).schedule_id}

    # A retried request (the same Idempotency-Key) gets the first one's schedule, not a second.
    schedule_id = idempotent.run("create_report_schedule", caller, key, body.model_dump(mode="json"), start)[
        "schedule_id"
    ]
    schedule = schedules.get(caller, schedule_id)
    return json_response(_out(schedule), status=201, location=f"/reports/schedules/{schedule_id}")


@router.get(
    "/reports/schedules",
    summary="List your report schedules (an administrator: everyone's)",
    tags=["reports"],
    responses=documented(200, "A page", 400),
    security=MANAGERS,
)
def list_schedules(caller: CallerDep, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None) -> ScheduleList:
    items, next_cursor = schedules.listed(caller, limit=limit, cursor=cursor)
    return ScheduleList(items=[_out(item) for item in items], next_cursor=next_cursor)


@router.get(
    "/reports/schedules/<schedule_id>",
    summary="A report schedule, with its next and last run",
    tags=["reports"],
    responses=documented(200, "The schedule", 404),
    security=MANAGERS,
)
def get_schedule(schedule_id: ScheduleId, caller: CallerDep) -> ScheduleOut:
    return _out(schedules.get(caller, schedule_id))


@router.put(
    "/reports/schedules/<schedule_id>",
    summary="Replace a report schedule (its next run is worked out again)",
    tags=["reports"],
    responses=documented(200, "The schedule", 404, 409),
    security=MANAGERS,
)
def put_schedule(schedule_id: ScheduleId, body: ScheduleIn, caller: CallerDep) -> ScheduleOut:
    return _out(schedules.change(caller, schedule_id, body.definition()))


@router.delete(
    "/reports/schedules/<schedule_id>",
    summary="Delete a report schedule",
    tags=["reports"],
    responses=documented(204, "Deleted", 404),
    security=MANAGERS,
)
def delete_schedule(schedule_id: ScheduleId, caller: CallerDep) -> Response[None]:
    schedules.delete(caller, schedule_id)
    return Response(status_code=204)
