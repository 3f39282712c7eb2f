"""Names and environment keys shared by the CDK app, the local cloud and the Lambda functions.

One module so a name is spelled once: the CDK app reads it to wire resources, the local
cloud reads it to provision the same resources, and each function's settings model reads
the environment keys it is given.
"""

from typing import Final

APP_NAME: Final = "contactcenter"
METRICS_NAMESPACE: Final = "ContactCenter"

# Stacks, one per concern.
STACK_DATA: Final = "Data"
STACK_API: Final = "Api"
STACK_WORKFLOWS: Final = "Workflows"
STACK_CONTACT_CENTER: Final = "ContactCenter"
STACK_AUDIT: Final = "Audit"
STACK_CONSOLE: Final = "Console"  # the web console's hosting
STACK_CONSOLE_FIREWALL: Final = "ConsoleFirewall"  # its WAF web ACL, in us-east-1

# Logical resource keys (the local cloud derives physical names from these).
TABLE_AUDIT: Final = "audit"
TABLE_CUSTOMERS: Final = "customers"
TABLE_CUSTOMER_KEYS: Final = "customer_keys"
TABLE_ACCOUNTS: Final = "accounts"
TABLE_CUSTOMER_HISTORY: Final = "customer_history"
TABLE_TICKETS: Final = "tickets"
TABLE_TICKET_EVENTS: Final = "ticket_events"
TABLE_AGENTS: Final = "agents"
TABLE_DEPARTMENTS: Final = "departments"
TABLE_IDEMPOTENCY: Final = "idempotency"
TABLE_CALLBACKS: Final = "callbacks"
TABLE_DO_NOT_CALL: Final = "do_not_call"
TABLE_SLA_CONFIG: Final = "sla_config"
TABLE_NOTIFICATIONS: Final = "notifications"
TABLE_ARTICLES: Final = "articles"
TABLE_ARTICLE_VERSIONS: Final = "article_versions"
TABLE_ARTICLE_FEEDBACK: Final = "article_feedback"
TABLE_CHAT_SESSIONS: Final = "chat_sessions"
TABLE_REPORT_EXPORTS: Final = "report_exports"
TABLE_MONITOR: Final = "monitor"  # the shared live snapshot of queues and agents (contactcenter.monitor)
TABLE_ALERT_RULES: Final = "alert_rules"  # supervisors' queue thresholds and their alert state
TABLE_LIVE_CHANNEL: Final = "live_channel"  # live-channel tickets and the open WebSocket connections
TABLE_KEYWORD_ANALYSES: Final = "keyword_analyses"  # the managers' saved keyword analyses
TABLE_REPORT_SCHEDULES: Final = "report_schedules"  # saved reports e-mailed on a cadence
TABLE_RATE_LIMITS: Final = "rate_limits"  # abuse limits' counters (contactcenter.rate_limits)
TABLE_DATA_KEYS: Final = "data_keys"  # per-customer keys sealing the audit log (contactcenter.audit)
BUCKET_ATTACHMENTS: Final = "attachments"
BUCKET_LAKE: Final = "lake"  # the data lake: Parquet the reports read
BUCKET_REPORT_RESULTS: Final = "report_results"  # Athena's query results
BUCKET_RECORDINGS: Final = "recordings"  # the Connect instance's call recordings
# Where in that bucket Connect writes them: <prefix>/YYYY/MM/DD/<contact id>_<time>_UTC.wav
RECORDINGS_PREFIX: Final = "recordings"
BUS_DOMAIN: Final = "domain"
STATE_MACHINE_HEALTHCHECK: Final = "healthcheck"
STATE_MACHINE_COMPLAINT: Final = "complaint"
STATE_MACHINE_CALLBACK: Final = "callback"
STATE_MACHINE_ERASURE: Final = "erasure"


