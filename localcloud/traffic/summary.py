"""What a traffic run did: contacts offered, routed, abandoned, called back, the waits, and
the same per queue; from the run's arrivals and the contacts the contact center finished."""

from dataclasses import dataclass, field
from statistics import mean
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from localcloud.traffic.generator import Traffic

SERVICE_LEVEL_SECONDS = 60


@dataclass(frozen=True)
class QueueLine:
    queue: str
    queued: int  # contacts that left this queue (inbound, callbacks, transfers)
    handled: int
    abandoned: int
    callbacks: int
    average_wait: float  # seconds in queue of the handled ones
    longest_wait: float
    service_level: float | None  # % handled within SERVICE_LEVEL_SECONDS of those handled or abandoned


@dataclass(frozen=True)
class TrafficReport:
    offered: int  # arrivals (calls and chats) run through the flows
    queued: int  # arrivals that reached a queue
    routed: int  # contacts connected to an agent
    abandoned: int
    callbacks: int
    ended_in_flow: int  # self-service, or disconnected by a flow
    still_waiting: int
    average_wait: float
    wall_seconds: float
    simulated_seconds: float
    queues: list[QueueLine] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)
    alerts: list[dict[str, Any]] = field(default_factory=list)  # {"at", "raised", "cleared"} per minute
    staffing: list[dict[str, Any]] = field(default_factory=list)  # {"at", "wall", "agents"} per change

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "queues": [q.__dict__ for q in self.queues]}


def report(traffic: "Traffic", wall_seconds: float) -> TrafficReport:
    done = traffic.center.finished[traffic.first_finished :]
    handled = [f for f in done if f.handled]
    outcomes: dict[str, int] = {}
    for arrival in traffic.offered:
        outcomes[arrival["outcome"]] = outcomes.get(arrival["outcome"], 0) + 1
    lines = []
    for queue in sorted({f.queue for f in done if f.queue}):
        mine = [f for f in done if f.queue == queue]
        served = [f for f in mine if f.handled]
        waits = [f.queue_seconds or 0.0 for f in served]
        left = [f for f in mine if f.handled or f.abandoned]
        within = sum(1 for w in waits if w < SERVICE_LEVEL_SECONDS)
        lines.append(
            QueueLine(
                queue,
                len(mine),
                len(served),
                sum(1 for f in mine if f.abandoned),
                sum(1 for f in mine if f.initiation == "CALLBACK"),
                round(mean(waits), 1) if waits else 0.0,
                round(max(waits), 1) if waits else 0.0,
                round(100 * within / len(left), 1) if left else None,
            )
        )
    simulated = (traffic.clock.now() - traffic.start).total_seconds()
    return TrafficReport(
        offered=len(traffic.offered),
        queued=sum(
            1 for a in traffic.offered if a["queue"] and a["outcome"] in ("connected", "waiting", "callback")
        ),
        routed=len(handled),
        abandoned=sum(1 for f in done if f.abandoned),
        callbacks=sum(1 for f in done if f.initiation == "CALLBACK"),
        ended_in_flow=sum(
            1 for a in traffic.offered if a["outcome"] not in ("connected", "waiting", "callback")
        ),
        still_waiting=len(traffic.center.waiting),
        average_wait=round(mean(f.queue_seconds or 0.0 for f in handled), 1) if handled else 0.0,
        wall_seconds=round(wall_seconds, 2),
        simulated_seconds=simulated,
        queues=lines,
        outcomes=outcomes,
        alerts=traffic.alerts,
        staffing=traffic.staffing,
    )


def summary_lines(result: TrafficReport) -> list[str]:
    lines = [
        f"contacts offered {result.offered} (reached a queue {result.queued}, ended in the flow "
        f"{result.ended_in_flow}); routed to agents {result.routed}, abandoned {result.abandoned}, "
        f"callbacks {result.callbacks}, still waiting {result.still_waiting}",
        f"average wait {result.average_wait:.1f} s; {result.simulated_seconds / 60:.0f} simulated minutes "
        f"in {result.wall_seconds:.1f} s",
        f"{'queue':<10} {'queued':>6} {'handled':>7} {'abandoned':>9} {'callbacks':>9} {'avg wait':>8} "
        f"{'max wait':>8} {'SL 60s':>7}",
    ]
    for q in result.queues:
        level = f"{q.service_level:.1f}%" if q.service_level is not None else "-"
        lines.append(
            f"{q.queue:<10} {q.queued:>6} {q.handled:>7} {q.abandoned:>9} {q.callbacks:>9} "
            f"{q.average_wait:>8.1f} {q.longest_wait:>8.1f} {level:>7}"
        )
    for told in result.alerts:
        for change in ("raised", "cleared"):
            lines += [f"{told['at']} alert {change}: {rule}" for rule in told[change]]
    return lines
