"""Routing beyond the working queue: waiting, metrics, percentages, agents, dequeueing."""

import random
from typing import TYPE_CHECKING

from localcloud.flow_actions.base import Action, Handler, Parameters
from localcloud.flow_language import Flow
from localcloud.flow_run import End, Run, resolve

if TYPE_CHECKING:
    from localcloud.flow_simulator import FlowSimulator


def wait(sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
    """Wait: nothing happens in a simulated call while it waits, so the time runs out
    (WaitCompleted); a chat customer who still has a line to write returns (CustomerReturned)."""
    seconds = resolve(parameters.get("TimeoutSeconds", parameters.get("TimeLimitSeconds", "")), run.contact)
    events = parameters.get("Events", [])
    if "CustomerReturned" in events and run.contact.channel == "CHAT" and run.script.waiting():
        run.log(action["Identifier"], "wait", "waits: the customer writes again", event="CustomerReturned")
        return "CustomerReturned"
    run.log(action["Identifier"], "wait", f"waits {seconds or '?'} s: time runs out", event="WaitCompleted")
    return "WaitCompleted"


def get_metric_data(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    """GetMetricData: the queue's real-time metrics under $.Metrics."""
    from localcloud.flow_simulator import queue_metrics

    contact = run.contact
    key = contact.queue
    if "AgentId" in parameters:
        key = None
    elif "QueueId" in parameters:
        try:
            key = sim.queue_key(resolve(parameters["QueueId"], contact))
        except KeyError:
            key = None
    if key is None:
        run.log(action["Identifier"], "metric", "no such queue on the local Connect instance (no metrics)")
        return "error:NoMatchingError"
    values = queue_metrics(sim.connect, key)
    available, staffed = values["NumberOfAgentsAvailable"], values["NumberOfAgentsStaffed"]
    contact.metrics = {
        "Queue": {
            "Name": key,
            "ARN": sim.connect.queue_arn(key),
            "OldestContactAge": str(values["OldestContactInQueueAgeSeconds"]),
            "Size": str(values["NumberOfContactsInQueue"]),
        },
        "Agents": {
            "Online": {"Count": str(values["NumberOfAgentsOnline"])},
            "Available": {"Count": str(available)},
            "Staffed": {"Count": str(staffed)},
            "AfterContactWork": {"Count": str(values["NumberOfAgentsAfterContactWork"])},
            "Busy": {"Count": str(values["NumberOfAgentsOnContact"])},
            "Missed": {"Count": "0"},
            "NonProductive": {"Count": str(values["NumberOfAgentsNonProductive"])},
        },
    }
    line = f"metrics of {key}: {values['NumberOfContactsInQueue']} in queue, {available} agents available"
    run.log(action["Identifier"], "metric", line, metrics=contact.metrics)
    return None


def distribute(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    """DistributeByPercentage: a number 1-100; the simulator's choice is seeded per contact, so a
    run is repeatable (the ``percentile`` attribute, when set, fixes it)."""
    fixed = run.contact.attributes.get("percentile", "")
    number = int(fixed) if fixed.isdigit() else random.Random(run.contact.contact_id).randint(1, 100)  # noqa: S311
    run.log(action["Identifier"], "percent", f"distribute by percentage: drew {number}", number=number)
    return str(number)


def transfer_to_agent(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    agent = run.contact.agent_queue
    if agent is None:
        run.log(action["Identifier"], "transfer", "no agent set as the working queue: the transfer fails")
        return "error:NoMatchingError"
    run.log(action["Identifier"], "transfer", f"transferred to agent {agent}", agent=agent)
    sim.whisper(run, "AgentWhisper")
    raise End("connected")


def dequeue(sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
    """DequeueContactAndTransferToQueue (a customer queue flow's "Transfer to queue")."""
    contact = run.contact
    if "AgentId" in parameters:
        agent = resolve(parameters["AgentId"], contact)
        run.log(action["Identifier"], "transfer", f"out of the queue, to agent {agent}'s queue")
        raise End("connected")
    reference = resolve(parameters.get("QueueId", ""), contact)
    try:
        key = sim.queue_key(reference)
    except KeyError:
        run.log(action["Identifier"], "transfer", f"no such queue {reference!r}: the caller stays queued")
        return "error:NoMatchingError"
    contact.queue, contact.queue_arn = key, sim.connect.queue_arn(key)
    run.log(action["Identifier"], "transfer", f"out of the queue, into {key}", queue=key)
    if sim.connect.conditions[key].agents_available > 0:
        raise End("connected")
    raise End("waiting")


def routing_criteria(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    criteria = parameters.get("RoutingCriteria", {})
    run.contact.routing_criteria = criteria
    steps = criteria.get("Steps", []) if isinstance(criteria, dict) else []
    run.log(action["Identifier"], "routing", f"routing criteria: {len(steps)} steps", criteria=criteria)
    return None


HANDLERS: dict[str, Handler] = {
    "Wait": wait,
    "GetMetricData": get_metric_data,
    "DistributeByPercentage": distribute,
    "TransferContactToAgent": transfer_to_agent,
    "DequeueContactAndTransferToQueue": dequeue,
    "UpdateRoutingCriteria": routing_criteria,
}
