"""/monitor: the contact center right now, for supervisors and administrators.

``GET /monitor/queues`` and ``GET /monitor/agents`` answer from the shared live snapshot (at
most a few seconds old, however many watch: snapshots.py); ``fresh: false`` says another
request is refreshing it. The alert rules (thresholds per queue and figure, with hysteresis)
are data: ``PUT /monitor/alert-rules/{queue}/{metric}``. A supervisor's actions on agents and
contacts go to Connect, each audited. ``POST /monitor/live-tickets`` opens the live channel (a
WebSocket the snapshot and the alerts are pushed on: live_channel.py).
"""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Depends, Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Header, Path

from contactcenter.api.answers import json_response
from contactcenter.api.deps import CallerDep, live_channel_url, live_monitor, supervisor_actions
from contactcenter.api.idempotency import IdempotencyKey, Idempotent
from contactcenter.api.models import Out, Strict
from contactcenter.api.responses import documented
from contactcenter.api.security import signed_in
from contactcenter.auth import SCOPE_API
from contactcenter.languages import Language, preferred
from contactcenter.monitor import live_channel, rules
from contactcenter.monitor.actions import (
    SUPERVISORS,
    MonitorIn,
    PriorityIn,
    StatusIn,
    SupervisorActions,
    TransferIn,
)
from contactcenter.monitor.alerts import AlertRuleIn, Metric
from contactcenter.monitor.settings import LiveMonitor

