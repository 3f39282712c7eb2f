"""The product's resources as data: what the CDK app deploys and the local cloud provisions.

Both clouds build from this module and nothing else, so they cannot disagree about which
tables, buses, functions and state machines exist, which function may touch what, or which
environment a function is given. Tests compare the synthesized templates with it.
"""

import importlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

from pynamodb.models import Model

from contactcenter.articles.models import ArticleFeedback, ArticleItem, ArticleVersion
from contactcenter.audit.models import AuditRecord
from contactcenter.callbacks.calling_hours import DEFAULT_WINDOW
from contactcenter.callbacks.models import Callback, DoNotCall
from contactcenter.chat.models import ChatSession
from contactcenter.constants import (
    APP_NAME,
    BUCKET_ATTACHMENTS,
    BUS_DOMAIN,
    METRICS_NAMESPACE,
    STACK_API,
    STACK_CONTACT_CENTER,
    STACK_WORKFLOWS,
    STATE_MACHINE_CALLBACK,
    STATE_MACHINE_COMPLAINT,
    STATE_MACHINE_HEALTHCHECK,
    TABLE_ACCOUNTS,
    TABLE_AGENTS,
    TABLE_ARTICLE_FEEDBACK,
    TABLE_ARTICLE_VERSIONS,
    TABLE_ARTICLES,
    TABLE_AUDIT,
    TABLE_CALLBACKS,
    TABLE_CHAT_SESSIONS,
    TABLE_CUSTOMER_HISTORY,
    TABLE_CUSTOMER_KEYS,
    TABLE_CUSTOMERS,
    TABLE_DEPARTMENTS,
    TABLE_DO_NOT_CALL,
    TABLE_IDEMPOTENCY,
    TABLE_NOTIFICATIONS,
    TABLE_SLA_CONFIG,
    TABLE_TICKET_EVENTS,
    TABLE_TICKETS,
    Env,
)
from contactcenter.customers.models import Account, Customer, CustomerKey, HistoryEntry
from contactcenter.directory.models import Agent, Department
from contactcenter.idempotency_model import IdempotencyRecord
from contactcenter.sla.models import ConfigItem, Notification
from contactcenter.tickets.models import Ticket, TimelineEntry
from infra.tables import TableDefinition, table_definition

ROOT = Path(__file__).resolve().parent.parent
ESCALATION_FUNCTION = "sla_escalations"
CHAT_BOT_FUNCTION = "chat_bot"
KNOWLEDGE_INDEXER_FUNCTION = "knowledge_indexer"
CHAT_BOT = "chat"  # the Lex V2 bot whose code hook CHAT_BOT_FUNCTION is
SLA_TOPICS = ("supervisor", "department_head", "assignee")  # SNS topics escalations go to, by role
FUNCTIONS_DIR = ROOT / "functions"
STATE_MACHINES_DIR = ROOT / "infra" / "statemachines"


# Asynchronous invocations: Lambda's retries, then the on-failure destination.
ASYNC_RETRIES = 2
ASYNC_MAX_EVENT_AGE_SECONDS = 6 * 3600
# Stream-invoked functions: records per batch (a failed one is reported, not the whole batch).
STREAM_BATCH_SIZE = 10


class Access(StrEnum):
    """What a function may do with a table. Scan is never granted: no request path scans."""

    DESCRIBE = "describe"
    READ = "read"
    APPEND = "append"  # PutItem only: the audit log is written, never changed
    READ_WRITE = "read_write"


@dataclass(frozen=True)
class TableSpec:
    key: str
    model: type[Model]
    customer_data: bool  # CloudTrail records data events (who read or wrote) for these

    @property
    def definition(self) -> TableDefinition:
        return table_definition(self.key, self.model)


