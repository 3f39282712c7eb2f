"""The traffic run: a discrete-event simulation on the contact center's simulated clock.

Arrivals run through the real contact flows (the simulator, the real functions); a contact
that reaches a queue waits in the contact center until it is routed or its customer's
patience runs out; a routed contact's conversation, hold and after-contact work are events
too. With ``speed`` > 0 the run paces itself to the wall clock (60: an hour in a minute);
with 0 it runs as fast as it can. Flows take no simulated time: their functions run at once.
A run may declare when more agents log in (``add_agents``) and fire the queue alerts' every-
minute rule each simulated minute (``queue_alerts``), as EventBridge does when deployed.
"""

import contextlib
import heapq
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import catalog
from contactcenter.constants import Env
from localcloud.contact_center import SimulatedClock
from localcloud.contact_center.center import ContactCenterError, UnknownResource
from localcloud.contact_center.model import Agent, Handling
from localcloud.provision import LOCAL_TUNING
from localcloud.traffic.behaviour import Behaviour, People
from localcloud.traffic.summary import TrafficReport, report

if TYPE_CHECKING:
    from localcloud.cloud import LocalCloud

Event = tuple[datetime, int, str, tuple[Any, ...]]
MINUTE = timedelta(minutes=1)
# How long the functions keep the shared live snapshot on the local cloud (wall seconds).
SNAPSHOT_SECONDS = float(LOCAL_TUNING[Env.MONITOR_CACHE_SECONDS])


@dataclass(frozen=True)
class TrafficOptions:
    calls_per_hour: float = 120.0
    chats_per_hour: float = 30.0
    agents: int = 6
    duration: timedelta = timedelta(hours=1)
    speed: float = 0.0  # simulated seconds per wall second; 0: as fast as possible
    seed: int = 1
    start: datetime | None = None  # the simulated start (None: now)
    drain: bool = True  # after the last arrival, go on until every contact is finished
    behaviour: Behaviour = field(default_factory=Behaviour)
    # (when after the start, how many more agents log in): a declared staffing change
    add_agents: tuple[tuple[timedelta, int], ...] = ()
    queue_alerts: bool = False  # fire the queue alerts' every-minute rule each simulated minute


