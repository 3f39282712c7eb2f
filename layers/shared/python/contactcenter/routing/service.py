"""Routing a contact: the queue (by the customer's registered product, or the department of
their open ticket when they call about it), the priority (by tier), overflow to a fallback
queue when the expected wait is too long, and the screen pop the agent sees.

The product-to-queue map and the rest of the routing rules are data (RoutingRules, from the
function's configuration), not code."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from contactcenter.customers.service import history_entry
from contactcenter.tickets.models import Ticket
from contactcenter.tickets.status import WORKLOAD


class QueueRef(BaseModel):
    arn: str
    name: str


class RoutingRules(BaseModel):
    queues: dict[str, QueueRef]
    general: str
    product_queues: dict[str, str] = Field(default_factory=dict)  # product -> queue key
    department_queues: dict[str, str] = Field(default_factory=dict)  # department -> queue key
    overflow: dict[str, str] = Field(default_factory=dict)  # queue key -> fallback queue key
    max_wait_seconds: int = 300
    tier_priority: dict[str, int] = Field(default_factory=lambda: {"vip": 1, "gold": 2})
    default_priority: int = 5


@dataclass(frozen=True)
class RouteRequest:
    contact_id: str
    channel: str
    customer_id: str | None
    products: Sequence[str]
    tier: str | None
    intent: str  # new | existing
    auth_level: str  # full | company_only | none


ExpectedWait = Callable[[str, str], int | None]
"""(queue ARN, channel) -> expected wait in seconds, None when unknown."""


class RoutingService:
    def __init__(self, rules: RoutingRules, expected_wait: ExpectedWait) -> None:
        self.rules = rules
        self.expected_wait = expected_wait

    def route(self, request: RouteRequest) -> dict[str, Any]:
        open_tickets = self._open_tickets(request.customer_id) if request.customer_id else []
        latest = open_tickets[0] if open_tickets else None
        key, reason = self._queue_for(request, latest)
        key, reason = self._overflow(key, reason, request.channel)
        queue = self.rules.queues[key]
        if request.customer_id:
            entry = history_entry(
                request.customer_id,
                "contact",
                request.contact_id,
                request.channel.lower(),
                f"{request.channel.lower()} contact, {request.intent} issue, routed to {queue.name}",
            )
            entry.save()
        return {
            "queue_arn": queue.arn,
            "queue_name": queue.name,
            "priority": self.rules.tier_priority.get(request.tier or "", self.rules.default_priority),
            "routing_reason": reason,
            "open_ticket_count": len(open_tickets),
            "latest_ticket_id": latest.ticket_id if latest else "",
            "latest_ticket_subject": latest.subject[:120] if latest else "",
            "latest_ticket_status": latest.status if latest else "",
            "latest_ticket_department": (latest.department or "") if latest else "",
        }

    @staticmethod
    def _open_tickets(customer_id: str) -> list[Ticket]:
        condition = Ticket.status.is_in(*(status.value for status in WORKLOAD))
        return list(
            Ticket.by_customer.query(
                customer_id, filter_condition=condition, scan_index_forward=False, limit=20
            )
        )

    def _queue_for(self, request: RouteRequest, latest: Ticket | None) -> tuple[str, str]:
        if request.auth_level == "none" or not request.customer_id:
            return self.rules.general, "caller not identified: general help desk"
        if request.intent == "existing" and latest and latest.department in self.rules.department_queues:
            return (
                self.rules.department_queues[latest.department],
                f"existing issue {latest.ticket_id} is with {latest.department}",
            )
        for product in request.products:
            if product in self.rules.product_queues:
                return self.rules.product_queues[product], f"registered product {product}"
        return self.rules.general, "no product queue for the customer's products"

    def _overflow(self, key: str, reason: str, channel: str) -> tuple[str, str]:
        fallback = self.rules.overflow.get(key)
        if not fallback:
            return key, reason
        wait = self.expected_wait(self.rules.queues[key].arn, channel)
        if wait is not None and wait > self.rules.max_wait_seconds:
            return fallback, f"{reason}; overflow: expected wait {wait}s > {self.rules.max_wait_seconds}s"
        return key, reason


def products_from(attribute: str | None) -> list[str]:
    return [p for p in (attribute or "").split(",") if p]
