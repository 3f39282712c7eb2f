"""Participants beyond prompts and input: step-by-step views, third parties, modules,
outbound calls."""

import json
from typing import TYPE_CHECKING

from localcloud.flow_actions.base import Action, Handler, Parameters
from localcloud.flow_language import Flow
from localcloud.flow_run import End, ModuleReturn, Run, resolve, resolve_all

if TYPE_CHECKING:
    from localcloud.flow_simulator import FlowSimulator


def show_view(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    """ShowView (step-by-step guides): the agent's next scripted choice (``--view ACTION`` or
    ``--view 'ACTION {"json": "result"}'``) is the result; none left: TimeLimitExceeded."""
    view = parameters["ViewResource"]
    name = view.get("Id", "?") if isinstance(view, dict) else str(view)
    data = resolve_all(parameters.get("ViewData", {}), run.contact)
    if not run.views:
        run.log(
            action["Identifier"], "view", f"shows view {name}: no choice scripted (time limit)", view=name
        )
        return "error:TimeLimitExceeded"
    choice, _, result = run.views.popleft().partition(" ")
    try:
        result_data = json.loads(result) if result else {}
    except ValueError:
        result_data = {"value": result}
    run.contact.views = {"Action": choice, "ViewResultData": result_data}
    run.log(
        action["Identifier"], "view", f"shows view {name}; the agent chooses {choice}", view=name, data=data
    )
    return choice


def third_party(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    """TransferParticipantToThirdParty: the number answers (the local cloud dials no one)."""
    if run.contact.channel != "VOICE":
        run.log(action["Identifier"], "transfer", "a transfer to a phone number is voice only: error branch")
        return "error:NoMatchingError"
    number = resolve(parameters.get("ThirdPartyPhoneNumber", "(voice connector)"), run.contact)
    run.log(action["Identifier"], "transfer", f"transferred to {number}", number=number)
    if str(parameters.get("ContinueFlowExecution", "True")).lower() == "false":
        raise End("transferred")
    return None


def invoke_module(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    reference = resolve(parameters["FlowModuleId"], run.contact)
    arn = sim.find_flow(reference, flow, action)
    if arn is None:
        raw = parameters["FlowModuleId"]
        named = f"{reference!r}" + (f" (from {raw})" if raw != reference else "")
        line = f"module {named} not found in the folder or the product's flows: error branch"
        run.log(action["Identifier"], "module", line)
        return "error:NoMatchingError"
    run.log(action["Identifier"], "module", f"invokes module {sim.flow_names.get(arn, arn)}")
    sim.run_module(sim.flows[arn], run)
    return None


def end_module(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    run.log(action["Identifier"], "module", "module returns")
    raise ModuleReturn


def complete_outbound(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    run.log(action["Identifier"], "outbound", f"outbound call to {run.contact.caller} placed")
    return None


def outbound_status(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    """CheckOutboundCallStatus: the ``call_status`` attribute scripts it (default CallAnswered)."""
    status = run.contact.attributes.get("call_status", "CallAnswered")
    run.log(action["Identifier"], "outbound", f"outbound call status: {status}", status=status)
    return status


HANDLERS: dict[str, Handler] = {
    "ShowView": show_view,
    "TransferParticipantToThirdParty": third_party,
    "InvokeFlowModule": invoke_module,
    "EndFlowModuleExecution": end_module,
    "CompleteOutboundCall": complete_outbound,
    "CheckOutboundCallStatus": outbound_status,
}