class Traffic:
    def __init__(self, cloud: "LocalCloud", options: TrafficOptions) -> None:
        self.cloud = cloud
        self.options = options
        self.people = People(options.seed, options.behaviour)
        self.start = (options.start or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
        self.end = self.start + options.duration
        self.clock = SimulatedClock(self.start)
        self.connect = cloud.connect
        self.center = cloud.connect.center
        self.events: list[Event] = []
        self._order = itertools.count()
        self.offered: list[dict[str, Any]] = []  # each arrival: contact id, channel, outcome, queue
        self.first_finished = len(self.center.finished)
        self._wakeups: set[datetime] = set()
        self.staffed: list[Agent] = []
        self.alerts: list[dict[str, Any]] = []  # each simulated minute's crossings, when there were some
        self.staffing: list[dict[str, Any]] = []  # each declared change: run time, wall time, agents

    # -- set up -------------------------------------------------------------------------

    def staff(self) -> list[Agent]:
        """Log the agents in across the routing profiles (round robin) and make them Available,
        and declare the staffing changes to come."""
        for _ in range(self.options.agents):
            self._log_in(self.start)
        for after, count in self.options.add_agents:
            self._push(self.start + after, "add_agents", count)
        return self.staffed

    def _add_agents(self, count: int, now: datetime) -> None:
        # The wall time too: the functions (and their notifications) live on the wall clock.
        self.staffing.append({"at": now.isoformat(), "wall": datetime.now(UTC).isoformat(), "agents": count})
        for _ in range(count):
            self._log_in(now)

    def _log_in(self, now: datetime) -> None:
        """The next agent (agent01, agent02, ...) logs in on the next routing profile, perhaps to
        take one break in the rest of the run."""
        profiles = [p.key for p in catalog.ROUTING_PROFILES]
        number = len(self.staffed)
        name = f"agent{number + 1:02d}"
        try:
            agent = self.center.agent(name)
        except UnknownResource:
            agent = self.center.add_agent(name)
        if agent.contact is not None:
            raise ContactCenterError(f"{name} is busy from an earlier run")
        self.center.login(name, profiles[number % len(profiles)], now)
        self.center.set_status(name, "Available", now)
        self.staffed.append(agent)
        moment = self.people.a_break((self.end - now).total_seconds())
        if moment is not None:
            at = now + timedelta(seconds=moment)
            self._push(at, "break", name)
            self._push(at + timedelta(seconds=self.options.behaviour.break_seconds), "back", name)

    # -- the run ------------------------------------------------------------------------

    def run(self) -> TrafficReport:
        self.connect.use_model()
        self.connect.open_override = True  # the run is about queues, not the opening hours
        self.center.clock = self.clock
        self.center.on_connected.append(self._connected)
        simulator = self.cloud.simulator()
        simulator.now = self.clock.now
        wall_start = time.perf_counter()
        try:
            self.staff()
            self._arrival("VOICE", self.start)
            self._arrival("CHAT", self.start)
            if self.options.queue_alerts:
                self._push(self.start + MINUTE, "minute")
            while self.events:
                at, _, kind, payload = heapq.heappop(self.events)
                if at >= self.end and kind in ("call", "chat"):
                    continue  # no arrivals after the end
                if not self.options.drain and at > self.end:
                    break
                self._pace(at, wall_start)
                self.clock.advance_to(at)
                self._handle(kind, payload, simulator)
                self._wake()
        finally:
            self.center.on_connected.remove(self._connected)
            self.connect.open_override = None
        self.cloud.wait_idle()
        return report(self, time.perf_counter() - wall_start)

    def _pace(self, at: datetime, wall_start: float) -> None:
        if self.options.speed <= 0:
            return
        due = wall_start + (at - self.start).total_seconds() / self.options.speed
        delay = due - time.perf_counter()
        if delay > 0:
            time.sleep(delay)

    def _push(self, at: datetime, kind: str, *payload: Any) -> None:
        heapq.heappush(self.events, (at, next(self._order), kind, payload))

    def _after(self, seconds: float, kind: str, *payload: Any) -> None:
        self._push(self.clock.now() + timedelta(seconds=seconds), kind, *payload)

    def _arrival(self, channel: str, now: datetime) -> None:
        per_hour = self.options.calls_per_hour if channel == "VOICE" else self.options.chats_per_hour
        gap = self.people.gap(per_hour)
        if gap != float("inf"):
            self._push(now + timedelta(seconds=gap), "call" if channel == "VOICE" else "chat")

    def _wake(self) -> None:
        """A queue delay running out is a moment to route at, though nothing else happens."""
        moment = self.center.next_wakeup(self.clock.now())
        if moment is not None and moment not in self._wakeups:
            self._wakeups.add(moment)
            self._push(moment, "wake")

    # -- events -------------------------------------------------------------------------

    def _handle(self, kind: str, payload: tuple[Any, ...], simulator: Any) -> None:
        now = self.clock.now()
        actions: dict[str, Callable[[], Any]] = {
            "call": lambda: self._contact(simulator, "VOICE"),
            "chat": lambda: self._contact(simulator, "CHAT"),
            "patience": lambda: self.center.abandon(payload[0], now),
            "hold": lambda: self.center.hold(payload[0], now),
            "resume": lambda: self.center.resume(payload[0], now),
            "hang_up": lambda: self._hang_up(payload[0], payload[1]),
            "wrap_up": lambda: self.center.wrap_up(payload[0], "resolved", now),
            "break": lambda: self.center.set_status(payload[0], "Break", now),
            "back": lambda: self.center.set_status(payload[0], "Available", now),
            "wake": lambda: self.center.tick(now),
            "add_agents": lambda: self._add_agents(payload[0], now),
            "minute": self._minute,
        }
        # The moment may have passed (the contact already ended): as a person would, move on.
        with contextlib.suppress(ContactCenterError):
            actions[kind]()

    def _minute(self) -> None:
        """The queue alerts' rule fires, as it does every minute when deployed. The shared live
        snapshot ages on the wall clock (the functions' time), not the run's: a compressed
        minute first lets the contact and agent events of the minute be judged (their
        evaluations take snapshots at moments of their own), then waits until the newest
        snapshot is stale, so that each minute is judged on its own figures."""
        self.cloud.wait_idle()
        time.sleep(SNAPSHOT_SECONDS + 0.05)
        now = self.clock.now()
        told = self.cloud.run_queue_alerts(now)
        if told["raised"] or told["cleared"]:
            self.alerts.append({"at": now.isoformat(), **told})
        if self.events:  # the tick itself is popped: other events remain, the run goes on
            self._push(now + MINUTE, "minute")

    def _contact(self, simulator: Any, channel: str) -> None:
        now = self.clock.now()
        self._arrival(channel, now)
        if channel == "VOICE":
            caller, inputs = self.people.caller()
            flow = self.cloud.flow_arn("inbound_helpdesk")
        else:
            caller, inputs, flow = "+31612345678", [], self.cloud.flow_arn("chat_selfservice")
        result = simulator.call(flow, caller=caller, inputs=inputs, channel=channel)
        self.offered.append(
            {
                "contact_id": result.contact_id,
                "channel": channel,
                "outcome": result.outcome,
                "queue": result.queue_key,
            }
        )
        if self.center.waiting_contact(result.contact_id) is not None:
            self._after(self.people.patience(channel), "patience", result.contact_id)

    def _connected(self, agent: Agent, contact: Handling) -> None:
        """An agent has the contact: the conversation (with a hold, perhaps) is under way."""
        talk, hold = self.people.talk(contact.waiting.channel), self.people.hold()
        if hold:
            self._after(talk / 2, "hold", agent.user_id)
            self._after(talk / 2 + hold, "resume", agent.user_id)
        self._after(talk + hold, "hang_up", contact.waiting.contact_id, agent.user_id)

    def _hang_up(self, contact_id: str, user_id: str) -> None:
        self.center.hang_up(contact_id, self.clock.now())
        agent = self.center.agents[user_id]
        if agent.contact is not None and agent.contact.waiting.contact_id == contact_id:
            self._after(self.people.acw(), "wrap_up", user_id)


def run_traffic(cloud: "LocalCloud", options: TrafficOptions) -> TrafficReport:
    return Traffic(cloud, options).run()