@dataclass(frozen=True)
class FunctionSpec:
    name: str
    stack: str
    description: str
    memory_mb: int
    timeout_seconds: int
    tables: Mapping[str, Access] = field(default_factory=dict)
    buckets: Mapping[str, Access] = field(default_factory=dict)  # object keys of the bucket
    publishes_to: tuple[str, ...] = ()  # event buses it may PutEvents to
    stream_from: str | None = None  # a table whose stream invokes it (batches, partial failures)
    cognito_trigger: bool = False  # the user pool's pre-token-generation trigger
    connect_flows: bool = False  # invoked by the contact flows (Connect may call it)
    routing: bool = False  # gets the routing rules and may read Connect's queue metrics
    connect_queues: bool = False  # gets the Connect queues (ARNs, calling hours)
    agent_tasks: bool = False  # may create Connect tasks for agents (and gets the queues)
    acknowledges: bool = False  # may send customers e-mail (SES) and SMS (SNS)
    starts: tuple[str, ...] = ()  # state machines it may start (their ARNs in its environment)
    answers: tuple[str, ...] = ()  # state machines whose task tokens it may answer
    tuned: tuple[str, ...] = ()  # environment keys each cloud sets (durations, the sender)
    sla: bool = False  # plans SLAs when it changes tickets (reads the SLA configuration)
    sla_timers: bool = False  # keeps the tickets' escalation schedules (EventBridge Scheduler)
    notifies: tuple[str, ...] = ()  # SNS topics (by role) it publishes escalations to
    searches: bool = False  # reads and writes the knowledge-search index (OpenSearch in AWS)
    lex_bot: bool = False  # the chat bot's code hook (Lex may invoke it)
    routers: tuple[str, ...] = ()  # "module:attribute" of the API routers it serves
    invoked_async: bool = False  # async invocations get retries and an on-failure queue
    environment: Mapping[str, str] = field(default_factory=dict)

    handler: str = "handler.handler"

    @property
    def code_dir(self) -> Path:
        return FUNCTIONS_DIR / self.name

    def load_routers(self) -> list[Any]:
        routers = []
        for ref in self.routers:
            module, _, attribute = ref.partition(":")
            routers.append(getattr(importlib.import_module(module), attribute))
        return routers


@dataclass(frozen=True)
class StateMachineSpec:
    key: str
    stack: str
    definition_file: str
    # ASL placeholder (written ${Name} in the file) -> the function whose ARN replaces it
    functions: Mapping[str, str]

    @property
    def definition_path(self) -> Path:
        return STATE_MACHINES_DIR / self.definition_file


class ResourceNames(Protocol):
    """Physical names of resources in one cloud (CDK tokens in AWS, strings locally)."""

    def table_name(self, key: str) -> str: ...

    def bus_name(self, key: str) -> str: ...

    def bucket_name(self, key: str) -> str: ...

    def queue_arn(self, key: str) -> str: ...

    def connect_instance_id(self) -> str: ...

    def connect_instance_arn(self) -> str: ...

    def contact_flow_arn(self, key: str) -> str: ...

    def state_machine_arn(self, key: str) -> str: ...

    def function_arn(self, name: str) -> str: ...

    def topic_arn(self, key: str) -> str: ...

    def timer_target(self) -> "Mapping[str, str]": ...

    def search_environment(self) -> "Mapping[str, str]": ...


def function_name(stage: str, name: str) -> str:
    """Functions are named, so schedules and other stacks can refer to them by ARN."""
    return f"{APP_NAME}-{stage}-{name}"


def resource_name(stage: str, key: str) -> str:
    """The name of a named product resource (topics, the schedule group, its role and queue)."""
    return f"{APP_NAME}-{stage}-{key}"


def search_domain_name(stage: str) -> str:
    """The knowledge-search domain (OpenSearch names: lower case, at most 28 characters)."""
    return f"cc-{stage}-knowledge"[:28]


def state_machine_name(stage: str, key: str) -> str:
    """State machines are named, so functions in earlier stacks can refer to them by ARN."""
    return f"{APP_NAME}-{stage}-{key}"


