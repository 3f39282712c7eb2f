"""What each grant of a function's spec allows, as IAM statements, the same in both clouds.

The CDK app builds the function's role from these statements (``infra/constructs/
product_function.py``) and the local cloud refuses, as AWS would, every call of a function
they do not allow (``localcloud/iam.py``). So a grant means one thing: a function whose spec
grants READ on a table and that writes to it fails its tests locally, not in AWS.

Statements name actions and resources only (no conditions, no denies); actions are named,
never wildcards. Resources come from ``GrantNames``: CDK tokens in AWS, strings locally.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from catalog.connect import AGENT_TASK_FLOW, CHAT_FLOW, CONNECT_QUEUES
from catalog.inventory import TABLES_BY_KEY
from catalog.specs import (
    Access,
    FunctionSpec,
    LiveChannel,
    ResourceNames,
    lake_database_name,
    report_workgroup_name,
    search_domain_name,
)
from contactcenter.constants import APP_NAME, BUCKET_LAKE, BUCKET_REPORT_RESULTS, Env
from contactcenter.reports.lake import LAKE_TABLES

TABLE_ACTIONS: Mapping[Access, tuple[str, ...]] = {
    Access.DESCRIBE: ("dynamodb:DescribeTable",),
    Access.READ: (
        "dynamodb:GetItem",
        "dynamodb:BatchGetItem",
        "dynamodb:Query",
        "dynamodb:ConditionCheckItem",
    ),
    Access.APPEND: ("dynamodb:PutItem", "dynamodb:Query"),
    Access.APPEND_READ: ("dynamodb:PutItem", "dynamodb:Query"),
    Access.CREATE: ("dynamodb:GetItem", "dynamodb:PutItem"),
    Access.COUNT: ("dynamodb:UpdateItem",),
    Access.READ_WRITE: (
        "dynamodb:GetItem",
        "dynamodb:BatchGetItem",
        "dynamodb:Query",
        "dynamodb:ConditionCheckItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
        "dynamodb:BatchWriteItem",
    ),
}
# Named actions, no wildcards: what the data services call on the caller's behalf.
KEY_ACTIONS: Mapping[Access, tuple[str, ...]] = {
    Access.DESCRIBE: ("kms:DescribeKey",),
    Access.READ: ("kms:Decrypt", "kms:DescribeKey"),
    Access.APPEND: ("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"),
    Access.APPEND_READ: ("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"),
    Access.CREATE: ("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"),
    Access.COUNT: ("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"),
    Access.READ_WRITE: ("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"),
}
SEARCH_ACTIONS = ("es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpDelete")
TASK_ANSWERS = ("states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat")
QUERY_ACTIONS = ("athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults")
# What Athena reads of the Glue catalog on the caller's behalf.
CATALOG_ACTIONS = ("glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:GetPartitions")
SCHEDULE_ACTIONS = (
    "scheduler:CreateSchedule",
    "scheduler:UpdateSchedule",
    "scheduler:DeleteSchedule",
    "scheduler:GetSchedule",
)

# Grants whose statements come before a stream subscription's in the role (CDK adds those
# between), so both clouds' statements keep the order the templates have always had.
DATA_GRANTS = ("tables", "buckets", "publishes_to")


@dataclass(frozen=True)
class Statement:
    """Allow ``actions`` on ``resources``; ``grant`` names the spec field it comes from."""

    grant: str
    actions: tuple[str, ...]
    resources: tuple[str, ...]


class GrantNames(ResourceNames, Protocol):
    """The ARNs grants name, in one cloud (CDK tokens in AWS, strings locally)."""

    def table_arn(self, key: str) -> str: ...

    def bus_arn(self, key: str) -> str: ...

    def bucket_arn(self, key: str) -> str: ...

    def data_key_arn(self) -> str: ...

    def arn(self, service: str, resource: str) -> str:
        """``arn:<partition>:<service>:<region>:<account>:<resource>`` in this cloud."""
        ...

    def live_connections_arn(self) -> str:
        """The live channel's connections: ``arn:...:execute-api:...:<api>/<stage>/POST/@connections/*``."""
        ...


def email_template_prefix(stage: str) -> str:
    """The escalation e-mail templates' names begin with this (catalog/email_templates.py)."""
    return f"{APP_NAME}-{stage}-sla-"


