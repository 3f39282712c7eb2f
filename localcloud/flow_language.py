"""Amazon Connect's flow language (Version 2019-10-30), as far as the product's flows use it:
which action types exist, their parameters, branches and flow types, and a static check of
a flow file against them. The simulator runs only flows that pass this check, and stops
with a clear error on anything it does not know; it never skips.

Sources: the Amazon Connect administrator guide's flow-language pages and console exports of
Amazon's own sample flows (docs/connect-flow-language.md summarises what is relied on).
"""

import re
from dataclasses import dataclass, field
from typing import Any

VERSION = "2019-10-30"
OPERATORS = frozenset(
    {
        "Equals",
        "TextStartsWith",
        "TextEndsWith",
        "TextContains",
        "NumberGreaterThan",
        "NumberGreaterOrEqualTo",
        "NumberLessThan",
        "NumberLessOrEqualTo",
    }
)
CONTACT_FLOW, CUSTOMER_QUEUE = "CONTACT_FLOW", "CUSTOMER_QUEUE"
ALL = frozenset({CONTACT_FLOW, CUSTOMER_QUEUE})
PROMPTS = frozenset({"Text", "SSML", "PromptId", "Media"})
# CheckMetricData metrics the simulator answers from its queue conditions.
METRICS = frozenset({"OldestContactInQueueAgeSeconds", "NumberOfContactsInQueue", "NumberOfAgentsAvailable"})
# JSONPaths the simulator resolves: $.Attributes.x, $.External.x, $.StoredCustomerInput, ...
JSONPATH = re.compile(
    r"\$\.(?:(?:Attributes|External)\.[A-Za-z0-9_\-]+"
    r"|StoredCustomerInput|Channel|LanguageCode|ContactId|InitialContactId"
    r"|CustomerEndpoint\.(?:Address|Type)|SystemEndpoint\.(?:Address|Type)|Queue\.Name"
    r"|Lex\.SessionAttributes\.[A-Za-z0-9_\-]+|Lex\.IntentName)"
)
ANY_JSONPATH = re.compile(r"\$\.[A-Za-z][A-Za-z0-9_.\-\[\]']*")


class FlowError(ValueError):
    """The flow is not valid flow language, or uses something the simulator does not know."""


@dataclass(frozen=True)
class ActionSpec:
    parameters: frozenset[str]
    errors: frozenset[str] = frozenset({"NoMatchingError"})
    flow_types: frozenset[str] = ALL
    required: frozenset[str] = frozenset()
    conditions: str = "none"  # none | any | digits | true_false | loop | interrupted | intents
    terminal: bool = False


def _spec(*parameters: str, **options: Any) -> ActionSpec:
    return ActionSpec(parameters=frozenset(parameters), **options)


