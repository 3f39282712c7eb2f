"""The product's resources as data, read by both clouds: the CDK app deploys them and the local
cloud provisions them.

- ``specs``: the kinds of resource and how they are named;
- ``inventory``: the product's tables, buses, buckets, functions, state machines, rules, alarms;
- ``connect``: Amazon Connect's hours, queues, routing profiles and contact flows;
- ``environment``: the environment each function is deployed with;
- ``grants``: the IAM statements each function's grants mean (its role in AWS, enforced locally);
- ``tables``: table definitions derived from the pynamodb models;
- ``check``: the catalog's own consistency, checked before either cloud builds.

This package imports the domain package and never CDK, moto or the local cloud.
"""

from catalog.check import (
    check_catalog,
)
from catalog.connect import (
    AGENT_TASK_FLOW,
    CALLING_HOURS_TUNING,
    CHAT_BOT,
    CONNECT_HOURS,
    CONNECT_QUEUES,
    CONTACT_FLOWS,
    DEFAULT_PRIORITY,
    GENERAL_QUEUE,
    MAX_QUEUE_WAIT_SECONDS,
    ROUTING_PROFILES,
    TIER_PRIORITY,
    WEEKDAYS,
    connect_queues,
    routing_rules,
)
from catalog.environment import (
    function_environment,
)
from catalog.grants import (
    GrantNames,
    Statement,
    statements,
)
from catalog.inventory import (
    ASYNC_MAX_EVENT_AGE_SECONDS,
    ASYNC_RETRIES,
    BUCKET_EXPIRY_DAYS,
    BUCKETS,
    BUSINESS_ALARMS,
    CHAT_BOT_FUNCTION,
    ESCALATION_FUNCTION,
    EVENT_BUSES,
    EVENT_RULES,
    FUNCTIONS,
    FUNCTIONS_BY_NAME,
    KNOWLEDGE_INDEXER_FUNCTION,
    LAKE_TRANSFORM_FUNCTION,
    REPORT_SCHEDULER_FUNCTION,
    SLA_TOPICS,
    STATE_MACHINES,
    STREAM_BATCH_SIZE,
    TABLES,
    TABLES_BY_KEY,
)
from catalog.specs import (
    CONTACT_FLOWS_DIR,
    FUNCTIONS_DIR,
    ROOT,
    STATE_MACHINES_DIR,
    Access,
    BusinessAlarmSpec,
    EventRuleSpec,
    FlowSpec,
    FunctionSpec,
    HoursSpec,
    InconsistentDefinition,
    QueueSpec,
    ResourceNames,
    RoutingProfileSpec,
    StateMachineSpec,
    TableSpec,
    bucket_name,
    function_name,
    lake_database_name,
    report_workgroup_name,
    resource_name,
    search_domain_name,
    state_machine_name,
)
from catalog.tables import (
    TableDefinition,
    create_table_request,
    table_definition,
)

__all__ = [
    "AGENT_TASK_FLOW",
    "ASYNC_MAX_EVENT_AGE_SECONDS",
    "ASYNC_RETRIES",
    "BUCKETS",
    "BUCKET_EXPIRY_DAYS",
    "BUSINESS_ALARMS",
    "CALLING_HOURS_TUNING",
    "CHAT_BOT",
    "CHAT_BOT_FUNCTION",
    "CONNECT_HOURS",
    "CONNECT_QUEUES",
    "CONTACT_FLOWS",
    "CONTACT_FLOWS_DIR",
    "DEFAULT_PRIORITY",
    "ESCALATION_FUNCTION",
    "EVENT_BUSES",
    "EVENT_RULES",
    "FUNCTIONS",
    "FUNCTIONS_BY_NAME",
    "FUNCTIONS_DIR",
    "GENERAL_QUEUE",
    "KNOWLEDGE_INDEXER_FUNCTION",
    "LAKE_TRANSFORM_FUNCTION",
    "MAX_QUEUE_WAIT_SECONDS",
    "REPORT_SCHEDULER_FUNCTION",
    "ROOT",
    "ROUTING_PROFILES",
    "SLA_TOPICS",
    "STATE_MACHINES",
    "STATE_MACHINES_DIR",
    "STREAM_BATCH_SIZE",
    "TABLES",
    "TABLES_BY_KEY",
    "TIER_PRIORITY",
    "WEEKDAYS",
    "Access",
    "BusinessAlarmSpec",
    "EventRuleSpec",
    "FlowSpec",
    "FunctionSpec",
    "GrantNames",
    "HoursSpec",
    "InconsistentDefinition",
    "QueueSpec",
    "ResourceNames",
    "RoutingProfileSpec",
    "StateMachineSpec",
    "Statement",
    "TableDefinition",
    "TableSpec",
    "bucket_name",
    "check_catalog",
    "connect_queues",
    "create_table_request",
    "function_environment",
    "function_name",
    "lake_database_name",
    "report_workgroup_name",
    "resource_name",
    "routing_rules",
    "search_domain_name",
    "state_machine_name",
    "statements",
    "table_definition",
]
