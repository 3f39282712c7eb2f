"""/calendars, /sla-policies, /escalation-rules (the SLA configuration, for supervisors and
admins) and /notifications (what the product told the calling person)."""

import re
from typing import Annotated

from aws_lambda_powertools.event_handler import Depends, Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Path
from pynamodb.exceptions import DoesNotExist

from contactcenter import clock
from contactcenter.api.deps import CallerDep, sla_admin
from contactcenter.api.models import Out
from contactcenter.api.pagination import DEFAULT_LIMIT, decode_cursor, encode_cursor, invalid_cursor
from contactcenter.api.params import Cursor, Limit
from contactcenter.api.responses import documented
from contactcenter.api.security import signed_in
from contactcenter.auth import SCOPE_API, Caller, Role
from contactcenter.errors import NotFound
from contactcenter.sla.admin import SlaAdmin
from contactcenter.sla.definitions import CalendarIn, ConfigList, ConfigOut, PolicyIn, RuleIn
from contactcenter.sla.models import CALENDAR, POLICY, RULE, ConfigItem, Notification

router = Router()
Admin = Annotated[SlaAdmin, Depends(sla_admin)]
ConfigId = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
NotificationId = Annotated[str, Path(pattern=r"^[0-9A-Za-z]{26}$")]
_ULID = re.compile(r"^[0-9A-Za-z]{26}$")
STAFF = signed_in(SCOPE_API)
RESOURCES = {CALENDAR: "calendars", POLICY: "sla-policies", RULE: "escalation-rules"}


def _out(item: ConfigItem) -> ConfigOut:
    return ConfigOut(
        config_id=item.config_id,
        definition=item.definition,
        revision=int(item.revision),
        updated_by=item.updated_by,
        updated_at=item.updated_at,
    )


def _routes(kind: str, singular: str, plural: str) -> None:
    """List, read, write and delete routes for one kind of configuration."""
    path = f"/{RESOURCES[kind]}"

    def list_items(
        caller: CallerDep, admin: Admin, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None
    ) -> ConfigList:
        items, next_cursor = admin.list(caller, kind, limit=limit, cursor=cursor)
        return ConfigList(items=[_out(item) for item in items], next_cursor=next_cursor)

    def get_item(config_id: ConfigId, caller: CallerDep, admin: Admin) -> ConfigOut:
        return _out(admin.get(caller, kind, config_id))

    def delete_item(config_id: ConfigId, caller: CallerDep, admin: Admin) -> Response[None]:
        admin.delete(caller, kind, config_id)
        return Response(status_code=204)

    for function in (list_items, get_item, delete_item):
        function.__name__ = f"{function.__name__}_{kind}"
    tags = ["sla"]
    router.get(
        path,
        summary=f"List the {plural}",
        tags=tags,
        responses=documented(200, "A page", 400),
        security=STAFF,
    )(list_items)
    router.get(
        f"{path}/<config_id>",
        summary=f"Read a {singular}",
        tags=tags,
        responses=documented(200, "It", 404),
        security=STAFF,
    )(get_item)
    router.delete(
        f"{path}/<config_id>",
        summary=f"Delete a {singular}",
        tags=tags,
        responses=documented(204, "Deleted", 404, 409),
        security=STAFF,
    )(delete_item)


@router.put(
    "/calendars/<config_id>",
    summary="Create or replace a business-hours calendar",
    tags=["sla"],
    description='Time zone (IANA), weekly hours (MONDAY: [["09:00", "17:00"]]; an interval ending at or '
    "before its start runs past midnight), public holidays by country (and region) from the holidays "
    "package, extra "
    "closed days. 400 invalid-calendar: overlapping or empty hours, an unknown time zone or country.",
    responses=documented(200, "Saved", 400),
    security=STAFF,
)
def put_calendar(config_id: ConfigId, body: CalendarIn, caller: CallerDep, admin: Admin) -> ConfigOut:
    return _out(admin.put_calendar(caller, config_id, body))


