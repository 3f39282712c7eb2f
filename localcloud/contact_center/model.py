"""What the contact center is made of: routing profiles (queues with priority and delay),
agents and their states, contacts waiting in queues, contacts with agents, finished contacts.

Agent status is what the agent (or a supervisor) chose: Available (routable), Break (a
custom, non-productive status) or Offline. Activity is what the agent is doing with a
contact: nothing, offered, connected, on hold, after-contact work. One contact at a time per
agent (Connect allows several chats at once; the model does not).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

import catalog

AVAILABLE, BREAK, OFFLINE = "Available", "Break", "Offline"
STATUSES = (AVAILABLE, BREAK, OFFLINE)
STATUS_TYPES = {AVAILABLE: "ROUTABLE", BREAK: "CUSTOM", OFFLINE: "OFFLINE"}  # Connect's AgentStatusType
CHANNELS = ("VOICE", "CHAT", "TASK")
DEFAULT_ROUTING_PRIORITY = 5  # Connect's priority for a contact no flow set one for

# Activities (AgentContactState, as GetCurrentUserData names the contact's state)
IDLE, OFFERED, CONNECTED, ON_HOLD, ACW = "IDLE", "CONNECTING", "CONNECTED", "CONNECTED_ONHOLD", "ENDED"


@dataclass(frozen=True)
class QueueConfig:
    priority: int  # 1 is served first
    delay: int = 0  # seconds a contact waits before this profile's agents may get it
    channels: tuple[str, ...] = CHANNELS


@dataclass(frozen=True)
class Profile:
    """A routing profile: the queues its agents take, each with its priority and delay."""

    key: str
    name: str
    queues: Mapping[str, QueueConfig]

    def takes(self, queue: str, channel: str) -> QueueConfig | None:
        config = self.queues.get(queue)
        return config if config is not None and channel in config.channels else None


def profiles_from_catalog() -> dict[str, Profile]:
    """The product's routing profiles (catalog/connect.py), as the CDK app creates them."""
    return {
        spec.key: Profile(
            spec.key,
            spec.name,
            {
                queue: QueueConfig(priority, spec.delays.get(queue, 0))
                for queue, priority in spec.queues.items()
            },
        )
        for spec in catalog.ROUTING_PROFILES
    }


@dataclass
class Waiting:
    """A contact in a queue."""

    contact_id: str
    channel: str
    queue: str
    priority: int
    enqueued_at: datetime
    initiation: str = "INBOUND"  # INBOUND | CALLBACK | TRANSFER | API
    age_adjustment: int = 0  # seconds added to its routing age (UpdateContactRoutingData)
    previous_contact_id: str | None = None


@dataclass
class Handling:
    """A contact an agent has: offered, connected, on hold, or in after-contact work."""

    waiting: Waiting
    offered_at: datetime
    connected_at: datetime | None = None
    hold_started: datetime | None = None
    hold_seconds: float = 0.0
    holds: int = 0
    ended_at: datetime | None = None  # the conversation's end; after-contact work from here
    disconnect_reason: str | None = None
    next_contact_id: str | None = None  # the contact a transfer made
    monitors: list[dict[str, str]] = field(default_factory=list)

    @property
    def state(self) -> str:
        if self.ended_at is not None:
            return ACW
        if self.hold_started is not None:
            return ON_HOLD
        return CONNECTED if self.connected_at is not None else OFFERED


@dataclass
class Agent:
    user_id: str
    username: str
    profile: str | None = None  # the routing profile logged in with (None: logged out)
    status: str = OFFLINE
    status_since: datetime | None = None
    next_status: str | None = None  # chosen during a contact: taken once the contact is wrapped up
    auto_accept: bool = True
    contact: Handling | None = None
    activity_since: datetime | None = None  # when the current contact state began
    idle_since: datetime | None = None  # routable and free since (who has waited longest)
    handled_today: int = 0

    @property
    def activity(self) -> str:
        return IDLE if self.contact is None else self.contact.state

    @property
    def routable(self) -> bool:
        return self.status == AVAILABLE and self.contact is None and self.profile is not None


@dataclass(frozen=True)
class Finished:
    """A contact that left the contact center: what its contact trace record says."""

    contact_id: str
    channel: str
    queue: str | None
    initiation: str
    enqueued_at: datetime | None
    dequeued_at: datetime | None
    disconnected_at: datetime
    disconnect_reason: str
    agent: str | None = None  # username
    agent_id: str | None = None
    connected_at: datetime | None = None
    interaction_seconds: int = 0
    hold_seconds: int = 0
    holds: int = 0
    acw_seconds: int = 0
    acw_started: datetime | None = None
    acw_ended: datetime | None = None
    wrap_up_code: str | None = None
    abandoned: bool = False
    next_contact_id: str | None = None  # a callback or a transfer continues it
    previous_contact_id: str | None = None

    @property
    def handled(self) -> bool:
        return self.agent is not None and self.connected_at is not None

    @property
    def queue_seconds(self) -> float | None:
        if self.enqueued_at is None or self.dequeued_at is None:
            return None
        return (self.dequeued_at - self.enqueued_at).total_seconds()

    @property
    def handle_seconds(self) -> int:
        """Connect's handle time: talk, hold and after-contact work."""
        return self.interaction_seconds + self.hold_seconds + self.acw_seconds
