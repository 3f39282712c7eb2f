"""The live snapshot, shared: however many supervisors watch, Connect is asked at most once per
``max_age`` seconds (about five calls each time, see live.py).

The snapshot lives in one DynamoDB item. A reader takes it when it is fresh enough; when it is
stale, one reader takes a short lease (a conditional write that only one can win), asks Connect
and stores the answer, and every other reader meanwhile gets the stale snapshot (marked so)
rather than a second round of Connect calls. Connect's real-time APIs are throttled per account
(GetCurrentMetricData and GetCurrentUserData about 5 requests a second): at the default of one
refresh every 5 seconds the product uses under 0.5 of that, with any number of watchers.
"""

import time
from collections.abc import Callable
from datetime import timedelta

from pynamodb.attributes import JSONAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import PutError, UpdateError

from contactcenter import clock
from contactcenter.constants import TABLE_MONITOR
from contactcenter.errors import DomainError
from contactcenter.monitor.live import Snapshot
from contactcenter.storage import TableModel

LIVE = "live"
LEASE = timedelta(seconds=10)  # how long one refresh may take before another reader tries
FIRST_WAIT_SECONDS = 3.0  # the very first snapshot: how long others wait for the one fetching it


class Warming(DomainError):
    slug = "live-figures-warming-up"
    status = 503
    title = "The live figures are being fetched for the first time"


class MonitorSnapshot(TableModel):
    """monitor: the live snapshot (key "live") -> GetItem; alert states -> GetItem per rule."""

    class Meta:
        table_name = TABLE_MONITOR

    key = UnicodeAttribute(hash_key=True)
    taken_at = UTCDateTimeAttribute(null=True)
    body = JSONAttribute(null=True)
    lease_until = UTCDateTimeAttribute(null=True)


def _stored() -> MonitorSnapshot | None:
    try:
        return MonitorSnapshot.get(LIVE, consistent_read=True)
    except MonitorSnapshot.DoesNotExist:
        return None


def _take_lease(item: MonitorSnapshot | None) -> bool:
    now = clock.now()
    lease = MonitorSnapshot(key=LIVE, lease_until=now + LEASE)
    try:
        if item is None:
            lease.save(condition=MonitorSnapshot.key.does_not_exist())
        else:
            item.update(
                actions=[MonitorSnapshot.lease_until.set(now + LEASE)],
                condition=MonitorSnapshot.lease_until.does_not_exist() | (MonitorSnapshot.lease_until < now),
            )
    except (PutError, UpdateError):
        return False  # another reader is refreshing it
    return True


def current(fetch: Callable[[], Snapshot], max_age: timedelta) -> tuple[Snapshot, bool]:
    """The snapshot and whether it is fresh (False: another reader is refreshing a stale one)."""
    item = _stored()
    now = clock.now()
    if item is not None and item.body is not None and item.taken_at and now - item.taken_at <= max_age:
        return Snapshot.from_dict(item.body), True
    if not _take_lease(item):
        if item is not None and item.body is not None:
            return Snapshot.from_dict(item.body), False
        return _first(), False
    try:
        shot = fetch()
    except Exception:
        MonitorSnapshot(key=LIVE).update(actions=[MonitorSnapshot.lease_until.remove()])
        raise
    MonitorSnapshot(key=LIVE, taken_at=clock.now(), body=shot.as_dict()).save()
    return shot, True


def _first() -> Snapshot:
    """Nothing stored yet and another reader is fetching it: wait for theirs, briefly."""
    deadline = time.monotonic() + FIRST_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.2)
        item = _stored()
        if item is not None and item.body is not None:
            return Snapshot.from_dict(item.body)
    raise Warming("the live figures are being fetched; ask again in a few seconds", retry_after="3")