ACTIONS: dict[str, ActionSpec] = {
    "MessageParticipant": _spec(*PROMPTS),
    "GetParticipantInput": _spec(
        *PROMPTS,
        "InputTimeLimitSeconds",
        "StoreInput",
        "InputValidation",
        "DTMFConfiguration",
        errors=frozenset(
            {"InputTimeLimitExceeded", "NoMatchingCondition", "NoMatchingError", "InvalidPhoneNumber"}
        ),
        conditions="digits",
    ),
    "InvokeLambdaFunction": _spec(
        "LambdaFunctionARN",
        "InvocationTimeLimitSeconds",
        "LambdaInvocationAttributes",
        "ResponseValidation",
        required=frozenset({"LambdaFunctionARN", "InvocationTimeLimitSeconds"}),
    ),
    "UpdateContactAttributes": _spec("Attributes", "TargetContact", required=frozenset({"Attributes"})),
    "Compare": _spec(
        "ComparisonValue",
        errors=frozenset({"NoMatchingCondition"}),
        required=frozenset({"ComparisonValue"}),
        conditions="any",
    ),
    "UpdateContactTargetQueue": _spec(
        "QueueId", flow_types=frozenset({CONTACT_FLOW}), required=frozenset({"QueueId"})
    ),
    "UpdateContactRoutingBehavior": _spec(
        "QueuePriority",
        errors=frozenset(),
        required=frozenset({"QueuePriority"}),
        flow_types=frozenset({CONTACT_FLOW}),
    ),
    "TransferContactToQueue": _spec(
        errors=frozenset({"QueueAtCapacity", "NoMatchingError"}), flow_types=frozenset({CONTACT_FLOW})
    ),
    "CheckHoursOfOperation": _spec("HoursOfOperationId", conditions="true_false"),
    "CheckMetricData": _spec(
        "MetricType",
        "QueueId",
        errors=frozenset({"NoMatchingCondition", "NoMatchingError"}),
        required=frozenset({"MetricType"}),
        conditions="any",
    ),
    "UpdateContactRecordingBehavior": _spec("RecordingBehavior", "AnalyticsBehavior", errors=frozenset()),
    "UpdateContactData": _spec("LanguageCode", "Name", "Description", "CustomerId", "References"),
    "UpdateContactTextToSpeechVoice": _spec("TextToSpeechVoice", "TextToSpeechEngine", "TextToSpeechStyle"),
    "UpdateContactEventHooks": _spec(
        "EventHooks", "EventHooksConfiguration", required=frozenset({"EventHooks"})
    ),
    "UpdateContactCallbackNumber": _spec(
        "CallbackNumber",
        errors=frozenset({"InvalidCallbackNumber", "CallbackNumberNotDialable"}),
        required=frozenset({"CallbackNumber"}),
    ),
    "CreateCallbackContact": _spec(
        "QueueId", "InitialCallDelaySeconds", "MaximumConnectionAttempts", "RetryDelaySeconds"
    ),
    "UpdateFlowLoggingBehavior": _spec(
        "FlowLoggingBehavior", errors=frozenset(), required=frozenset({"FlowLoggingBehavior"})
    ),
    "Loop": _spec("LoopCount", errors=frozenset(), required=frozenset({"LoopCount"}), conditions="loop"),
    "MessageParticipantIteratively": _spec(
        "Messages",
        "InterruptFrequencySeconds",
        flow_types=frozenset({CUSTOMER_QUEUE}),
        required=frozenset({"Messages"}),
        conditions="interrupted",
    ),
    "ConnectParticipantWithLexBot": _spec(
        *PROMPTS,
        "LexV2Bot",
        "LexSessionAttributes",
        errors=frozenset({"NoMatchingCondition", "NoMatchingError", "InputTimeLimitExceeded"}),
        required=frozenset({"LexV2Bot"}),
        conditions="intents",
    ),
    "TransferToFlow": _spec(
        "ContactFlowId", flow_types=frozenset({CONTACT_FLOW}), required=frozenset({"ContactFlowId"})
    ),
    "EndFlowExecution": _spec(errors=frozenset(), flow_types=frozenset({CUSTOMER_QUEUE}), terminal=True),
    "DisconnectParticipant": _spec(errors=frozenset(), terminal=True),
}

EVENT_HOOKS = frozenset(
    {"CustomerQueue", "CustomerHold", "CustomerWhisper", "AgentWhisper", "CustomerRemaining"}
)


@dataclass
class Flow:
    name: str
    flow_type: str
    start: str
    actions: dict[str, dict[str, Any]] = field(default_factory=dict)


def _problem(name: str, action: dict[str, Any] | None, message: str) -> FlowError:
    where = f"action {action.get('Identifier')!r} ({action.get('Type')})" if action else "the flow"
    return FlowError(f"{name}: {where}: {message}")


def _paths_in(value: Any) -> list[str]:
    if isinstance(value, str):
        return ANY_JSONPATH.findall(value)
    if isinstance(value, dict):
        return [p for v in value.values() for p in _paths_in(v)]
    if isinstance(value, list):
        return [p for v in value for p in _paths_in(v)]
    return []


