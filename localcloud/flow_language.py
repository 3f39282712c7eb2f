"""Amazon Connect's flow language (Version 2019-10-30): which action types exist, their
parameters, branches and flow types, and a static check of a flow file against them. The
simulator runs only flows that pass this check; the check lists every problem it finds (not
just the first), and a documented action the local cloud cannot honour is refused with the
reason when it has no error branch to take (``flow_reference.UNAVAILABLE``: with one, the
simulator takes it and says why); nothing is ever skipped.

Sources: the Amazon Connect API reference's flow-language pages, the administrator guide and
console exports of Amazon's own sample flows (docs/connect-flow-language.md).
"""

import re
from dataclasses import dataclass, field
from typing import Any

from localcloud.flow_reference import ALL_DOCUMENTED, CHECK_METRICS, FLOW_TYPES, UNAVAILABLE

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
CONTACT_FLOW, CUSTOMER_QUEUE, FLOW_MODULE = "CONTACT_FLOW", "CUSTOMER_QUEUE", "FLOW_MODULE"
ALL = frozenset(FLOW_TYPES)
INBOUND = frozenset({CONTACT_FLOW, FLOW_MODULE, "CAMPAIGN"})
TRANSFER = frozenset({"AGENT_TRANSFER", "QUEUE_TRANSFER"})
WHISPER = frozenset({"CUSTOMER_WHISPER", "AGENT_WHISPER", "OUTBOUND_WHISPER"})
HOLD = frozenset({"CUSTOMER_HOLD", "AGENT_HOLD"})
QUEUE = frozenset({CUSTOMER_QUEUE})
PROMPTS = frozenset({"Text", "SSML", "PromptId", "Media"})
METRICS = CHECK_METRICS
# A JSONPath inside text: dotted names (hyphens inside a name), or ['quoted'] keys. A trailing
# "." or "-" ends the sentence, not the path ("Hello, $.External.givenName.").
ANY_JSONPATH = re.compile(
    r"\$\.[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*"
    r"(?:\.[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*|\[(?:'[^']*'|\"[^\"]*\"|[0-9]+)\])*"
)
# Namespaces whose keys are the flow's own (any name below them resolves, "" when unset) and
# the system attributes, from the admin guide's "List of available contact attributes".
NAMESPACES = frozenset(
    {
        "Attributes",
        "External",
        "FlowAttributes",
        "Lex",
        "Metrics",
        "Agent",
        "Queue",
        "Customer",
        "Case",
        "Tags",
        "References",
        "Views",
        "MediaStreams",
        "SegmentAttributes",
        "Task",
        "Campaign",
        "CustomerEndpoint",
        "SystemEndpoint",
        "Recording",
        "RoutingCriteria",
        "ContactDetails",
        "Modules",
        "Email",
        "AuthenticationProfile",
        "Wisdom",
        "LambdaInvocation",
    }
)
SYSTEM = frozenset(
    {
        "StoredCustomerInput",
        "Channel",
        "LanguageCode",
        "ContactId",
        "InitialContactId",
        "PreviousContactId",
        "RelatedContactId",
        "InitiationMethod",
        "InitiationTimestamp",
        "CustomerCallbackNumber",
        "CustomerCallBackPhoneNumber",
        "Name",
        "Description",
        "CustomerId",
        "TextToSpeechVoiceId",
        "InstanceARN",
        "AwsRegion",
        "SubType",
        "ChannelContext",
    }
)


class FlowError(ValueError):
    """The flow is not valid flow language, or uses something the simulator does not know."""


@dataclass(frozen=True)
class ActionSpec:
    parameters: frozenset[str] | None  # None: the parameters are not enumerated (accepted as given)
    errors: frozenset[str] = frozenset({"NoMatchingError"})
    flow_types: frozenset[str] = ALL
    required: frozenset[str] = frozenset()
    conditions: str = (
        "none"  # none | any | equals | digits | true_false | loop | interrupted | intents | call_status
    )
    terminal: bool = False


def _spec(*parameters: str, **options: Any) -> ActionSpec:
    return ActionSpec(parameters=frozenset(parameters), **options)


