"""Firehose data transformation of the Connect lake feeds: contact trace records and flow-log
batches into lake rows (contactcenter.reports.lake_transform). A record that cannot be read is
answered ProcessingFailed (Firehose keeps it under the error prefix); the others go on."""

from typing import Any

from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.reports.lake_transform import transform
from contactcenter.settings import FunctionSettings, load_settings

settings = load_settings(FunctionSettings)
logger = create_logger()
metrics = create_metrics()


@logger.inject_lambda_context
@metrics.log_metrics
@traced(settings.tracing_enabled)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    answers, failed = transform(event.get("records", []))
    if failed:
        logger.warning("records not flattened", extra={"failed": failed, "records": len(answers)})
        metrics.add_metric(name="LakeRecordsFailed", unit="Count", value=failed)
    return {"records": answers}
