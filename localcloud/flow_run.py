"""One contact in the simulator: its data (what the flow's JSONPaths read), the caller's
script, and the transcript. Shared by the simulator and its action modules
(``localcloud.flow_actions``)."""

import json
import re
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import catalog
from localcloud.flow_language import ANY_JSONPATH, FlowError

HIDDEN = "*** (flow logging off)"
ATTRIBUTE_LIMIT = 32 * 1024  # Connect: all of a contact's attributes, at most 32 KB (UTF-8)


@dataclass
class Step:
    """One block's transcript line and JSON step. A block that says several things (a prompt
    and the keys pressed, a chat with a bot, queue messages) keeps each in ``parts`` (the
    line joins them with " | ", the kind joins theirs with "+")."""

    action: str
    kind: str  # say | input | lambda | attributes | queue | priority | recording | language | hours | ...
    text: str
    data: dict[str, Any] = field(default_factory=dict)
    parts: list["Step"] = field(default_factory=list)

    def lines(self) -> list["Step"]:
        return self.parts or [self]

    def add(self, part: "Step") -> None:
        if not self.parts:
            self.parts = [Step(self.action, self.kind, self.text, self.data)]
        self.parts.append(part)
        kinds = list(dict.fromkeys(p.kind for p in self.parts))
        self.kind, self.text, self.data = "+".join(kinds), " | ".join(p.text for p in self.parts), {}


@dataclass
class CallResult:
    contact_id: str  # also the Lex session's id in a chat
    flow: str
    channel: str
    caller: str
    outcome: str  # connected | waiting | callback | disconnected | ended | transferred
    queue: str | None
    queue_key: str | None
    priority: int | None
    attributes: dict[str, str]
    callback: dict[str, Any] | None
    steps: list[Step]
    tags: dict[str, str] = field(default_factory=dict)
    tasks: list[dict[str, Any]] = field(default_factory=list)
    blocks: int = 0  # blocks run: one step each
    # each block passed: flow, block, type, at, logged ("true" while flow logging was on)
    path: list[dict[str, str]] = field(default_factory=list)
    started_at: str = ""  # ISO 8601, UTC
    language: str = ""  # the contact's language code at the end (en-US, nl-NL, ...)
    ended_at: str = ""

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "prompts": self.prompts()}

    def lines(self) -> list[Step]:
        """Everything the blocks said, one entry per thing (a block's parts, in order)."""
        return [line for step in self.steps for line in step.lines()]

    def prompts(self) -> list[str]:
        return [line.data["text"] for line in self.lines() if line.kind == "say" and line.data]

    def lambda_results(self, function: str) -> list[dict[str, Any]]:
        """What ``function`` answered, in the steps the transcript shows (not those hidden)."""
        return [
            s.data["result"]
            for s in self.lines()
            if s.kind == "lambda" and s.data and s.data["function"].endswith(function)
        ]


@dataclass
class Contact:
    contact_id: str
    channel: str
    caller: str
    dialed: str
    attributes: dict[str, str] = field(default_factory=dict)
    external: dict[str, Any] = field(default_factory=dict)
    stored_input: str = ""
    language: str = "en-US"
    queue: str | None = None  # a catalog queue key
    queue_arn: str = ""
    agent_queue: str | None = None  # an agent's queue (UpdateContactTargetQueue AgentId)
    priority: int | None = None
    hooks: dict[str, str] = field(default_factory=dict)
    callback_number: str | None = None
    callback: dict[str, Any] | None = None
    lex_attributes: dict[str, str] = field(default_factory=dict)
    lex_intent: str = ""
    logging: bool = True
    loops: dict[str, int] = field(default_factory=dict)
    interrupts: int = 0
    flow_attributes: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    customer: dict[str, Any] = field(default_factory=dict)  # $.Customer: the profile found
    case: dict[str, Any] = field(default_factory=dict)  # $.Case
    views: dict[str, Any] = field(default_factory=dict)  # $.Views: the last view's result
    routing_criteria: Any = None
    name: str = ""
    description: str = ""
    customer_id: str = ""
    references: dict[str, Any] = field(default_factory=dict)
    voice: str = ""
    tasks: list[dict[str, Any]] = field(default_factory=list)
    invocations: dict[str, Any] = field(default_factory=dict)  # $.LambdaInvocation: the last async call


class End(Exception):
    def __init__(self, outcome: str) -> None:
        self.outcome = outcome


class ModuleReturn(Exception):
    """EndFlowModuleExecution: back to the flow that invoked the module."""


class Script:
    """What the caller presses or the chatter writes, line by line: a list given in advance
    here; a live chat's lines as they arrive in ``localcloud.chat.LiveScript``."""

    def __init__(self, lines: Iterable[str] = ()) -> None:
        self._lines = deque(lines)

    def waiting(self) -> bool:
        """Whether the caller has another line (a live chatter: writes one before long)."""
        return bool(self._lines)

    def next(self) -> str | None:
        """The next line; None when there is none (a timeout)."""
        return self._lines.popleft() if self._lines else None


