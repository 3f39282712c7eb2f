"""The local contact-flow simulator: runs the product's flow files, as Amazon Connect would,
for a scripted caller (keys pressed, or chat lines), calling the real Lambda functions on the
local cloud, and keeps a transcript: prompts, inputs, function calls and results, attribute
changes, the final queue and priority, a callback, or the disconnect.

Like Connect's own flow logs, the transcript hides what happens while the flow has turned
flow logging off (the PIN is entered and checked there).
"""

import functools
import json
import re
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

import catalog
from contactcenter import clock
from localcloud.connect import LocalConnect, contact_flow_event
from localcloud.flow_actions import HANDLERS
from localcloud.flow_actions.profiles import LocalProfiles
from localcloud.flow_language import VOICE_ID_SETTINGS, Flow, FlowError, validate
from localcloud.flow_run import (
    ATTRIBUTE_LIMIT,
    HIDDEN,
    PROMPT_KEYS,
    CallResult,
    Contact,
    End,
    ModuleReturn,
    Run,
    Script,
    Step,
    attributes_size,
    prompt,
    queue_name,
    resolve,
)
from localcloud.stand_ins import Invoke, StandIn, function_name, invoke_function

__all__ = ["HIDDEN", "CallResult", "FlowSimulator", "Step", "lex_event", "load_flows"]
MAX_STEPS = 400
MAX_QUEUE_INTERRUPTS = 3  # after this many rounds of queue music the caller is "still waiting"

Parameters = dict[str, Any]
Action = dict[str, Any]


