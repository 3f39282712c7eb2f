"""Asynchronous exports: a report too large to wait for is asked for (202), run by the exporter
from the jobs table's stream into the results bucket, and fetched by its owner through a
short-lived presigned link.
"""

from datetime import timedelta
from typing import Any

from pynamodb.exceptions import DoesNotExist

from contactcenter import clients, clock, ids
from contactcenter.auth import Caller, Role
from contactcenter.errors import DomainError, NotFound
from contactcenter.reports import export
from contactcenter.reports.engines import Engine
from contactcenter.reports.models import FAILED, READY, RUNNING, ReportExport
from contactcenter.reports.service import ReportRequest, report_request, run_request

KEPT = timedelta(days=7)  # the job, and the file (the results bucket's lifecycle rule)
LINK_SECONDS = 900  # how long a download link works
_CONTENT_TYPES = {"csv": export.CSV_CONTENT_TYPE, "xlsx": export.XLSX_CONTENT_TYPE}


def request_export(caller: Caller, request: ReportRequest, output: str, language: str) -> ReportExport:
    now = clock.now()
    job = ReportExport(
        export_id=ids.new_id("rex"),
        requested_by=caller.actor,
        request=request.described(),
        output=output,
        language=language,
        created_at=clock.iso(now),
        expires_at=now + KEPT,
    )
    job.save(condition=ReportExport.export_id.does_not_exist())
    return job


def export_job(caller: Caller, export_id: str) -> ReportExport:
    """The caller's own export (an admin may see any); another's is not found, not forbidden,
    so export ids reveal nothing."""
    try:
        job = ReportExport.get(export_id)
    except DoesNotExist:
        job = None
    if job is None or (job.requested_by != caller.actor and Role.ADMIN not in caller.roles):
        raise NotFound(f"no export {export_id}", field="export_id")
    return job


def download_link(job: ReportExport, bucket: str) -> str | None:
    if job.status != READY or not job.object_key:
        return None
    link: str = clients.client("s3").generate_presigned_url(
        "get_object", Params={"Bucket": bucket, "Key": job.object_key}, ExpiresIn=LINK_SECONDS
    )
    return link


def perform(job: ReportExport, engine: Engine, bucket: str) -> None:
    """Run the job's report and store the file; a request that no longer holds (a report
    removed since) fails the job with the reason instead of retrying for ever."""
    if job.status != RUNNING:
        return  # done already: a stream record delivered twice
    described: dict[str, Any] = job.request
    try:
        request = report_request(
            described["report"],
            start=described["start"],
            end=described["end"],
            interval=described["interval"],
            filters=described["filters"],
        )
        run = run_request(engine, request)
    except DomainError as error:
        job.update(actions=[ReportExport.status.set(FAILED), ReportExport.error.set(error.detail)])
        return
    body = (
        export.to_xlsx(run, job.language)
        if job.output == "xlsx"
        else export.to_csv(run, job.language).encode()
    )
    key = f"exports/{job.export_id}.{job.output}"
    clients.client("s3").put_object(Bucket=bucket, Key=key, Body=body, ContentType=_CONTENT_TYPES[job.output])
    job.update(
        actions=[
            ReportExport.status.set(READY),
            ReportExport.object_key.set(key),
            ReportExport.rows.set(len(run.result.rows)),
            ReportExport.finished_at.set(clock.iso(clock.now())),
        ]
    )
