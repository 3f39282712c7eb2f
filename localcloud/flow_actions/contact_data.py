"""What a flow records on the contact: tags, flow attributes, tasks, recording, streaming."""

import uuid
from typing import TYPE_CHECKING, Any

from localcloud.flow_actions.base import Action, Handler, Parameters
from localcloud.flow_language import Flow
from localcloud.flow_run import Run, resolve, resolve_all

if TYPE_CHECKING:
    from localcloud.flow_simulator import FlowSimulator

MAX_TAGS = 6  # Connect: at most 6 user-defined tags on a contact
MAX_TASK_DEPTH = 3  # tasks created by tasks: run this deep, then only recorded


def tag(sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
    tags = {k: resolve(v, run.contact) for k, v in parameters["Tags"].items()}
    if len({**run.contact.tags, **tags}) > MAX_TAGS:
        run.log(action["Identifier"], "tags", f"tags not set: a contact has at most {MAX_TAGS} tags")
        return "error:NoMatchingError"
    run.contact.tags.update(tags)
    run.log(
        action["Identifier"], "tags", "tags: " + ", ".join(f"{k}={v}" for k, v in tags.items()), tags=tags
    )
    return None


def untag(sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
    keys = [resolve(k, run.contact) for k in parameters["TagKeys"]]
    for key in keys:
        run.contact.tags.pop(key, None)
    run.log(action["Identifier"], "tags", f"tags removed: {', '.join(keys)}", removed=keys)
    return None


def flow_attributes(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    """UpdateFlowAttributes: $.FlowAttributes, kept for this flow's run (not on the contact
    record, not sent to Lambda functions). A value is text or {"Value": text}."""
    values: dict[str, str] = {}
    for key, value in parameters["FlowAttributes"].items():
        raw = value.get("Value", "") if isinstance(value, dict) else value
        values[key] = resolve(raw, run.contact)
    run.contact.flow_attributes.update(values)
    run.log(
        action["Identifier"],
        "attributes",
        "flow attributes: " + ", ".join(f"{k}={v}" for k, v in values.items()),
        True,
        set=values,
    )
    return None


def create_task(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    """CreateTask: a new TASK contact, with the attributes given, enters its flow (which routes
    it to a queue) at once; a scheduled one (DelaySeconds, ScheduledTime) is only recorded.
    The task and where its flow left it are kept on the call's result (``tasks``). A flow that
    is not loaded takes the error branch (Connect cannot create the task)."""
    task: dict[str, Any] = {"ContactId": str(uuid.uuid4()), **resolve_all(parameters, run.contact)}
    name = task.get("Name", "(no name)")
    reference = str(task.get("ContactFlowId", ""))
    arn = sim.find_flow(reference, flow, action) if reference else None
    if reference and arn is None:
        line = f"task {name}: no flow {reference} in the folder or the product's flows: error branch"
        run.log(action["Identifier"], "task", line, task=task)
        return "error:NoMatchingError"
    run.contact.tasks.append(task)
    if "DelaySeconds" in task or "ScheduledTime" in task or arn is None:
        when = task.get("ScheduledTime") or f"in {task.get('DelaySeconds', '?')} s"
        task["routed"] = {"state": "scheduled" if arn else "created"}
        line = f"task created: {name}" + (f", scheduled ({when}): its flow runs then" if arn else "")
        run.log(action["Identifier"], "task", line, task=task)
        return None
    given = task.get("Attributes")
    attributes: dict[str, Any] = given if isinstance(given, dict) else {}
    if sim.task_depth >= MAX_TASK_DEPTH:
        task["routed"] = {"state": "created", "flow": sim.flow_names.get(arn, arn)}
        run.log(action["Identifier"], "task", f"task created: {name} (too deep to run its flow)", task=task)
        return None
    sim.task_depth += 1
    try:
        result = sim.call(
            arn, caller="", channel="TASK", attributes={k: str(v) for k, v in attributes.items()}
        )
    finally:
        sim.task_depth -= 1
    task["routed"] = {
        "state": result.outcome,
        "flow": result.flow,
        "queue": result.queue,
        "contact_id": result.contact_id,
        "blocks": len(result.steps),
    }
    where = f"{result.outcome} in {result.queue}" if result.queue else result.outcome
    run.log(action["Identifier"], "task", f"task created: {name}; its flow {result.flow}: {where}", task=task)
    return None


def recording(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    """UpdateContactRecordingAndAnalyticsBehavior: what would be recorded and analysed."""
    shown = ", ".join(sorted(parameters)) or "defaults"
    run.log(action["Identifier"], "recording", f"recording and analytics: {shown}", behavior=parameters)
    return None


def media_streaming(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    if run.contact.channel != "VOICE":
        run.log(action["Identifier"], "streaming", "media streaming is voice only: error branch")
        return "error:NoMatchingError"
    state = parameters.get("MediaStreamingState", "Enabled")
    run.log(
        action["Identifier"], "streaming", f"media streaming {state.lower()} (no stream locally)", state=state
    )
    return None


def previous_participant(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    state = parameters["PreviousContactParticipantState"]
    if run.contact.channel != "VOICE":
        run.log(action["Identifier"], "hold", f"{state} is voice only: error branch")
        return "error:NoMatchingError"
    run.log(action["Identifier"], "hold", f"previous participant: {state}", state=state)
    return None


def resume_contact(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    run.log(action["Identifier"], "contact", "contact resumed")
    return None


HANDLERS: dict[str, Handler] = {
    "TagContact": tag,
    "UnTagContact": untag,
    "UpdateFlowAttributes": flow_attributes,
    "CreateTask": create_task,
    "UpdateContactRecordingAndAnalyticsBehavior": recording,
    "UpdateContactMediaStreamingBehavior": media_streaming,
    "UpdatePreviousContactParticipantState": previous_participant,
    "ResumeContact": resume_contact,
}