router = Router()
Live = Annotated[LiveMonitor, Depends(live_monitor)]
Actions = Annotated[SupervisorActions, Depends(supervisor_actions)]
LiveUrl = Annotated[str, Depends(live_channel_url)]
ConnectId = Annotated[str, Path(pattern=r"^[A-Za-z0-9-]{1,100}$")]
QueueKey = Annotated[str, Path(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
STAFF = signed_in(SCOPE_API)
TAGS = ["monitor"]


class QueuesNow(Out):
    taken_at: str
    fresh: bool
    queues: list[dict[str, Any]]


class AgentsNow(Out):
    taken_at: str
    fresh: bool
    agents: list[dict[str, Any]]


class RuleOut(Out):
    queue: str
    metric: str
    raise_at: float
    clear_at: float
    language: str
    enabled: bool
    raised: bool
    raised_at: str | None
    cleared_at: str | None
    last_value: float | None
    updated_by: str
    updated_at: str
    version: int


class RuleList(Out):
    items: list[RuleOut]


class LiveTicketIn(Strict):
    language: Language | None = None  # what the alerts are said in (else Accept-Language)


class LiveTicket(Out):
    url: str  # open the WebSocket here, within expires_in seconds, once
    ticket: str
    expires_in: int
    language: str


class MonitorSession(Out):
    contact_id: str
    contact_arn: str


@router.get(
    "/monitor/queues",
    summary="Each queue now: waiting, oldest wait, agents by state, today so far",
    tags=TAGS,
    responses=documented(200, "The queues", 503),
    security=STAFF,
)
def queues_now(caller: CallerDep, live: Live) -> QueuesNow:
    caller.require(*SUPERVISORS)
    shot, fresh = live.snapshot()
    return QueuesNow(taken_at=shot.taken_at, fresh=fresh, queues=shot.as_dict()["queues"])


@router.get(
    "/monitor/agents",
    summary="Each agent now: state and time in it, contact, handled today",
    tags=TAGS,
    responses=documented(200, "The agents", 503),
    security=STAFF,
)
def agents_now(caller: CallerDep, live: Live) -> AgentsNow:
    caller.require(*SUPERVISORS)
    shot, fresh = live.snapshot()
    return AgentsNow(taken_at=shot.taken_at, fresh=fresh, agents=shot.as_dict()["agents"])


@router.post(
    "/monitor/live-tickets",
    summary="A single-use ticket that opens the live channel (snapshots and alerts pushed)",
    tags=TAGS,
    responses=documented(201, "The ticket and where to connect"),
    security=STAFF,
)
def live_ticket(
    caller: CallerDep,
    url: LiveUrl,
    body: LiveTicketIn | None = None,
    accept_language: Annotated[str | None, Header(alias="Accept-Language", max_length=500)] = None,
) -> Response[LiveTicket]:
    language = preferred(body.language if body else None, accept_language)
    ticket = live_channel.issue_ticket(caller, language)
    answer = LiveTicket(
        url=f"{url.rstrip('/')}?ticket={ticket}",
        ticket=ticket,
        expires_in=live_channel.TICKET_SECONDS,
        language=language,
    )
    return json_response(answer, status=201)


@router.get(
    "/monitor/alert-rules",
    summary="The alert rules, with each alert's state",
    tags=TAGS,
    responses=documented(200, "The rules"),
    security=STAFF,
)
def list_rules(caller: CallerDep) -> RuleList:
    caller.require(*SUPERVISORS)
    return RuleList(items=[RuleOut(**rules.out(rule)) for rule in rules.all_rules()])


@router.put(
    "/monitor/alert-rules/<queue>/<metric>",
    summary="Set a queue's alert threshold for one figure (raise at, clear at)",
    tags=TAGS,
    responses=documented(200, "The rule", 404, 422),
    security=STAFF,
)
def put_rule(
    queue: QueueKey, metric: Metric, body: AlertRuleIn, caller: CallerDep, live: Live
) -> Response[RuleOut]:
    rule = rules.put(caller, queue, metric, body, known_queues=set(live.live.queues))
    return json_response(RuleOut(**rules.out(rule)), version=int(rule.version or 0))


@router.delete(
    "/monitor/alert-rules/<queue>/<metric>",
    summary="Delete an alert rule",
    tags=TAGS,
    responses=documented(204, "Deleted", 404),
    security=STAFF,
)
def delete_rule(queue: QueueKey, metric: Metric, caller: CallerDep) -> Response[None]:
    rules.delete(caller, queue, metric)
    return Response(status_code=204)


@router.put(
    "/monitor/agents/<user_id>/status",
    summary="Set an agent's status (Available, Break, Offline, ...)",
    tags=TAGS,
    responses=documented(204, "Set", 404, 409, 422, 503),
    security=STAFF,
)
def set_status(user_id: ConnectId, body: StatusIn, caller: CallerDep, actions: Actions) -> Response[None]:
    actions.set_status(caller, user_id, body)
    return Response(status_code=204)


@router.put(
    "/monitor/contacts/<contact_id>/priority",
    summary="Set a waiting contact's priority in its queue",
    tags=TAGS,
    responses=documented(204, "Set", 404, 409, 503),
    security=STAFF,
)
def set_priority(
    contact_id: ConnectId, body: PriorityIn, caller: CallerDep, actions: Actions
) -> Response[None]:
    actions.set_priority(caller, contact_id, body)
    return Response(status_code=204)


@router.post(
    "/monitor/contacts/<contact_id>/transfer",
    summary="Move a waiting task or e-mail to another queue",
    tags=TAGS,
    responses=documented(204, "Moved", 404, 409, 422, 503),
    security=STAFF,
)
def transfer(
    contact_id: ConnectId,
    body: TransferIn,
    caller: CallerDep,
    actions: Actions,
    idempotent: Idempotent,
    key: IdempotencyKey = None,
) -> Response[None]:
    def move() -> dict[str, str]:
        actions.transfer(caller, contact_id, body)
        return {"contact_id": contact_id}

    idempotent.run("transfer_contact", caller, key, {"contact_id": contact_id, **body.model_dump()}, move)
    return Response(status_code=204)


@router.post(
    "/monitor/contacts/<contact_id>/monitor",
    summary="Listen in on (or barge into) a contact as the supervisor's Connect user",
    tags=TAGS,
    responses=documented(200, "The monitoring session", 404, 409, 503),
    security=STAFF,
)
def monitor(
    contact_id: ConnectId,
    body: MonitorIn,
    caller: CallerDep,
    actions: Actions,
    idempotent: Idempotent,
    key: IdempotencyKey = None,
) -> MonitorSession:
    answer = idempotent.run(
        "monitor_contact",
        caller,
        key,
        {"contact_id": contact_id, **body.model_dump()},
        lambda: actions.monitor(caller, contact_id, body),
    )
    return MonitorSession(**answer)
