"""What a flow records on the contact: tags, flow attributes, tasks, recording, streaming."""

import uuid
from typing import TYPE_CHECKING, Any

from localcloud.flow_actions.base import Action, Handler, Parameters
from localcloud.flow_language import Flow
from localcloud.flow_run import Run, resolve, resolve_all

if TYPE_CHECKING:
    from localcloud.flow_simulator import FlowSimulator

MAX_TAGS = 6  # Connect: at most 6 user-defined tags on a contact


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
    """CreateTask: the task is kept on the call's result (``tasks``), not run through a flow."""
    task: dict[str, Any] = {"ContactId": str(uuid.uuid4()), **resolve_all(parameters, run.contact)}
    run.contact.tasks.append(task)
    run.log(action["Identifier"], "task", f"task created: {task.get('Name', '(no name)')}", task=task)
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
