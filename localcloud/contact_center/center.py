"""The contact center's state and what changes it: contacts entering and leaving queues,
agents' actions (the CCP's side in Connect), and routing after every change.

Every method takes the moment it happens at (``at``), or the center's clock's now; routing
runs after each change, and ``tick`` runs it when only time has passed (a queue delay ran
out). Listeners hear of contacts connected to an agent and of contacts finished, so a
traffic run can schedule what happens next and the local cloud can write contact records.
"""

import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from localcloud.contact_center import router
from localcloud.contact_center.clock import Clock, WallClock
from localcloud.contact_center.model import (
    DEFAULT_ROUTING_PRIORITY,
    OFFLINE,
    STATUSES,
    Agent,
    Finished,
    Handling,
    Profile,
    Waiting,
    profiles_from_catalog,
)

CUSTOMER_DISCONNECT, AGENT_DISCONNECT, FLOW_DISCONNECT = (
    "CUSTOMER_DISCONNECT",
    "AGENT_DISCONNECT",
    "CONTACT_FLOW_DISCONNECT",
)


class ContactCenterError(ValueError):
    """An action the contact center's state does not allow (Connect: InvalidRequestException)."""


class UnknownResource(KeyError):
    """No such agent or contact (Connect: ResourceNotFoundException)."""


