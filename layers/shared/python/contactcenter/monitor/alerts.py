"""Queue alerts: thresholds supervisors save per queue and figure, each with its own state.

A rule raises when its figure crosses ``raise_at`` and clears only when the figure is back past
``clear_at`` on the safe side (hysteresis): a wait that hovers around the threshold raises one
alert, not one a minute. Evaluation compares each rule with the snapshot and returns only the
crossings, so an alert is sent once per crossing, however often it is evaluated.
"""

from dataclasses import dataclass
from typing import Literal

from pydantic import Field
from pynamodb.attributes import (
    BooleanAttribute,
    NumberAttribute,
    UnicodeAttribute,
    VersionAttribute,
)

from contactcenter.api.models import Strict
from contactcenter.constants import TABLE_ALERT_RULES
from contactcenter.languages import Language
from contactcenter.monitor.live import QueueNow, Snapshot
from contactcenter.storage import TableModel

Metric = Literal[
    "oldest_wait_seconds",
    "contacts_waiting",
    "agents_available",
    "service_level_today_pct",
    "abandoned_today",
]
LISTING = "rule"  # the rules' one partition
# Which way is bad: a long wait is, few agents available are.
BAD_WHEN_LOW = frozenset({"agents_available", "service_level_today_pct"})


class AlertRule(TableModel):
    """alert_rules: one rule per queue and figure -> GetItem ("rule", "<queue>#<metric>"); all
    of them -> Query "rule" (one partition: a center has a few dozen)."""

    class Meta:
        table_name = TABLE_ALERT_RULES

    listing = UnicodeAttribute(hash_key=True, default=LISTING)
    rule_id = UnicodeAttribute(range_key=True)  # "<queue>#<metric>"
    queue = UnicodeAttribute()
    metric = UnicodeAttribute()
    raise_at = NumberAttribute()
    clear_at = NumberAttribute()
    language = UnicodeAttribute(default="en")  # the alert's text, for the queue's supervisors
    enabled = BooleanAttribute(default=True)
    updated_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    # The alert's state, kept with its rule.
    raised = BooleanAttribute(default=False)
    raised_at = UnicodeAttribute(null=True)
    cleared_at = UnicodeAttribute(null=True)
    last_value = NumberAttribute(null=True)
    version = VersionAttribute()


class AlertRuleIn(Strict):
    raise_at: float = Field(ge=0, le=100_000, description="Raise when the figure reaches this")
    clear_at: float = Field(ge=0, le=100_000, description="Clear when it is back past this (hysteresis)")
    language: Language = "en"
    enabled: bool = True

    def check(self, metric: str) -> "AlertRuleIn":
        low = metric in BAD_WHEN_LOW
        if (low and self.clear_at <= self.raise_at) or (not low and self.clear_at >= self.raise_at):
            side = "above" if low else "below"
            raise ValueError(f"for {metric}, clear_at must be {side} raise_at, so an alert does not flap")
        return self


@dataclass(frozen=True)
class Crossing:
    rule: AlertRule
    raised: bool  # True: the alert is raised; False: it cleared
    value: float


def figure(queue: QueueNow, metric: str) -> float | None:
    value = getattr(queue, metric)
    return None if value is None else float(value)


def crossed(rule: AlertRule, value: float) -> bool | None:
    """True: raise now; False: clear now; None: no change (including inside the band)."""
    low = rule.metric in BAD_WHEN_LOW
    bad = value <= rule.raise_at if low else value >= rule.raise_at
    good = value >= rule.clear_at if low else value <= rule.clear_at
    if not rule.raised and bad:
        return True
    if rule.raised and good:
        return False
    return None


def crossings(rules: list[AlertRule], shot: Snapshot) -> list[Crossing]:
    queues = {q.queue: q for q in shot.queues}
    found = []
    for rule in rules:
        queue = queues.get(rule.queue)
        if not rule.enabled or queue is None:
            continue
        value = figure(queue, rule.metric)
        if value is None:
            continue  # no figure yet (no contact today for a service level)
        change = crossed(rule, value)
        if change is not None:
            found.append(Crossing(rule, change, value))
    return found