def _open(**options: Any) -> ActionSpec:
    return ActionSpec(parameters=None, **options)


_CALL = INBOUND | TRANSFER
PROFILE_ERRORS = frozenset({"NoMatchingError", "MultipleFoundError", "NoneFoundError"})
PROFILE_DATA = ("ProfileRequestData", "ProfileResponseData")
CASE_ERRORS = frozenset({"NoMatchingError", "ContactNotLinked"})
VOICE_ID_SETTINGS = (
    "IsVoiceIdStreamingEnabled",
    "IsVoiceAuthenticationEnabled",
    "IsFraudDetectionEnabled",
    "VoiceAuthenticationThreshold",
    "VoiceAuthenticationResponseTime",
    "FraudDetectionThreshold",
    "FraudDetectionWatchlistId",
)
CALL_STATUSES = frozenset({"CallAnswered", "VoicemailBeep", "VoicemailNoBeep", "NotDetected"})

ACTIONS: dict[str, ActionSpec] = {
    "MessageParticipant": _spec(*PROMPTS, flow_types=_CALL | WHISPER | QUEUE),
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
        flow_types=_CALL | QUEUE,
    ),
    "InvokeLambdaFunction": _spec(
        "LambdaFunctionARN",
        "InvocationTimeLimitSeconds",
        "InvocationType",
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
    "UpdateContactTargetQueue": _spec("QueueId", "AgentId", flow_types=_CALL | QUEUE),
    "UpdateContactRoutingBehavior": _spec(
        "QueuePriority",
        "QueueTimeAdjustmentSeconds",
        "RoutingProficiencies",
        errors=frozenset({"NoMatchingError"}),
        flow_types=_CALL | QUEUE,
    ),
    "TransferContactToQueue": _spec(
        errors=frozenset({"QueueAtCapacity", "NoMatchingError"}), flow_types=_CALL
    ),
    "CheckHoursOfOperation": _spec(
        "HoursOfOperationId", conditions="true_false", flow_types=_CALL | QUEUE | WHISPER
    ),
    "CheckMetricData": _spec(
        "MetricType",
        "QueueId",
        "AgentId",
        errors=frozenset({"NoMatchingCondition", "NoMatchingError"}),
        required=frozenset({"MetricType"}),
        conditions="any",
        flow_types=_CALL | QUEUE,
    ),
    "UpdateContactRecordingBehavior": _spec(
        "RecordingBehavior", "AnalyticsBehavior", errors=frozenset({"NoMatchingError"})
    ),
    "UpdateContactData": _spec(
        "LanguageCode",
        "Name",
        "Description",
        "CustomerId",
        "References",
        "TargetContact",
        *VOICE_ID_SETTINGS,
        "WisdomSessionArn",
    ),
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
        "QueueId",
        "AgentId",
        "InitialCallDelaySeconds",
        "MaximumConnectionAttempts",
        "RetryDelaySeconds",
        "ContactFlowId",
    ),
    "UpdateFlowLoggingBehavior": _spec(
        "FlowLoggingBehavior", errors=frozenset(), required=frozenset({"FlowLoggingBehavior"})
    ),
    "Loop": _spec("LoopCount", errors=frozenset(), required=frozenset({"LoopCount"}), conditions="loop"),
    "MessageParticipantIteratively": _spec(
        "Messages",
        "InterruptFrequencySeconds",
        flow_types=QUEUE | HOLD,
        required=frozenset({"Messages"}),
        conditions="interrupted",
    ),
    "ConnectParticipantWithLexBot": _spec(
        *PROMPTS,
        "LexV2Bot",
        "LexBot",
        "LexSessionAttributes",
        "LexInitilizationData",
        "LexTimeoutSeconds",
        errors=frozenset({"NoMatchingCondition", "NoMatchingError", "InputTimeLimitExceeded"}),
        conditions="intents",
        flow_types=_CALL | QUEUE,
    ),
    "TransferToFlow": _spec("ContactFlowId", flow_types=_CALL, required=frozenset({"ContactFlowId"})),
    "EndFlowExecution": _spec(errors=frozenset(), flow_types=QUEUE | WHISPER | HOLD, terminal=True),
    "DisconnectParticipant": _spec(errors=frozenset(), terminal=True),
    # -- beyond the product's own flows ---------------------------------------------------
    "Wait": _spec(
        "TimeoutSeconds",
        "TimeLimitSeconds",  # [EXPORT] the name AWS's rules-engine and guide exports use
        "Events",
        errors=frozenset({"NoMatchingError", "NoMatchingCondition", "ParticipantNotFound"}),
        conditions="equals",
        flow_types=INBOUND | QUEUE,
    ),
    "GetMetricData": _spec("QueueId", "AgentId", "QueueChannel"),
    "DistributeByPercentage": _spec(
        errors=frozenset({"NoMatchingCondition"}), conditions="any", flow_types=_CALL | QUEUE | WHISPER
    ),
    "InvokeFlowModule": _spec("FlowModuleId", required=frozenset({"FlowModuleId"}), flow_types=_CALL | QUEUE),
    "EndFlowModuleExecution": _spec(errors=frozenset(), flow_types=frozenset({FLOW_MODULE}), terminal=True),
    "TransferContactToAgent": _spec(flow_types=_CALL),
    "DequeueContactAndTransferToQueue": _spec(
        "QueueId", "AgentId", errors=frozenset({"NoMatchingError", "QueueAtCapacity"}), flow_types=QUEUE
    ),
    "TransferParticipantToThirdParty": _spec(
        "ThirdPartyPhoneNumber",
        "ThirdPartyConnectionTimeoutSeconds",
        "ThirdPartyConnectionTimeLimitSeconds",  # [EXPORT] AWS's rules-engine flows
        "ContinueFlowExecution",
        "ThirdPartyDTMFDigits",
        "CallerId",
        "VoiceConnector",
        errors=frozenset({"NoMatchingError", "CallFailed", "ConnectionTimeLimitExceeded"}),
        flow_types=_CALL,
    ),
    "ShowView": _spec(
        "ViewResource",
        "InvocationTimeLimitSeconds",
        "ViewData",
        "SensitiveDataConfiguration",
        errors=frozenset({"NoMatchingError", "NoMatchingCondition", "TimeLimitExceeded"}),
        required=frozenset({"ViewResource"}),
        conditions="equals",
        flow_types=INBOUND | QUEUE,
    ),
    "CreateTask": _spec(
        "ContactFlowId",
        "Attributes",
        "Name",
        "Description",
        "References",
        "DelaySeconds",
        "ScheduledTime",
        "TaskTemplateId",
        required=frozenset({"Name"}),
    ),
    "TagContact": _spec("Tags", required=frozenset({"Tags"})),
    "UnTagContact": _spec("TagKeys", required=frozenset({"TagKeys"})),
    "UpdateFlowAttributes": _spec("FlowAttributes", required=frozenset({"FlowAttributes"})),
    "UpdateRoutingCriteria": _spec("RoutingCriteria", flow_types=_CALL | QUEUE),
    "UpdateContactRecordingAndAnalyticsBehavior": _spec(
        "VoiceBehavior", "ChatBehavior", "EmailBehavior", flow_types=_CALL | QUEUE | WHISPER
    ),
    "UpdateContactMediaStreamingBehavior": _spec(
        "MediaStreamingState", "Participants", "MediaStreamType", flow_types=_CALL | QUEUE | WHISPER
    ),
    "UpdatePreviousContactParticipantState": _spec(
        "PreviousContactParticipantState",
        required=frozenset({"PreviousContactParticipantState"}),
        flow_types=_CALL,
    ),
    "CompleteOutboundCall": _spec(
        "CallerId", "VoiceConnector", "ConnectionTimeLimitSeconds", errors=frozenset()
    ),
    "CheckOutboundCallStatus": _spec(conditions="call_status"),
    "ResumeContact": _spec(),
    "GetCustomerProfile": _spec(
        *PROFILE_DATA, errors=PROFILE_ERRORS, required=frozenset({"ProfileRequestData"})
    ),
    "CreateCustomerProfile": _spec(*PROFILE_DATA),
    "UpdateCustomerProfile": _spec(*PROFILE_DATA),
    "AssociateContactToCustomerProfile": _spec(*PROFILE_DATA, required=frozenset({"ProfileRequestData"})),
    "GetCustomerProfileObject": _spec(
        *PROFILE_DATA, errors=PROFILE_ERRORS, required=frozenset({"ProfileRequestData"})
    ),
    "GetCalculatedAttributesForCustomerProfile": _spec(
        *PROFILE_DATA,
        errors=frozenset({"NoMatchingError", "NoneFoundError"}),
        required=frozenset({"ProfileRequestData"}),
    ),
    "CreateCase": _spec(
        "LinkContactToCase",
        "CaseTemplateId",
        "CaseRequestFields",
        errors=CASE_ERRORS,
        required=frozenset({"CaseTemplateId"}),
    ),
    "GetCase": _spec(
        "LinkContactToCase",
        "GetLastUpdatedCase",
        "CustomerId",
        "CaseRequestFields",
        "CaseResponseFields",
        errors=CASE_ERRORS | {"MultipleFound", "NoneFound"},
    ),
    "UpdateCase": _spec(
        "LinkContactToCase", "CaseId", "CaseRequestFields", errors=CASE_ERRORS, required=frozenset({"CaseId"})
    ),
    # -- documented, but the local cloud cannot honour them: run to their error branch ------
    "CheckVoiceId": _spec(
        "CheckVoiceIdOption",
        errors=frozenset({"NoMatchingError", "NoMatchingCondition"}),
        conditions="equals",
        flow_types=_CALL | QUEUE | WHISPER,
    ),
    "StartVoiceIdStream": _spec(flow_types=_CALL | QUEUE | WHISPER),
    "CreateWisdomSession": _spec("WisdomAssistantArn", required=frozenset({"WisdomAssistantArn"})),
    "StartOutboundChatContact": _spec(
        "SourceEndpoint",
        "DestinationEndpoint",
        "ContactFlowArn",
        "ContactSubtype",
        "InitialSystemMessage",
        "RelatedContact",
        required=frozenset({"SourceEndpoint", "DestinationEndpoint", "ContactFlowArn", "ContactSubtype"}),
    ),
    "UpdateContactMediaProcessing": _open(),  # [UNCONFIRMED] its parameters are not in the docs read
}