@dataclass
class ContactCenter:
    profiles: Mapping[str, Profile] = field(default_factory=profiles_from_catalog)
    clock: Clock = field(default_factory=WallClock)
    agents: dict[str, Agent] = field(default_factory=dict)  # by user id
    waiting: list[Waiting] = field(default_factory=list)  # in the order they came
    finished: list[Finished] = field(default_factory=list)
    on_queued: list[Callable[[Waiting], None]] = field(default_factory=list)
    on_connected: list[Callable[[Agent, Handling], None]] = field(default_factory=list)
    on_finished: list[Callable[[Finished], None]] = field(default_factory=list)
    # Any change of an agent's state (Connect's agent event stream): status, contact offered,
    # connected, on hold, resumed, in after-contact work.
    on_agent_changed: list[Callable[[Agent, datetime], None]] = field(default_factory=list)
    lock: threading.RLock = field(
        default_factory=threading.RLock, repr=False
    )  # API threads and the traffic run

    # -- looking things up ----------------------------------------------------------------

    def _at(self, at: datetime | None) -> datetime:
        return at if at is not None else self.clock.now()

    def agent(self, reference: str) -> Agent:
        """An agent by user id, user ARN or user name."""
        key = reference.rsplit("/", 1)[-1]
        found = self.agents.get(key) or next((a for a in self.agents.values() if a.username == key), None)
        if found is None:
            raise UnknownResource(f"no user {reference!r} on the local Connect instance")
        return found

    def waiting_contact(self, contact_id: str) -> Waiting | None:
        return next((c for c in self.waiting if c.contact_id == contact_id), None)

    def agent_with(self, contact_id: str) -> Agent | None:
        return next(
            (a for a in self.agents.values() if a.contact and a.contact.waiting.contact_id == contact_id),
            None,
        )

    def in_queue(self, queue: str, channel: str | None = None) -> list[Waiting]:
        return [c for c in self.waiting if c.queue == queue and channel in (None, c.channel)]

    def knows(self, contact_id: str) -> bool:
        """Whether the contact is waiting or with an agent here."""
        with self.lock:
            return self.waiting_contact(contact_id) is not None or self.agent_with(contact_id) is not None

    def reset(self) -> None:
        """Forget every agent and contact (a test's or a run's fresh start); listeners stay."""
        with self.lock:
            self.agents.clear()
            self.waiting.clear()
            self.finished.clear()
            self.clock = WallClock()

    # -- agents ---------------------------------------------------------------------------

    def add_agent(self, username: str, user_id: str | None = None, auto_accept: bool = True) -> Agent:
        with self.lock:
            if any(a.username == username for a in self.agents.values()):
                raise ContactCenterError(f"user {username} exists")
            agent = Agent(user_id or str(uuid.uuid5(uuid.NAMESPACE_URL, f"agent:{username}")), username)
            agent.auto_accept = auto_accept
            self.agents[agent.user_id] = agent
            return agent

    def login(self, user: str, profile: str, at: datetime | None = None) -> Agent:
        """The agent logs in to the CCP with a routing profile; they start Offline, as Connect's
        CCP does for an agent who has not chosen a status yet."""
        now = self._at(at)
        with self.lock:
            agent = self.agent(user)
            if profile not in self.profiles:
                raise UnknownResource(f"no routing profile {profile!r}")
            if agent.contact is not None:
                raise ContactCenterError(f"{agent.username} has a contact")
            agent.profile = profile
            self._set(agent, OFFLINE, now)
            return agent

    def set_status(self, user: str, status: str, at: datetime | None = None) -> Agent:
        """Available, Break or Offline (PutUserStatus, or the agent's CCP). During a contact
        the new status waits until the contact is wrapped up (Connect's NextStatus)."""
        now = self._at(at)
        if status not in STATUSES:
            raise UnknownResource(f"no agent status {status!r}")
        with self.lock:
            agent = self.agent(user)
            if agent.profile is None:
                raise ContactCenterError(f"{agent.username} is not logged in")
            if agent.contact is not None:
                agent.next_status = None if status == agent.status else status
            else:
                self._set(agent, status, now)
                self._route(now)
            return agent

    def logout(self, user: str, at: datetime | None = None) -> Agent:
        now = self._at(at)
        with self.lock:
            agent = self.agent(user)
            if agent.contact is not None:
                raise ContactCenterError(f"{agent.username} has a contact: end and wrap it up first")
            self._set(agent, OFFLINE, now)
            agent.profile = None
            return agent

    def _set(self, agent: Agent, status: str, now: datetime) -> None:
        if status != agent.status or agent.status_since is None:
            agent.status, agent.status_since = status, now
        agent.next_status = None
        agent.idle_since = now if agent.routable else None
        agent.activity_since = now
        self._agent_changed(agent, now)

    # -- contacts in queues -----------------------------------------------------------------

    def enqueue(
        self,
        contact_id: str,
        channel: str,
        queue: str,
        priority: int | None = None,
        at: datetime | None = None,
        initiation: str = "INBOUND",
        previous_contact_id: str | None = None,
        enqueued_at: datetime | None = None,
    ) -> Agent | None:
        """A contact enters a queue (a flow's TransferToQueue); the agent it went to at once, if any."""
        now = self._at(at)
        with self.lock:
            contact = Waiting(
                contact_id,
                channel,
                queue,
                priority or DEFAULT_ROUTING_PRIORITY,
                enqueued_at or now,
                initiation,
                previous_contact_id=previous_contact_id,
            )
            self.waiting.append(contact)
            for listener in self.on_queued:
                listener(contact)
            self._route(now)
            return self.agent_with(contact_id)

    def abandon(self, contact_id: str, at: datetime | None = None) -> bool:
        """The customer hangs up while waiting (their patience ran out); False: no longer waiting."""
        return self._leave_queue(contact_id, CUSTOMER_DISCONNECT, self._at(at), abandoned=True)

    def to_callback(self, contact_id: str, at: datetime | None = None) -> str | None:
        """The customer chose a callback in the queue flow and hung up: their contact ends,
        and a CALLBACK contact takes its place in the queue (its enqueue time and priority)."""
        now = self._at(at)
        with self.lock:
            contact = self.waiting_contact(contact_id)
            if contact is None:
                return None
            callback = str(uuid.uuid4())
            self._leave_queue(contact_id, FLOW_DISCONNECT, now, next_contact_id=callback)
            self.enqueue(
                callback,
                "VOICE",
                contact.queue,
                contact.priority,
                now,
                "CALLBACK",
                contact_id,
                contact.enqueued_at,
            )
            return callback

    def update_routing(
        self, contact_id: str, priority: int | None = None, age_adjustment: int | None = None
    ) -> Waiting:
        """UpdateContactRoutingData: a waiting contact's priority, or its routing age."""
        with self.lock:
            contact = self.waiting_contact(contact_id)
            if contact is None:
                raise UnknownResource(f"contact {contact_id} is not in a queue")
            if priority is not None:
                contact.priority = priority
            if age_adjustment is not None:
                contact.age_adjustment = age_adjustment
            self._route(self.clock.now())
            return contact

    def move(self, contact_id: str, queue: str, at: datetime | None = None) -> str:
        """TransferContact of a waiting contact to another queue: it keeps its id (docs)."""
        now = self._at(at)
        with self.lock:
            contact = self.waiting_contact(contact_id)
            if contact is None:
                raise UnknownResource(f"contact {contact_id} is not in a queue")
            contact.queue = queue
            self._route(now)
            return contact_id

    def stop(self, contact_id: str, reason: str = "API", at: datetime | None = None) -> None:
        """StopContact: a waiting contact leaves its queue; an agent's contact ends (the agent
        goes to after-contact work)."""
        now = self._at(at)
        with self.lock:
            if self._leave_queue(contact_id, reason, now):
                return
            agent = self.agent_with(contact_id)
            if agent is None:
                raise UnknownResource(f"no active contact {contact_id}")
            assert agent.contact is not None
            if agent.contact.ended_at is not None:
                raise ContactCenterError(f"contact {contact_id} has ended")
            self._end(agent, now, reason)

    def hang_up(self, contact_id: str, at: datetime | None = None) -> None:
        """The customer hangs up: in queue an abandon, with an agent the end of the conversation."""
        now = self._at(at)
        with self.lock:
            if self.abandon(contact_id, now):
                return
            agent = self.agent_with(contact_id)
            if agent is not None and agent.contact is not None and agent.contact.ended_at is None:
                self._end(agent, now, CUSTOMER_DISCONNECT)

    def _leave_queue(
        self,
        contact_id: str,
        reason: str,
        now: datetime,
        abandoned: bool = False,
        next_contact_id: str | None = None,
    ) -> bool:
        with self.lock:
            contact = self.waiting_contact(contact_id)
            if contact is None:
                return False
            self.waiting.remove(contact)
            self._finish(
                Finished(
                    contact.contact_id,
                    contact.channel,
                    contact.queue,
                    contact.initiation,
                    contact.enqueued_at,
                    now,
                    now,
                    reason,
                    abandoned=abandoned,
                    next_contact_id=next_contact_id,
                    previous_contact_id=contact.previous_contact_id,
                )
            )
            return True

    # -- an agent's contact ---------------------------------------------------------------

    def _handling(self, user: str, *states: str) -> tuple[Agent, Handling]:
        agent = self.agent(user)
        if agent.contact is None or agent.contact.state not in states:
            have = agent.contact.state if agent.contact else "no contact"
            raise ContactCenterError(f"{agent.username}: {have}, not {' or '.join(states)}")
        return agent, agent.contact

    def accept(self, user: str, at: datetime | None = None) -> Handling:
        now = self._at(at)
        with self.lock:
            agent, contact = self._handling(user, "CONNECTING")
            self._connect(agent, contact, now)
            return contact

    def _connect(self, agent: Agent, contact: Handling, now: datetime) -> None:
        contact.connected_at = agent.activity_since = now
        self._agent_changed(agent, now)
        for listener in self.on_connected:
            listener(agent, contact)

    def hold(self, user: str, at: datetime | None = None) -> None:
        now = self._at(at)
        with self.lock:
            agent, contact = self._handling(user, "CONNECTED")
            contact.hold_started, agent.activity_since = now, now
            self._agent_changed(agent, now)
            contact.holds += 1

    def resume(self, user: str, at: datetime | None = None) -> None:
        now = self._at(at)
        with self.lock:
            agent, contact = self._handling(user, "CONNECTED_ONHOLD")
            assert contact.hold_started is not None
            contact.hold_seconds += (now - contact.hold_started).total_seconds()
            contact.hold_started, agent.activity_since = None, now
            self._agent_changed(agent, now)

    def end(self, user: str, at: datetime | None = None) -> None:
        """The agent ends the conversation: after-contact work begins."""
        now = self._at(at)
        with self.lock:
            agent, _ = self._handling(user, "CONNECTED", "CONNECTED_ONHOLD")
            self._end(agent, now, AGENT_DISCONNECT)

    def _end(self, agent: Agent, now: datetime, reason: str) -> None:
        contact = agent.contact
        assert contact is not None
        if contact.hold_started is not None:
            contact.hold_seconds += (now - contact.hold_started).total_seconds()
            contact.hold_started = None
        contact.ended_at, contact.disconnect_reason, agent.activity_since = now, reason, now
        self._agent_changed(agent, now)

    def transfer(self, user: str, queue: str, at: datetime | None = None) -> str:
        """The agent transfers the contact to a queue: their part ends (after-contact work
        follows) and a TRANSFER contact, the next in the chain, enters the queue."""
        now = self._at(at)
        with self.lock:
            agent, contact = self._handling(user, "CONNECTED", "CONNECTED_ONHOLD")
            following = str(uuid.uuid4())
            self._end(agent, now, AGENT_DISCONNECT)
            contact.next_contact_id = following
            self.enqueue(
                following,
                contact.waiting.channel,
                queue,
                contact.waiting.priority,
                now,
                "TRANSFER",
                contact.waiting.contact_id,
            )
            return following

    def wrap_up(self, user: str, code: str | None = None, at: datetime | None = None) -> Finished:
        """After-contact work done (with a wrap-up code): the contact's record is complete and
        the agent takes the status chosen meanwhile, or is Available again."""
        now = self._at(at)
        with self.lock:
            agent, contact = self._handling(user, "ENDED")
            waiting = contact.waiting
            assert contact.ended_at is not None
            talk = (contact.ended_at - contact.connected_at).total_seconds() if contact.connected_at else 0
            done = Finished(
                waiting.contact_id,
                waiting.channel,
                waiting.queue,
                waiting.initiation,
                waiting.enqueued_at,
                contact.offered_at,
                contact.ended_at,
                contact.disconnect_reason or AGENT_DISCONNECT,
                agent.username,
                agent.user_id,
                contact.connected_at,
                interaction_seconds=round(talk - contact.hold_seconds),
                hold_seconds=round(contact.hold_seconds),
                holds=contact.holds,
                acw_seconds=round((now - contact.ended_at).total_seconds()),
                acw_started=contact.ended_at,
                acw_ended=now,
                wrap_up_code=code,
                next_contact_id=contact.next_contact_id,
                previous_contact_id=waiting.previous_contact_id,
            )
            agent.contact = None
            agent.handled_today += 1 if contact.connected_at else 0
            self._set(agent, agent.next_status or agent.status, now)
            self._finish(done)
            self._route(now)
            return done

    def monitor(self, contact_id: str, supervisor: str, capabilities: list[str]) -> str:
        """MonitorContact: a supervisor listens in (SILENT_MONITOR) or may barge in (BARGE)."""
        with self.lock:
            agent = self.agent_with(contact_id)
            if (
                agent is None
                or agent.contact is None
                or agent.contact.state not in ("CONNECTED", "CONNECTED_ONHOLD")
            ):
                raise ContactCenterError(f"contact {contact_id} is not connected to an agent")
            session = str(uuid.uuid4())
            agent.contact.monitors.append(
                {"session": session, "supervisor": supervisor, "capabilities": ",".join(capabilities)}
            )
            return session

    # -- routing --------------------------------------------------------------------------

    def tick(self, at: datetime | None = None) -> None:
        """Route what time alone made routable (a queue delay that ran out)."""
        with self.lock:
            self._route(self._at(at))

    def next_wakeup(self, at: datetime | None = None) -> datetime | None:
        with self.lock:
            return router.next_eligibility(self.agents.values(), self.profiles, self.waiting, self._at(at))

    def _route(self, now: datetime) -> None:
        for agent, contact in router.assignments(self.agents.values(), self.profiles, self.waiting, now):
            self.waiting.remove(contact)
            agent.contact = Handling(contact, offered_at=now)
            agent.idle_since, agent.activity_since = None, now
            self._agent_changed(agent, now)
            if agent.auto_accept:
                self._connect(agent, agent.contact, now)

    def _agent_changed(self, agent: Agent, now: datetime) -> None:
        for listener in self.on_agent_changed:
            listener(agent, now)

    def _finish(self, done: Finished) -> None:
        self.finished.append(done)
        for listener in self.on_finished:
            listener(done)