def function_environment(
    spec: FunctionSpec, stage: str, names: ResourceNames, tuning: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The environment a function is deployed with, in either cloud; ``tuning`` holds the
    cloud's own values of the keys the spec lists in ``tuned`` (absent: the code's defaults)."""
    environment = {
        Env.STAGE: stage,
        Env.SERVICE: spec.name,
        Env.METRICS_NAMESPACE: METRICS_NAMESPACE,
        Env.LOG_LEVEL: "INFO",
    }
    environment |= {Env.table(key): names.table_name(key) for key in spec.tables}
    environment |= {Env.bucket(key): names.bucket_name(key) for key in spec.buckets}
    environment |= {Env.bus(key): names.bus_name(key) for key in spec.publishes_to}
    if spec.routing:
        environment[Env.ROUTING_RULES] = json.dumps(routing_rules(names.queue_arn))
        environment[Env.CONNECT_INSTANCE_ID] = names.connect_instance_id()
    if spec.connect_queues or spec.agent_tasks:
        hours = json.loads((tuning or {}).get(CALLING_HOURS_TUNING, "{}"))
        environment[Env.QUEUES] = json.dumps(connect_queues(names.queue_arn, hours))
    if spec.agent_tasks:
        environment[Env.CONNECT_INSTANCE_ID] = names.connect_instance_id()
        environment[Env.TASK_FLOW_ID] = names.contact_flow_arn(AGENT_TASK_FLOW)
    environment |= {Env.state_machine(key): names.state_machine_arn(key) for key in spec.starts}
    environment |= {Env.topic(key): names.topic_arn(key) for key in spec.notifies}
    if spec.sla_timers:
        environment |= dict(names.timer_target())
    if spec.searches:
        environment |= dict(names.search_environment())
    environment |= {key: value for key, value in (tuning or {}).items() if key in spec.tuned}
    environment |= dict(spec.environment)
    return environment


TABLES: tuple[TableSpec, ...] = (
    TableSpec(TABLE_AUDIT, AuditRecord, customer_data=True),
    TableSpec(TABLE_CUSTOMERS, Customer, customer_data=True),
    TableSpec(TABLE_CUSTOMER_KEYS, CustomerKey, customer_data=True),
    TableSpec(TABLE_ACCOUNTS, Account, customer_data=True),
    TableSpec(TABLE_CALLBACKS, Callback, customer_data=True),
    TableSpec(TABLE_DO_NOT_CALL, DoNotCall, customer_data=True),
    TableSpec(TABLE_SLA_CONFIG, ConfigItem, customer_data=False),
    TableSpec(TABLE_NOTIFICATIONS, Notification, customer_data=False),
    TableSpec(TABLE_ARTICLES, ArticleItem, customer_data=False),
    TableSpec(TABLE_ARTICLE_VERSIONS, ArticleVersion, customer_data=False),
    TableSpec(TABLE_ARTICLE_FEEDBACK, ArticleFeedback, customer_data=False),
    TableSpec(TABLE_CHAT_SESSIONS, ChatSession, customer_data=True),
    TableSpec(TABLE_CUSTOMER_HISTORY, HistoryEntry, customer_data=True),
    TableSpec(TABLE_TICKETS, Ticket, customer_data=True),
    TableSpec(TABLE_TICKET_EVENTS, TimelineEntry, customer_data=True),
    TableSpec(TABLE_AGENTS, Agent, customer_data=False),
    TableSpec(TABLE_DEPARTMENTS, Department, customer_data=False),
    # Stored responses hold customer data, so reads and writes are audited too.
    TableSpec(TABLE_IDEMPOTENCY, IdempotencyRecord, customer_data=True),
)

EVENT_BUSES: tuple[str, ...] = (BUS_DOMAIN,)

BUCKETS: tuple[str, ...] = (BUCKET_ATTACHMENTS,)

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec(
        name="health",
        stack=STACK_API,
        description="GET /health: liveness, and with ?deep=true the reachability of its dependencies",
        memory_mb=256,
        timeout_seconds=10,
        tables={TABLE_AUDIT: Access.DESCRIBE},
        routers=("contactcenter.health.api:router",),
    ),
    FunctionSpec(
        name="openapi",
        stack=STACK_API,
        description="GET /openapi.json: the API's OpenAPI document",
        memory_mb=256,
        timeout_seconds=10,
        routers=("contactcenter.api.document:router",),
    ),
    FunctionSpec(
        name="api_customers",
        stack=STACK_API,
        description="/customers: create, read, change and find customers; their history",
        memory_mb=512,
        timeout_seconds=15,
        tables={
            TABLE_CUSTOMERS: Access.READ_WRITE,
            TABLE_CUSTOMER_KEYS: Access.READ_WRITE,
            TABLE_ACCOUNTS: Access.READ_WRITE,
            TABLE_CUSTOMER_HISTORY: Access.READ,
            TABLE_AUDIT: Access.APPEND,
            TABLE_IDEMPOTENCY: Access.READ_WRITE,
        },
        routers=("contactcenter.customers.api:router",),
    ),
    FunctionSpec(
        name="api_tickets",
        stack=STACK_API,
        description="/tickets: lifecycle, assignment, conversation, attachments and timeline",
        memory_mb=512,
        timeout_seconds=15,
        tables={
            TABLE_TICKETS: Access.READ_WRITE,
            TABLE_TICKET_EVENTS: Access.READ_WRITE,
            TABLE_CUSTOMERS: Access.READ_WRITE,
            TABLE_CUSTOMER_KEYS: Access.READ_WRITE,
            TABLE_ACCOUNTS: Access.READ_WRITE,
            TABLE_CUSTOMER_HISTORY: Access.READ_WRITE,
            TABLE_AGENTS: Access.READ_WRITE,
            TABLE_DEPARTMENTS: Access.READ,
            TABLE_AUDIT: Access.APPEND,
            TABLE_IDEMPOTENCY: Access.READ_WRITE,
            TABLE_SLA_CONFIG: Access.READ,
        },
        buckets={BUCKET_ATTACHMENTS: Access.READ_WRITE},
        routers=("contactcenter.tickets.api:router",),
        answers=(STATE_MACHINE_COMPLAINT,),
        sla=True,
        tuned=(Env.SLA_CONFIG_SECONDS,),
    ),
    FunctionSpec(
        name="api_sla",
        stack=STACK_API,
        description="/calendars, /sla-policies, /escalation-rules and /notifications",
        memory_mb=512,
        timeout_seconds=15,
        tables={
            TABLE_SLA_CONFIG: Access.READ_WRITE,
            TABLE_NOTIFICATIONS: Access.READ_WRITE,
            TABLE_DEPARTMENTS: Access.READ,
            TABLE_AUDIT: Access.APPEND,
        },
        routers=("contactcenter.sla.api:router",),
    ),
    FunctionSpec(
        name="api_callbacks",
        stack=STACK_API,
        description="/callbacks and /do-not-call: scheduled callbacks and the numbers never to dial",
        memory_mb=512,
        timeout_seconds=15,
        tables={
            TABLE_CALLBACKS: Access.READ_WRITE,
            TABLE_DO_NOT_CALL: Access.READ_WRITE,
            TABLE_AUDIT: Access.APPEND,
            TABLE_IDEMPOTENCY: Access.READ_WRITE,
        },
        routers=("contactcenter.callbacks.api:router",),
        connect_queues=True,
        starts=(STATE_MACHINE_CALLBACK,),
        answers=(STATE_MACHINE_CALLBACK,),
        tuned=(Env.CALLBACK_TIMING,),
    ),
    FunctionSpec(
        name="api_directory",
        stack=STACK_API,
        description="/agents and /departments: the directory tickets are assigned from",
        memory_mb=512,
        timeout_seconds=15,
        tables={
            TABLE_AGENTS: Access.READ_WRITE,
            TABLE_DEPARTMENTS: Access.READ_WRITE,
            TABLE_AUDIT: Access.APPEND,
            TABLE_IDEMPOTENCY: Access.READ_WRITE,
        },
        routers=("contactcenter.directory.api:router",),
    ),
    FunctionSpec(
        name="api_knowledge",
        stack=STACK_API,
        description="/knowledge: articles (the source of truth) and search",
        memory_mb=1024,  # the sentence encoder: more memory is more CPU for the query embedding
        timeout_seconds=15,
        tables={
            TABLE_ARTICLES: Access.READ_WRITE,
            TABLE_ARTICLE_VERSIONS: Access.READ_WRITE,
            TABLE_ARTICLE_FEEDBACK: Access.READ,
            TABLE_AUDIT: Access.APPEND,
        },
        routers=("contactcenter.articles.api:router",),
        searches=True,
    ),
    FunctionSpec(
        name=KNOWLEDGE_INDEXER_FUNCTION,
        stack=STACK_API,
        description="The articles table's stream into the search index; rebuilds it on request",
        memory_mb=1024,
        timeout_seconds=300,
        tables={TABLE_ARTICLES: Access.READ},
        stream_from=TABLE_ARTICLES,
        searches=True,
    ),
    FunctionSpec(
        name="events_publisher",
        stack=STACK_API,
        description="Publishes new ticket timeline entries (the outbox) as domain events on EventBridge",
        memory_mb=256,
        timeout_seconds=30,
        stream_from=TABLE_TICKET_EVENTS,
        publishes_to=(BUS_DOMAIN,),
    ),
    FunctionSpec(
        name="auth_claims",
        stack=STACK_API,
        description="Cognito pre-token-generation trigger: a department member's department into the tokens",
        memory_mb=128,
        timeout_seconds=5,
        cognito_trigger=True,
    ),
    FunctionSpec(
        name="ivr_auth",
        stack=STACK_CONTACT_CENTER,
        description="Contact flows: identify the caller, look up the account number, verify the PIN (UC17)",
        memory_mb=512,  # argon2 needs 19 MiB per verification; more memory is more CPU
        timeout_seconds=5,  # the flow waits at most 8 s
        tables={
            TABLE_ACCOUNTS: Access.READ_WRITE,
            TABLE_CUSTOMERS: Access.READ,
            TABLE_CUSTOMER_KEYS: Access.READ,
            TABLE_AUDIT: Access.APPEND,
        },
        connect_flows=True,
    ),
    FunctionSpec(
        name="routing",
        stack=STACK_CONTACT_CENTER,
        description="Contact flows: queue (product or open ticket), priority (tier), overflow, screen pop",
        memory_mb=256,
        timeout_seconds=5,
        tables={TABLE_TICKETS: Access.READ, TABLE_CUSTOMER_HISTORY: Access.READ_WRITE},
        connect_flows=True,
        routing=True,
    ),
    FunctionSpec(
        name=CHAT_BOT_FUNCTION,
        stack=STACK_CONTACT_CENTER,
        description="The Lex V2 chat bot's code hook: answers from the knowledge base, tickets, "
        "callbacks, hand-over",
        memory_mb=1024,
        timeout_seconds=10,
        tables={
            TABLE_CHAT_SESSIONS: Access.READ_WRITE,
            TABLE_ARTICLES: Access.READ,
            TABLE_ARTICLE_FEEDBACK: Access.READ_WRITE,  # the chatters' thumbs up or down
            TABLE_TICKETS: Access.READ_WRITE,
            TABLE_TICKET_EVENTS: Access.READ_WRITE,
            TABLE_CUSTOMERS: Access.READ_WRITE,
            TABLE_CUSTOMER_KEYS: Access.READ_WRITE,
            TABLE_CUSTOMER_HISTORY: Access.READ_WRITE,
            TABLE_CALLBACKS: Access.READ_WRITE,
            TABLE_DO_NOT_CALL: Access.READ,
            TABLE_SLA_CONFIG: Access.READ,
            TABLE_AUDIT: Access.APPEND,
        },
        connect_queues=True,
        starts=(STATE_MACHINE_CALLBACK,),
        searches=True,
        lex_bot=True,
        tuned=(Env.CALLBACK_TIMING, Env.SLA_CONFIG_SECONDS),
    ),
    FunctionSpec(
        name="callback_register",
        stack=STACK_CONTACT_CENTER,
        description="Customer-queue flow: register a queued callback (one per number, no do-not-call number)",
        memory_mb=256,
        timeout_seconds=5,
        tables={
            TABLE_CALLBACKS: Access.READ_WRITE,
            TABLE_DO_NOT_CALL: Access.READ,
            TABLE_AUDIT: Access.APPEND,
        },
        connect_flows=True,
        connect_queues=True,
        starts=(STATE_MACHINE_CALLBACK,),
        tuned=(Env.CALLBACK_TIMING,),
    ),
    FunctionSpec(
        name="workflow_starter",
        stack=STACK_WORKFLOWS,
        description="EventBridge: a complaint was logged or reopened; start its closed loop, once",
        memory_mb=256,
        timeout_seconds=15,
        tables={
            TABLE_TICKETS: Access.READ_WRITE,
            TABLE_TICKET_EVENTS: Access.READ_WRITE,
            TABLE_AUDIT: Access.APPEND,
        },
        starts=(STATE_MACHINE_COMPLAINT,),
        invoked_async=True,
        tuned=(Env.WORKFLOW_TIMING,),
    ),
    FunctionSpec(
        name="complaint_steps",
        stack=STACK_WORKFLOWS,
        description="The complaint workflow's steps: acknowledge, dispatch, follow-up calls, reopen, close",
        memory_mb=512,
        timeout_seconds=30,
        tables={
            TABLE_TICKETS: Access.READ_WRITE,
            TABLE_TICKET_EVENTS: Access.READ_WRITE,
            TABLE_CUSTOMERS: Access.READ,
            TABLE_AGENTS: Access.READ_WRITE,
            TABLE_DEPARTMENTS: Access.READ,
            TABLE_DO_NOT_CALL: Access.READ,
            TABLE_SLA_CONFIG: Access.READ,
            TABLE_AUDIT: Access.APPEND,
        },
        agent_tasks=True,
        acknowledges=True,
        tuned=(Env.SENDER_EMAIL, Env.SLA_CONFIG_SECONDS),
        sla=True,
    ),
    FunctionSpec(
        name="callback_steps",
        stack=STACK_WORKFLOWS,
        description="The callback workflow's steps: plan within calling hours, dial, record attempts",
        memory_mb=256,
        timeout_seconds=30,
        tables={
            TABLE_CALLBACKS: Access.READ_WRITE,
            TABLE_DO_NOT_CALL: Access.READ,
            TABLE_AUDIT: Access.APPEND,
        },
        agent_tasks=True,
    ),
    FunctionSpec(
        name="sla_timers",
        stack=STACK_WORKFLOWS,
        description="EventBridge: a ticket changed; keep its SLA escalation schedules in step with its plan",
        memory_mb=256,
        timeout_seconds=30,
        tables={TABLE_TICKETS: Access.READ},
        invoked_async=True,
        sla_timers=True,
    ),
    FunctionSpec(
        name=ESCALATION_FUNCTION,
        stack=STACK_WORKFLOWS,
        description="SLA escalations: fire due levels (from their schedules, and the sweep of the due index)",
        memory_mb=512,
        timeout_seconds=60,
        tables={
            TABLE_TICKETS: Access.READ_WRITE,
            TABLE_TICKET_EVENTS: Access.READ_WRITE,
            TABLE_SLA_CONFIG: Access.READ,
            TABLE_NOTIFICATIONS: Access.READ_WRITE,
            TABLE_AGENTS: Access.READ_WRITE,
            TABLE_DEPARTMENTS: Access.READ,
            TABLE_AUDIT: Access.APPEND,
        },
        invoked_async=True,
        notifies=SLA_TOPICS,
        tuned=(Env.SENDER_EMAIL, Env.SLA_CONFIG_SECONDS),
        sla=True,
    ),
)

STATE_MACHINES: tuple[StateMachineSpec, ...] = (
    StateMachineSpec(
        key=STATE_MACHINE_HEALTHCHECK,
        stack=STACK_WORKFLOWS,
        definition_file="healthcheck.asl.json",
        functions={"HealthFunctionArn": "health"},
    ),
    StateMachineSpec(
        key=STATE_MACHINE_COMPLAINT,
        stack=STACK_WORKFLOWS,
        definition_file="complaint.asl.json",
        functions={"ComplaintStepsFunctionArn": "complaint_steps"},
    ),
    StateMachineSpec(
        key=STATE_MACHINE_CALLBACK,
        stack=STACK_WORKFLOWS,
        definition_file="callback.asl.json",
        functions={"CallbackStepsFunctionArn": "callback_steps"},
    ),
)


@dataclass(frozen=True)
class EventRuleSpec:
    """A rule on a product bus that invokes a function (asynchronously, with its retries)."""

    key: str
    bus: str | None  # None: the default bus (scheduled rules)
    description: str
    pattern: Mapping[str, Any]
    function: str
    schedule: str | None = None  # a rate() or cron() expression instead of a pattern


EVENT_RULES: tuple[EventRuleSpec, ...] = (
    EventRuleSpec(
        key="complaint_logged",
        bus=BUS_DOMAIN,
        description="A complaint was logged: start its closed loop",
        pattern={
            "source": ["contactcenter.tickets"],
            "detail-type": ["ticket.created"],
            "detail": {"ticket": {"ticket_type": ["complaint"]}},
        },
        function="workflow_starter",
    ),
    EventRuleSpec(
        key="ticket_changed",
        bus=BUS_DOMAIN,
        description="A ticket changed: bring its SLA escalation schedules in step",
        pattern={"source": ["contactcenter.tickets"], "detail-type": [{"prefix": "ticket."}]},
        function="sla_timers",
    ),
    EventRuleSpec(
        key="sla_sweep",
        bus=None,
        description="Every five minutes: fire the SLA levels a schedule missed (the sparse due index)",
        pattern={},
        function=ESCALATION_FUNCTION,
        schedule="rate(5 minutes)",
    ),
    EventRuleSpec(
        key="complaint_reopened",
        bus=BUS_DOMAIN,
        description="A resolved complaint was reopened: start its closed loop again (unless one runs)",
        pattern={
            "source": ["contactcenter.tickets"],
            "detail-type": ["ticket.status_changed"],
            "detail": {
                "ticket": {"ticket_type": ["complaint"], "status": ["open"]},
                "changes": {"status": ["resolved"]},
            },
        },
        function="workflow_starter",
    ),
)

FUNCTIONS_BY_NAME: Mapping[str, FunctionSpec] = MappingProxyType({f.name: f for f in FUNCTIONS})


@dataclass(frozen=True)
class BusinessAlarmSpec:
    """An alarm on a metric a function emits (Powertools EMF, dimension ``service``)."""

    key: str
    service: str  # the function's name
    metric: str
    description: str
    threshold: int = 1


BUSINESS_ALARMS: tuple[BusinessAlarmSpec, ...] = (
    BusinessAlarmSpec(
        key="IvrLockouts",
        service="ivr_auth",
        metric="IvrLockouts",
        description="An account was locked after repeated wrong IVR PINs (guessing?); see the audit table",
    ),
)


# -- Amazon Connect: hours, queues, routing rules and the contact flows -----------------------


@dataclass(frozen=True)
class HoursSpec:
    key: str
    name: str
    time_zone: str
    weekly: Mapping[str, tuple[str, str]]  # MONDAY -> ("08:00", "20:00")


@dataclass(frozen=True)
class QueueSpec:
    key: str
    name: str
    hours: str
    products: tuple[str, ...] = ()  # registered products routed here
    departments: tuple[str, ...] = ()  # callers about an open ticket of these departments
    overflow_to: str | None = None  # where calls go when the expected wait is too long
    calling_hours: tuple[str, str] = DEFAULT_WINDOW  # when callbacks may dial, in the customer's zone


@dataclass(frozen=True)
class FlowSpec:
    key: str
    name: str
    flow_type: str  # CONTACT_FLOW | CUSTOMER_QUEUE
    file: str
    # ${Placeholder} in the file -> (kind, key): function | queue | flow | hours | lexbot
    references: Mapping[str, tuple[str, str]]

    @property
    def path(self) -> Path:
        return CONTACT_FLOWS_DIR / self.file


CONTACT_FLOWS_DIR = ROOT / "contact_flows"
WEEKDAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")

CONNECT_HOURS: tuple[HoursSpec, ...] = (
    HoursSpec(
        key="business",
        name="Help desk hours",
        time_zone="Europe/Amsterdam",
        weekly={**dict.fromkeys(WEEKDAYS, ("08:00", "20:00")), "SATURDAY": ("10:00", "16:00")},
    ),
    # The billing department answers on office hours only; outside them its callers go to the
    # general help desk (the inbound flow checks the routed queue's hours).
    HoursSpec(
        key="office",
        name="Billing office hours",
        time_zone="Europe/Amsterdam",
        weekly=dict.fromkeys(WEEKDAYS, ("09:00", "17:00")),
    ),
)

GENERAL_QUEUE = "general"
CONNECT_QUEUES: tuple[QueueSpec, ...] = (
    QueueSpec(GENERAL_QUEUE, "General help desk", hours="business"),
    QueueSpec("billing", "Billing", hours="office", departments=("billing",), overflow_to=GENERAL_QUEUE),
    QueueSpec(
        "router_x",
        "Router X support",
        hours="business",
        products=("router-x",),
        departments=("technical",),
        overflow_to=GENERAL_QUEUE,
    ),
    QueueSpec(
        "router_y", "Router Y support", hours="business", products=("router-y",), overflow_to=GENERAL_QUEUE
    ),
)


@dataclass(frozen=True)
class RoutingProfileSpec:
    key: str
    name: str
    queues: Mapping[str, int]  # queue key -> priority (1 is served first)


ROUTING_PROFILES: tuple[RoutingProfileSpec, ...] = (
    RoutingProfileSpec("help_desk", "Help desk agents", {GENERAL_QUEUE: 1}),
    RoutingProfileSpec("billing", "Billing agents", {"billing": 1, GENERAL_QUEUE: 2}),
    RoutingProfileSpec("technical", "Technical agents", {"router_x": 1, "router_y": 1, GENERAL_QUEUE: 2}),
)
MAX_QUEUE_WAIT_SECONDS = 300
TIER_PRIORITY = {"vip": 1, "gold": 2}
DEFAULT_PRIORITY = 5

AGENT_TASK_FLOW = "agent_task"
CONTACT_FLOWS: tuple[FlowSpec, ...] = (
    FlowSpec(
        key=AGENT_TASK_FLOW,
        name="Agent task: route a callback or follow-up task to its queue",
        flow_type="CONTACT_FLOW",
        file="agent_task.json",
        references={"GeneralQueueArn": ("queue", GENERAL_QUEUE)},
    ),
    FlowSpec(
        key="customer_queue",
        name="Customer queue: wait, or a callback that keeps the caller's place",
        flow_type="CUSTOMER_QUEUE",
        file="customer_queue.json",
        references={"CallbackRegisterFunctionArn": ("function", "callback_register")},
    ),
    FlowSpec(
        key="chat_selfservice",
        name="Self-service chat: the knowledge-base bot, or an agent with the transcript",
        flow_type="CONTACT_FLOW",
        file="chat_selfservice.json",
        references={"ChatBotAliasArn": ("lexbot", CHAT_BOT), "GeneralQueueArn": ("queue", GENERAL_QUEUE)},
    ),
    FlowSpec(
        key="inbound_helpdesk",
        name="Inbound help desk: authenticate (UC17) and route",
        flow_type="CONTACT_FLOW",
        file="inbound_helpdesk.json",
        references={
            "IvrAuthFunctionArn": ("function", "ivr_auth"),
            "RoutingFunctionArn": ("function", "routing"),
            "GeneralQueueArn": ("queue", GENERAL_QUEUE),
            "CustomerQueueFlowArn": ("flow", "customer_queue"),
            "BusinessHoursArn": ("hours", "business"),
        },
    ),
)


# Tuning key (not an environment variable): calling hours per queue key ("*": every queue),
# overriding the queues' own, e.g. {"*": ["09:00", "20:00"]}.
CALLING_HOURS_TUNING = "calling_hours"


def connect_queues(
    queue_arn: Callable[[str], str], calling_hours: Mapping[str, Sequence[str]] | None = None
) -> dict[str, object]:
    """The queues agent tasks and callbacks go to (contactcenter.agent_tasks.ConnectQueues)."""
    zones = {h.key: h.time_zone for h in CONNECT_HOURS}
    hours = calling_hours or {}
    return {
        "queues": {
            q.key: {
                "arn": queue_arn(q.key),
                "name": q.name,
                "calling_hours": list(hours.get(q.key, hours.get("*", q.calling_hours))),
                "time_zone": zones[q.hours],
            }
            for q in CONNECT_QUEUES
        },
        "general": GENERAL_QUEUE,
    }


def routing_rules(queue_arn: Callable[[str], str]) -> dict[str, object]:
    """The routing function's rules (contactcenter.routing.service.RoutingRules), as data."""
    return {
        "queues": {q.key: {"arn": queue_arn(q.key), "name": q.name} for q in CONNECT_QUEUES},
        "general": GENERAL_QUEUE,
        "product_queues": {product: q.key for q in CONNECT_QUEUES for product in q.products},
        "department_queues": {department: q.key for q in CONNECT_QUEUES for department in q.departments},
        "overflow": {q.key: q.overflow_to for q in CONNECT_QUEUES if q.overflow_to},
        "max_wait_seconds": MAX_QUEUE_WAIT_SECONDS,
        "tier_priority": TIER_PRIORITY,
        "default_priority": DEFAULT_PRIORITY,
    }


def bucket_name(stage: str, key: str, account: str, region: str) -> str:
    """Buckets are named (globally unique per account and region), so operators find them
    and object-level grants name them."""
    return f"{APP_NAME}-{stage}-{key.replace('_', '-')}-{account}-{region}"


TABLES_BY_KEY: Mapping[str, TableSpec] = MappingProxyType({t.key: t for t in TABLES})