EVENT_HOOKS = frozenset(
    {
        "CustomerQueue",
        "CustomerHold",
        "CustomerWhisper",
        "AgentHold",
        "AgentWhisper",
        "CustomerRemaining",
        "DefaultAgentUI",
        "DisconnectAgentUI",
        "PauseContact",
        "ResumeContact",
    }
)


@dataclass
class Flow:
    name: str
    flow_type: str
    start: str
    actions: dict[str, dict[str, Any]] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)


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


def known_path(path: str) -> bool:
    """A JSONPath the simulator resolves: a documented namespace, or a system attribute."""
    head = re.split(r"[.\[]", path[2:], maxsplit=1)[0]
    rest = path[2 + len(head) :]
    if head in SYSTEM:
        return not rest
    return head in NAMESPACES  # "$.Views" alone reads the whole namespace, as JSON


def validate(document: dict[str, Any], flow_type: str, name: str) -> Flow:
    """Check ``document`` as flow language of ``flow_type``; the flow, ready to run. Every
    problem found is listed in the one FlowError raised."""
    flow, problems = check(document, flow_type, name)
    if problems or flow is None:
        raise FlowError("\n".join(problems))
    return flow


def check(document: dict[str, Any], flow_type: str, name: str) -> tuple[Flow | None, list[str]]:
    """The flow and every problem of ``document`` (an empty list: it runs)."""
    problems: list[str] = []
    if flow_type not in ALL:
        known = ", ".join(sorted(ALL))
        return None, [f"{name}: flow type {flow_type!r} is not a flow type Amazon Connect has ({known})"]
    if not isinstance(document, dict):
        return None, [f"{name}: the flow: a flow is a JSON object"]
    unknown_top = set(document) - {"Version", "StartAction", "Metadata", "Actions", "Settings"}
    if unknown_top:
        problems.append(str(_problem(name, None, f"unknown top-level keys {sorted(unknown_top)}")))
    if document.get("Version") != VERSION:
        message = f"Version must be {VERSION!r}, not {document.get('Version')!r}"
        problems.append(str(_problem(name, None, message)))
    actions = document.get("Actions")
    if not isinstance(actions, list) or not actions:
        return None, [*problems, str(_problem(name, None, "Actions must be a non-empty list"))]
    if len(actions) > 250:
        problems.append(str(_problem(name, None, "a flow has at most 250 actions")))
    found = document.get("Metadata")
    metadata: dict[str, Any] = found if isinstance(found, dict) else {}
    flow = Flow(name=name, flow_type=flow_type, start=str(document.get("StartAction")), metadata=metadata)
    for action in actions:
        if not isinstance(action, dict):
            problems.append(str(_problem(name, None, "each action is a JSON object")))
            continue
        identifier = action.get("Identifier")
        if not isinstance(identifier, str) or not identifier or len(identifier) > 50:
            problems.append(str(_problem(name, action, "Identifier must be a string of 1-50 characters")))
        elif identifier in flow.actions:
            problems.append(str(_problem(name, action, "duplicate Identifier")))
        else:
            flow.actions[identifier] = action
    if flow.start not in flow.actions:
        problems.append(str(_problem(name, None, f"StartAction {flow.start!r} is not an action")))
    for action in flow.actions.values():
        for part in (_check_action, _check_transitions_of):
            try:
                part(name, flow, action)
            except FlowError as problem:
                problems.append(str(problem))
    return flow, problems


