"""/reports: the contact center's KPIs, for supervisors and administrators.

``GET /reports`` lists the reports with their definitions; ``GET /reports/{name}`` runs one
over a period and answers JSON, CSV or an Excel workbook with its chart (``Accept`` or
``?format=``), with headings in the requester's language (``Accept-Language`` or ``?lang=``).
A detail report (tickets, dispatches) answers a page at a time: ``limit`` rows, and the next
page's cursor (``next_cursor`` in JSON, the ``Next-Cursor`` header with CSV and workbooks);
every row at once is an export. Every run is audited: who ran which report, over which period,
with which filters.
"""

import json
from typing import Annotated, Any, Literal

from aws_lambda_powertools.event_handler import Depends, Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Header, Path, Query

from contactcenter.api.deps import CallerDep, report_engine
from contactcenter.api.models import Out
from contactcenter.api.pagination import decode_cursor, encode_cursor
from contactcenter.api.params import Cursor
from contactcenter.api.responses import documented
from contactcenter.api.security import signed_in
from contactcenter.audit.records import audit_record, never_overwrite
from contactcenter.auth import SCOPE_API, Caller, Role
from contactcenter.errors import ValidationFailed
from contactcenter.languages import preferred
from contactcenter.reports import export
from contactcenter.reports.definitions import REPORTS, Report
from contactcenter.reports.engines import Engine
from contactcenter.reports.service import Page, ReportRequest, run_report

router = Router()
EngineDep = Annotated[Engine, Depends(report_engine)]
MANAGERS = signed_in(SCOPE_API)
Format = Literal["json", "csv", "xlsx"]
_MEDIA = {export.XLSX_CONTENT_TYPE: "xlsx", "text/csv": "csv", "application/json": "json"}
PAGE_SIZE, MAX_PAGE_SIZE = 100, 1000  # a detail report's rows per page


class ReportInfo(Out):
    name: str
    title: str
    definition: str
    chart: str
    chart_category: str | None = None  # the column along the chart's axis (or its slices)
    chart_values: list[str] = []  # the columns it draws (a pie draws the first)
    filters: dict[str, list[str] | None]
    interval: bool
    required: list[str]
    detail: bool  # a detail report: read a page at a time (limit, cursor)


class ReportList(Out):
    items: list[ReportInfo]


class ReportResult(Out):
    name: str
    title: str
    definition: str
    start: str
    end: str
    interval: str | None
    filters: dict[str, str]
    columns: list[str]
    rows: list[dict[str, Any]]
    next_cursor: str | None = None  # a detail report's next page


def _info(report: Report) -> ReportInfo:
    return ReportInfo(
        name=report.name,
        title=report.title,
        definition=report.definition,
        chart=report.chart.kind if report.chart else "none",
        chart_category=report.chart.category if report.chart else None,
        chart_values=list(report.chart.values) if report.chart else [],
        filters={k: list(v) if v is not None else None for k, v in report.filters.items()},
        interval=report.interval,
        required=list(report.required),
        detail=bool(report.page_key),
    )


def require_manager(caller: Caller) -> None:
    caller.require(Role.SUPERVISOR, Role.ADMIN)


def _format(requested: Format | None, accept: str | None) -> Format:
    if requested:
        return requested
    for part in (accept or "").split(","):
        media = part.split(";")[0].strip().lower()
        if media in _MEDIA:
            return _MEDIA[media]  # type: ignore[return-value]
    return "json"


def parse_filters(given: list[str]) -> dict[str, str]:
    filters: dict[str, str] = {}
    for item in given:
        name, separator, value = item.partition(":")
        if not separator or not name or not value:
            raise ValidationFailed(f"a filter is name:value, not {item!r}", field="filter")
        if name in filters:
            raise ValidationFailed(f"filter {name} is given twice", field="filter")
        filters[name] = value
    return filters


def audit_run(caller: Caller, request: ReportRequest, action: str, **details: Any) -> None:
    """Who ran (or asked to export) which report, over which period, with which filters."""
    what = {**request.described(), **details}
    record = audit_record(f"report#{request.report.name}", action, caller, before=None, after=what)
    record.save(condition=never_overwrite())


