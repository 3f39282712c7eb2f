"""The local contact-flow simulator: runs the product's flow files, as Amazon Connect would,
for a scripted caller (keys pressed, or chat lines), calling the real Lambda functions on the
local cloud, and keeps a transcript: prompts, inputs, function calls and results, attribute
changes, the final queue and priority, a callback, or the disconnect.

Like Connect's own flow logs, the transcript hides what happens while the flow has turned
flow logging off (the PIN is entered and checked there).
"""

import json
import re
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import catalog
from localcloud.connect import LocalConnect, contact_flow_event
from localcloud.flow_language import ANY_JSONPATH, Flow, FlowError, validate

MAX_STEPS = 400
MAX_QUEUE_INTERRUPTS = 3  # after this many rounds of queue music the caller is "still waiting"
HIDDEN = "*** (flow logging off)"

Invoke = Callable[[str, dict[str, Any]], tuple[Any, str | None]]
"""(function ARN, event) -> (payload, function error or None)."""


@dataclass
class Step:
    action: str
    kind: str  # say | input | lambda | attributes | queue | priority | recording | language | hours | ...
    text: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class CallResult:
    contact_id: str  # also the Lex session's id in a chat
    flow: str
    channel: str
    caller: str
    outcome: str  # connected | waiting | callback | disconnected | ended
    queue: str | None
    queue_key: str | None
    priority: int | None
    attributes: dict[str, str]
    callback: dict[str, Any] | None
    steps: list[Step]

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "prompts": self.prompts()}

    def prompts(self) -> list[str]:
        return [step.data["text"] for step in self.steps if step.kind == "say"]

    def lambda_results(self, function: str) -> list[dict[str, Any]]:
        """What ``function`` answered, in the steps the transcript shows (not those hidden)."""
        return [
            s.data["result"]
            for s in self.steps
            if s.kind == "lambda" and s.data and s.data["function"].endswith(function)
        ]


@dataclass
class _Contact:
    contact_id: str
    channel: str
    caller: str
    dialed: str
    attributes: dict[str, str] = field(default_factory=dict)
    external: dict[str, Any] = field(default_factory=dict)
    stored_input: str = ""
    language: str = "en-US"
    queue: str | None = None
    priority: int | None = None
    hooks: dict[str, str] = field(default_factory=dict)
    callback_number: str | None = None
    callback: dict[str, Any] | None = None
    lex_attributes: dict[str, str] = field(default_factory=dict)
    lex_intent: str = ""
    logging: bool = True
    loops: dict[str, int] = field(default_factory=dict)
    interrupts: int = 0


class _End(Exception):
    def __init__(self, outcome: str) -> None:
        self.outcome = outcome


