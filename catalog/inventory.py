"""The product's inventory: every table, bus, bucket, function, state machine, rule and alarm.

Both clouds build from this module and nothing else, so they cannot disagree about which
tables, buses, functions and state machines exist, which function may touch what, or which
environment a function is given. Tests compare the synthesized templates with it.
"""

from collections.abc import Mapping
from types import MappingProxyType

from catalog.specs import (
    Access,
    BusinessAlarmSpec,
    EventRuleSpec,
    FunctionSpec,
    LiveChannel,
    StateMachineSpec,
    TableSpec,
)
from contactcenter.articles.models import ArticleFeedback, ArticleItem, ArticleVersion
from contactcenter.audit.models import AuditRecord
from contactcenter.callbacks.models import Callback, DoNotCall
from contactcenter.chat.models import ChatSession
from contactcenter.constants import (
    BUCKET_ATTACHMENTS,
    BUCKET_LAKE,
    BUCKET_RECORDINGS,
    BUCKET_REPORT_RESULTS,
    BUS_DOMAIN,
    STACK_API,
    STACK_CONTACT_CENTER,
    STACK_WORKFLOWS,
    STATE_MACHINE_CALLBACK,
    STATE_MACHINE_COMPLAINT,
    STATE_MACHINE_ERASURE,
    STATE_MACHINE_HEALTHCHECK,
    TABLE_ACCOUNTS,
    TABLE_AGENTS,
    TABLE_ALERT_RULES,
    TABLE_ARTICLE_FEEDBACK,
    TABLE_ARTICLE_VERSIONS,
    TABLE_ARTICLES,
    TABLE_AUDIT,
    TABLE_CALLBACKS,
    TABLE_CHAT_SESSIONS,
    TABLE_CUSTOMER_HISTORY,
    TABLE_CUSTOMER_KEYS,
    TABLE_CUSTOMERS,
    TABLE_DATA_KEYS,
    TABLE_DEPARTMENTS,
    TABLE_DO_NOT_CALL,
    TABLE_IDEMPOTENCY,
    TABLE_KEYWORD_ANALYSES,
    TABLE_LIVE_CHANNEL,
    TABLE_MONITOR,
    TABLE_NOTIFICATIONS,
    TABLE_RATE_LIMITS,
    TABLE_REPORT_EXPORTS,
    TABLE_REPORT_SCHEDULES,
    TABLE_SLA_CONFIG,
    TABLE_TICKET_EVENTS,
    TABLE_TICKETS,
    Env,
)
from contactcenter.customers.models import Account, Customer, CustomerKey, HistoryEntry
from contactcenter.data_keys import DataKey
from contactcenter.directory.models import Agent, Department
from contactcenter.idempotency_model import IdempotencyRecord
from contactcenter.monitor.alerts import AlertRule
from contactcenter.monitor.live_channel import LiveChannelItem
from contactcenter.monitor.snapshots import MonitorSnapshot
from contactcenter.rate_limits import RateCounter
from contactcenter.reports.models import KeywordAnalysis, ReportExport
from contactcenter.reports.schedule_models import ReportSchedule
from contactcenter.sla.models import ConfigItem, Notification
from contactcenter.tickets.models import Ticket, TimelineEntry

ESCALATION_FUNCTION = "sla_escalations"
CHAT_BOT_FUNCTION = "chat_bot"
REPORT_SCHEDULER_FUNCTION = "report_scheduler"
KNOWLEDGE_INDEXER_FUNCTION = "knowledge_indexer"
LIVE_CHANNEL_FUNCTION = "live_channel"  # the WebSocket API's routes ($connect, $disconnect, $default)
LAKE_TRANSFORM_FUNCTION = "lake_transform"  # invoked by the Connect lake feeds' Firehose streams
SLA_TOPICS = ("supervisor", "department_head", "assignee")  # SNS topics escalations go to, by role