class FlowSimulator:
    def __init__(
        self,
        flows: Mapping[str, Flow],
        connect: LocalConnect,
        invoke: Invoke,
        flow_names: Mapping[str, str],
        bots: Mapping[str, str] | None = None,
    ) -> None:
        self.flows = dict(flows)  # by ARN
        self.flow_names = dict(flow_names)  # ARN -> key, for the transcript
        self.aliases: dict[str, str] = {}  # a flow's id, file stem or name -> its ARN
        self.connect = connect
        self.invoke = invoke
        self.bots = dict(bots or {})  # Lex bot alias ARN -> the function its code hook is
        self.stand_ins: dict[str, StandIn] = {}  # function name or ARN -> its stand-in
        self.profiles = LocalProfiles()  # Customer Profiles and Cases stand-ins
        # another instance's queue (ARN, id or name) -> a local queue key (``--queue``)
        self.queue_aliases: dict[str, str] = {}
        self.task_depth = 0  # tasks (CreateTask) running inside this call
        self.on_contact: Callable[[CallResult], None] | None = None  # told of each contact once it ends
        # The contacts' time (a traffic run: the contact center's simulated clock)
        self.now: Callable[[], datetime] = clock.now
        self._handlers: dict[str, Callable[[Flow, Run, Action, Parameters], str | None]] = {
            "UpdateFlowLoggingBehavior": self._logging,
            "UpdateContactRecordingBehavior": self._recording,
            "UpdateContactTextToSpeechVoice": self._voice,
            "UpdateContactData": self._contact_data,
            "InvokeLambdaFunction": self._invoke_lambda,
            "UpdateContactAttributes": self._attributes,
            "Compare": self._compare,
            "MessageParticipant": self._message,
            "GetParticipantInput": self._input,
            "Loop": self._loop,
            "CheckHoursOfOperation": self._hours,
            "UpdateContactTargetQueue": self._target_queue,
            "UpdateContactRoutingBehavior": self._routing_behavior,
            "UpdateContactEventHooks": self._event_hooks,
            "TransferContactToQueue": self._transfer_to_queue,
            "MessageParticipantIteratively": self._queue_messages,
            "CheckMetricData": self._metric,
            "UpdateContactCallbackNumber": self._callback_number,
            "CreateCallbackContact": self._create_callback,
            "ConnectParticipantWithLexBot": self._lex_bot,
            "TransferToFlow": self._transfer_to_flow,
            "EndFlowExecution": self._end_flow,
            "DisconnectParticipant": self._disconnect,
        }
        for kind, handler in HANDLERS.items():
            self._handlers[kind] = functools.partial(handler, self)

    def add_flows(
        self, flows: Mapping[str, Flow], names: Mapping[str, str], aliases: Mapping[str, str]
    ) -> None:
        """Flows beyond the catalog's (``contactcenter call`` FILE or FOLDER), by ARN."""
        self.flows.update(flows)
        self.flow_names.update(names)
        self.aliases.update(aliases)

    def find_flow(self, reference: str, flow: Flow, action: Action) -> str | None:
        """The ARN of the flow or module a TransferToFlow or InvokeFlowModule names: by ARN, by
        its id (the ARN's last segment), or by the name the console export shows for it."""
        if reference in self.flows:
            return reference
        for key in (reference, reference.rsplit("/", 1)[-1]):
            if key in self.aliases:
                return self.aliases[key]
        shown = flow.metadata.get("ActionMetadata", {}).get(action["Identifier"], {})
        for text in _display_names(shown):
            if text in self.aliases:
                return self.aliases[text]
        by_name = {name: arn for arn, name in self.flow_names.items()}  # a loaded flow's key
        return by_name.get(reference)

    def queue_key(self, reference: str) -> str:
        """The local queue a flow names: a ``--queue`` alias (by the whole reference or its last
        segment), else a local queue's ARN or id. KeyError for any other."""
        for key in (reference, reference.rsplit("/", 1)[-1]):
            if key in self.queue_aliases:
                return self.queue_aliases[key]
        return self.connect.queue_key(reference)

    @property
    def action_types(self) -> frozenset[str]:
        """The action types this simulator runs."""
        return frozenset(self._handlers)

    def call(
        self,
        flow_arn: str,
        *,
        caller: str,
        inputs: Iterable[str] | Script = (),
        channel: str = "VOICE",
        dialed: str = "+31201110000",
        attributes: Mapping[str, str] | None = None,
        views: Iterable[str] = (),
        listener: Callable[[Step], None] | None = None,
        contact_id: str | None = None,
        speaker: Callable[[str], None] | None = None,
    ) -> CallResult:
        """Run a contact through the flow: a call or chat (``inputs`` is the caller's script), or
        a task (channel TASK, its ``attributes`` as StartTaskContact gives them). ``views`` are
        the agent's choices in ShowView blocks, in order ("Next", or "Next {json result}");
        ``speaker`` hears what the flow says as it says it (a live chat)."""
        contact = Contact(
            contact_id=contact_id or str(uuid.uuid4()),
            channel=channel,
            caller=caller,
            dialed=dialed,
            attributes=dict(attributes or {}),
        )
        script = inputs if isinstance(inputs, Script) else Script(inputs)
        run = Run(
            contact=contact, script=script, steps=[], views=deque(views), listener=listener, speaker=speaker
        )
        self.connect.contact_attributes[contact.contact_id] = contact.attributes
        started = clock.iso(self.now())
        flow = self.flows[flow_arn]
        try:
            self._run(flow, run)
            outcome = "ended"
        except End as end:
            outcome = end.outcome
        except ModuleReturn:
            outcome = "ended"  # a module run on its own returns to no one
        run.flush()
        self._leave_model_queue(contact, outcome)
        queue = queue_name(contact.queue) or None
        result = CallResult(
            contact_id=contact.contact_id,
            flow=self.flow_names.get(flow_arn, flow_arn),
            channel=channel,
            caller=caller,
            outcome=outcome,
            queue=queue,
            queue_key=contact.queue,
            priority=contact.priority,
            attributes=dict(contact.attributes),
            callback=contact.callback,
            steps=run.steps,
            tags=dict(contact.tags),
            tasks=list(contact.tasks),
            blocks=run.blocks,
            path=run.path,
            started_at=started,
            language=contact.language,
            ended_at=clock.iso(self.now()),
        )
        if self.on_contact is not None:  # the contact's record (the local cloud: into its lake)
            self.on_contact(result)
        return result

    def _leave_model_queue(self, contact: Contact, outcome: str) -> None:
        """A contact the queue flow did not leave waiting: a callback takes its place in the
        contact center's queue, or the flow disconnected it."""
        center = self.connect.center
        if outcome in ("connected", "waiting") or center.waiting_contact(contact.contact_id) is None:
            return
        if outcome == "callback":
            center.to_callback(contact.contact_id, self.now())
        else:
            center.stop(contact.contact_id, "CONTACT_FLOW_DISCONNECT", self.now())

    def _run(self, flow: Flow, run: Run) -> None:
        """The flow's blocks, one after the other. Each block leaves exactly one transcript line
        and one JSON step (``Run.log`` joins what a block says into its step)."""
        outer = run.block  # the block that runs this flow (a transfer, a module, a hook), if any
        try:
            self._blocks(flow, run)
        finally:
            run.block = outer

    def _blocks(self, flow: Flow, run: Run) -> None:
        current: str | None = flow.start
        while run.blocks < MAX_STEPS:
            if current is None:
                raise FlowError(f"{flow.name}: an action led nowhere")
            action = flow.actions[current]
            handler = self._handlers.get(action["Type"])
            if handler is None:
                raise FlowError(f"{flow.name}: action {current!r}: the simulator cannot run {action['Type']}")
            run.flush()  # the blocks before this one are done: their lines can be shown
            run.path.append(
                {
                    "flow": flow.name,
                    "block": current,
                    "type": action["Type"],
                    "at": clock.iso(self.now()),
                    "logged": "true" if run.contact.logging else "false",  # Connect logs it or not
                }
            )
            run.blocks += 1
            mine = run.block = run.blocks
            outcome = handler(flow, run, action, action.get("Parameters", {}))
            run.block = mine  # (a module or flow the block ran had blocks of its own)
            try:
                following = _branch(action, outcome)
            except NoBranch as missing:  # Connect ends the contact; the simulator says why
                run.log(current, "end", f"{missing.kind} and no branch for it: the contact is disconnected")
                raise End("disconnected") from None
            if mine not in run.block_steps:  # a block with nothing to say logs its branch
                run.log(current, "branch", _branch_line(action, outcome, following), True, result=outcome)
            current = following
        raise FlowError(f"{flow.name}: no end after {MAX_STEPS} actions (a loop without exit?)")

    def run_module(self, flow: Flow, run: Run) -> None:
        """A module's actions, until its EndFlowModuleExecution (InvokeFlowModule)."""
        try:
            self._run(flow, run)
        except ModuleReturn:
            return

    def _logging(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        run.contact.logging = parameters["FlowLoggingBehavior"] == "Enabled"
        if run.contact.logging:  # the block that turns logging on is in the log itself
            run.path[-1]["logged"] = "true"
        run.log(action["Identifier"], "logging", f"flow logging {parameters['FlowLoggingBehavior'].lower()}")
        return None

    def _recording(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        who = parameters.get("RecordingBehavior", {}).get("RecordedParticipants", [])
        run.log(
            action["Identifier"], "recording", f"call recording: {', '.join(who) or 'off'}", participants=who
        )
        return None

    def _voice(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        voice = resolve(parameters.get("TextToSpeechVoice", ""), run.contact)
        run.contact.voice = voice
        run.log(action["Identifier"], "voice", f"voice {voice}", voice=voice)
        return None

    def _contact_data(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        contact = run.contact
        if "LanguageCode" in parameters:
            contact.language = resolve(parameters["LanguageCode"], contact)
        contact.name = resolve(parameters.get("Name", contact.name), contact)
        contact.description = resolve(parameters.get("Description", contact.description), contact)
        contact.customer_id = resolve(parameters.get("CustomerId", contact.customer_id), contact)
        if isinstance(parameters.get("References"), dict):
            contact.references.update(parameters["References"])
        shown = ", ".join(f"{k}={resolve(v, contact)}" for k, v in parameters.items() if isinstance(v, str))
        if set(parameters) & {*VOICE_ID_SETTINGS, "WisdomSessionArn"}:
            shown += " (the Voice ID and Amazon Q settings are not simulated)"
        kind = "language" if set(parameters) == {"LanguageCode"} else "contact"
        run.log(
            action["Identifier"],
            kind,
            f"language {contact.language}" if kind == "language" else f"contact data: {shown}",
            language=contact.language,
        )
        return None

    def _invoke_lambda(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        contact = run.contact
        arn = resolve(parameters["LambdaFunctionARN"], contact)
        arguments = {
            k: resolve(v, contact) for k, v in parameters.get("LambdaInvocationAttributes", {}).items()
        }
        started = time.perf_counter()
        payload, error = invoke_function(
            arn, self._event(contact, arguments), self.stand_ins, self.invoke, self.connect.instance_arn
        )
        elapsed = time.perf_counter() - started
        function = function_name(arn)
        shown = ", ".join(f"{k}={v}" for k, v in arguments.items())
        if parameters.get("InvocationType") == "ASYNCHRONOUS":
            return self._async_lambda(run, action, function, shown, payload, error)
        problem = _lambda_problem(
            payload, error, elapsed, float(parameters["InvocationTimeLimitSeconds"]), parameters
        )
        if problem:
            run.log(
                action["Identifier"],
                "lambda",
                f"{function}({shown}) failed: {problem}",
                True,
                function=function,
                result={},
                error=problem,
            )
            return "error:NoMatchingError"
        contact.external = dict(payload) if isinstance(payload, dict) else {}
        summary = ", ".join(f"{k}={v}" for k, v in contact.external.items() if not k.startswith("p_"))
        run.log(
            action["Identifier"],
            "lambda",
            f"{function}({shown}) -> {summary}",
            True,
            function=function,
            arguments=arguments,
            result=payload,
            milliseconds=round(elapsed * 1000, 1),
        )
        return None

    def _async_lambda(
        self, run: Run, action: Action, function: str, shown: str, payload: Any, error: str | None
    ) -> str | None:
        """InvocationType ASYNCHRONOUS: Connect hands the event to Lambda and goes on at once;
        $.External is left alone, and $.LambdaInvocation.InvocationId names the call (a Wait
        block can wait for it). Only a call Lambda refuses (no such function) takes the error
        branch: the function's own failure happens after the flow has moved on."""
        if error and ("ResourceNotFoundException" in error or "no local function" in error):
            line = f"{function}({shown}) not invoked (asynchronous): {error}"
            run.log(action["Identifier"], "lambda", line, True, function=function, result={}, error=error)
            return "error:NoMatchingError"
        invocation = str(uuid.uuid4())
        run.contact.invocations = {"InvocationId": invocation}
        outcome = f"it failed afterwards ({error})" if error else "it answered " + json.dumps(payload)[:80]
        line = f"{function}({shown}) invoked asynchronously ({invocation}); the flow goes on; {outcome}"
        run.log(
            action["Identifier"],
            "lambda",
            line,
            True,
            function=function,
            invocation=invocation,
            asynchronous=True,
            result=payload if not error else {},
        )
        return None

    def _attributes(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        # A key may be a JSONPath too (AWS's rules engine names its attributes that way); one
        # that resolves to "" sets nothing.
        values = {
            resolve(k, run.contact): resolve(v, run.contact) for k, v in parameters["Attributes"].items()
        }
        values.pop("", None)
        merged = {**run.contact.attributes, **values}
        if attributes_size(merged) > ATTRIBUTE_LIMIT:
            size = attributes_size(merged)
            line = f"attributes not set: they would take {size} bytes, over Connect's 32 KB"
            run.log(action["Identifier"], "attributes", line, error="AttributesTooLarge")
            return "error:NoMatchingError"
        run.contact.attributes.update(values)
        shown = {k: v for k, v in values.items() if not k.startswith("p_")}
        prompts = len(values) - len(shown)
        text = ", ".join(f"{k}={_short(v)}" for k, v in shown.items()) + (
            f" (+{prompts} prompts)" if prompts else ""
        )
        run.log(action["Identifier"], "attributes", f"attributes: {text}", True, set=values)
        return None

    def _compare(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        return resolve(parameters["ComparisonValue"], run.contact)

    def _message(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        text = prompt(parameters, run.contact)
        run.log(action["Identifier"], "say", f"says: {text}", text=text)
        return None

    def _input(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        name, contact = action["Identifier"], run.contact
        text = prompt(parameters, contact)
        if text:
            run.log(name, "say", f"says: {text}", text=text)
        if contact.channel != "VOICE":
            return "error:NoMatchingError"  # keypad input is a voice block
        stores = str(parameters.get("StoreInput", "False")).lower() == "true"
        pressed = run.script.next()
        if pressed is None:
            run.log(name, "input", "caller presses nothing (timeout)", pressed=None)
            if stores:  # Connect: the Success branch, with "Timeout" as the stored input
                contact.stored_input = "Timeout"
                return None
            if _has_error(action, "InputTimeLimitExceeded"):
                return "error:InputTimeLimitExceeded"
            return "error:NoMatchingError"
        if not stores:
            run.log(name, "input", f"caller presses {pressed[:1]}", True, pressed=pressed[:1])
            return pressed[:1]
        terminator = parameters.get("DTMFConfiguration", {}).get("InputTerminationSequence", "#")
        digits = pressed[: -len(terminator)] if terminator and pressed.endswith(terminator) else pressed
        maximum = int(
            parameters.get("InputValidation", {}).get("CustomValidation", {}).get("MaximumLength", 20)
        )
        run.log(name, "input", f"caller enters {digits}", True, pressed=digits)
        if not digits or not re.fullmatch(r"[0-9*]+", digits) or len(digits) > maximum:
            return "error:NoMatchingError"
        contact.stored_input = digits
        return None

    def _loop(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        name = action["Identifier"]
        text = resolve(parameters["LoopCount"], run.contact)
        limit = min(int(text), 100) if text.isdigit() else 0  # a dynamic count that is no number: 0
        count = run.contact.loops.get(name, 0)
        if count < limit:
            run.contact.loops[name] = count + 1
            run.log(name, "loop", f"loop {count + 1} of {limit}", iteration=count + 1)
            return "ContinueLooping"
        run.contact.loops[name] = 0
        run.log(name, "loop", f"done looping ({limit} times)", iteration=None)
        return "DoneLooping"

    def _hours(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        if "HoursOfOperationId" in parameters:
            reference = resolve(parameters["HoursOfOperationId"], run.contact)
            try:
                hours = self.connect.hours_key(reference)
            except KeyError:
                run.log(action["Identifier"], "hours", f"no such hours {reference!r}")
                return "error:NoMatchingError"
        elif run.contact.queue:
            hours = self.connect.queue_hours(run.contact.queue)
        else:
            run.log(action["Identifier"], "hours", "no hours given and no working queue set")
            return "error:NoMatchingError"
        is_open = self.connect.is_open(hours)
        run.log(
            action["Identifier"],
            "hours",
            f"hours '{hours}': {'open' if is_open else 'closed'}",
            hours=hours,
            open=is_open,
        )
        return "True" if is_open else "False"

    def _target_queue(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        contact = run.contact
        if "AgentId" in parameters:
            agent = resolve(parameters["AgentId"], contact)
            contact.agent_queue = agent
            run.log(action["Identifier"], "queue", f"working queue: agent {agent}'s queue", agent=agent)
            return None
        reference = resolve(parameters.get("QueueId", ""), contact)
        try:
            contact.queue = self.queue_key(reference)
        except KeyError:
            line = f"no such queue {reference!r} on the local Connect instance"
            run.log(action["Identifier"], "queue", line, queue=None)
            return "error:NoMatchingError"
        contact.agent_queue = None
        contact.queue_arn = self.connect.queue_arn(contact.queue)
        run.log(action["Identifier"], "queue", f"working queue {contact.queue}", queue=contact.queue)
        return None

    def _routing_behavior(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        contact, changes = run.contact, []
        if "QueuePriority" in parameters:
            text = resolve(parameters["QueuePriority"], contact)
            if not text.isdigit() or int(text) < 1:
                run.log(action["Identifier"], "priority", f"queue priority {text!r} is not a whole number")
                return "error:NoMatchingError"
            contact.priority = int(text)
            changes.append(f"queue priority {contact.priority}")
        if "QueueTimeAdjustmentSeconds" in parameters:
            changes.append(f"routing age +{resolve(parameters['QueueTimeAdjustmentSeconds'], contact)} s")
        if "RoutingProficiencies" in parameters:
            changes.append(f"proficiencies {json.dumps(parameters['RoutingProficiencies'])}")
        run.log(
            action["Identifier"],
            "priority",
            "; ".join(changes) or "routing unchanged",
            priority=contact.priority,
        )
        return None

    def _event_hooks(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        for hook, reference in parameters["EventHooks"].items():
            target = resolve(reference, run.contact)
            arn = self.find_flow(target, flow, action)
            if arn is None:
                run.log(
                    action["Identifier"], "hook", f"{hook}: no flow {target} on the local Connect instance"
                )
                return "error:NoMatchingError"
            run.contact.hooks[hook] = arn
            run.log(action["Identifier"], "hook", f"{hook} flow: {self.flow_names.get(arn, arn)}", hook=hook)
        return None

    def _transfer_to_queue(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        contact = run.contact
        if contact.agent_queue is not None:
            run.log(action["Identifier"], "transfer", f"in agent {contact.agent_queue}'s queue")
            raise End("connected")
        if contact.queue is None:
            run.log(action["Identifier"], "transfer", "no working queue set: the transfer fails")
            return "error:NoMatchingError"
        run.log(
            action["Identifier"],
            "transfer",
            f"in queue {contact.queue} (priority {contact.priority or 'default'})",
            queue=contact.queue,
        )
        if self.connect.modelled(contact.queue):
            self._enter_model_queue(flow, run, action)
        if self.connect.conditions[contact.queue].agents_available > 0:
            run.log(
                action["Identifier"],
                "agent",
                "an agent answers; the screen pop shows the contact's attributes",
            )
            raise End("connected")
        queue_flow = contact.hooks.get("CustomerQueue")
        if queue_flow is not None:
            self._run(self.flows[queue_flow], run)
        raise End("waiting")

    def _enter_model_queue(self, flow: Flow, run: Run, action: Action) -> None:
        """The contact center's queue: an agent free for it gets it at once, else the contact
        waits (the queue flow plays) until an agent is routed to it or the customer hangs up."""
        contact = run.contact
        assert contact.queue is not None
        agent = self.connect.center.enqueue(
            contact.contact_id, contact.channel, contact.queue, contact.priority, self.now()
        )
        if agent is not None:
            run.log(action["Identifier"], "agent", f"routed to agent {agent.username}", agent=agent.username)
            raise End("connected")
        queue_flow = contact.hooks.get("CustomerQueue")
        if queue_flow is not None:
            self._run(self.flows[queue_flow], run)
        raise End("waiting")

    def whisper(self, run: Run, hook: str) -> None:
        """The hold or whisper flow a contact has set for ``hook``, if any, run to its end."""
        arn = run.contact.hooks.get(hook)
        if arn is None:
            return
        try:
            self._run(self.flows[arn], run)
        except End as end:
            if end.outcome != "ended":
                raise

    def _queue_messages(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        if run.contact.channel != "VOICE":
            return "error:NoMatchingError"
        for message in parameters["Messages"]:
            text = prompt(message, run.contact)
            run.log(action["Identifier"], "say", f"says (in queue): {text}", text=text)
        if "InterruptFrequencySeconds" not in parameters or run.contact.interrupts >= MAX_QUEUE_INTERRUPTS:
            raise End("ended" if flow.flow_type in ("CUSTOMER_HOLD", "AGENT_HOLD") else "waiting")
        run.contact.interrupts += 1
        return "MessagesInterrupted"

    def _metric(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        contact = run.contact
        key = contact.queue
        if "AgentId" in parameters:
            key = None  # agent queues are not simulated
        elif "QueueId" in parameters:
            try:
                key = self.queue_key(resolve(parameters["QueueId"], contact))
            except KeyError:
                key = None
        if key is None:
            line = "no such queue on the local Connect instance (agent queues have no metrics here)"
            run.log(action["Identifier"], "metric", line, metric=parameters["MetricType"])
            return "error:NoMatchingError"
        values = queue_metrics(self.connect, key)
        metric = parameters["MetricType"]  # one of flow_language.METRICS, checked before the run
        run.log(
            action["Identifier"],
            "metric",
            f"{metric} of {key}: {values[metric]}",
            metric=metric,
            value=values[metric],
        )
        return str(values[metric])

    def _callback_number(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        from contactcenter.customers.contact_points import e164

        number = resolve(parameters["CallbackNumber"], run.contact)
        try:
            run.contact.callback_number = e164(number)
        except ValueError:
            run.log(action["Identifier"], "callback", f"callback number {number!r} is not valid E.164")
            return "error:InvalidCallbackNumber"
        run.log(
            action["Identifier"],
            "callback",
            f"callback number {run.contact.callback_number}",
            True,
            number=run.contact.callback_number,
        )
        return None

    def _create_callback(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        contact = run.contact
        if contact.channel != "VOICE":
            return "error:NoMatchingError"
        queue = contact.queue
        if "QueueId" in parameters:
            reference = resolve(parameters["QueueId"], contact)
            try:
                queue = self.queue_key(reference)
            except KeyError:
                line = f"no such queue {reference!r} on the local Connect instance: no callback"
                run.log(action["Identifier"], "callback", line)
                return "error:NoMatchingError"
        contact.callback = {
            "queue": queue,
            "number": contact.callback_number or contact.caller,
            "initial_delay_seconds": int(parameters.get("InitialCallDelaySeconds", 0)),
            "max_attempts": int(parameters.get("MaximumConnectionAttempts", 1)),
            "retry_delay_seconds": int(parameters.get("RetryDelaySeconds", 0)),
        }
        run.log(
            action["Identifier"],
            "callback",
            f"callback queued in {queue}, keeping the caller's place",
            queue=queue,
        )
        return None

    def _lex_bot(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        """The chat with the bot: each scripted line is an utterance, sent to the bot alias's
        code hook as Lex V2 sends it (every utterance reaches the fallback: Lex's own NLU is
        not simulated); the bot's messages are said; its Close ends the block."""
        contact = run.contact
        alias = resolve(parameters["LexV2Bot"]["AliasArn"], contact)
        function_arn = self.bots.get(alias)
        if any(key in parameters for key in PROMPT_KEYS):
            text = prompt(parameters, contact)
            run.log(action["Identifier"], "say", f"says: {text}", text=text)
        if function_arn is None or contact.channel != "CHAT":
            why = (
                f"no Lex bot {alias or '(none named)'} on the local cloud"
                if function_arn is None
                else "a spoken conversation with Lex is not simulated (speech recognition is Lex's)"
            )
            run.log(action["Identifier"], "lex", f"{why}: error branch", bot=alias)
            return "error:NoMatchingError"
        attributes = {k: resolve(v, contact) for k, v in parameters.get("LexSessionAttributes", {}).items()}
        locale = contact.language.replace("-", "_")
        while (line := run.script.next()) is not None:
            run.log(action["Identifier"], "input", f"customer writes: {line}", sensitive=True, text=line)
            payload, error = self.invoke(
                function_arn, lex_event(contact.contact_id, line, locale, attributes)
            )
            if error or not isinstance(payload, dict):
                run.log(action["Identifier"], "lambda", f"bot error {error}", error=error)
                return "error:NoMatchingError"
            state = payload.get("sessionState", {})
            attributes = dict(state.get("sessionAttributes") or {})
            for message in payload.get("messages") or []:
                run.log(action["Identifier"], "say", f"bot: {message['content']}", text=message["content"])
            if state.get("dialogAction", {}).get("type") == "Close":
                contact.lex_attributes = attributes
                contact.lex_intent = str(state.get("intent", {}).get("name", ""))
                return contact.lex_intent
        contact.lex_attributes = attributes
        return "error:InputTimeLimitExceeded"  # the customer stopped writing

    def _transfer_to_flow(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        reference = resolve(parameters["ContactFlowId"], run.contact)
        arn = self.find_flow(reference, flow, action)
        if arn is None:
            line = f"transfer to flow {reference} failed: no such flow in the folder or the product's flows"
            run.log(action["Identifier"], "flow", line)
            return "error:NoMatchingError"
        run.log(action["Identifier"], "flow", f"transfer to flow {self.flow_names.get(arn, arn)}")
        self._run(self.flows[arn], run)
        raise End("ended")

    def _end_flow(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        if flow.flow_type == "CUSTOMER_QUEUE":
            run.log(action["Identifier"], "queue", "stays in queue")
            raise End("waiting")
        run.log(action["Identifier"], "end", f"end of the {flow.flow_type.lower().replace('_', ' ')} flow")
        raise End("ended")

    def _disconnect(self, flow: Flow, run: Run, action: Action, parameters: Parameters) -> str | None:
        run.log(action["Identifier"], "disconnect", "disconnects")
        raise End("callback" if run.contact.callback else "disconnected")

    def _event(self, contact: Contact, parameters: dict[str, str]) -> dict[str, Any]:
        queue = None
        if contact.queue:
            queue = {"ARN": self.connect.queue_arn(contact.queue), "Name": queue_name(contact.queue)}
        return contact_flow_event(
            parameters,
            caller=contact.caller,
            instance_arn=self.connect.instance_arn,
            contact_id=contact.contact_id,
            channel=contact.channel,
            dialed=contact.dialed,
            attributes=contact.attributes,
            language=contact.language,
            queue=queue,
        )


def _branch(action: dict[str, Any], outcome: str | None) -> str | None:
    transitions = action.get("Transitions", {})
    if outcome is None:
        return transitions.get("NextAction")  # type: ignore[no-any-return]
    if outcome.startswith("error:"):
        kind = outcome.removeprefix("error:")
        for error in transitions.get("Errors", []):
            if error["ErrorType"] == kind:
                return error["NextAction"]  # type: ignore[no-any-return]
        for error in transitions.get("Errors", []):
            if error["ErrorType"] == "NoMatchingError":
                return error["NextAction"]  # type: ignore[no-any-return]
        raise NoBranch(kind)
    for condition in transitions.get("Conditions", []):
        if _holds(condition["Condition"], outcome):
            return condition["NextAction"]  # type: ignore[no-any-return]
    for error in transitions.get("Errors", []):
        if error["ErrorType"] == "NoMatchingCondition":
            return error["NextAction"]  # type: ignore[no-any-return]
    return transitions.get("NextAction")  # type: ignore[no-any-return]


class NoBranch(Exception):
    """An action failed and the flow has no branch for its error."""

    def __init__(self, kind: str) -> None:
        self.kind = kind


def _holds(condition: dict[str, Any], value: str) -> bool:
    operator, operand = condition["Operator"], str(condition["Operands"][0])
    if operator == "Equals":
        return value == operand
    if operator.startswith("Text"):
        check = {
            "TextStartsWith": str.startswith,
            "TextEndsWith": str.endswith,
            "TextContains": str.__contains__,
        }
        return check[operator](value, operand)
    try:
        left, right = float(value), float(operand)
    except ValueError:
        return False  # numeric operators are false for non-numbers, as in Connect
    return {
        "NumberGreaterThan": left > right,
        "NumberGreaterOrEqualTo": left >= right,
        "NumberLessThan": left < right,
        "NumberLessOrEqualTo": left <= right,
    }[operator]


def _short(value: str, width: int = 60) -> str:
    """An attribute as a transcript line shows it: one line, long ones cut."""
    flat = value.replace("\n", " | ")
    return flat if len(flat) <= width else f"{flat[: width - 1]}… ({len(value)} characters)"


def lex_event(session_id: str, text: str, locale: str, attributes: Mapping[str, str]) -> dict[str, Any]:
    """What Lex V2 sends its fulfillment code hook for an utterance its NLU left to the fallback."""
    return {
        "messageVersion": "1.0",
        "invocationSource": "FulfillmentCodeHook",
        "inputMode": "Text",
        "responseContentType": "text/plain; charset=utf-8",
        "sessionId": session_id,
        "inputTranscript": text,
        "bot": {
            "id": "LOCALBOT",
            "name": "contactcenter-chat",
            "aliasId": "LOCAL",
            "localeId": locale,
            "version": "1",
        },
        "interpretations": [
            {"intent": {"name": "FallbackIntent", "slots": {}, "state": "ReadyForFulfillment"}}
        ],
        "sessionState": {
            "sessionAttributes": dict(attributes),
            "intent": {
                "name": "FallbackIntent",
                "slots": {},
                "state": "ReadyForFulfillment",
                "confirmationState": "None",
            },
        },
        "requestAttributes": {},
    }


def _display_names(value: Any) -> list[str]:
    """The names a console export's ActionMetadata shows for the flows an action names."""
    if isinstance(value, dict):
        found = [v for k, v in value.items() if k in _NAME_KEYS and isinstance(v, str)]
        return found + [n for v in value.values() for n in _display_names(v)]
    return []


_NAME_KEYS = frozenset({"text", "displayName", "contactFlowModuleName", "name"})


def queue_metrics(connect: LocalConnect, key: str, channel: str | None = None) -> dict[str, int]:
    """CheckMetricData's metrics of a queue: the contact center's figures, or the queue's
    conditions where a test set them."""
    state = connect.figures([key], channel)
    return {
        # Connect reports this one in milliseconds, despite its name.
        "OldestContactInQueueAgeSeconds": state.oldest_contact_age * 1000,
        "NumberOfContactsInQueue": state.contacts_in_queue,
        "NumberOfAgentsAvailable": state.agents_available,
        "NumberOfAgentsStaffed": state.agents_staffed,
        "NumberOfAgentsOnline": state.agents_online,
        "NumberOfAgentsAfterContactWork": state.agents_after_contact_work,
        "NumberOfAgentsNonProductive": state.agents_non_productive,
        "NumberOfAgentsOnContact": state.agents_on_contact,
    }


def _branch_line(action: dict[str, Any], outcome: str | None, following: str | None) -> str:
    if outcome is None:
        return f"-> {following}"
    if outcome.startswith("error:"):
        return f"{outcome.removeprefix('error:')} -> {following}"
    return f"{_short(outcome)!r} -> {following}"


def _has_error(action: dict[str, Any], kind: str) -> bool:
    return any(e["ErrorType"] == kind for e in action.get("Transitions", {}).get("Errors", []))


def _lambda_problem(
    payload: Any, error: str | None, elapsed: float, limit: float, parameters: Mapping[str, Any]
) -> str | None:
    if error:
        return f"function error {error}"
    if elapsed > limit:
        return f"took {elapsed:.1f}s, more than the {limit:.0f}s the flow waits"
    response_type = parameters.get("ResponseValidation", {}).get("ResponseType", "STRING_MAP")
    flat = isinstance(payload, dict) and all(isinstance(v, str) for v in payload.values())
    if response_type == "STRING_MAP" and not flat:
        return "the answer is not a flat map of strings"
    if len(json.dumps(payload, ensure_ascii=False).encode()) > 32 * 1024:  # UTF-8, as Connect counts
        return "the answer is larger than 32 KB"
    return None


def load_flows(
    connect: LocalConnect, function_arn: Callable[[str], str]
) -> tuple[dict[str, Flow], dict[str, str]]:
    """Every catalog flow, rendered with the local cloud's ARNs and checked."""
    from localcloud.provision import render_placeholders

    resolvers = {
        "function": function_arn,
        "queue": connect.queue_arn,
        "flow": connect.flow_arn,
        "hours": connect.hours_arn,
        "lexbot": connect.lex_bot_alias_arn,
    }
    flows: dict[str, Flow] = {}
    names: dict[str, str] = {}
    for spec in catalog.CONTACT_FLOWS:
        values = {placeholder: resolvers[kind](key) for placeholder, (kind, key) in spec.references.items()}
        text = render_placeholders(spec.path, values, f"contact flow {spec.key}")
        arn = connect.flow_arn(spec.key)
        flows[arn] = validate(json.loads(text), spec.flow_type, spec.key)
        names[arn] = spec.key
    return flows, names
