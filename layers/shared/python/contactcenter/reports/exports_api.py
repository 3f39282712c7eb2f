"""/reports/{name}/exports and /reports/exports/{id}: a report too large to wait for.

``POST /reports/{name}/exports`` checks the request at once (the same 4xx problems as a report)
and answers 202 with the job; the exporter runs it from the jobs table's stream. ``GET
/reports/exports/{id}`` tells its status and, once ready, a download link valid 15 minutes.
Only the one who asked (or an administrator) sees an export.
"""

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler import Depends, Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Path
from pydantic import Field

from contactcenter.api.answers import json_response
from contactcenter.api.deps import CallerDep, report_results_bucket
from contactcenter.api.idempotency import IdempotencyKey, Idempotent
from contactcenter.api.models import Out, Strict
from contactcenter.api.responses import documented
from contactcenter.languages import Language
from contactcenter.reports.api import MANAGERS, audit_run, parse_filters, require_manager
from contactcenter.reports.exports import LINK_SECONDS, download_link, export_job, request_export
from contactcenter.reports.models import ReportExport
from contactcenter.reports.service import report_request

router = Router()
BucketDep = Annotated[str, Depends(report_results_bucket)]
ReportName = Annotated[str, Path(pattern=r"^[a-z][a-z_]{0,63}$")]
ExportId = Annotated[str, Path(pattern=r"^rex_[0-9a-z]{26}$")]


class ExportIn(Strict):
    start: str = Field(alias="from", max_length=40, description="A day (inclusive) or an ISO 8601 moment")
    end: str = Field(alias="to", max_length=40, description="A day (inclusive) or an ISO 8601 moment")
    interval: Literal["hour", "day", "week", "month"] | None = None
    filters: list[str] = Field(
        default_factory=list, max_length=20, description="name:value (see GET /reports)"
    )
    format: Literal["csv", "xlsx"] = "xlsx"
    lang: Language = "en"


class ExportOut(Out):
    export_id: str
    report: str
    status: Literal["running", "ready", "failed"]
    format: str
    rows: int | None
    error: str | None
    created_at: str
    finished_at: str | None
    download_url: str | None = Field(description=f"Once ready: the file, for {LINK_SECONDS // 60} minutes")


def _out(job: ReportExport, bucket: str) -> ExportOut:
    return ExportOut(
        export_id=job.export_id,
        report=job.request["report"],
        status=job.status,
        format=job.output,
        rows=int(job.rows) if job.rows is not None else None,
        error=job.error,
        created_at=job.created_at,
        finished_at=job.finished_at,
        download_url=download_link(job, bucket),
    )


@router.post(
    "/reports/<name>/exports",
    summary="Export a report asynchronously (CSV or an Excel workbook), to download when ready",
    tags=["reports"],
    responses=documented(202, "The export job; poll its Location", 404),
    security=MANAGERS,
)
def create_export(
    name: ReportName,
    body: ExportIn,
    caller: CallerDep,
    bucket: BucketDep,
    idempotent: Idempotent,
    key: IdempotencyKey = None,
) -> Response[ExportOut]:
    require_manager(caller)
    request = report_request(
        name, start=body.start, end=body.end, interval=body.interval, filters=parse_filters(body.filters)
    )

    def start() -> dict[str, str]:
        job = request_export(caller, request, body.format, body.lang)
        audit_run(caller, request, "report.exported", format=body.format, export_id=job.export_id)
        return {"export_id": job.export_id}

    # A retried request (the same Idempotency-Key) gets the first one's job, not a second export.
    asked = {"name": name, **body.model_dump(mode="json")}
    export_id = idempotent.run("export_report", caller, key, asked, start)["export_id"]
    job = export_job(caller, export_id)
    return json_response(_out(job, bucket), status=202, location=f"/reports/exports/{export_id}")


@router.get(
    "/reports/exports/<export_id>",
    summary="An export's status and, once ready, its download link",
    tags=["reports"],
    responses=documented(200, "The export", 404),
    security=MANAGERS,
)
def get_export(export_id: ExportId, caller: CallerDep, bucket: BucketDep) -> ExportOut:
    require_manager(caller)
    return _out(export_job(caller, export_id), bucket)
