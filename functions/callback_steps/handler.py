"""The callback state machine's steps (infra/statemachines/callback.asl.json)."""

from typing import Any

from pydantic import Field

from contactcenter.audit.models import AuditRecord
from contactcenter.callbacks.models import Callback, DoNotCall, OpenCallback
from contactcenter.callbacks.service import CallbackService, Directory
from contactcenter.constants import (
    TABLE_AUDIT,
    TABLE_CALLBACKS,
    TABLE_DO_NOT_CALL,
    Env,
)
from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.settings import load_settings
from contactcenter.storage import bind_tables
from contactcenter.workflows.settings import AgentTaskSettings
from contactcenter.workflows.timing import CallbackTiming


class Settings(AgentTaskSettings):
    callbacks_table: str = Field(alias=Env.table(TABLE_CALLBACKS))
    do_not_call_table: str = Field(alias=Env.table(TABLE_DO_NOT_CALL))
    audit_table: str = Field(alias=Env.table(TABLE_AUDIT))


settings = load_settings(Settings)
bind_tables(
    {
        Callback: settings.callbacks_table,
        OpenCallback: settings.callbacks_table,
        DoNotCall: settings.do_not_call_table,
        AuditRecord: settings.audit_table,
    }
)
logger = create_logger()
metrics = create_metrics()


def service(timing: dict[str, Any]) -> CallbackService:
    # The timing an execution started with governs it to the end, whatever the configuration is now.
    return CallbackService(
        Directory(
            queues=settings.queues,
            timing=CallbackTiming.model_validate(timing),
            state_machine_arn="",  # the steps never start a callback; they drive this one
            instance_id=settings.instance_id,
            task_flow_arn=settings.task_flow_arn,
        )
    )


@logger.inject_lambda_context
@metrics.log_metrics
@traced(settings.tracing_enabled)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    step, callback_id = str(event.get("step")), event["callback_id"]
    logger.append_keys(callback_id=callback_id, step=step)
    callbacks = service(event.get("timing", {}))
    match step:
        case "plan":
            return callbacks.plan(callback_id)
        case "dial":
            return callbacks.dial(callback_id, event["token"])
        case "record":
            return callbacks.record(callback_id, event["attempt"])
        case "mark_failed":
            metrics.add_metric(name="CallbackWorkflowFailures", unit="Count", value=1)
            return callbacks.mark_failed(callback_id, event.get("error") or {})
    raise ValueError(f"unknown step {step!r}")
