"""Firing SLA escalation levels: at most once per ticket and level, whoever asks (the level's
one-time schedule, or the sweep that catches what a schedule missed).

A level fires in one conditional write of the ticket (its version): the marker joins
``sla_fired``, the actions that change the ticket (priority, department, note) and the
in-product notifications are written with it, the plan is recomputed. Of a schedule and a
sweep arriving together, one write wins; the other re-reads, finds the marker and does
nothing. Messages outside the product (SNS by role, SES e-mail) go out after the write.
"""

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import DoesNotExist

from contactcenter import clients, clock, ids
from contactcenter.auth import WORKFLOW
from contactcenter.directory.models import Agent, Department
from contactcenter.errors import PreconditionFailed
from contactcenter.languages import DEFAULT_LANGUAGE
from contactcenter.sla.config import SlaConfig
from contactcenter.sla.definitions import LevelIn
from contactcenter.sla.messages import render, template_name
from contactcenter.sla.models import Notification
from contactcenter.sla.planner import SlaPlanner
from contactcenter.tickets import views
from contactcenter.tickets.models import Ticket
from contactcenter.tickets.service import TicketService
from contactcenter.tickets.status import WORKLOAD, Status

PRIORITY_UP = {"P4": "P3", "P3": "P2", "P2": "P1", "P1": "P1"}
ATTEMPTS = 4
NOTIFICATION_DAYS = 90


@dataclass(frozen=True)
class Recipient:
    inbox: str  # a username, or role:<role>
    role: str
    language: str
    email: str | None


@dataclass(frozen=True)
class Message:
    recipient: Recipient
    kind: str  # at_risk | breached
    values: dict[str, str]


@dataclass(frozen=True)
class Channels:
    """Where messages go besides the in-product list: an SNS topic per role, SES e-mail."""

    topics: dict[str, str]  # role -> topic ARN
    sender: str | None = None
    template_prefix: str = "contactcenter"