def validate(document: dict[str, Any], flow_type: str, name: str) -> Flow:
    """Check ``document`` as flow language of ``flow_type``; the flow, ready to run."""
    if flow_type not in ALL:
        raise FlowError(
            f"{name}: flow type {flow_type!r} is not one the simulator runs ({', '.join(sorted(ALL))})"
        )
    unknown_top = set(document) - {"Version", "StartAction", "Metadata", "Actions", "Settings"}
    if unknown_top:
        raise _problem(name, None, f"unknown top-level keys {sorted(unknown_top)}")
    if document.get("Version") != VERSION:
        raise _problem(name, None, f"Version must be {VERSION!r}, not {document.get('Version')!r}")
    actions = document.get("Actions")
    if not isinstance(actions, list) or not actions:
        raise _problem(name, None, "Actions must be a non-empty list")
    if len(actions) > 250:
        raise _problem(name, None, "a flow has at most 250 actions")
    flow = Flow(name=name, flow_type=flow_type, start=str(document.get("StartAction")))
    for action in actions:
        identifier = action.get("Identifier")
        if not isinstance(identifier, str) or not identifier or len(identifier) > 50:
            raise _problem(name, action, "Identifier must be a string of 1-50 characters")
        if identifier in flow.actions:
            raise _problem(name, action, "duplicate Identifier")
        flow.actions[identifier] = action
    if flow.start not in flow.actions:
        raise _problem(name, None, f"StartAction {flow.start!r} is not an action")
    for action in actions:
        _check_action(name, flow, action)
    return flow


def _check_action(name: str, flow: Flow, action: dict[str, Any]) -> None:
    kind = action.get("Type")
    spec = ACTIONS.get(str(kind))
    if spec is None:
        raise _problem(
            name,
            action,
            f"action type {kind!r} is not supported by the simulator (known: {', '.join(sorted(ACTIONS))})",
        )
    if flow.flow_type not in spec.flow_types:
        raise _problem(name, action, f"{kind} is not allowed in a {flow.flow_type} flow")
    parameters = action.get("Parameters", {})
    if not isinstance(parameters, dict):
        raise _problem(name, action, "Parameters must be an object")
    if unknown := set(parameters) - spec.parameters:
        raise _problem(
            name, action, f"unknown parameters {sorted(unknown)} (known: {sorted(spec.parameters)})"
        )
    if missing := spec.required - set(parameters):
        raise _problem(name, action, f"missing parameters {sorted(missing)}")
    text = repr(parameters)
    if "${" in text:
        raise _problem(name, action, "a ${placeholder} was not substituted")
    for path in _paths_in(parameters):
        if not JSONPATH.fullmatch(path):
            raise _problem(name, action, f"JSONPath {path} is not one the simulator resolves")
    _check_parameters(name, action, str(kind), parameters)
    _check_transitions(name, flow, action, spec)


def _check_parameters(name: str, action: dict[str, Any], kind: str, parameters: dict[str, Any]) -> None:
    prompts = PROMPTS & set(parameters)
    if kind == "MessageParticipant" and len(prompts) != 1:
        raise _problem(name, action, "give exactly one of Text, SSML, PromptId, Media")
    if kind == "GetParticipantInput":
        if len(prompts) > 1:
            raise _problem(name, action, "give at most one of Text, SSML, PromptId, Media")
        stores = str(parameters.get("StoreInput", "False")).lower() == "true"
        if stores and "InputValidation" not in parameters:
            raise _problem(name, action, "StoreInput True needs InputValidation")
    if kind == "InvokeLambdaFunction":
        if not _whole(parameters["InvocationTimeLimitSeconds"], 1, 8):
            raise _problem(name, action, "InvocationTimeLimitSeconds must be 1-8 (Connect waits at most 8 s)")
        response = parameters.get("ResponseValidation", {}).get("ResponseType", "STRING_MAP")
        if response not in ("STRING_MAP", "JSON"):
            raise _problem(name, action, f"ResponseType {response!r} is neither STRING_MAP nor JSON")
    if kind == "UpdateContactRoutingBehavior" and not _whole(parameters["QueuePriority"], 1, 9_999_999):
        raise _problem(name, action, "QueuePriority must be a whole number of at least 1")
    if kind == "UpdateContactEventHooks":
        hooks = parameters["EventHooks"]
        if len(hooks) != 1 or not set(hooks) <= EVENT_HOOKS:
            raise _problem(name, action, f"EventHooks must name exactly one of {sorted(EVENT_HOOKS)}")
    if kind == "CheckMetricData" and parameters["MetricType"] not in METRICS:
        raise _problem(
            name, action, f"MetricType {parameters['MetricType']!r} is not one of {sorted(METRICS)}"
        )
    if kind == "Loop" and not _whole(parameters["LoopCount"], 0, 100):
        raise _problem(name, action, "LoopCount must be a whole number 0-100 (a JSONPath is not simulated)")
    if kind == "UpdateFlowLoggingBehavior" and parameters["FlowLoggingBehavior"] not in (
        "Enabled",
        "Disabled",
    ):
        raise _problem(name, action, "FlowLoggingBehavior is Enabled or Disabled")