def statements(
    spec: FunctionSpec,
    names: GrantNames,
    *,
    stage: str,
    sender_email: str | None,
    report_sender: str | None = None,
) -> list[Statement]:
    """Every statement of ``spec``'s role, in the order the role lists them; ``report_sender``:
    the address scheduled reports come from (None: the function may send none)."""
    result = _tables(spec, names)
    for key, access in spec.buckets.items():
        if access is Access.ERASE:
            result.append(Statement("buckets", ("s3:ListBucket",), (names.bucket_arn(key),)))
            result.append(Statement("buckets", ("s3:DeleteObject",), (f"{names.bucket_arn(key)}/*",)))
            continue
        actions = ("s3:GetObject",) if access is Access.READ else ("s3:GetObject", "s3:PutObject")
        result.append(Statement("buckets", actions, (f"{names.bucket_arn(key)}/*",)))
        result.append(Statement("buckets", KEY_ACTIONS[access], (names.data_key_arn(),)))
    for key in spec.publishes_to:
        result.append(Statement("publishes_to", ("events:PutEvents",), (names.bus_arn(key),)))
    if spec.starts:
        machines = tuple(names.state_machine_arn(key) for key in spec.starts)
        result.append(Statement("starts", ("states:StartExecution",), machines))
    if spec.answers:
        machines = tuple(names.state_machine_arn(key) for key in spec.answers)
        result.append(Statement("answers", TASK_ANSWERS, machines))
    if spec.agent_tasks:
        task = (names.connect_instance_arn(), names.contact_flow_arn(AGENT_TASK_FLOW))
        result.append(Statement("agent_tasks", ("connect:StartTaskContact",), task))
    if spec.starts_chats:
        chat = (names.connect_instance_arn(), names.contact_flow_arn(CHAT_FLOW))
        result.append(Statement("starts_chats", ("connect:StartChatContact",), chat))
    if spec.acknowledges:
        # SMS to a phone number names no resource.
        result.append(Statement("acknowledges", ("sns:Publish",), ("*",)))
        if sender_email:
            identity = names.arn("ses", f"identity/{sender_email}")
            result.append(Statement("acknowledges", ("ses:SendEmail", "ses:SendRawEmail"), (identity,)))
    if spec.notifies:
        topics = tuple(names.topic_arn(key) for key in spec.notifies)
        result.append(Statement("notifies", ("sns:Publish",), topics))
        if sender_email:
            identity = names.arn("ses", f"identity/{sender_email}")
            templates = names.arn("ses", f"template/{email_template_prefix(stage)}*")
            result.append(Statement("notifies", ("ses:SendTemplatedEmail",), (identity, templates)))
    if spec.sla_timers:
        target = names.timer_target()
        schedules = names.arn("scheduler", f"schedule/{target[Env.SCHEDULE_GROUP]}/*")
        result.append(Statement("sla_timers", SCHEDULE_ACTIONS, (schedules,)))
        # ListSchedules names no resource; PassRole only the timers' own role.
        result.append(Statement("sla_timers", ("scheduler:ListSchedules",), ("*",)))
        result.append(Statement("sla_timers", ("iam:PassRole",), (target[Env.SCHEDULER_ROLE_ARN],)))
    if spec.searches:
        domain = names.arn("es", f"domain/{search_domain_name(stage)}")
        result.append(Statement("searches", SEARCH_ACTIONS, (domain, f"{domain}/*")))
    if spec.reports:
        result.extend(_reports(names, stage))
    if spec.mails_reports and report_sender:
        # Raw only: a report goes as an attachment; from the one identity, nothing else.
        identity = names.arn("ses", f"identity/{report_sender}")
        result.append(Statement("mails_reports", ("ses:SendRawEmail",), (identity,)))
    if spec.pages:
        # The cursor key, once per cold start; Secrets Manager decrypts it with the caller's rights.
        result.append(Statement("pages", ("secretsmanager:GetSecretValue",), (names.cursor_secret_arn(),)))
        result.append(Statement("pages", ("kms:Decrypt",), (names.data_key_arn(),)))
    if spec.links_portal_users:
        # Reads a portal user and sets the one attribute only the product writes; nothing else.
        actions = ("cognito-idp:AdminGetUser", "cognito-idp:AdminUpdateUserAttributes")
        result.append(Statement("links_portal_users", actions, (names.customer_pool_arn(),)))
    if spec.erases_portal_users:
        # Finds the user by their pool id (sub) and deletes them; reads or changes nothing else.
        actions = ("cognito-idp:ListUsers", "cognito-idp:AdminDeleteUser")
        result.append(Statement("erases_portal_users", actions, (names.customer_pool_arn(),)))
    if spec.monitors or spec.supervises or spec.agent_contacts:
        result.extend(_monitoring(spec, names))
    if spec.live_channel is LiveChannel.PUSHES:
        # Posts to (and forgets) the channel's connections; nothing else of the WebSocket API.
        result.append(
            Statement("live_channel", ("execute-api:ManageConnections",), (names.live_connections_arn(),))
        )
    if spec.routing:
        # Routing's overflow reads the queues' real-time metrics.
        queues = (names.connect_instance_arn(), *(names.queue_arn(q.key) for q in CONNECT_QUEUES))
        result.append(Statement("routing", ("connect:GetCurrentMetricData",), queues))
    return result


