"""The catalog's vocabulary: the kinds of resource the product has, and how they are named.

Every other catalog module describes the product's resources with these types; the CDK app
and the local cloud both read them, so neither can invent a resource the other lacks.
"""

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from pynamodb.models import Model

from catalog.tables import TableDefinition, table_definition
from contactcenter.calling_hours import DEFAULT_WINDOW
from contactcenter.constants import APP_NAME

ROOT = Path(__file__).resolve().parent.parent
FUNCTIONS_DIR = ROOT / "functions"
STATE_MACHINES_DIR = ROOT / "state_machines"
CONTACT_FLOWS_DIR = ROOT / "contact_flows"


class InconsistentDefinition(ValueError):
    """The catalog, a function folder or a state-machine file do not fit together."""


class LiveChannel(StrEnum):
    """A function's part in the live channel (contactcenter.monitor.live_channel)."""

    ISSUES_TICKETS = "issues_tickets"  # gets the channel's wss:// URL to hand out with a ticket
    PUSHES = "pushes"  # posts to the open connections (execute-api:ManageConnections)


class Access(StrEnum):
    """What a function may do with a table. Scan is never granted: no request path scans."""

    DESCRIBE = "describe"
    READ = "read"
    APPEND = "append"  # PutItem, and Query for the newest record to chain to: the audit log
    APPEND_READ = "append_read"  # APPEND, and Query of its indexes: appends, and reads back (privacy)
    CREATE = "create"  # GetItem and PutItem: items made once, read, never changed (data keys)
    COUNT = "count"  # UpdateItem only: the abuse limits' counters are incremented, never read
    ERASE = "erase"  # buckets only: list and delete objects, never read them (erasure)
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
    starts_chats: bool = False  # may start Amazon Connect chats on the chat flow (the help center)
    acknowledges: bool = False  # may send customers e-mail (SES) and SMS (SNS)
    starts: tuple[str, ...] = ()  # state machines it may start (their ARNs in its environment)
    answers: tuple[str, ...] = ()  # state machines whose task tokens it may answer
    tuned: tuple[str, ...] = ()  # environment keys each cloud sets (durations, the sender)
    sla: bool = False  # plans SLAs when it changes tickets (reads the SLA configuration)
    sla_timers: bool = False  # keeps the tickets' escalation schedules (EventBridge Scheduler)
    notifies: tuple[str, ...] = ()  # SNS topics (by role) it publishes escalations to
    searches: bool = False  # reads and writes the knowledge-search index (OpenSearch in AWS)
    reports: bool = False  # runs report queries over the data lake (Athena in AWS)
    mails_reports: bool = False  # sends report e-mails (SES SendRawEmail from the report sender)
    routers: tuple[str, ...] = ()  # "module:attribute" of the API routers it serves
    pages: bool = False  # signs list cursors: reads the cursor key (a Secrets Manager secret)
    links_portal_users: bool = False  # links customers' portal sign-ins to their records (Cognito)
    erases_portal_users: bool = False  # deletes an erased customer's portal sign-in (Cognito)
    invoked_async: bool = False  # async invocations get retries and an on-failure queue
    monitors: bool = False  # reads Connect's real-time figures of the queues and agents
    supervises: bool = False  # a supervisor's Connect actions: agent status, priority, monitor
    agent_events: bool = False  # Connect's agent event stream invokes it (a trigger, in batches)
    live_channel: LiveChannel | None = None  # its part in the supervisors' WebSocket channel
    agent_contacts: bool = False  # reads an agent's contact and its attributes (the screen pop)

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


@dataclass(frozen=True)
class EventRuleSpec:
    """A rule on a product bus that invokes a function (asynchronously, with its retries)."""

    key: str
    bus: str | None  # None: the default bus (scheduled rules)
    description: str
    pattern: Mapping[str, Any]
    function: str
    schedule: str | None = None  # a rate() or cron() expression instead of a pattern


@dataclass(frozen=True)
class BusinessAlarmSpec:
    """An alarm on a metric a function emits (Powertools EMF, dimension ``service``)."""

    key: str
    service: str  # the function's name
    metric: str
    description: str
    threshold: int = 1


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


@dataclass(frozen=True)
class RoutingProfileSpec:
    key: str
    name: str
    queues: Mapping[str, int]  # queue key -> priority (1 is served first)
    # queue key -> seconds a contact waits before this profile's agents may get it (default 0)
    delays: Mapping[str, int] = field(default_factory=dict)


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

    def report_environment(self) -> "Mapping[str, str]": ...

    def cursor_secret_arn(self) -> str:
        """The secret holding the list cursors' HMAC key (``contactcenter.api.pagination``)."""
        ...

    def customer_pool_id(self) -> str:
        """The customers' user pool (the help-center portal's sign-ins)."""
        ...

    def customer_pool_arn(self) -> str: ...

    def live_channel_url(self) -> str:
        """Where supervisors' pages open the live channel (``wss://`` in AWS)."""
        ...

    def live_channel_endpoint(self) -> str:
        """Where the pushes are posted (the WebSocket API's management endpoint)."""
        ...


def function_name(stage: str, name: str) -> str:
    """Functions are named, so schedules and other stacks can refer to them by ARN."""
    return f"{APP_NAME}-{stage}-{name}"


def resource_name(stage: str, key: str) -> str:
    """The name of a named product resource (topics, the schedule group, its role and queue)."""
    return f"{APP_NAME}-{stage}-{key}"


def search_domain_name(stage: str) -> str:
    """The knowledge-search domain (OpenSearch names: lower case, at most 28 characters)."""
    return f"cc-{stage}-knowledge"[:28]


def lake_database_name(stage: str) -> str:
    """The Glue database of the data lake's tables (Glue names: lower case and underscores)."""
    return f"{APP_NAME}_{stage}_lake".replace("-", "_").lower()


def report_workgroup_name(stage: str) -> str:
    """The Athena workgroup the reports run in (encrypted results, a bytes-scanned limit)."""
    return f"{APP_NAME}-{stage}-reports"


def state_machine_name(stage: str, key: str) -> str:
    """State machines are named, so functions in earlier stacks can refer to them by ARN."""
    return f"{APP_NAME}-{stage}-{key}"


def bucket_name(stage: str, key: str, account: str, region: str) -> str:
    """Buckets are named (globally unique per account and region), so operators find them
    and object-level grants name them."""
    return f"{APP_NAME}-{stage}-{key.replace('_', '-')}-{account}-{region}"