# Asynchronous invocations: Lambda's retries, then the on-failure destination.
ASYNC_RETRIES = 2
ASYNC_MAX_EVENT_AGE_SECONDS = 6 * 3600
# Stream-invoked functions: records per batch (a failed one is reported, not the whole batch).
STREAM_BATCH_SIZE = 10


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
    TableSpec(TABLE_REPORT_EXPORTS, ReportExport, customer_data=False),  # figures, no personal data
    TableSpec(TABLE_KEYWORD_ANALYSES, KeywordAnalysis, customer_data=False),  # managers' keywords
    TableSpec(TABLE_MONITOR, MonitorSnapshot, customer_data=False),  # queue figures, agents' states
    TableSpec(TABLE_ALERT_RULES, AlertRule, customer_data=False),  # thresholds and their state
    TableSpec(TABLE_LIVE_CHANNEL, LiveChannelItem, customer_data=False),  # supervisors' live connections
    # Staff distribution lists and the runs' outcomes: no customer's data.
    TableSpec(TABLE_REPORT_SCHEDULES, ReportSchedule, customer_data=False),
    # Stored responses hold customer data, so reads and writes are audited too.
    TableSpec(TABLE_IDEMPOTENCY, IdempotencyRecord, customer_data=True),
    # Keys are digests of the subject (contactcenter.rate_limits): no customer data.
    TableSpec(TABLE_RATE_LIMITS, RateCounter, customer_data=False),
    # The keys that seal the audit log's personal data: erasure deletes a customer's.
    TableSpec(TABLE_DATA_KEYS, DataKey, customer_data=True),
)

EVENT_BUSES: tuple[str, ...] = (BUS_DOMAIN,)

