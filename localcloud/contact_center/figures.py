"""The contact center's figures as Connect's metrics define them: the real-time metrics of a
queue (GetCurrentMetricData), and the historical ones of finished contacts (GetMetricDataV2).

Real-time agent metrics count the agents whose routing profile holds the queue (for the
channel, when one is asked): Available (routable and free), On contact (offered, connected or
on hold), After contact work, Non-productive (a custom status such as Break, free), Staffed
(Available + on contact + ACW), Online (any status but Offline).
"""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import datetime

from localcloud.contact_center.center import ContactCenter
from localcloud.contact_center.model import ACW, BREAK, IDLE, OFFLINE, Agent, Finished


@dataclass(frozen=True)
class QueueFigures:
    agents_online: int = 0
    agents_available: int = 0
    agents_on_contact: int = 0
    agents_after_contact_work: int = 0
    agents_non_productive: int = 0
    agents_staffed: int = 0
    contacts_in_queue: int = 0
    oldest_contact_age: int = 0  # seconds

    def metric(self, name: str) -> int:
        """A GetCurrentMetricData metric by its name (AGENTS_ON_CALL is On contact too)."""
        attribute = "agents_on_contact" if name == "AGENTS_ON_CALL" else name.lower()
        if attribute not in self.__dataclass_fields__:
            raise KeyError(name)
        return int(getattr(self, attribute))


def _serves(agent: Agent, center: ContactCenter, queues: Collection[str], channel: str | None) -> bool:
    if agent.profile is None:
        return False
    profile = center.profiles[agent.profile]
    channels = [channel] if channel else ["VOICE", "CHAT", "TASK"]
    return any(profile.takes(queue, c) is not None for queue in queues for c in channels)


def queue_figures(
    center: ContactCenter, queues: Collection[str], now: datetime, channel: str | None = None
) -> QueueFigures:
    """The queues' real-time figures (each agent counted once, however many queues they serve)."""
    with center.lock:  # one consistent snapshot
        agents = [a for a in center.agents.values() if _serves(a, center, queues, channel)]
        waiting = [c for queue in queues for c in center.in_queue(queue, channel)]
        online = [a for a in agents if a.status != OFFLINE or a.contact is not None]
        available = sum(1 for a in agents if a.routable)
        on_contact = sum(1 for a in agents if a.activity not in (IDLE, ACW))
        acw = sum(1 for a in agents if a.activity == ACW)
        non_productive = sum(1 for a in online if a.activity == IDLE and a.status == BREAK)
        oldest = min((c.enqueued_at for c in waiting), default=None)
    return QueueFigures(
        agents_online=len(online),
        agents_available=available,
        agents_on_contact=on_contact,
        agents_after_contact_work=acw,
        agents_non_productive=non_productive,
        agents_staffed=available + on_contact + acw,
        contacts_in_queue=len(waiting),
        oldest_contact_age=int((now - oldest).total_seconds()) if oldest else 0,
    )


def finished_in(
    center: ContactCenter, queue: str, start: datetime, end: datetime, channel: str | None = None
) -> list[Finished]:
    """Contacts of ``queue`` that left the contact center between ``start`` and ``end``."""
    with center.lock:
        done = list(center.finished)
    return [
        f
        for f in done
        if f.queue == queue and start <= f.disconnected_at < end and channel in (None, f.channel)
    ]


def historical(
    name: str, contacts: Iterable[Finished], threshold: float | None = None, comparison: str = "LT"
) -> float | None:
    """A GetMetricDataV2 metric of finished contacts (None: no value, as Connect leaves it out).

    SERVICE_LEVEL: answered with a queue time below ``threshold`` seconds (``comparison`` LT,
    LTE or GT, as Connect's ThresholdV2 says), out of the contacts
    that left the queue (answered or abandoned: callbacks and stops not counted), in percent.
    CONTACTS_HANDLED: connected to an agent. CONTACTS_ABANDONED: the customer hung up in the
    queue. AVG_HANDLE_TIME: talk, hold and after-contact work of the handled ones."""
    items = list(contacts)
    handled = [f for f in items if f.handled]
    if name == "CONTACTS_HANDLED":
        return float(len(handled))
    if name == "CONTACTS_ABANDONED":
        return float(sum(1 for f in items if f.abandoned))
    if name == "AVG_HANDLE_TIME":
        return sum(f.handle_seconds for f in handled) / len(handled) if handled else None
    if name == "SERVICE_LEVEL":
        if threshold is None:
            raise ValueError("SERVICE_LEVEL needs a Threshold")
        removed = [f for f in items if f.handled or f.abandoned]
        compare = _COMPARISONS[comparison]
        within = sum(1 for f in handled if compare(f.queue_seconds or 0.0, threshold))
        return 100.0 * within / len(removed) if removed else None
    raise KeyError(name)


_COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    "LT": lambda value, limit: value < limit,
    "LTE": lambda value, limit: value <= limit,
    "GT": lambda value, limit: value > limit,
}
HISTORICAL_METRICS = ("SERVICE_LEVEL", "CONTACTS_HANDLED", "CONTACTS_ABANDONED", "AVG_HANDLE_TIME")