@dataclass
class _Run:
    """One call in progress: the contact, what the caller still has to say, the transcript."""

    contact: _Contact
    script: deque[str]
    steps: list[Step]

    def log(self, action: str, kind: str, line: str, sensitive: bool = False, **data: Any) -> None:
        """A transcript line; a ``sensitive`` one is hidden while flow logging is off."""
        hidden = sensitive and not self.contact.logging
        self.steps.append(Step(action, kind, HIDDEN if hidden else line, {} if hidden else data))


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
        self.flows = flows  # by ARN
        self.flow_names = flow_names  # ARN -> key, for the transcript
        self.connect = connect
        self.invoke = invoke
        self.bots = dict(bots or {})  # Lex bot alias ARN -> the function its code hook is
        self._handlers: dict[str, Callable[[Flow, _Run, Action, Parameters], str | None]] = {
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

    @property
    def action_types(self) -> frozenset[str]:
        """The action types this simulator runs."""
        return frozenset(self._handlers)

    def call(
        self,
        flow_arn: str,
        *,
        caller: str,
        inputs: Iterable[str] = (),
        channel: str = "VOICE",
        dialed: str = "+31201110000",
        attributes: Mapping[str, str] | None = None,
    ) -> CallResult:
        """Run a contact through the flow: a call or chat (``inputs`` is the caller's script), or
        a task (channel TASK, its ``attributes`` as StartTaskContact gives them)."""
        contact = _Contact(
            contact_id=str(uuid.uuid4()),
            channel=channel,
            caller=caller,
            dialed=dialed,
            attributes=dict(attributes or {}),
        )
        run = _Run(contact=contact, script=deque(inputs), steps=[])
        try:
            self._run(self.flows[flow_arn], run)
            outcome = "ended"
        except _End as end:
            outcome = end.outcome
        queue = _queue_name(contact.queue) or None
        return CallResult(
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
        )

    def _run(self, flow: Flow, run: _Run) -> None:
        current: str | None = flow.start
        for _ in range(MAX_STEPS):
            if current is None:
                raise FlowError(f"{flow.name}: an action led nowhere")
            action = flow.actions[current]
            handler = self._handlers.get(action["Type"])
            if handler is None:
                raise FlowError(f"{flow.name}: action {current!r}: the simulator cannot run {action['Type']}")
            current = _branch(action, handler(flow, run, action, action.get("Parameters", {})))
        raise FlowError(f"{flow.name}: no end after {MAX_STEPS} actions (a loop without exit?)")

    # Each handler returns what the action resolved to: None (take NextAction), "error:<Type>"
    # (take that error branch), or a value matched against the action's conditions.

    def _logging(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        run.contact.logging = parameters["FlowLoggingBehavior"] == "Enabled"
        run.log(action["Identifier"], "logging", f"flow logging {parameters['FlowLoggingBehavior'].lower()}")
        return None

    def _recording(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        who = parameters.get("RecordingBehavior", {}).get("RecordedParticipants", [])
        run.log(
            action["Identifier"], "recording", f"call recording: {', '.join(who) or 'off'}", participants=who
        )
        return None

    def _voice(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        voice = parameters.get("TextToSpeechVoice")
        run.log(action["Identifier"], "voice", f"voice {voice}", voice=voice)
        return None

    def _contact_data(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        if "LanguageCode" in parameters:
            run.contact.language = _resolve(parameters["LanguageCode"], run.contact)
            run.log(
                action["Identifier"],
                "language",
                f"language {run.contact.language}",
                language=run.contact.language,
            )
        return None

    def _invoke_lambda(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        contact = run.contact
        arn = _resolve(parameters["LambdaFunctionARN"], contact)
        arguments = {
            k: _resolve(v, contact) for k, v in parameters.get("LambdaInvocationAttributes", {}).items()
        }
        started = time.perf_counter()
        payload, error = self.invoke(arn, self._event(contact, arguments))
        elapsed = time.perf_counter() - started
        function = arn.rsplit(":", 1)[-1]
        shown = ", ".join(f"{k}={v}" for k, v in arguments.items())
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
        contact.external = dict(payload)
        summary = ", ".join(f"{k}={v}" for k, v in payload.items() if not k.startswith("p_"))
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

    def _attributes(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        values = {k: _resolve(v, run.contact) for k, v in parameters["Attributes"].items()}
        run.contact.attributes.update(values)
        shown = {k: v for k, v in values.items() if not k.startswith("p_")}
        prompts = len(values) - len(shown)
        text = ", ".join(f"{k}={_short(v)}" for k, v in shown.items()) + (
            f" (+{prompts} prompts)" if prompts else ""
        )
        run.log(action["Identifier"], "attributes", f"attributes: {text}", True, set=values)
        return None

    def _compare(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        return _resolve(parameters["ComparisonValue"], run.contact)

    def _message(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        text = _prompt(parameters, run.contact)
        run.log(action["Identifier"], "say", f"says: {text}", text=text)
        return None

    def _input(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        name, contact = action["Identifier"], run.contact
        text = _prompt(parameters, contact)
        if text:
            run.log(name, "say", f"says: {text}", text=text)
        if contact.channel != "VOICE":
            return "error:NoMatchingError"  # keypad input is a voice block
        stores = str(parameters.get("StoreInput", "False")).lower() == "true"
        pressed = run.script.popleft() if run.script else None
        if pressed is None:
            run.log(name, "input", "caller presses nothing (timeout)", pressed=None)
            if not stores and _has_error(action, "InputTimeLimitExceeded"):
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

    def _loop(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        name, limit = action["Identifier"], int(parameters["LoopCount"])
        count = run.contact.loops.get(name, 0)
        if count < limit:
            run.contact.loops[name] = count + 1
            return "ContinueLooping"
        run.contact.loops[name] = 0
        return "DoneLooping"

    def _hours(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        if "HoursOfOperationId" in parameters:
            reference = _resolve(parameters["HoursOfOperationId"], run.contact)
            try:
                hours = self.connect.hours_key(reference)
            except KeyError:
                run.log(action["Identifier"], "hours", f"no such hours {reference!r}")
                return "error:NoMatchingError"
        elif run.contact.queue:
            hours = self.connect.queue_hours(run.contact.queue)
        else:
            raise FlowError(f"{flow.name}: {action['Identifier']!r}: no hours given and no working queue set")
        is_open = self.connect.is_open(hours)
        run.log(
            action["Identifier"],
            "hours",
            f"hours '{hours}': {'open' if is_open else 'closed'}",
            hours=hours,
            open=is_open,
        )
        return "True" if is_open else "False"

    def _target_queue(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        reference = _resolve(parameters["QueueId"], run.contact)
        try:
            run.contact.queue = self.connect.queue_key(reference)
        except KeyError:
            run.log(action["Identifier"], "queue", f"no such queue {reference!r}", queue=None)
            return "error:NoMatchingError"
        run.log(action["Identifier"], "queue", f"working queue {run.contact.queue}", queue=run.contact.queue)
        return None

    def _routing_behavior(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        if "QueuePriority" in parameters:
            run.contact.priority = int(parameters["QueuePriority"])
            run.log(
                action["Identifier"],
                "priority",
                f"queue priority {run.contact.priority}",
                priority=run.contact.priority,
            )
        return None

    def _event_hooks(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        for hook, reference in parameters["EventHooks"].items():
            arn = _resolve(reference, run.contact)
            if arn not in self.flows:
                run.log(action["Identifier"], "hook", f"{hook}: no such flow {arn}")
                return "error:NoMatchingError"
            run.contact.hooks[hook] = arn
            run.log(action["Identifier"], "hook", f"{hook} flow: {self.flow_names.get(arn, arn)}", hook=hook)
        return None

    def _transfer_to_queue(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        contact = run.contact
        if contact.queue is None:
            return "error:NoMatchingError"
        run.log(
            action["Identifier"],
            "transfer",
            f"in queue {contact.queue} (priority {contact.priority or 'default'})",
            queue=contact.queue,
        )
        if self.connect.conditions[contact.queue].agents_available > 0:
            run.log(
                action["Identifier"],
                "agent",
                "an agent answers; the screen pop shows the contact's attributes",
            )
            raise _End("connected")
        queue_flow = contact.hooks.get("CustomerQueue")
        if queue_flow is not None:
            self._run(self.flows[queue_flow], run)
        raise _End("waiting")

    def _queue_messages(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        if run.contact.channel != "VOICE":
            return "error:NoMatchingError"
        for message in parameters["Messages"]:
            text = _prompt(message, run.contact)
            run.log(action["Identifier"], "say", f"says (in queue): {text}", text=text)
        if "InterruptFrequencySeconds" not in parameters or run.contact.interrupts >= MAX_QUEUE_INTERRUPTS:
            raise _End("waiting")
        run.contact.interrupts += 1
        return "MessagesInterrupted"

    def _metric(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        contact = run.contact
        key = contact.queue
        if "QueueId" in parameters:
            try:
                key = self.connect.queue_key(_resolve(parameters["QueueId"], contact))
            except KeyError:
                key = None
        if key is None:
            run.log(action["Identifier"], "metric", "no such queue", metric=parameters["MetricType"])
            return "error:NoMatchingError"
        state = self.connect.conditions[key]
        values = {
            # Connect reports this one in milliseconds, despite its name.
            "OldestContactInQueueAgeSeconds": state.oldest_contact_age * 1000,
            "NumberOfContactsInQueue": state.contacts_in_queue,
            "NumberOfAgentsAvailable": state.agents_available,
        }
        metric = parameters["MetricType"]  # one of flow_language.METRICS, checked before the run
        run.log(
            action["Identifier"],
            "metric",
            f"{metric} of {key}: {values[metric]}",
            metric=metric,
            value=values[metric],
        )
        return str(values[metric])

    def _callback_number(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        from contactcenter.customers.contact_points import e164

        number = _resolve(parameters["CallbackNumber"], run.contact)
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

    def _create_callback(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        contact = run.contact
        if contact.channel != "VOICE":
            return "error:NoMatchingError"
        queue = (
            self.connect.queue_key(_resolve(parameters["QueueId"], contact))
            if "QueueId" in parameters
            else contact.queue
        )
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

    def _lex_bot(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        """The chat with the bot: each scripted line is an utterance, sent to the bot alias's
        code hook as Lex V2 sends it (every utterance reaches the fallback: Lex's own NLU is
        not simulated); the bot's messages are said; its Close ends the block."""
        contact = run.contact
        alias = _resolve(parameters["LexV2Bot"]["AliasArn"], contact)
        function_arn = self.bots.get(alias)
        if function_arn is None:
            raise FlowError(f"{flow.name}: {action['Identifier']!r}: no local Lex bot {alias}")
        if contact.channel != "CHAT":
            raise FlowError(
                f"{flow.name}: {action['Identifier']!r}: only chat conversations with Lex are simulated"
            )
        if any(key in parameters for key in PROMPT_KEYS):
            text = _prompt(parameters, contact)
            run.log(action["Identifier"], "say", f"says: {text}", text=text)
        attributes = {k: _resolve(v, contact) for k, v in parameters.get("LexSessionAttributes", {}).items()}
        locale = contact.language.replace("-", "_")
        while run.script:
            text = run.script.popleft()
            run.log(action["Identifier"], "input", f"customer writes: {text}", sensitive=True, text=text)
            payload, error = self.invoke(
                function_arn, lex_event(contact.contact_id, text, locale, attributes)
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

    def _transfer_to_flow(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        arn = _resolve(parameters["ContactFlowId"], run.contact)
        if arn not in self.flows:
            return "error:NoMatchingError"
        run.log(action["Identifier"], "flow", f"transfer to flow {self.flow_names.get(arn, arn)}")
        self._run(self.flows[arn], run)
        raise _End("ended")

    def _end_flow(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        run.log(action["Identifier"], "queue", "stays in queue")
        raise _End("waiting")

    def _disconnect(self, flow: Flow, run: _Run, action: Action, parameters: Parameters) -> str | None:
        run.log(action["Identifier"], "disconnect", "disconnects")
        raise _End("callback" if run.contact.callback else "disconnected")

    def _event(self, contact: _Contact, parameters: dict[str, str]) -> dict[str, Any]:
        queue = None
        if contact.queue:
            queue = {"ARN": self.connect.queue_arn(contact.queue), "Name": _queue_name(contact.queue)}
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
        raise FlowError(f"action {action['Identifier']!r} failed ({kind}) and has no branch for it")
    for condition in transitions.get("Conditions", []):
        if _holds(condition["Condition"], outcome):
            return condition["NextAction"]  # type: ignore[no-any-return]
    for error in transitions.get("Errors", []):
        if error["ErrorType"] == "NoMatchingCondition":
            return error["NextAction"]  # type: ignore[no-any-return]
    return transitions.get("NextAction")  # type: ignore[no-any-return]


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


def _lookup(path: str, contact: _Contact) -> str:
    parts = path[2:].split(".")
    head = parts[0]
    if head in ("Attributes", "External"):
        source = contact.attributes if head == "Attributes" else contact.external
        return str(source.get(parts[1], ""))
    if parts[:2] == ["Lex", "SessionAttributes"]:
        return str(contact.lex_attributes.get(parts[2], ""))
    simple = {
        "StoredCustomerInput": contact.stored_input,
        "Channel": contact.channel,
        "LanguageCode": contact.language,
        "ContactId": contact.contact_id,
        "InitialContactId": contact.contact_id,
        "CustomerEndpoint.Address": contact.caller,
        "CustomerEndpoint.Type": "TELEPHONE_NUMBER",
        "SystemEndpoint.Address": contact.dialed,
        "SystemEndpoint.Type": "TELEPHONE_NUMBER",
        "Queue.Name": _queue_name(contact.queue),
        "Lex.IntentName": contact.lex_intent,
    }
    key = ".".join(parts)
    if key in simple:
        return simple[key]
    raise FlowError(f"the simulator cannot resolve {path}")


PROMPT_KEYS = ("Text", "SSML", "PromptId")


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


def _queue_name(key: str | None) -> str:
    return next((q.name for q in catalog.CONNECT_QUEUES if q.key == key), "")


def _resolve(value: Any, contact: _Contact) -> str:
    """A parameter's value: a JSONPath, or text with JSONPaths inside, resolved."""
    text = str(value)
    return ANY_JSONPATH.sub(lambda match: _lookup(match.group(0), contact), text)


def _prompt(parameters: Mapping[str, Any], contact: _Contact) -> str:
    for key in ("Text", "SSML"):
        if key in parameters:
            return _resolve(parameters[key], contact)
    if "PromptId" in parameters:
        return f"(recorded prompt {parameters['PromptId']})"
    return ""


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