def _spec_of(name: str, action: dict[str, Any]) -> ActionSpec:
    kind = str(action.get("Type"))
    spec = ACTIONS.get(kind)
    if spec is None:
        where = (
            "a documented action type the simulator lacks" if kind in ALL_DOCUMENTED else "not an action type"
        )
        raise _problem(
            name, action, f"action type {kind!r} is {where} (docs/connect-flow-language.md lists them)"
        )
    return spec


def _check_action(name: str, flow: Flow, action: dict[str, Any]) -> None:
    spec = _spec_of(name, action)
    kind = str(action.get("Type"))
    if kind in UNAVAILABLE and not _has_branch(action, "NoMatchingError"):
        raise _problem(
            name,
            action,
            f"{kind} is documented but not simulated: {UNAVAILABLE[kind]}; "
            "without a NoMatchingError branch the call could not go on",
        )
    if flow.flow_type not in spec.flow_types:
        raise _problem(name, action, f"{kind} is not allowed in a {flow.flow_type} flow")
    parameters = action.get("Parameters", {})
    if not isinstance(parameters, dict):
        raise _problem(name, action, "Parameters must be an object")
    if spec.parameters is not None and (unknown := set(parameters) - spec.parameters):
        raise _problem(
            name, action, f"unknown parameters {sorted(unknown)} (known: {sorted(spec.parameters)})"
        )
    if missing := spec.required - set(parameters):
        raise _problem(name, action, f"missing parameters {sorted(missing)}")
    if "${" in repr(parameters):
        raise _problem(name, action, "a ${placeholder} was not substituted")
    for path in _paths_in(parameters):
        if not known_path(path):
            raise _problem(name, action, f"JSONPath {path} is not one the simulator resolves")
    _check_parameters(name, action, kind, parameters)


