"""Pushing the live figures and the alerts to the supervisors watching (the live channel).

Each snapshot is pushed once, however many evaluations see it: the first to record it as
pushed (a conditional write on the snapshot's time) sends it, the others do not. An alert is
pushed with the crossing that raised or cleared it, in each watcher's own language. A
connection API Gateway says is gone is forgotten.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from botocore.exceptions import ClientError
from pynamodb.exceptions import PutError

from contactcenter import clients
from contactcenter.monitor.alert_texts import render
from contactcenter.monitor.alerts import Crossing
from contactcenter.monitor.live import Snapshot
from contactcenter.monitor.live_channel import Watcher, disconnect, watchers
from contactcenter.monitor.snapshots import MonitorSnapshot

PUSHED = "pushed"  # the monitor table's item that remembers the last snapshot pushed


@dataclass(frozen=True)
class Pushed:
    watchers: int
    messages: int
    gone: int


def _first_to_push(shot: Snapshot) -> bool:
    taken_at = datetime.fromisoformat(shot.taken_at)
    try:  # the stored times compare as strings in one fixed format
        MonitorSnapshot(key=PUSHED, taken_at=taken_at).save(
            condition=MonitorSnapshot.key.does_not_exist() | (MonitorSnapshot.taken_at < taken_at)
        )
    except PutError:
        return False
    return True


def alert_message(crossing: Crossing, language: str) -> dict[str, Any]:
    rule = crossing.rule
    facts: dict[str, Any] = {
        "queue": rule.queue,
        "metric": rule.metric,
        "value": crossing.value,
        "threshold": float(rule.raise_at),
        "clear": float(rule.clear_at),
    }
    title, body = render(
        crossing.raised,
        language,
        queue=rule.queue,
        metric=rule.metric,
        value=crossing.value,
        threshold=float(rule.raise_at),
        clear=float(rule.clear_at),
    )
    state = "raised" if crossing.raised else "cleared"
    return {"type": "alert", "state": state, **facts, "language": language, "title": title, "body": body}


def push(endpoint: str, shot: Snapshot, crossings: Iterable[Crossing]) -> Pushed:
    """Send the snapshot (unless another evaluation did) and the crossings to every watcher."""
    told = list(crossings)
    with_snapshot = _first_to_push(shot)
    if not told and not with_snapshot:
        return Pushed(0, 0, 0)
    open_now = watchers()
    snapshot = {"type": "snapshot", **shot.as_dict()} if with_snapshot else None
    management = clients.client("apigatewaymanagementapi", endpoint_url=endpoint)
    sent = gone = 0
    for watcher in open_now:
        messages = [*([snapshot] if snapshot else []), *(alert_message(c, watcher.language) for c in told)]
        for message in messages:
            if not _post(management, watcher, message):
                gone += 1
                break
            sent += 1
    return Pushed(len(open_now), sent, gone)


def _post(management: Any, watcher: Watcher, message: dict[str, Any]) -> bool:
    try:
        management.post_to_connection(ConnectionId=watcher.connection_id, Data=json.dumps(message).encode())
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") != "GoneException":
            raise
        disconnect(watcher.connection_id)
        return False
    return True