@router.put(
    "/sla-policies/<config_id>",
    summary="Create or replace an SLA policy",
    tags=["sla"],
    description="Targets (business minutes) for the first response and the resolution of the tickets it "
    "matches "
    "(types, priorities, customer tiers; the lowest precedence among the matching policies applies), in the "
    "time of one calendar. 400 invalid-sla-policy: a target of zero, an unknown calendar.",
    responses=documented(200, "Saved", 400),
    security=STAFF,
)
def put_policy(config_id: ConfigId, body: PolicyIn, caller: CallerDep, admin: Admin) -> ConfigOut:
    return _out(admin.put_policy(caller, config_id, body))


@router.put(
    "/escalation-rules/<config_id>",
    summary="Create or replace an escalation rule",
    tags=["sla"],
    description="Levels of one timer (first_response or resolution) for the tickets it matches: each at a "
    "percent "
    "of the target or some business minutes after an earlier level, each with actions (notify assignee, "
    "supervisor or department_head; raise_priority; reassign to a department; note). 400 "
    "invalid-escalation-rule: an unknown level or role, a missing department.",
    responses=documented(200, "Saved", 400),
    security=STAFF,
)
def put_rule(config_id: ConfigId, body: RuleIn, caller: CallerDep, admin: Admin) -> ConfigOut:
    return _out(admin.put_rule(caller, config_id, body))


_routes(CALENDAR, "calendar", "calendars")
_routes(POLICY, "SLA policy", "SLA policies")
_routes(RULE, "escalation rule", "escalation rules")


class NotificationOut(Out):
    notification_id: str
    kind: str
    ticket_id: str | None
    language: str
    title: str
    body: str
    created_at: str
    read_at: str | None
    inbox: str


class NotificationList(Out):
    items: list[NotificationOut]
    next_cursor: str | None


def _inboxes(caller: Caller) -> list[str]:
    """The caller's own notifications, and those of the roles they hold."""
    inboxes = [caller.username]
    inboxes += [f"role:{role.value}" for role in (Role.SUPERVISOR, Role.ADMIN) if role in caller.roles]
    if Role.ADMIN in caller.roles and "role:supervisor" not in inboxes:
        inboxes.append("role:supervisor")  # admins stand in for supervisors
    return inboxes


def _notification_out(item: Notification) -> NotificationOut:
    return NotificationOut(
        notification_id=item.notification_id,
        kind=item.kind,
        ticket_id=item.ticket_id,
        language=item.language,
        title=item.title,
        body=item.body,
        created_at=item.created_at,
        read_at=item.read_at,
        inbox=item.recipient,
    )


@router.get(
    "/notifications",
    summary="The calling person's notifications, newest first",
    tags=["notifications"],
    description="SLA warnings and breaches for the caller (as assignee or department head) and for the roles "
    "they hold (supervisor), in the recipient's language. Kept 90 days.",
    responses=documented(200, "Notifications", 400),
    security=STAFF,
)
def list_notifications(
    caller: CallerDep, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None
) -> NotificationList:
    caller.require(Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.DEPARTMENT)
    inboxes = _inboxes(caller)
    query = "notifications:" + ",".join(inboxes)
    # One Query per inbox, merged newest first; the cursor is the last notification id given
    # (ULIDs order by time), so every inbox's next page starts below it.
    start = decode_cursor(cursor, query)
    below = start.get("before") if start else None
    if start is not None and not (isinstance(below, str) and _ULID.match(below)):
        raise invalid_cursor()
    items: list[Notification] = []
    for inbox in inboxes:
        condition = Notification.notification_id < below if below else None
        items += list(Notification.query(inbox, condition, scan_index_forward=False, limit=limit + 1))
    items.sort(key=lambda item: item.notification_id, reverse=True)
    page = items[:limit]
    next_cursor = encode_cursor({"before": page[-1].notification_id}, query) if len(items) > limit else None
    return NotificationList(items=[_notification_out(item) for item in page], next_cursor=next_cursor)


@router.post(
    "/notifications/<notification_id>/read",
    summary="Mark a notification read",
    tags=["notifications"],
    responses=documented(200, "Marked", 404),
    security=STAFF,
)
def read_notification(notification_id: NotificationId, caller: CallerDep) -> NotificationOut:
    for inbox in _inboxes(caller):
        try:
            item = Notification.get(inbox, notification_id)
        except DoesNotExist:
            continue
        if item.read_at is None:
            item.update(actions=[Notification.read_at.set(clock.iso(clock.now()))])
        return _notification_out(item)
    raise NotFound(f"no notification {notification_id} for you", field="notification_id")
