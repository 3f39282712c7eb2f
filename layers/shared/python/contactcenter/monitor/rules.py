"""Saving the alert rules: one per queue and figure, audited; a changed threshold keeps the
alert's state (a raised alert stays raised until the queue recovers past the new clear_at)."""

from typing import Any

from pydantic import ValidationError
from pynamodb.exceptions import DoesNotExist

from contactcenter import clock
from contactcenter.audit.records import audit_record, never_overwrite
from contactcenter.auth import Caller
from contactcenter.errors import NotFound, ValidationFailed
from contactcenter.monitor.actions import SUPERVISORS
from contactcenter.monitor.alerts import LISTING, AlertRule, AlertRuleIn
from contactcenter.storage import transaction

MAX_RULES = 500  # a few per queue


def all_rules() -> list[AlertRule]:
    return list(AlertRule.query(LISTING, limit=MAX_RULES))


def _rule(queue: str, metric: str) -> AlertRule | None:
    try:
        return AlertRule.get(LISTING, f"{queue}#{metric}")
    except DoesNotExist:
        return None


def out(rule: AlertRule) -> dict[str, Any]:
    return {
        "queue": rule.queue,
        "metric": rule.metric,
        "raise_at": float(rule.raise_at),
        "clear_at": float(rule.clear_at),
        "language": rule.language,
        "enabled": rule.enabled,
        "raised": rule.raised,
        "raised_at": rule.raised_at,
        "cleared_at": rule.cleared_at,
        "last_value": float(rule.last_value) if rule.last_value is not None else None,
        "updated_by": rule.updated_by,
        "updated_at": rule.updated_at,
        "version": int(rule.version or 0),
    }


def _definition(rule: AlertRule) -> dict[str, Any]:
    return {k: out(rule)[k] for k in ("raise_at", "clear_at", "language", "enabled")}


def put(caller: Caller, queue: str, metric: str, data: AlertRuleIn, *, known_queues: set[str]) -> AlertRule:
    caller.require(*SUPERVISORS)
    if queue not in known_queues:
        raise NotFound(f"no queue {queue!r}; the queues are {', '.join(sorted(known_queues))}", field="queue")
    try:
        data.check(metric)
    except (ValueError, ValidationError) as error:
        raise ValidationFailed(str(error), field="clear_at") from None
    rule = _rule(queue, metric)
    before = _definition(rule) if rule else None
    if rule is None:
        rule = AlertRule(rule_id=f"{queue}#{metric}", queue=queue, metric=metric)
    rule.raise_at, rule.clear_at = data.raise_at, data.clear_at
    rule.language, rule.enabled = data.language, data.enabled
    rule.updated_by, rule.updated_at = caller.actor, clock.iso(clock.now())
    record = audit_record(
        f"alert_rule#{rule.rule_id}", "alert_rule.set", caller, before=before, after=_definition(rule)
    )
    with transaction() as writes:
        writes.save(rule)  # conditional on the version read (or on its absence)
        writes.save(record, condition=never_overwrite())
    return AlertRule.get(LISTING, rule.rule_id)


def delete(caller: Caller, queue: str, metric: str) -> None:
    caller.require(*SUPERVISORS)
    rule = _rule(queue, metric)
    if rule is None:
        raise NotFound(f"no alert rule for {metric} of queue {queue}", field="metric")
    record = audit_record(
        f"alert_rule#{rule.rule_id}", "alert_rule.deleted", caller, before=_definition(rule), after=None
    )
    with transaction() as writes:
        writes.delete(rule)
        writes.save(record, condition=never_overwrite())
