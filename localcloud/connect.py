"""The local Amazon Connect: the instance, hours, queues and flows the CDK app creates, its
contact center (agents, queues, routing: localcloud.contact_center), and the queue
conditions a test may set instead of the contact center's figures.

moto knows only a handful of Connect instance APIs. The functions also call
GetCurrentMetricData (routing's overflow), StartTaskContact (agent tasks: callbacks and
follow-up calls) and StartChatContact (the help center's chats: ``localcloud.chat``); this
module adds them to moto's Connect, and the contact center's own operations
(contact_center.api), so the functions and boto3 callers run unchanged.

Queue conditions are an explicit override, per queue: a fresh instance has one for every
queue (an agent free everywhere, and no agent modelled: what the flow tests and
``contactcenter call`` want); ``use_model()`` drops them, and the contact center's agents and
queues answer instead (the traffic generator, the contact-center tests).
"""

import json
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from moto.connect import responses as moto_responses
from moto.connect import urls as moto_urls

import catalog
from localcloud.chat import LocalChats
from localcloud.contact_center import ContactCenter
from localcloud.contact_center import api as center_api
from localcloud.contact_center.figures import QueueFigures, queue_figures

_METRICS_PATH = "{0}/metrics/current/(?P<InstanceId>[^/]+)$"
_TASK_PATH = "{0}/contact/task$"
_CHAT_PATH = "{0}/contact/chat$"
_current: "LocalConnect | None" = None


@dataclass
class QueueConditions:
    """What Connect's real-time metrics say about a queue."""

    agents_available: int = 1
    contacts_in_queue: int = 0
    oldest_contact_age: int = 0  # seconds

    @property
    def expected_wait(self) -> int:
        return 0 if self.agents_available > 0 else self.oldest_contact_age

    def figures(self) -> QueueFigures:
        """As real-time figures: an agent who is not available is busy on a contact when
        someone is waiting."""
        busy = 1 if self.agents_available == 0 and self.oldest_contact_age > 0 else 0
        return QueueFigures(
            agents_online=self.agents_available + busy,
            agents_available=self.agents_available,
            agents_on_contact=busy,
            agents_staffed=self.agents_available + busy,
            contacts_in_queue=self.contacts_in_queue,
            oldest_contact_age=self.oldest_contact_age,
        )


@dataclass(frozen=True)
class AgentTask:
    """A task contact: work an agent in ``queue`` picks up (e.g. "call this customer back")."""

    contact_id: str
    name: str
    description: str
    attributes: dict[str, str]
    queue: str  # the queue key, from the queue_arn attribute the task flow routes on
    flow_id: str
    client_token: str | None


