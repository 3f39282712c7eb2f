"""The report exports table's stream: each new export job is run (Athena) and its file written
to the results bucket. A record that fails is reported back to the stream, which retries it."""

from typing import Any

from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.reports.exports import perform
from contactcenter.reports.models import ReportExport
from contactcenter.reports.settings import ReportSettings
from contactcenter.settings import load_settings

settings = load_settings(ReportSettings)
logger = create_logger()
metrics = create_metrics()
engine = settings.open_engine()


@logger.inject_lambda_context
@metrics.log_metrics
@traced(settings.tracing_enabled)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    failures = []
    for record in event.get("Records", []):
        if record.get("eventName") != "INSERT":
            continue  # a job's own updates
        export_id = record["dynamodb"]["Keys"]["export_id"]["S"]
        try:
            job = ReportExport.get(export_id)
            perform(job, engine, settings.results_bucket)
            logger.info("exported", extra={"export_id": export_id, "status": job.status})
        except Exception:
            logger.exception("export failed", extra={"export_id": export_id})
            failures.append({"itemIdentifier": record["dynamodb"]["SequenceNumber"]})
            break  # the stream retries from the first failure, in order
    return {"batchItemFailures": failures}
