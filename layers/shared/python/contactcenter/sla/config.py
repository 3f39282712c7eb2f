"""The SLA configuration as the planner and the escalations use it: read from the table and
kept for a minute in each warm function (it changes rarely; a minute's delay is fine)."""

import os
import threading
import time
from dataclasses import dataclass

from contactcenter.constants import Env
from contactcenter.sla.calendar import BusinessCalendar
from contactcenter.sla.definitions import CalendarIn, PolicyIn, RuleIn
from contactcenter.sla.models import CALENDAR, POLICY, RULE, ConfigItem

CACHE_SECONDS = 60.0


@dataclass(frozen=True)
class Policy:
    policy_id: str
    definition: PolicyIn
    calendar: BusinessCalendar


@dataclass(frozen=True)
class Rule:
    rule_id: str
    definition: RuleIn


@dataclass(frozen=True)
class SlaConfig:
    policies: tuple[Policy, ...]  # by precedence
    rules: tuple[Rule, ...]

    def policy_for(self, ticket_type: str, priority: str, tier: str) -> Policy | None:
        return next(
            (p for p in self.policies if p.definition.match.matches(ticket_type, priority, tier)), None
        )

    def rules_for(self, timer: str, ticket_type: str, priority: str, tier: str) -> list[Rule]:
        return [
            r
            for r in self.rules
            if r.definition.timer == timer and r.definition.match.matches(ticket_type, priority, tier)
        ]


def load() -> SlaConfig:
    calendars = {
        item.config_id: CalendarIn.model_validate(item.definition).calendar()
        for item in ConfigItem.query(CALENDAR)
    }
    policies = []
    for item in ConfigItem.query(POLICY):
        definition = PolicyIn.model_validate(item.definition)
        if definition.calendar_id in calendars:
            policies.append(Policy(item.config_id, definition, calendars[definition.calendar_id]))
    policies.sort(key=lambda p: (p.definition.precedence, p.policy_id))
    rules = tuple(
        Rule(item.config_id, RuleIn.model_validate(item.definition)) for item in ConfigItem.query(RULE)
    )
    return SlaConfig(tuple(policies), rules)


class CachedConfig:
    """``load()``, at most once every ``seconds`` per process (``CC_SLA_CONFIG_SECONDS``)."""

    def __init__(self, seconds: float | None = None) -> None:
        if seconds is None:
            seconds = float(os.environ.get(Env.SLA_CONFIG_SECONDS, CACHE_SECONDS))
        self.seconds = seconds
        self._lock = threading.Lock()
        self._value: SlaConfig | None = None
        self._loaded = 0.0

    def __call__(self) -> SlaConfig:
        with self._lock:
            if self._value is None or time.monotonic() - self._loaded > self.seconds:
                self._value, self._loaded = load(), time.monotonic()
            return self._value