@dataclass
class LocalConnect:
    instance_id: str
    instance_arn: str
    conditions: dict[str, QueueConditions] = field(default_factory=dict)  # overrides, by queue
    center: ContactCenter = field(default_factory=ContactCenter)
    open_override: bool | None = None  # force hours open (True) or closed (False)
    now: datetime | None = None  # the simulated time; None: the wall clock
    tasks: list[AgentTask] = field(default_factory=list)  # StartTaskContact, in order
    # Each simulated contact's attributes by contact id (the flow's own dict, so what a flow
    # sets later shows too): GetContactAttributes, the agent's screen pop.
    contact_attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    # Runs a task through its contact flow (the local cloud sets it):
    # (flow id, attributes, contact id) -> queue
    task_router: Callable[[str, dict[str, str], str], str | None] | None = None
    chats: LocalChats = field(default_factory=LocalChats)  # StartChatContact's live chats
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        global _current
        for queue in catalog.CONNECT_QUEUES:
            self.conditions.setdefault(queue.key, QueueConditions())
        _current = self  # the instance moto's Connect answers metrics for
        self.chats.watch(self.center)

    # -- names ----------------------------------------------------------------------------

    def queue_arn(self, key: str) -> str:
        return f"{self.instance_arn}/queue/{key}"

    def hours_arn(self, key: str) -> str:
        return f"{self.instance_arn}/operating-hours/{key}"

    def flow_arn(self, key: str) -> str:
        return f"{self.instance_arn}/contact-flow/{key}"

    def lex_bot_alias_arn(self, key: str) -> str:
        """A Lex V2 bot alias, as the flows name it (Lex is not emulated: the simulator calls
        the alias's code hook itself)."""
        region, account = self.instance_arn.split(":")[3:5]
        return f"arn:aws:lex:{region}:{account}:bot-alias/LOCAL{key.upper()}/LOCALALIAS"

    def queue_key(self, reference: str) -> str:
        """The queue a flow or an API names, by ARN or id."""
        key = reference.rsplit("/", 1)[-1]
        if key not in {q.key for q in catalog.CONNECT_QUEUES}:
            raise KeyError(f"no queue {reference!r} on the local Connect instance")
        return key

    def hours_key(self, reference: str) -> str:
        key = reference.rsplit("/", 1)[-1]
        if key not in {h.key for h in catalog.CONNECT_HOURS}:
            raise KeyError(f"no hours of operation {reference!r} on the local Connect instance")
        return key

    def queue_hours(self, queue_key: str) -> str:
        return next(q.hours for q in catalog.CONNECT_QUEUES if q.key == queue_key)

    # -- the contact center ---------------------------------------------------------------

    def use_model(self) -> None:
        """Every queue's figures from the contact center, not from queue conditions."""
        self.conditions.clear()

    @contextmanager
    def emptied_center(self) -> Iterator[ContactCenter]:
        """The contact center answering every queue, emptied, for the block (a test's, a run's);
        after it, emptied again and the queue conditions back."""
        saved = dict(self.conditions)
        self.use_model()
        self.center.reset()
        try:
            yield self.center
        finally:
            self.center.reset()
            self.conditions.update(saved)

    def modelled(self, queue_key: str) -> bool:
        """Whether the contact center (not a queue condition) has the queue."""
        return queue_key not in self.conditions

    def figures(self, queues: list[str], channel: str | None = None) -> QueueFigures:
        """The real-time figures of ``queues``: a queue condition where one is set, else the
        contact center's (several queues: summed where conditions are set, else each agent
        once)."""
        if all(self.modelled(q) for q in queues):
            return queue_figures(self.center, queues, self.center.clock.now(), channel)
        parts = [
            self.figures([q], channel) if self.modelled(q) else self.conditions[q].figures() for q in queues
        ]
        return QueueFigures(
            **{
                name: (max if name == "oldest_contact_age" else sum)(getattr(p, name) for p in parts)
                for name in QueueFigures.__dataclass_fields__
            }
        )

    # -- behaviour ------------------------------------------------------------------------

    def is_open(self, hours_key: str) -> bool:
        if self.open_override is not None:
            return self.open_override
        spec = next(h for h in catalog.CONNECT_HOURS if h.key == hours_key)
        moment = (self.now or datetime.now(UTC)).astimezone(ZoneInfo(spec.time_zone))
        window = spec.weekly.get(moment.strftime("%A").upper())
        if window is None:
            return False
        start, end = (time.fromisoformat(t) for t in window)
        return start <= moment.time() < end

    def start_task(self, request: dict[str, Any]) -> str:
        """StartTaskContact: a client token seen before gives the same task, as in Connect."""
        token = request.get("ClientToken")
        with self._lock:
            for task in self.tasks:
                if token and task.client_token == token:
                    return task.contact_id
            return self._new_task(request, token)

    def _new_task(self, request: dict[str, Any], token: str | None) -> str:
        attributes = dict(request.get("Attributes") or {})
        flow_id = str(request.get("ContactFlowId", ""))
        if self.task_router is None:
            raise RuntimeError("the local Connect instance has no task router (the local cloud sets one)")
        contact_id = str(uuid.uuid4())  # the task's contact, also in the contact center's queue
        queue = self.task_router(flow_id, attributes, contact_id)
        if queue is None:
            raise ValueError(f"contact flow {flow_id} did not put the task in a queue")
        task = AgentTask(
            contact_id=contact_id,
            name=str(request.get("Name", "")),
            description=str(request.get("Description", "")),
            attributes=attributes,
            queue=queue,
            flow_id=flow_id,
            client_token=token,
        )
        self.tasks.append(task)
        return task.contact_id

    def tasks_for(self, attribute: str, value: str) -> list[AgentTask]:
        return [task for task in self.tasks if task.attributes.get(attribute) == value]


def contact_flow_event(
    parameters: dict[str, str],
    *,
    caller: str,
    instance_arn: str,
    contact_id: str = "5ca32fbd-8f92-46af-92a5-6b0f970f0efe",
    channel: str = "VOICE",
    dialed: str = "+31201110000",
    attributes: dict[str, str] | None = None,
    language: str = "en-US",
    queue: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The ContactFlowEvent Connect sends a function an InvokeLambdaFunction block calls."""
    return {
        "Name": "ContactFlowEvent",
        "Details": {
            "ContactData": {
                "Attributes": dict(attributes or {}),
                "Channel": channel,
                "ContactId": contact_id,
                "CustomerEndpoint": {"Address": caller, "Type": "TELEPHONE_NUMBER"},
                "InitialContactId": contact_id,
                "InitiationMethod": "INBOUND",
                "InstanceARN": instance_arn,
                "LanguageCode": language,
                "PreviousContactId": contact_id,
                "Queue": queue,
                "SystemEndpoint": {"Address": dialed, "Type": "TELEPHONE_NUMBER"},
            },
            "Parameters": parameters,
        },
    }


def install_api() -> None:
    """Teach moto's Connect the calls the functions make (before moto builds its routes)."""
    moto_urls.url_paths.setdefault(_METRICS_PATH, moto_responses.ConnectResponse.dispatch)
    moto_urls.url_paths.setdefault(_TASK_PATH, moto_responses.ConnectResponse.dispatch)
    moto_urls.url_paths.setdefault(_CHAT_PATH, moto_responses.ConnectResponse.dispatch)
    moto_responses.ConnectResponse.get_current_metric_data = _get_current_metric_data  # type: ignore[attr-defined]
    moto_responses.ConnectResponse.start_task_contact = _start_task_contact  # type: ignore[attr-defined]
    moto_responses.ConnectResponse.start_chat_contact = _start_chat_contact  # type: ignore[attr-defined]
    center_api.install(lambda: _current)


def _start_task_contact(response: Any) -> str:
    if _current is None:
        raise RuntimeError("no local Connect instance")
    body = json.loads(response.body or "{}")
    return json.dumps({"ContactId": _current.start_task(body)})


def _start_chat_contact(response: Any) -> str:
    if _current is None:
        raise RuntimeError("no local Connect instance")
    return json.dumps(_current.chats.start(json.loads(response.body or "{}")))


def _get_current_metric_data(response: Any) -> str:
    if _current is None:
        raise RuntimeError("no local Connect instance")
    body = json.loads(response.body or "{}")
    return json.dumps(center_api.Api(_current).get_current_metric_data(body))
