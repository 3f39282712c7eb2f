"""The SLA timers: one EventBridge Scheduler one-time schedule per ticket and pending level
(an at() expression in UTC, deleted after it runs, retried, with a dead-letter queue), which
invokes the escalation function. They follow the ticket's plan: created, moved when the plan
moves, deleted when the level fires or the ticket is resolved.

The sweep is the safety net: every few minutes it asks the sparse index for tickets whose
next level is due and fires them, whatever happened to their schedules.
"""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError
from pynamodb.exceptions import DoesNotExist

from contactcenter import clients, clock
from contactcenter.sla.planner import DUE
from contactcenter.tickets.models import Ticket

SWEEP_PAGE = 100


@dataclass(frozen=True)
class TimerTarget:
    group: str  # the schedule group
    function_arn: str  # the escalation function
    role_arn: str  # the role Scheduler invokes it with
    dead_letters_arn: str  # SQS: what Scheduler could not deliver


def schedule_name(ticket_id: str, marker: str) -> str:
    """``T-000042-warning-rule_1`` made of what Scheduler allows ([0-9a-zA-Z-_.], 64 characters)."""
    return re.sub(r"[^0-9A-Za-z_.-]", "_", f"{ticket_id}-{marker}")[:64]


def desired(ticket: Ticket) -> dict[str, dict[str, Any]]:
    """The schedules the ticket's plan calls for, by name."""
    return {schedule_name(ticket.ticket_id, level["marker"]): level for level in ticket.sla_levels or []}


class Timers:
    def __init__(self, target: TimerTarget) -> None:
        self.target = target

    def sync(self, ticket_id: str) -> dict[str, int]:
        """Make the ticket's schedules match its plan; counts of what was created, moved, deleted."""
        scheduler = clients.client("scheduler")
        try:
            wanted = desired(Ticket.get(ticket_id))
        except DoesNotExist:
            wanted = {}
        existing = {s["Name"]: s for s in self._existing(ticket_id)}
        counts = {"created": 0, "moved": 0, "deleted": 0}
        for name in existing.keys() - wanted.keys():
            self._delete(name)
            counts["deleted"] += 1
        for name, level in wanted.items():
            expression = _at(level["at"])
            if name in existing:
                current = scheduler.get_schedule(Name=name, GroupName=self.target.group)
                if current["ScheduleExpression"] == expression:
                    continue
                scheduler.update_schedule(**self._definition(name, ticket_id, level, expression))
                counts["moved"] += 1
            else:
                try:
                    scheduler.create_schedule(**self._definition(name, ticket_id, level, expression))
                    counts["created"] += 1
                except ClientError as error:
                    if error.response["Error"]["Code"] != "ConflictException":
                        raise  # created meanwhile by a concurrent sync: fine
        return counts

    def _existing(self, ticket_id: str) -> Iterator[dict[str, Any]]:
        paginator = clients.client("scheduler").get_paginator("list_schedules")
        for page in paginator.paginate(GroupName=self.target.group, NamePrefix=f"{ticket_id}-"):
            yield from page["Schedules"]

    def _delete(self, name: str) -> None:
        try:
            clients.client("scheduler").delete_schedule(Name=name, GroupName=self.target.group)
        except ClientError as error:
            if error.response["Error"]["Code"] != "ResourceNotFoundException":
                raise

    def _definition(
        self, name: str, ticket_id: str, level: dict[str, Any], expression: str
    ) -> dict[str, Any]:
        return {
            "Name": name,
            "GroupName": self.target.group,
            "ScheduleExpression": expression,
            "ScheduleExpressionTimezone": "UTC",
            "FlexibleTimeWindow": {"Mode": "OFF"},
            "ActionAfterCompletion": "DELETE",
            "Description": f"SLA {level['timer']} level {level['marker']} of {ticket_id}",
            "Target": {
                "Arn": self.target.function_arn,
                "RoleArn": self.target.role_arn,
                "Input": json.dumps({"ticket_id": ticket_id, "marker": level["marker"]}),
                "RetryPolicy": {"MaximumRetryAttempts": 5, "MaximumEventAgeInSeconds": 3600},
                "DeadLetterConfig": {"Arn": self.target.dead_letters_arn},
            },
        }


def _at(moment: str) -> str:
    """Scheduler's at() takes whole seconds; rounding up means never before the level is due."""
    parsed = datetime.fromisoformat(moment)
    whole = parsed.replace(microsecond=0) + timedelta(seconds=1 if parsed.microsecond else 0)
    return f"at({whole.strftime('%Y-%m-%dT%H:%M:%S')})"


def due_tickets(now: datetime | None = None) -> Iterator[str]:
    """Tickets whose next level is due, from the sparse index: only those items are read."""
    moment = clock.iso(now or clock.now())
    for ticket in Ticket.by_sla_due.query(DUE, Ticket.sla_next_due_at <= moment, page_size=SWEEP_PAGE):
        yield ticket.ticket_id