BUCKETS: tuple[str, ...] = (
    BUCKET_ATTACHMENTS,
    BUCKET_LAKE,
    BUCKET_REPORT_RESULTS,
    BUCKET_RECORDINGS,  # the Connect instance writes to it (an imported instance: its own storage)
)
# How long a bucket keeps an object (days; absent: as long as the stack keeps the bucket).
# Report results and exports are copies of figures the lake keeps: a week is enough to fetch them.
# Recordings: the default of the context flag recordingRetentionDays.
BUCKET_EXPIRY_DAYS: dict[str, int] = {BUCKET_REPORT_RESULTS: 7, BUCKET_RECORDINGS: 90}
# The buckets a browser uploads to with a presigned POST (the console's attachments): they answer
# the console's origin cross-origin (CORS), for POST only; downloads are plain links.
BROWSER_UPLOADS: tuple[str, ...] = (BUCKET_ATTACHMENTS,)

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
        description="/customers: create, read, change and find customers; their history; help-center chats",
        memory_mb=512,
        timeout_seconds=15,
        tables={
            TABLE_CUSTOMERS: Access.READ_WRITE,
            TABLE_CUSTOMER_KEYS: Access.READ_WRITE,
            TABLE_ACCOUNTS: Access.READ_WRITE,
            TABLE_CUSTOMER_HISTORY: Access.READ,
            TABLE_AUDIT: Access.APPEND,
            TABLE_DATA_KEYS: Access.CREATE,  # seals its audit records about customers
            TABLE_IDEMPOTENCY: Access.READ_WRITE,
            TABLE_CHAT_SESSIONS: Access.APPEND,  # the chat assertions it issues (POST /chat/sessions)
            TABLE_RATE_LIMITS: Access.COUNT,  # per-client throttling of customer-facing callers
        },
        routers=("contactcenter.customers.api:router", "contactcenter.chat.api:router"),
        starts_chats=True,  # POST /chat/contacts: the help center's chats
        links_portal_users=True,  # PUT /customers/{id}/portal-user
        pages=True,
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
            TABLE_DATA_KEYS: Access.CREATE,  # seals its audit records about customers
            TABLE_IDEMPOTENCY: Access.READ_WRITE,
            TABLE_SLA_CONFIG: Access.READ,
            TABLE_RATE_LIMITS: Access.COUNT,  # per-client throttling; tickets per customer and hour
        },
        buckets={BUCKET_ATTACHMENTS: Access.READ_WRITE},
        routers=("contactcenter.tickets.api:router", "contactcenter.workflows.api:router"),
        pages=True,
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
        pages=True,
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
            TABLE_DATA_KEYS: Access.CREATE,  # seals its audit records about customers
            TABLE_IDEMPOTENCY: Access.READ_WRITE,
            TABLE_RATE_LIMITS: Access.COUNT,  # per-client throttling of customer-facing callers
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
        pages=True,
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
            TABLE_ARTICLE_FEEDBACK: Access.READ_WRITE,  # staff read the counts; readers add thumbs
            TABLE_AUDIT: Access.APPEND,
            TABLE_IDEMPOTENCY: Access.READ_WRITE,
            TABLE_RATE_LIMITS: Access.COUNT,  # per-client throttling of customer-facing callers
        },
        routers=("contactcenter.articles.api:router",),
        pages=True,
        searches=True,
    ),
    FunctionSpec(
        name="api_reports",
        stack=STACK_API,
        description="/reports: contact-center KPIs over the data lake (Athena), as JSON, CSV or Excel",
        memory_mb=1024,  # workbooks are built in memory
        timeout_seconds=29,  # API Gateway's own limit: a longer report is an asynchronous export
        tables={
            TABLE_AUDIT: Access.APPEND,
            TABLE_REPORT_EXPORTS: Access.READ_WRITE,
            TABLE_KEYWORD_ANALYSES: Access.READ_WRITE,
            TABLE_REPORT_SCHEDULES: Access.READ_WRITE,
            TABLE_IDEMPOTENCY: Access.READ_WRITE,
        },
        buckets={BUCKET_LAKE: Access.READ, BUCKET_REPORT_RESULTS: Access.READ_WRITE},
        routers=(
            "contactcenter.reports.api:router",
            "contactcenter.reports.exports_api:router",
            "contactcenter.reports.keywords_api:router",
            "contactcenter.reports.schedules_api:router",
        ),
        reports=True,
        pages=True,  # the schedules' list
    ),
    FunctionSpec(
        name=REPORT_SCHEDULER_FUNCTION,
        stack=STACK_API,
        description="Hourly: runs the report schedules due and e-mails each workbook (SES), once per period",
        memory_mb=2048,  # workbooks are built in memory, one schedule after another
        timeout_seconds=900,  # every schedule due in one pass; each report's query has Athena's own limit
        tables={
            TABLE_REPORT_SCHEDULES: Access.READ_WRITE,
            TABLE_AUDIT: Access.APPEND,
            TABLE_KEYWORD_ANALYSES: Access.READ,  # a scheduled keyword analysis, as saved when it runs
        },
        buckets={BUCKET_LAKE: Access.READ, BUCKET_REPORT_RESULTS: Access.READ_WRITE},
        reports=True,
        mails_reports=True,
        invoked_async=True,
        tuned=(Env.REPORT_SENDER_EMAIL,),
    ),
    FunctionSpec(
        name="report_exporter",
        stack=STACK_API,
        description="The report exports table's stream: runs each export and writes its file",
        memory_mb=2048,  # a large workbook is built in memory
        timeout_seconds=300,
        # An export of a keyword analysis reads the analysis as it is saved when it runs.
        tables={TABLE_REPORT_EXPORTS: Access.READ_WRITE, TABLE_KEYWORD_ANALYSES: Access.READ},
        buckets={BUCKET_LAKE: Access.READ, BUCKET_REPORT_RESULTS: Access.READ_WRITE},
        stream_from=TABLE_REPORT_EXPORTS,
        reports=True,
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
        name="api_monitor",
        stack=STACK_API,
        description=(
            "/monitor: queues and agents now (a shared Connect snapshot), alerts, supervisor actions; "
            "/agent/contact"
        ),
        memory_mb=512,
        timeout_seconds=15,
        tables={
            TABLE_MONITOR: Access.READ_WRITE,
            TABLE_ALERT_RULES: Access.READ_WRITE,
            TABLE_AUDIT: Access.APPEND,
            TABLE_IDEMPOTENCY: Access.READ_WRITE,
            TABLE_LIVE_CHANNEL: Access.READ_WRITE,  # writes the live channel's tickets
        },
        routers=("contactcenter.monitor.api:router", "contactcenter.monitor.agent_contact:router"),
        monitors=True,
        supervises=True,
        live_channel=LiveChannel.ISSUES_TICKETS,
        agent_contacts=True,
        tuned=(Env.MONITOR_CACHE_SECONDS,),
    ),
    FunctionSpec(
        name="monitor_alerts",
        stack=STACK_API,
        description=(
            "Every minute and on Connect's contact and agent events: the alert rules against the live "
            "figures (each crossing told once), and the figures pushed to the live channel"
        ),
        memory_mb=256,
        timeout_seconds=60,
        tables={
            TABLE_MONITOR: Access.READ_WRITE,
            TABLE_ALERT_RULES: Access.READ_WRITE,
            TABLE_NOTIFICATIONS: Access.READ_WRITE,
            TABLE_LIVE_CHANNEL: Access.READ_WRITE,  # finds the connections, forgets closed ones
        },
        notifies=("supervisor",),
        monitors=True,
        agent_events=True,
        live_channel=LiveChannel.PUSHES,
        invoked_async=True,
        tuned=(Env.MONITOR_CACHE_SECONDS,),
    ),
    FunctionSpec(
        name=LIVE_CHANNEL_FUNCTION,
        stack=STACK_API,
        description="The live channel's WebSocket routes: a connection opens with a supervisor's ticket",
        memory_mb=256,
        timeout_seconds=10,
        tables={TABLE_LIVE_CHANNEL: Access.READ_WRITE},
    ),
    FunctionSpec(
        name="callback_events_publisher",
        stack=STACK_API,
        description="The callbacks table's stream as callback.* domain events (requested, attempted, ended)",
        memory_mb=256,
        timeout_seconds=30,
        stream_from=TABLE_CALLBACKS,
        publishes_to=(BUS_DOMAIN,),
    ),
    FunctionSpec(
        name="chat_events_publisher",
        stack=STACK_API,
        description="The chat sessions table's stream as chat.turn events: answers, thumbs, hand-overs",
        memory_mb=256,
        timeout_seconds=30,
        stream_from=TABLE_CHAT_SESSIONS,
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
        name=LAKE_TRANSFORM_FUNCTION,
        stack=STACK_CONTACT_CENTER,
        description="Firehose transformation: Connect's contact records and flow logs into lake rows",
        memory_mb=256,
        timeout_seconds=60,  # Firehose waits up to 5 minutes; a batch of 3 MB takes well under one
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
            TABLE_DATA_KEYS: Access.CREATE,  # seals its audit records about customers
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
            TABLE_DATA_KEYS: Access.CREATE,  # seals its audit records about customers
            TABLE_RATE_LIMITS: Access.COUNT,  # turns per chat session; tickets per customer and hour
        },
        connect_queues=True,
        starts=(STATE_MACHINE_CALLBACK,),
        pages=True,  # the latest tickets it tells a chatter about come from a list
        searches=True,
        tuned=(Env.CALLBACK_TIMING, Env.SLA_CONFIG_SECONDS, Env.CHAT_SESSION_DAYS),
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
            TABLE_DATA_KEYS: Access.CREATE,  # seals its audit records about customers
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
            TABLE_DATA_KEYS: Access.CREATE,  # seals its audit records about customers
        },
        starts=(STATE_MACHINE_COMPLAINT,),
        invoked_async=True,
        tuned=(Env.WORKFLOW_TIMING,),
    ),
    FunctionSpec(
        name="api_privacy",
        stack=STACK_API,
        description="/customers/{id}/export and /erasure: a customer's data, as one document; its erasure",
        memory_mb=512,
        timeout_seconds=29,  # a customer with years of tickets: the API's own limit
        tables={
            TABLE_CUSTOMERS: Access.READ,
            TABLE_ACCOUNTS: Access.READ,
            TABLE_CUSTOMER_HISTORY: Access.READ,
            TABLE_TICKETS: Access.READ,
            TABLE_TICKET_EVENTS: Access.READ,
            TABLE_CALLBACKS: Access.READ,
            TABLE_CHAT_SESSIONS: Access.READ,
            TABLE_AUDIT: Access.APPEND_READ,  # reads the records about the customer; audits the request
            TABLE_DATA_KEYS: Access.READ,  # unseals them
        },
        routers=("contactcenter.privacy.api:router",),
        starts=(STATE_MACHINE_ERASURE,),
    ),
    FunctionSpec(
        name="customer_erasure",
        stack=STACK_WORKFLOWS,
        description="The erasure workflow's steps: delete the portal sign-in, anonymise tickets, delete "
        "callbacks, history (with its calls' recordings), chats, contact points and the data key",
        memory_mb=256,
        timeout_seconds=60,
        tables={
            TABLE_TICKETS: Access.READ_WRITE,
            TABLE_TICKET_EVENTS: Access.READ_WRITE,
            TABLE_CALLBACKS: Access.READ_WRITE,
            TABLE_CUSTOMER_HISTORY: Access.READ_WRITE,
            TABLE_CHAT_SESSIONS: Access.READ_WRITE,
            TABLE_CUSTOMERS: Access.READ_WRITE,
            TABLE_CUSTOMER_KEYS: Access.READ_WRITE,
            TABLE_ACCOUNTS: Access.READ_WRITE,
            TABLE_AUDIT: Access.APPEND_READ,  # finds the portal sign-in linked to the customer
            TABLE_DATA_KEYS: Access.READ_WRITE,  # the only function that deletes a data key
        },
        buckets={BUCKET_ATTACHMENTS: Access.ERASE, BUCKET_RECORDINGS: Access.ERASE},
        erases_portal_users=True,
        answers=(STATE_MACHINE_CALLBACK,),  # a deleted callback's waiting workflow is let go
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
            TABLE_DATA_KEYS: Access.CREATE,  # seals its audit records about customers
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
            TABLE_DATA_KEYS: Access.CREATE,  # seals its audit records about customers
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
            TABLE_DATA_KEYS: Access.CREATE,  # seals its audit records about customers
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
    StateMachineSpec(
        key=STATE_MACHINE_ERASURE,
        stack=STACK_WORKFLOWS,
        definition_file="erasure.asl.json",
        functions={"ErasureStepsFunctionArn": "customer_erasure"},
    ),
)


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
        key="queue_alerts",
        bus=None,
        description="Every minute: evaluate the queues' alert rules against the live figures",
        pattern={},
        function="monitor_alerts",
        schedule="rate(1 minute)",
    ),
    EventRuleSpec(
        key="connect_contact_events",
        bus=None,
        description="A contact was queued, reached an agent or ended: alerts and the live channel at once",
        pattern={
            "source": ["aws.connect"],
            "detail-type": ["Amazon Connect Contact Event"],
            "detail": {"eventType": ["QUEUED", "CONNECTED_TO_AGENT", "DISCONNECTED"]},
        },
        function="monitor_alerts",
    ),
    EventRuleSpec(
        key="report_schedules",
        bus=None,
        description="Hourly, a quarter past: send the report schedules due (the lake has the hour by then)",
        pattern={},
        function=REPORT_SCHEDULER_FUNCTION,
        schedule="cron(15 * * * ? *)",
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


BUSINESS_ALARMS: tuple[BusinessAlarmSpec, ...] = (
    BusinessAlarmSpec(
        key="IvrLockouts",
        service="ivr_auth",
        metric="IvrLockouts",
        description="An account was locked after repeated wrong IVR PINs (guessing?); see the audit table",
    ),
    BusinessAlarmSpec(
        key="ScheduledReportsFailed",
        service=REPORT_SCHEDULER_FUNCTION,
        metric="ScheduledReportsFailed",
        description="A scheduled report could not be sent (the schedule's last_run says why); it is retried",
    ),
)


TABLES_BY_KEY: Mapping[str, TableSpec] = MappingProxyType({t.key: t for t in TABLES})
