"""Planning a ticket's SLA with a controllable clock (time-machine): due times in business
time, pausing while the ticket waits on the customer, replanning on change."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine

from contactcenter import clock
from contactcenter.sla.calendar import WEEKDAYS, BusinessCalendar
from contactcenter.sla.config import Policy, Rule, SlaConfig
from contactcenter.sla.definitions import PolicyIn, RuleIn
from contactcenter.sla.planner import SlaPlanner
from contactcenter.tickets.models import Ticket

OFFICE = BusinessCalendar.build(
    time_zone="Europe/Amsterdam", weekly={day: [["09:00", "17:00"]] for day in WEEKDAYS[:5]}, country="NL"
)
MONDAY_10 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 10:00 in Amsterdam


def _policy(
    policy_id: str, priorities: list[str], first: float, resolution: float, precedence: int = 10
) -> Policy:
    definition = PolicyIn(
        name=policy_id,
        calendar_id="office",
        match={"types": ["request"], "priorities": priorities},
        precedence=precedence,
        first_response_minutes=first,
        resolution_minutes=resolution,
    )
    return Policy(policy_id, definition, OFFICE)


RULE = Rule(
    "standard",
    RuleIn.model_validate(
        {
            "name": "standard",
            "timer": "resolution",
            "levels": [
                {"level": "warning", "percent": 80, "actions": [{"type": "notify", "roles": ["assignee"]}]},
                {"level": "breach", "percent": 100, "actions": [{"type": "notify", "roles": ["supervisor"]}]},
                {
                    "level": "second",
                    "after": {"level": "breach", "minutes": 120},
                    "actions": [{"type": "raise_priority"}],
                },
            ],
        }
    ),
)
CONFIG = SlaConfig(
    policies=(_policy("urgent", ["P1", "P2"], 30, 240), _policy("normal", [], 240, 16 * 60, precedence=50)),
    rules=(RULE,),
)


@pytest.fixture
def planner() -> SlaPlanner:
    return SlaPlanner(lambda: CONFIG)


@pytest.fixture
def travel() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(MONDAY_10, tick=False) as traveller:
        yield traveller


def _ticket(**fields: Any) -> Ticket:
    return Ticket(
        ticket_id="T-000001",
        ticket_type="request",
        status="open",
        priority="P3",
        channel="api",
        subject="x",
        customer_id="cus_01aaaaaaaaaaaaaaaaaaaaaaaa",
        created_at=clock.iso(clock.now()),
        updated_at=clock.iso(clock.now()),
        created_by="ana",
        **fields,
    )


def _at(ticket: Ticket, marker: str) -> str:
    return next(level["at"] for level in ticket.sla_levels or [] if level["marker"] == marker)


def test_due_times_and_levels_in_business_time(planner: SlaPlanner, travel: time_machine.Traveller) -> None:
    ticket = _ticket()
    planner.apply(ticket, clock.now())
    assert ticket.sla_policy_id == "normal"
    assert ticket.first_response_due_at == "2026-11-23T13:00:00.000Z"  # 4 business hours: 14:00 local
    # 16 business hours: Monday 10-17 (7 h), Tuesday 9-17 (8 h), Wednesday 9-10 (1 h).
    assert ticket.resolution_due_at == "2026-11-25T09:00:00.000Z"
    assert _at(ticket, "standard:warning") == "2026-11-24T13:48:00.000Z"  # 80%: 12 h 48 min, Tuesday 14:48
    assert _at(ticket, "standard:second") == "2026-11-25T11:00:00.000Z"  # 2 business hours after the breach
    assert ticket.sla_next_due_at == _at(ticket, "standard:warning")
    assert ticket.sla_due_partition == "due"


def test_waiting_on_the_customer_stops_the_clock(planner: SlaPlanner, travel: time_machine.Traveller) -> None:
    ticket = _ticket()
    planner.apply(ticket, clock.now())
    before = ticket.resolution_due_at
    travel.shift(timedelta(hours=1))  # 11:00: the agent asks the customer something
    ticket.status, ticket.pending_on = "pending", "customer"
    planner.apply(ticket, clock.now())
    assert ticket.sla_paused_since == "2026-11-23T10:00:00.000Z"
    assert (ticket.sla_levels, ticket.sla_next_due_at, ticket.sla_due_partition) == (None, None, None)
    travel.shift(timedelta(hours=3))  # 14:00: the customer answers; 3 business hours waited
    ticket.status, ticket.pending_on = "open", None
    planner.apply(ticket, clock.now())
    assert ticket.sla_paused_since is None
    assert ticket.sla_paused_seconds == 3 * 3600
    assert datetime.fromisoformat(ticket.resolution_due_at) - datetime.fromisoformat(before) == timedelta(
        hours=3
    )


def test_a_pause_over_a_weekend_counts_only_business_time(
    planner: SlaPlanner, travel: time_machine.Traveller
) -> None:
    travel.move_to(datetime(2026, 11, 20, 15, 0, tzinfo=UTC))  # Friday 16:00 local
    ticket = _ticket()
    ticket.status, ticket.pending_on = "pending", "customer"
    planner.apply(ticket, clock.now())
    travel.move_to(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))  # Monday 10:00
    ticket.status, ticket.pending_on = "open", None
    planner.apply(ticket, clock.now())
    assert ticket.sla_paused_seconds == 2 * 3600  # Friday 16-17 and Monday 9-10


def test_a_priority_change_replans_under_another_policy(
    planner: SlaPlanner, travel: time_machine.Traveller
) -> None:
    ticket = _ticket()
    planner.apply(ticket, clock.now())
    travel.shift(timedelta(minutes=10))
    ticket.priority = "P1"
    planner.apply(ticket, clock.now())
    assert ticket.sla_policy_id == "urgent"
    assert ticket.first_response_due_at == "2026-11-23T09:30:00.000Z"  # measured from creation
    assert _at(ticket, "standard:warning") == "2026-11-23T12:12:00.000Z"  # 80% of 4 h after creation


def test_fired_levels_are_not_planned_again_and_resolving_stops_everything(
    planner: SlaPlanner, travel: time_machine.Traveller
) -> None:
    ticket = _ticket(sla_fired=["standard:warning"])
    planner.apply(ticket, clock.now())
    assert [level["marker"] for level in ticket.sla_levels or []] == ["standard:breach", "standard:second"]
    ticket.sla_state = "at_risk"
    ticket.status = "resolved"
    planner.apply(ticket, clock.now())
    assert (ticket.sla_levels, ticket.sla_state, ticket.sla_due_partition) == (None, None, None)


def test_an_overdue_level_falls_due_now(planner: SlaPlanner, travel: time_machine.Traveller) -> None:
    ticket = _ticket()
    travel.shift(timedelta(days=5))  # long past every target, nothing fired yet
    planner.apply(ticket, clock.now())
    assert all(level["at"] == clock.iso(clock.now()) for level in ticket.sla_levels or [])
    assert ticket.resolution_due_at < clock.iso(clock.now())


def test_without_a_matching_policy_there_is_no_sla(travel: time_machine.Traveller) -> None:
    ticket = _ticket()
    ticket.ticket_type = "complaint"  # the policies match requests only
    SlaPlanner(lambda: CONFIG).apply(ticket, clock.now())
    assert (ticket.sla_policy_id, ticket.resolution_due_at, ticket.sla_levels) == (None, None, None)