def _has_branch(action: dict[str, Any], kind: str) -> bool:
    errors = action.get("Transitions", {}).get("Errors", [])
    return any(isinstance(e, dict) and e.get("ErrorType") == kind for e in errors)


def _check_transitions_of(name: str, flow: Flow, action: dict[str, Any]) -> None:
    try:
        spec = _spec_of(name, action)
    except FlowError:
        return  # reported once, by _check_action
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
        limit = 60 if parameters.get("InvocationType") == "ASYNCHRONOUS" else 8
        if not _whole(parameters["InvocationTimeLimitSeconds"], 1, limit):
            raise _problem(
                name,
                action,
                f"InvocationTimeLimitSeconds must be 1-{limit} (Connect waits at most {limit} s)",
            )
        response = parameters.get("ResponseValidation", {}).get("ResponseType", "STRING_MAP")
        if response not in ("STRING_MAP", "JSON"):
            raise _problem(name, action, f"ResponseType {response!r} is neither STRING_MAP nor JSON")
        invocation = parameters.get("InvocationType", "SYNCHRONOUS")
        if invocation not in ("SYNCHRONOUS", "ASYNCHRONOUS"):
            raise _problem(
                name, action, f"InvocationType {invocation!r} is neither SYNCHRONOUS nor ASYNCHRONOUS"
            )
    priority = parameters.get("QueuePriority", "1") if kind == "UpdateContactRoutingBehavior" else "1"
    if not _whole(priority, 1, 9_999_999) and not _is_path(priority):
        raise _problem(name, action, "QueuePriority must be a whole number of at least 1")
    if kind == "UpdateContactEventHooks":
        hooks = parameters["EventHooks"]
        if len(hooks) != 1 or not set(hooks) <= EVENT_HOOKS:
            raise _problem(name, action, f"EventHooks must name exactly one of {sorted(EVENT_HOOKS)}")
    if kind == "CheckMetricData" and parameters["MetricType"] not in METRICS:
        raise _problem(
            name, action, f"MetricType {parameters['MetricType']!r} is not one of {sorted(METRICS)}"
        )
    if (
        kind == "Loop"
        and not _whole(parameters["LoopCount"], 0, 100)
        and not _is_path(parameters["LoopCount"])
    ):
        raise _problem(name, action, "LoopCount must be a whole number 0-100 or a single JSONPath")
    if kind == "UpdateFlowLoggingBehavior" and parameters["FlowLoggingBehavior"] not in (
        "Enabled",
        "Disabled",
    ):
        raise _problem(name, action, "FlowLoggingBehavior is Enabled or Disabled")
    if kind == "CreateTask":
        if "DelaySeconds" in parameters and "ScheduledTime" in parameters:
            raise _problem(name, action, "give DelaySeconds or ScheduledTime, not both")
        delay = parameters.get("DelaySeconds", "1")
        if not _whole(delay, 1, 518_400) and not _is_path(delay):
            raise _problem(name, action, "DelaySeconds must be 1-518400 (six days) or a single JSONPath")
    wait = "TimeoutSeconds" if "TimeoutSeconds" in parameters else "TimeLimitSeconds"
    if kind == "Wait" and wait in parameters:
        timeout = parameters[wait]
        if not _whole(timeout, 1, 604_800) and not _is_path(timeout):
            raise _problem(name, action, "TimeoutSeconds must be 1-604800 (seven days) or a single JSONPath")


