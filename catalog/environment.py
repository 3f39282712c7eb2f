"""The environment a function is deployed with, the same in both clouds."""

import json
from collections.abc import Mapping

from catalog.connect import AGENT_TASK_FLOW, CALLING_HOURS_TUNING, CHAT_FLOW, connect_queues, routing_rules
from catalog.specs import FunctionSpec, LiveChannel, ResourceNames
from contactcenter.constants import METRICS_NAMESPACE, TABLE_IDEMPOTENCY, Env


def function_environment(
    spec: FunctionSpec,
    stage: str,
    names: ResourceNames,
    tuning: Mapping[str, str] | None = None,
    *,
    tracing: bool = False,
) -> dict[str, str]:
    """The environment a function is deployed with, in either cloud; ``tuning`` holds the
    cloud's own values of the keys the spec lists in ``tuned`` (absent: the code's defaults);
    ``tracing`` turns the Powertools Tracer on (AWS: the ``tracing`` context flag; the local
    cloud has no X-Ray)."""
    environment = {
        Env.STAGE: stage,
        Env.SERVICE: spec.name,
        Env.METRICS_NAMESPACE: METRICS_NAMESPACE,
        Env.LOG_LEVEL: "INFO",
    }
    if tracing:
        environment[Env.TRACING] = "true"
    environment |= {Env.table(key): names.table_name(key) for key in spec.tables}
    environment |= {Env.bucket(key): names.bucket_name(key) for key in spec.buckets}
    environment |= {Env.bus(key): names.bus_name(key) for key in spec.publishes_to}
    if spec.routing:
        environment[Env.ROUTING_RULES] = json.dumps(routing_rules(names.queue_arn))
        environment[Env.CONNECT_INSTANCE_ID] = names.connect_instance_id()
    if spec.monitors or spec.supervises or spec.agent_contacts:
        environment[Env.CONNECT_INSTANCE_ID] = names.connect_instance_id()
        environment[Env.CONNECT_INSTANCE_ARN] = names.connect_instance_arn()
    if spec.connect_queues or spec.agent_tasks or spec.monitors or spec.supervises:
        hours = json.loads((tuning or {}).get(CALLING_HOURS_TUNING, "{}"))
        environment[Env.QUEUES] = json.dumps(connect_queues(names.queue_arn, hours))
    if spec.agent_tasks:
        environment[Env.CONNECT_INSTANCE_ID] = names.connect_instance_id()
        environment[Env.TASK_FLOW_ID] = names.contact_flow_arn(AGENT_TASK_FLOW)
    if spec.starts_chats:
        environment[Env.CONNECT_INSTANCE_ID] = names.connect_instance_id()
        environment[Env.CHAT_FLOW_ID] = names.contact_flow_arn(CHAT_FLOW)
    environment |= {Env.state_machine(key): names.state_machine_arn(key) for key in spec.starts}
    environment |= {Env.topic(key): names.topic_arn(key) for key in spec.notifies}
    if spec.sla_timers:
        environment |= dict(names.timer_target())
    if spec.searches:
        environment |= dict(names.search_environment())
    if spec.reports:
        environment |= dict(names.report_environment())
    if spec.pages:
        environment[Env.CURSOR_SECRET_ARN] = names.cursor_secret_arn()
    if spec.live_channel is LiveChannel.ISSUES_TICKETS:
        environment[Env.LIVE_CHANNEL_URL] = names.live_channel_url()
    if spec.live_channel is LiveChannel.PUSHES:
        environment[Env.LIVE_CHANNEL_ENDPOINT] = names.live_channel_endpoint()
    if spec.links_portal_users or spec.erases_portal_users:
        environment[Env.CUSTOMER_POOL_ID] = names.customer_pool_id()
    # A stored idempotent answer's lifetime goes to every function that stores them.
    # The console's origin (CORS) to every function that serves API routes.
    tuned = {
        *spec.tuned,
        *((Env.IDEMPOTENCY_HOURS,) if TABLE_IDEMPOTENCY in spec.tables else ()),
        *((Env.CONSOLE_ORIGIN,) if spec.routers else ()),
    }
    environment |= {key: value for key, value in (tuning or {}).items() if key in tuned}
    return environment