MONITOR_READS = ("connect:GetCurrentMetricData", "connect:GetCurrentUserData", "connect:GetMetricDataV2")
SUPERVISOR_ACTIONS = (
    "connect:PutUserStatus",
    "connect:UpdateContactRoutingData",
    "connect:TransferContact",
    "connect:MonitorContact",
)


def connect_ids_arn(names: GrantNames, kind: str) -> str:
    """The account's Connect resources of one kind (agents, contacts, ...), by pattern."""
    return names.arn("connect", f"instance/*/{kind}/*")


def _monitoring(spec: FunctionSpec, names: GrantNames) -> list[Statement]:
    """The live figures (the instance, its queues and its agents), and a supervisor's actions
    on its agents, contacts and statuses. Connect names users, contacts and statuses by ids
    made at run time, so those are named by pattern; the pattern names no instance id, because
    the instance is another stack's and cdk-nag cannot tell its exported ARN from a wildcard
    (the instance and queue ARNs themselves are named exactly)."""
    instance = names.connect_instance_arn()
    queues = tuple(names.queue_arn(q.key) for q in CONNECT_QUEUES)

    def ids(kind: str) -> str:
        return connect_ids_arn(names, kind)

    agents = ids("agent")
    result = []
    if spec.monitors:
        result.append(Statement("monitors", MONITOR_READS, (instance, *queues, agents)))
        result.append(Statement("monitors", ("connect:ListUsers",), (instance, agents)))
    if spec.agent_contacts:
        # The signed-in agent's contact: their user (ListUsers, GetCurrentUserData) and the
        # contact's attributes, for the workspace's screen pop.
        reads = ("connect:GetCurrentUserData", "connect:ListUsers")
        result.append(Statement("agent_contacts", reads, (instance, agents)))
        attributes = ("connect:GetContactAttributes",)
        result.append(Statement("agent_contacts", attributes, (instance, ids("contact"))))
    if spec.supervises:
        resources = (
            instance,
            *queues,
            agents,
            ids("contact"),
            ids("agent-state"),
            ids("contact-flow"),
        )
        result.append(Statement("supervises", SUPERVISOR_ACTIONS, resources))
        result.append(Statement("supervises", ("connect:ListAgentStatuses",), (instance, ids("agent-state"))))
    return result


def _reports(names: GrantNames, stage: str) -> list[Statement]:
    """Athena in the reports' workgroup, over the lake's Glue tables; Athena reads the lake and
    writes the results with the caller's own rights (the object grants come from ``buckets``)."""
    database = lake_database_name(stage)
    glue = (
        names.arn("glue", "catalog"),
        names.arn("glue", f"database/{database}"),
        *(names.arn("glue", f"table/{database}/{table.name}") for table in LAKE_TABLES),
    )
    lake, results = names.bucket_arn(BUCKET_LAKE), names.bucket_arn(BUCKET_REPORT_RESULTS)
    return [
        Statement(
            "reports", QUERY_ACTIONS, (names.arn("athena", f"workgroup/{report_workgroup_name(stage)}"),)
        ),
        Statement("reports", CATALOG_ACTIONS, glue),
        Statement("reports", ("s3:ListBucket", "s3:GetBucketLocation"), (lake, results)),
    ]


def _tables(spec: FunctionSpec, names: GrantNames) -> list[Statement]:
    result: list[Statement] = []
    key_actions: set[str] = set()
    for key, access in spec.tables.items():
        table = names.table_arn(key)
        resources = [table]
        if access in (Access.READ, Access.READ_WRITE, Access.APPEND_READ):
            # Each index by name (from the model), rather than index/*.
            resources += [f"{table}/index/{index.name}" for index in TABLES_BY_KEY[key].definition.indexes]
        result.append(Statement("tables", TABLE_ACTIONS[access], tuple(resources)))
        key_actions.update(KEY_ACTIONS[access])
    if key_actions:
        result.append(Statement("tables", tuple(sorted(key_actions)), (names.data_key_arn(),)))
    return result