def _whole(value: Any, low: int, high: int) -> bool:
    return bool(re.fullmatch(r"[0-9]+", str(value))) and low <= int(value) <= high


def _is_path(value: Any) -> bool:
    return isinstance(value, str) and bool(ANY_JSONPATH.fullmatch(value))


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
            spec.conditions
            in ("digits", "true_false", "loop", "interrupted", "intents", "equals", "call_status")
            and detail["Operator"] != "Equals"
        ):
            raise _problem(name, action, "this action's conditions use only Equals")
        operands.append(str(detail["Operands"][0]))
        targets.append(condition.get("NextAction"))
    if spec.conditions == "digits" and any(not re.fullmatch(r"[0-9*#]", o) for o in operands):
        raise _problem(name, action, "menu conditions are single keys 0-9, * or #")
    if spec.conditions == "call_status" and not set(operands) <= CALL_STATUSES:
        raise _problem(name, action, f"call status conditions are among {sorted(CALL_STATUSES)}")
    if spec.conditions in _CONDITION_RULES:
        expected, description = _CONDITION_RULES[spec.conditions]
        optional = spec.conditions == "interrupted" and not operands  # waiting without interruption
        if not optional and (set(operands) != expected or len(operands) != len(expected)):
            raise _problem(name, action, f"needs {description}")
    if not targets and spec.conditions != "interrupted":
        # (prompts looped without transitions play until the hold or the wait ends, as in
        # AWS's own hold flows)
        raise _problem(name, action, "leads nowhere: no NextAction, condition or error branch")
    for target in targets:
        if target not in flow.actions:
            raise _problem(name, action, f"branches to {target!r}, which is not an action of the flow")