class Escalations:
    def __init__(self, config: Callable[[], SlaConfig], channels: Channels, tickets: TicketService) -> None:
        self.config = config
        self.channels = channels
        self.tickets = tickets
        self.planner = SlaPlanner(config)

    def fire_due(self, ticket_id: str, now: datetime | None = None) -> list[str]:
        """Fire every level of the ticket that is due and has not fired; the markers fired."""
        moment = now or clock.now()
        for attempt in range(ATTEMPTS):
            try:
                ticket = Ticket.get(ticket_id)
            except DoesNotExist:
                return []
            due = [
                level
                for level in ticket.sla_levels or []
                if level["at"] <= clock.iso(moment) and level["marker"] not in set(ticket.sla_fired or [])
            ]
            if not due or Status(ticket.status) not in WORKLOAD:
                return []
            try:
                messages = self._fire(ticket, due, moment)
            except PreconditionFailed:
                if attempt == ATTEMPTS - 1:
                    raise
                continue  # the ticket changed (another firing, a person): read it again
            self._send(ticket, messages)
            return [level["marker"] for level in due]
        return []

    def _fire(self, ticket: Ticket, due: Sequence[dict[str, Any]], now: datetime) -> list[Message]:
        before = views.snapshot(ticket)
        levels = self._definitions(self.config())
        summaries, messages, extra = [], [], []
        fired = list(ticket.sla_fired or [])
        for entry in due:
            fired.append(entry["marker"])
            level = levels.get(entry["marker"])
            if level is None:
                continue  # the rule was changed or removed since the plan was made
            kind = "at_risk" if level.percent is not None and level.percent < 100 else "breached"
            if ticket.sla_state != "breached":
                ticket.sla_state = kind
            due_at = (
                ticket.first_response_due_at
                if entry["timer"] == "first_response"
                else ticket.resolution_due_at
            )
            values = {
                "ticket_id": ticket.ticket_id,
                "subject": ticket.subject[:120],
                "level": level.level,
                "timer": entry["timer"],
                "due": due_at or "",
                "department": ticket.department or "",
            }
            done = [f"{entry['timer']} {level.level}"]
            for action in level.actions:
                if action.type == "notify":
                    for recipient in self._recipients(ticket, action.roles):
                        messages.append(Message(recipient, kind, values))
                        extra.append(self._notification(recipient, kind, values, now))
                    done.append(f"notified {', '.join(action.roles)}")
                elif action.type == "raise_priority" and ticket.priority != "P1":
                    ticket.priority = PRIORITY_UP[ticket.priority]
                    done.append(f"priority raised to {ticket.priority}")
                elif action.type == "reassign" and action.department != ticket.department:
                    ticket.department, ticket.assignee_id = action.department, None
                    done.append(f"reassigned to {action.department}")
                elif action.type == "note" and action.text:
                    done.append(f"note: {action.text}")
            summaries.append("; ".join(done))
        ticket.sla_fired = fired
        ticket.updated_at = clock.iso(now)
        self.planner.apply(ticket, now)  # a new priority may mean another policy and new levels
        self.tickets.record_escalation(
            WORKFLOW, ticket, before, "SLA escalation: " + " | ".join(summaries), extra=extra
        )
        return messages

    @staticmethod
    def _definitions(config: SlaConfig) -> dict[str, LevelIn]:
        return {
            f"{rule.rule_id}:{level.level}": level
            for rule in config.rules
            for level in rule.definition.levels
        }

    @staticmethod
    def _recipients(ticket: Ticket, roles: Sequence[str]) -> list[Recipient]:
        found = []
        for role in roles:
            if role == "supervisor":
                found.append(Recipient("role:supervisor", role, DEFAULT_LANGUAGE, None))
                continue
            agent_id = ticket.assignee_id if role == "assignee" else _head_of(ticket.department)
            if agent_id is None:
                continue  # nobody in that role for this ticket: the supervisors still hear of it
            try:
                agent = Agent.get(agent_id)
                language, email = (agent.languages[0] if agent.languages else DEFAULT_LANGUAGE), agent.email
            except DoesNotExist:
                language, email = DEFAULT_LANGUAGE, None
            found.append(Recipient(agent_id, role, language, email))
        return found

    @staticmethod
    def _notification(recipient: Recipient, kind: str, values: dict[str, str], now: datetime) -> Notification:
        title, body = render(kind, recipient.language, **values)
        return Notification(
            recipient=recipient.inbox,
            notification_id=ids.event_id(),
            kind=f"sla.{kind}",
            ticket_id=values["ticket_id"],
            language=recipient.language,
            title=title,
            body=body,
            created_at=clock.iso(now),
            expires_at=now + timedelta(days=NOTIFICATION_DAYS),
        )

    def _send(self, ticket: Ticket, messages: Sequence[Message]) -> None:
        """One SNS message per role and level (subscribers filter on the attributes), and an
        e-mail to each person with an address, from the SES template in their language."""
        published: set[tuple[str, str]] = set()
        for message in messages:
            role = message.recipient.role
            topic = self.channels.topics.get(role)
            if topic and (role, message.values["level"]) not in published:
                published.add((role, message.values["level"]))
                title, body = render(message.kind, DEFAULT_LANGUAGE, **message.values)
                clients.client("sns").publish(
                    TopicArn=topic,
                    Subject=title[:100],
                    Message=body,
                    MessageAttributes={
                        "ticket_id": {"DataType": "String", "StringValue": ticket.ticket_id},
                        "level": {"DataType": "String", "StringValue": message.values["level"]},
                        "department": {"DataType": "String", "StringValue": ticket.department or "none"},
                    },
                )
            if message.recipient.email and self.channels.sender:
                clients.client("ses").send_templated_email(
                    Source=self.channels.sender,
                    Destination={"ToAddresses": [message.recipient.email]},
                    Template=template_name(
                        self.channels.template_prefix, message.kind, message.recipient.language
                    ),
                    TemplateData=json.dumps(_localised(message)),
                )


def _localised(message: Message) -> dict[str, str]:
    title, body = render(message.kind, message.recipient.language, **message.values)
    return {**message.values, "title": title, "body": body}


def _head_of(department: str | None) -> str | None:
    if not department:
        return None
    try:
        return Department.get(department).head_agent_id
    except DoesNotExist:
        return None
