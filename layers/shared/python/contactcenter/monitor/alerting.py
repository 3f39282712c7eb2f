"""Evaluating the alert rules against the live snapshot and telling the supervisors.

A crossing is written to its rule first, conditional on the version read (two evaluators at
once, the schedule and an event, cannot both send it), then told: in the supervisors'
in-product notifications and on the supervisor SNS topic, in the rule's language.
"""

from dataclasses import dataclass
from datetime import timedelta

from pynamodb.exceptions import PutError

from contactcenter import clients, clock, ids
from contactcenter.monitor.alert_texts import render
from contactcenter.monitor.alerts import LISTING, AlertRule, Crossing, crossings
from contactcenter.monitor.live import Snapshot
from contactcenter.sla.models import Notification

NOTIFICATION_DAYS = 90  # as the SLA's notifications
SUPERVISORS = "role:supervisor"


@dataclass(frozen=True)
class AlertChannels:
    supervisor_topic: str | None  # the supervisor SNS topic's ARN


def evaluate(shot: Snapshot, channels: AlertChannels) -> list[Crossing]:
    """The crossings this snapshot makes, recorded and told once each."""
    told = []
    for crossing in crossings(list(AlertRule.query(LISTING)), shot):
        rule, now = crossing.rule, clock.iso(clock.now())
        rule.raised, rule.last_value = crossing.raised, crossing.value
        if crossing.raised:
            rule.raised_at = now
        else:
            rule.cleared_at = now
        try:
            rule.save()  # the version attribute: only if nobody recorded a crossing since the read
        except PutError:
            continue  # another evaluation recorded (and told) it
        _tell(crossing, channels)
        told.append(crossing)
    return told


def _tell(crossing: Crossing, channels: AlertChannels) -> None:
    rule = crossing.rule
    title, body = render(
        crossing.raised,
        rule.language,
        queue=rule.queue,
        metric=rule.metric,
        value=crossing.value,
        threshold=float(rule.raise_at),
        clear=float(rule.clear_at),
    )
    now = clock.now()
    kind = "monitor.alert_raised" if crossing.raised else "monitor.alert_cleared"
    Notification(
        recipient=SUPERVISORS,
        notification_id=ids.event_id(),
        kind=kind,
        language=rule.language,
        title=title,
        body=body,
        created_at=clock.iso(now),
        expires_at=now + timedelta(days=NOTIFICATION_DAYS),
    ).save()
    if channels.supervisor_topic:
        clients.client("sns").publish(
            TopicArn=channels.supervisor_topic,
            Subject=title[:100],
            Message=body,
            MessageAttributes={
                "kind": {"DataType": "String", "StringValue": kind},
                "queue": {"DataType": "String", "StringValue": rule.queue},
                "metric": {"DataType": "String", "StringValue": rule.metric},
            },
        )