@router.get(
    "/reports",
    summary="List the reports and what each one means",
    tags=["reports"],
    responses=documented(200, "The reports"),
    security=MANAGERS,
)
def list_reports(caller: CallerDep) -> ReportList:
    require_manager(caller)
    return ReportList(items=[_info(report) for report in REPORTS.values()])


def get_report(
    name: Annotated[str, Path(pattern=r"^[a-z][a-z_]{0,63}$")],
    caller: CallerDep,
    engine: EngineDep,
    start: Annotated[
        str, Query(alias="from", max_length=40, description="A day (inclusive) or an ISO 8601 moment")
    ],
    end: Annotated[
        str, Query(alias="to", max_length=40, description="A day (inclusive) or an ISO 8601 moment")
    ],
    interval: Annotated[str | None, Query(max_length=10, description="hour, day, week or month")] = None,
    filter: Annotated[
        list[str] | None, Query(max_length=200, description="name:value, repeated (see GET /reports)")
    ] = None,
    format: Annotated[Format | None, Query(description="Instead of Accept")] = None,
    lang: Annotated[str | None, Query(max_length=10, description="Instead of Accept-Language")] = None,
    limit: Annotated[
        int | None,
        Query(ge=1, le=MAX_PAGE_SIZE, description=f"A detail report's rows per page ({PAGE_SIZE})"),
    ] = None,
    cursor: Cursor = None,
    accept: Annotated[str | None, Header(alias="Accept", max_length=500)] = None,
    accept_language: Annotated[str | None, Header(alias="Accept-Language", max_length=500)] = None,
) -> Response[Any]:
    require_manager(caller)
    filters = parse_filters(filter or [])
    # A cursor belongs to one report over one period with the same filters.
    query = json.dumps(["report", name, start, end, interval, sorted(filters.items())])
    page = None
    if limit is not None or cursor is not None or (name in REPORTS and REPORTS[name].page_key):
        page = Page(limit or PAGE_SIZE, decode_cursor(cursor, query))
    run = run_report(engine, name, start=start, end=end, interval=interval, filters=filters, page=page)
    output, language = _format(format, accept), preferred(lang, accept_language)
    audit_run(caller, run.request, "report.ran", format=output, rows=len(run.result.rows))
    next_cursor = encode_cursor(run.next_after, query)
    headers = {"Next-Cursor": next_cursor} if next_cursor else {}
    if output == "csv":
        return Response(200, export.CSV_CONTENT_TYPE, export.to_csv(run, language), headers=headers)
    if output == "xlsx":
        disposition = f'attachment; filename="{run.report.name}.xlsx"'
        return Response(
            200,
            export.XLSX_CONTENT_TYPE,
            export.to_xlsx(run, language),
            headers={"Content-Disposition": disposition, **headers},
        )
    body = ReportResult(
        name=run.report.name,
        title=run.report.title,
        definition=run.report.definition,
        start=run.period.start.isoformat(),
        end=run.period.end.isoformat(),
        interval=run.interval,
        filters=run.filters,
        columns=list(run.result.columns),
        rows=run.records,
        next_cursor=next_cursor,
    )
    return Response(200, "application/json", body.model_dump_json())


# The route's answers are declared in ``responses``; its return type is taken off before it is
# registered, because Powertools validates a declared one as JSON (a workbook is bytes, which
# it would try to read as UTF-8) and passes an undeclared non-JSON answer on as it is.
del get_report.__annotations__["return"]
router.get(
    "/reports/<name>",
    summary="Run a report over a period: JSON, CSV or an Excel workbook with its chart",
    tags=["reports"],
    responses={
        **documented(200, "The report", 400, 404, 503),
        200: {
            "description": "The report: JSON, CSV (headings in the requested language) or an Excel workbook",
            "content": {
                "application/json": {"model": ReportResult},
                "text/csv": {"schema": {"type": "string"}},
                export.XLSX_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}},
            },
        },
    },
    security=MANAGERS,
)(get_report)
