"""Alert rules' hysteresis (contactcenter/monitor/alerts.py): a figure raises its alert when it
crosses raise_at, and clears it only once it is back past clear_at, so a figure that hovers at
the threshold raises one alert, not one per evaluation."""

import pytest

from contactcenter.monitor.alerts import AlertRule, AlertRuleIn, crossings
from contactcenter.monitor.live import QueueNow, Snapshot


def _rule(metric: str, raise_at: float, clear_at: float) -> AlertRule:
    return AlertRule(
        rule_id=f"billing#{metric}",
        queue="billing",
        metric=metric,
        raise_at=raise_at,
        clear_at=clear_at,
        updated_by="sup",
        updated_at="now",
    )


def _run(rule: AlertRule, values: list[float]) -> list[str]:
    """The alerts told over a series of snapshots (the rule keeping its state, as the table does)."""
    told = []
    for value in values:
        queue = QueueNow(queue="billing", name="Billing", **{rule.metric: value})
        for crossing in crossings([rule], Snapshot(taken_at="t", queues=[queue])):
            rule.raised = crossing.raised
            told.append(f"{'raised' if crossing.raised else 'cleared'}@{value:g}")
    return told


def test_a_long_wait_raises_once_and_clears_once() -> None:
    rule = _rule("oldest_wait_seconds", raise_at=120, clear_at=60)
    assert _run(rule, [30, 119, 120, 180, 100, 121, 90, 60, 59, 61, 130]) == [
        "raised@120",  # and not again at 180 or 121: it is raised
        "cleared@60",  # 100 and 90 are inside the band: still raised
        "raised@130",
    ]


def test_too_few_agents_is_bad_when_low() -> None:
    rule = _rule("agents_available", raise_at=1, clear_at=3)
    assert _run(rule, [5, 2, 1, 0, 2, 3, 4]) == ["raised@1", "cleared@3"]


def test_a_disabled_rule_or_an_unknown_queue_tells_nothing() -> None:
    rule = _rule("contacts_waiting", raise_at=5, clear_at=2)
    rule.enabled = False
    assert _run(rule, [10]) == []
    rule.enabled, rule.queue = True, "nowhere"
    assert _run(rule, [10]) == []


@pytest.mark.parametrize(
    ("metric", "raise_at", "clear_at"),
    [("oldest_wait_seconds", 60, 60), ("oldest_wait_seconds", 60, 90), ("agents_available", 2, 1)],
)
def test_a_clear_level_on_the_wrong_side_is_refused(metric: str, raise_at: float, clear_at: float) -> None:
    with pytest.raises(ValueError, match="clear_at must be"):
        AlertRuleIn(raise_at=raise_at, clear_at=clear_at).check(metric)
