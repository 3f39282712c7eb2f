"""The erasure state machine's steps (state_machines/erasure.asl.json)."""

from typing import Any

from pydantic import Field

from contactcenter.auth import WORKFLOW
from contactcenter.constants import BUCKET_ATTACHMENTS, BUCKET_RECORDINGS, Env
from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.privacy.erasure import Erasure
from contactcenter.settings import FunctionSettings, load_settings


class Settings(FunctionSettings):
    attachments_bucket: str = Field(alias=Env.bucket(BUCKET_ATTACHMENTS), min_length=1)
    recordings_bucket: str = Field(alias=Env.bucket(BUCKET_RECORDINGS), min_length=1)
    customer_pool_id: str = Field(alias=Env.CUSTOMER_POOL_ID, min_length=1)


settings = load_settings(Settings)
logger = create_logger()
metrics = create_metrics()
erasure = Erasure(
    WORKFLOW, settings.attachments_bucket, settings.recordings_bucket, settings.customer_pool_id
)


@logger.inject_lambda_context
@metrics.log_metrics
@traced(settings.tracing_enabled)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    step, customer_id = str(event.get("step")), str(event["customer_id"])
    logger.append_keys(customer_id=customer_id, step=step)  # an id, never a personal value
    result = erasure.run(step, customer_id)
    if step == "data_key":
        metrics.add_metric(name="CustomersErased", unit="Count", value=1)
    return result
