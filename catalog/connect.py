"""Amazon Connect as the product configures it: hours, queues, routing profiles, the routing
rules and the contact flows (with what each flow file refers to)."""

from collections.abc import Callable, Mapping, Sequence

from catalog.specs import FlowSpec, HoursSpec, QueueSpec, RoutingProfileSpec

CHAT_BOT = "chat"  # the Lex V2 bot (its code hook is the chat_bot function)
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


ROUTING_PROFILES: tuple[RoutingProfileSpec, ...] = (
    RoutingProfileSpec("help_desk", "Help desk agents", {GENERAL_QUEUE: 1}),
    RoutingProfileSpec("billing", "Billing agents", {"billing": 1, GENERAL_QUEUE: 2}),
    RoutingProfileSpec("technical", "Technical agents", {"router_x": 1, "router_y": 1, GENERAL_QUEUE: 2}),
)
MAX_QUEUE_WAIT_SECONDS = 300
TIER_PRIORITY = {"vip": 1, "gold": 2}
DEFAULT_PRIORITY = 5

AGENT_TASK_FLOW = "agent_task"
CHAT_FLOW = "chat_selfservice"  # the help center's chats start here (StartChatContact)
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
        key=CHAT_FLOW,
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