class Env:
    """Environment variable names a function may be given."""

    STAGE: Final = "CC_STAGE"
    CURSOR_KEY: Final = "CC_CURSOR_KEY"  # signs list cursors (see api.pagination)
    CURSOR_SECRET_ARN: Final = "CC_CURSOR_SECRET_ARN"  # noqa: S105 (a variable name: the key's secret)
    TRACING: Final = "CC_TRACING_ENABLED"
    # The web console's origin in AWS (context consoleDomainName or consoleOrigin): the one
    # origin API answers allow cross-origin (CORS). Unset locally, where the console is same-origin.
    CONSOLE_ORIGIN: Final = "CC_CONSOLE_ORIGIN"
    SERVICE: Final = "POWERTOOLS_SERVICE_NAME"
    METRICS_NAMESPACE: Final = "POWERTOOLS_METRICS_NAMESPACE"
    LOG_LEVEL: Final = "POWERTOOLS_LOG_LEVEL"
    TICKET_TYPES: Final = "CC_TICKET_TYPES"
    REOPEN_WINDOW_DAYS: Final = "CC_REOPEN_WINDOW_DAYS"
    IVR_MAX_PIN_FAILURES: Final = "CC_IVR_MAX_PIN_FAILURES"
    IVR_PIN_WINDOW_MINUTES: Final = "CC_IVR_PIN_WINDOW_MINUTES"
    IVR_LOCK_MINUTES: Final = "CC_IVR_LOCK_MINUTES"
    ROUTING_RULES: Final = "CC_ROUTING_RULES"
    CONNECT_INSTANCE_ID: Final = "CC_CONNECT_INSTANCE_ID"
    CONNECT_INSTANCE_ARN: Final = "CC_CONNECT_INSTANCE_ARN"
    MONITOR_CACHE_SECONDS: Final = "CC_MONITOR_CACHE_SECONDS"  # how old a live snapshot may be
    LIVE_CHANNEL_URL: Final = "CC_LIVE_CHANNEL_URL"  # wss:// where supervisors' pages connect
    LIVE_CHANNEL_ENDPOINT: Final = "CC_LIVE_CHANNEL_ENDPOINT"  # https:// the pushes are posted to
    TASK_FLOW_ID: Final = "CC_CONNECT_TASK_FLOW_ID"  # the flow that routes agent tasks to a queue
    CHAT_FLOW_ID: Final = "CC_CONNECT_CHAT_FLOW_ID"  # the flow the help center's chats start on
    QUEUES: Final = "CC_CONNECT_QUEUES"  # queue key -> {arn, calling_hours}
    WORKFLOW_TIMING: Final = "CC_WORKFLOW_TIMING"
    CALLBACK_TIMING: Final = "CC_CALLBACK_TIMING"
    SENDER_EMAIL: Final = "CC_SENDER_EMAIL"
    REPORT_SENDER_EMAIL: Final = "CC_REPORT_SENDER_EMAIL"  # the From of scheduled report e-mails
    SEARCH_ENGINE: Final = "CC_SEARCH_ENGINE"  # opensearch | embedded (the local cloud's)
    OPENSEARCH_ENDPOINT: Final = "CC_OPENSEARCH_ENDPOINT"
    SEARCH_ALIAS: Final = "CC_SEARCH_ALIAS"
    ATHENA_WORKGROUP: Final = "CC_ATHENA_WORKGROUP"  # where the reports' queries run
    LAKE_DATABASE: Final = "CC_LAKE_DATABASE"  # the Glue database of the lake's tables
    SLA_CONFIG_SECONDS: Final = "CC_SLA_CONFIG_SECONDS"  # how long a function keeps the SLA configuration
    SCHEDULE_GROUP: Final = "CC_SCHEDULE_GROUP"  # EventBridge Scheduler group of the SLA timers
    SCHEDULER_ROLE_ARN: Final = "CC_SCHEDULER_ROLE_ARN"  # the role the timers invoke with
    ESCALATION_FUNCTION_ARN: Final = "CC_ESCALATION_FUNCTION_ARN"
    TIMER_DEAD_LETTERS_ARN: Final = "CC_TIMER_DEAD_LETTERS_ARN"
    # Abuse limits (contactcenter.rate_limits): requests per customer-facing client and window,
    # tickets per customer per hour, turns per chat session.
    CUSTOMER_RATE_LIMIT: Final = "CC_CUSTOMER_RATE_LIMIT"
    PORTAL_RATE_LIMIT: Final = "CC_PORTAL_RATE_LIMIT"
    RATE_WINDOW_SECONDS: Final = "CC_RATE_WINDOW_SECONDS"
    TICKETS_PER_HOUR: Final = "CC_TICKETS_PER_CUSTOMER_HOUR"
    CHAT_MAX_TURNS: Final = "CC_CHAT_MAX_TURNS"
    # Retention (catalog.retention): how long a chat session, and a stored idempotent answer, live.
    CHAT_SESSION_DAYS: Final = "CC_CHAT_SESSION_DAYS"
    IDEMPOTENCY_HOURS: Final = "CC_IDEMPOTENCY_HOURS"
    CUSTOMER_POOL_ID: Final = "CC_CUSTOMER_POOL_ID"  # the customers' Cognito user pool (portal sign-ins)

    @staticmethod
    def table(key: str) -> str:
        """The variable holding the physical name of the table with logical key ``key``."""
        return f"CC_TABLE_{key.upper()}"

    @staticmethod
    def bucket(key: str) -> str:
        return f"CC_BUCKET_{key.upper()}"

    @staticmethod
    def bus(key: str) -> str:
        return f"CC_BUS_{key.upper()}"

    @staticmethod
    def topic(key: str) -> str:
        return f"CC_TOPIC_{key.upper()}_ARN"

    @staticmethod
    def state_machine(key: str) -> str:
        return f"CC_STATE_MACHINE_{key.upper()}_ARN"