def _whole(value: Any, low: int, high: int) -> bool:
    return bool(re.fullmatch(r"[0-9]+", str(value))) and low <= int(value) <= high


_CONDITION_RULES = {
    "true_false": ({"True", "False"}, "exactly Equals True and Equals False"),
    "loop": ({"ContinueLooping", "DoneLooping"}, "exactly Equals ContinueLooping and Equals DoneLooping"),
    "interrupted": ({"MessagesInterrupted"}, "no condition, or only Equals MessagesInterrupted"),
}


def _check_transitions(name: str, flow: Flow, action: dict[str, Any], spec: ActionSpec) -> None:
    transitions = action.get("Transitions", {})
    if unknown := set(transitions) - {"NextAction", "Conditions", "Errors"}:
        raise _problem(name, action, f"unknown transition keys {sorted(unknown)}")
    if spec.terminal:
        if transitions:
            raise _problem(name, action, "a terminal action has no transitions")
        return
    targets = [transitions.get("NextAction")] if transitions.get("NextAction") else []
    conditions = transitions.get("Conditions", [])
    errors = transitions.get("Errors", [])
    for error in errors:
        if error.get("ErrorType") not in spec.errors:
            raise _problem(
                name, action, f"error type {error.get('ErrorType')!r} is not one of {sorted(spec.errors)}"
            )
        targets.append(error.get("NextAction"))
    stores = str(action.get("Parameters", {}).get("StoreInput", "False")).lower() == "true"
    if conditions and (spec.conditions == "none" or stores):
        raise _problem(name, action, "this action takes no conditions")
    operands = []
    for condition in conditions:
        detail = condition.get("Condition", {})
        if detail.get("Operator") not in OPERATORS:
            raise _problem(
                name, action, f"operator {detail.get('Operator')!r} is not one of {sorted(OPERATORS)}"
            )
        if len(detail.get("Operands", [])) != 1:
            raise _problem(name, action, "a condition has exactly one operand")
        if (
            spec.conditions in ("digits", "true_false", "loop", "interrupted", "intents")
            and detail["Operator"] != "Equals"
        ):
            raise _problem(name, action, "this action's conditions use only Equals")
        operands.append(str(detail["Operands"][0]))
        targets.append(condition.get("NextAction"))
    if spec.conditions == "digits" and any(not re.fullmatch(r"[0-9*#]", o) for o in operands):
        raise _problem(name, action, "menu conditions are single keys 0-9, * or #")
    if spec.conditions in _CONDITION_RULES:
        expected, description = _CONDITION_RULES[spec.conditions]
        optional = spec.conditions == "interrupted" and not operands  # waiting without interruption
        if not optional and (set(operands) != expected or len(operands) != len(expected)):
            raise _problem(name, action, f"needs {description}")
    if not targets:
        raise _problem(name, action, "leads nowhere: no NextAction, condition or error branch")
    for target in targets:
        if target not in flow.actions:
            raise _problem(name, action, f"branches to {target!r}, which is not an action of the flow")
