"""The callback state machine's steps (state_machines/callback.asl.json)."""

from typing import Any

from contactcenter.callbacks.service import CallbackService, Directory
from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.settings import load_settings
from contactcenter.workflow_timing import CallbackTiming
from contactcenter.workflows.settings import AgentTaskSettings

settings = load_settings(AgentTaskSettings)
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