@dataclass
class Run:
    """One call in progress: the contact, what the caller still has to say, the transcript."""

    contact: Contact
    script: Script
    steps: list[Step]
    views: deque[str] = field(default_factory=deque)  # scripted ShowView results, in order
    blocks: int = 0  # actions run, across transferred flows and modules
    block: int = 0  # the block running now (its number), whose step a log line joins
    block_steps: dict[int, Step] = field(default_factory=dict)
    # the blocks passed: flow, block, type, at, logged ("true" while flow logging was on)
    path: list[dict[str, str]] = field(default_factory=list)
    listener: Callable[[Step], None] | None = None  # told of each step once its block is done
    told: int = 0
    speaker: Callable[[str], None] | None = None  # told at once of each thing the flow says (a live chat)

    def flush(self) -> None:
        """Hand the finished steps to the listener (a block is done when the next one starts:
        a block that runs a flow or module says what it does before it runs it)."""
        if self.listener is None:
            return
        while self.told < len(self.steps):
            self.listener(self.steps[self.told])
            self.told += 1

    def log(self, action: str, kind: str, line: str, sensitive: bool = False, **data: Any) -> None:
        """A part of the running block's one transcript line and step; a ``sensitive`` part is
        hidden while flow logging is off."""
        hidden = sensitive and not self.contact.logging
        if kind == "say" and self.speaker is not None:
            self.speaker(str(data.get("text", "")))
        step = Step(action, kind, HIDDEN if hidden else line, {} if hidden else data)
        open_step = self.block_steps.get(self.block) if self.block else None
        if open_step is not None:
            open_step.add(step)
            return
        self.steps.append(step)
        if self.block:
            self.block_steps[self.block] = step


def queue_name(key: str | None) -> str:
    return next((q.name for q in catalog.CONNECT_QUEUES if q.key == key), "")


def _walk(value: Any, keys: list[str]) -> str:
    for key in keys:
        if isinstance(value, str) and value[:1] in "{[":
            try:
                value = json.loads(value)
            except ValueError:
                return ""
        if isinstance(value, dict):
            value = value.get(key, "")
        elif isinstance(value, list) and key.isdigit() and int(key) < len(value):
            value = value[int(key)]
        else:
            return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _keys(path: str) -> list[str]:
    """$.Attributes['a b'].c -> ["Attributes", "a b", "c"]."""
    return [m.group(1) or m.group(2) or m.group(3) or m.group(4) for m in _KEY.finditer(path[2:])]


_KEY = re.compile(r"([A-Za-z0-9_\-]+)|\['([^']*)'\]|\[\"([^\"]*)\"\]|\[([0-9]+)\]")


def lookup(path: str, contact: Contact, instance_arn: str = "") -> str:
    """What a JSONPath reads on this contact ("" for a key that is not set, as in Connect)."""
    keys = _keys(path)
    head, rest = keys[0], keys[1:]
    namespaces: dict[str, Any] = {
        "Attributes": contact.attributes,
        "External": contact.external,
        "FlowAttributes": contact.flow_attributes,
        "Metrics": contact.metrics,
        "Customer": contact.customer,
        "Case": contact.case,
        "Tags": contact.tags,
        "Views": contact.views,
        "References": contact.references,
        "Lex": {
            "SessionAttributes": contact.lex_attributes,
            "IntentName": contact.lex_intent,
        },
        "Queue": {"Name": queue_name(contact.queue), "ARN": contact.queue_arn if contact.queue else ""},
        "CustomerEndpoint": {"Address": contact.caller, "Type": "TELEPHONE_NUMBER"},
        "SystemEndpoint": {"Address": contact.dialed, "Type": "TELEPHONE_NUMBER"},
        "RoutingCriteria": contact.routing_criteria or {},
        "LambdaInvocation": contact.invocations,
    }
    if head in namespaces:
        return _walk(namespaces[head], rest)
    simple = {
        "StoredCustomerInput": contact.stored_input,
        "Channel": contact.channel,
        "LanguageCode": contact.language,
        "ContactId": contact.contact_id,
        "InitialContactId": contact.contact_id,
        "PreviousContactId": contact.contact_id,
        "InitiationMethod": "API" if contact.channel == "TASK" else "INBOUND",
        "Name": contact.name,
        "Description": contact.description,
        "CustomerId": contact.customer_id,
        "TextToSpeechVoiceId": contact.voice,
        "InstanceARN": instance_arn,
        "AwsRegion": instance_arn.split(":")[3] if instance_arn.count(":") > 3 else "",
        "CustomerCallbackNumber": contact.callback_number or contact.caller,
        "CustomerCallBackPhoneNumber": contact.callback_number or contact.caller,  # [EXPORT] rules engine
    }
    if head in simple and not rest:
        return simple[head]
    if head in _EMPTY:
        return ""  # namespaces the local Connect leaves empty (no agent has answered in a flow)
    raise FlowError(f"the simulator cannot resolve {path}")


_EMPTY = frozenset(
    {
        "Agent",
        "MediaStreams",
        "SegmentAttributes",
        "Task",
        "Campaign",
        "Recording",
        "Modules",
        "ContactDetails",
        "Email",
        "AuthenticationProfile",
        "Wisdom",
    }
)


def resolve(value: Any, contact: Contact, instance_arn: str = "") -> str:
    """A parameter's value: a JSONPath, or text with JSONPaths inside, resolved."""
    text = str(value)
    return ANY_JSONPATH.sub(lambda m: lookup(m.group(0), contact, instance_arn), text)


def resolve_all(value: Any, contact: Contact) -> Any:
    """Every string inside a parameter object, resolved."""
    if isinstance(value, str):
        return resolve(value, contact)
    if isinstance(value, dict):
        return {k: resolve_all(v, contact) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve_all(v, contact) for v in value]
    return value


PROMPT_KEYS = ("Text", "SSML", "PromptId")


def prompt(parameters: Mapping[str, Any], contact: Contact) -> str:
    for key in ("Text", "SSML"):
        if key in parameters:
            return resolve(parameters[key], contact)
    if "PromptId" in parameters:
        return f"(recorded prompt {resolve(parameters['PromptId'], contact)})"
    if "Media" in parameters:
        media = parameters["Media"]
        uri = media.get("Uri", "") if isinstance(media, dict) else ""
        return f"(audio {resolve(uri, contact)})"
    return ""


def attributes_size(attributes: Mapping[str, str]) -> int:
    return sum(len(k.encode()) + len(v.encode()) for k, v in attributes.items())
