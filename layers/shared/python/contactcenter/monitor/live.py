"""What Amazon Connect says about the queues and agents right now, read with its real-time APIs
and put in the product's words. The same calls run against Connect in AWS and the local Connect.

Five reads make a snapshot: GetCurrentMetricData (contacts waiting, the oldest wait, agents
by state, per queue), GetMetricDataV2 twice (today so far: service level, handled, abandoned
per queue; handled per agent), GetCurrentUserData (each agent's state and contact) and
ListUsers (the agents' user names, which GetCurrentUserData does not give). Each is one call
for up to 100 queues and 100 agents (1,000 for ListUsers), so a snapshot of a mid-size center
costs five Connect calls: the cache (snapshots.py) decides how often that happens.
"""

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from contactcenter import clients, clock

SERVICE_LEVEL_SECONDS = 20  # the same threshold as the service_level report
_CURRENT = (
    "AGENTS_ONLINE",
    "AGENTS_AVAILABLE",
    "AGENTS_ON_CONTACT",
    "AGENTS_AFTER_CONTACT_WORK",
    "AGENTS_NON_PRODUCTIVE",
    "CONTACTS_IN_QUEUE",
    "OLDEST_CONTACT_AGE",
)
_UNITS = {"OLDEST_CONTACT_AGE": "SECONDS"}


@dataclass
class QueueNow:
    queue: str  # the product's queue key
    name: str
    contacts_waiting: int = 0
    oldest_wait_seconds: int = 0
    agents_online: int = 0
    agents_available: int = 0
    agents_on_contact: int = 0
    agents_after_contact_work: int = 0
    agents_on_break: int = 0  # non-productive statuses (Break, Lunch, ...)
    handled_today: int = 0
    abandoned_today: int = 0
    service_level_today_pct: float | None = None  # answered within 20 s, of offered; None: none yet


@dataclass
class AgentNow:
    agent_id: str  # the Connect user id
    username: str
    state: str  # Available | Break | Offline | ... (the status), or on_contact / after_contact_work
    state_since: str | None
    routing_profile: str | None
    contact_id: str | None = None
    contact_channel: str | None = None
    contact_queue: str | None = None
    handled_today: int = 0


@dataclass
class Snapshot:
    taken_at: str
    queues: list[QueueNow] = field(default_factory=list)
    agents: list[AgentNow] = field(default_factory=list)
    calls: int = 0  # the Connect calls this snapshot cost

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Snapshot":
        return cls(
            taken_at=data["taken_at"],
            queues=[QueueNow(**q) for q in data.get("queues", [])],
            agents=[AgentNow(**a) for a in data.get("agents", [])],
            calls=int(data.get("calls", 0)),
        )


def _queue_key(arn_or_id: str, by_arn: Mapping[str, str]) -> str:
    return by_arn.get(arn_or_id) or by_arn.get(arn_or_id.rsplit("/", 1)[-1]) or arn_or_id.rsplit("/", 1)[-1]


class ConnectLive:
    """Reads the instance's real-time figures for the product's queues (key -> (ARN, name))."""

    def __init__(self, instance_id: str, instance_arn: str, queues: Mapping[str, tuple[str, str]]) -> None:
        self.instance_id, self.instance_arn = instance_id, instance_arn
        self.queues = dict(queues)
        self._by_arn = {arn: key for key, (arn, _) in self.queues.items()}
        self._by_arn.update({arn.rsplit("/", 1)[-1]: key for key, (arn, _) in self.queues.items()})

    def snapshot(self, now: datetime | None = None) -> Snapshot:
        now = now or clock.now()
        connect = clients.client("connect")
        shot = Snapshot(taken_at=clock.iso(now))
        figures = {key: QueueNow(queue=key, name=name) for key, (_, name) in self.queues.items()}
        shot.calls += self._current(connect, figures)
        shot.calls += self._today(connect, figures, now)
        shot.queues = list(figures.values())
        agents, calls = self._agents(connect)
        shot.calls += calls + self._names(connect, agents) + self._handled_by_agent(connect, agents, now)
        shot.agents = sorted(agents, key=lambda a: a.username)
        return shot

    def _names(self, connect: Any, agents: list[AgentNow]) -> int:
        calls, token, names = 0, None, {}
        while True:
            page = connect.list_users(
                InstanceId=self.instance_id, MaxResults=1000, **({"NextToken": token} if token else {})
            )
            calls += 1
            names.update({u["Id"]: u.get("Username", u["Id"]) for u in page.get("UserSummaryList", [])})
            token = page.get("NextToken")
            if not token:
                break
        for agent in agents:
            agent.username = names.get(agent.agent_id, agent.username)
        return calls

    def _handled_by_agent(self, connect: Any, agents: list[AgentNow], now: datetime) -> int:
        start = now.replace(hour=0, minute=0, second=0, microsecond=0)
        if now <= start or not agents:
            return 0
        answer = connect.get_metric_data_v2(
            ResourceArn=self.instance_arn,
            StartTime=start,
            EndTime=now,
            Filters=[{"FilterKey": "QUEUE", "FilterValues": [arn for arn, _ in self.queues.values()]}],
            Groupings=["AGENT"],
            Metrics=[{"Name": "CONTACTS_HANDLED"}],
        )
        handled: dict[str, int] = {}
        for result in answer.get("MetricResults", []):
            user = str(result.get("Dimensions", {}).get("AGENT", "")).rsplit("/", 1)[-1]
            values = {c["Metric"]["Name"]: c.get("Value") for c in result.get("Collections", [])}
            handled[user] = handled.get(user, 0) + int(values.get("CONTACTS_HANDLED") or 0)
        for agent in agents:
            agent.handled_today = handled.get(agent.agent_id, 0)
        return 1

    def _current(self, connect: Any, figures: dict[str, QueueNow]) -> int:
        answer = connect.get_current_metric_data(
            InstanceId=self.instance_id,
            Filters={
                "Queues": [arn for arn, _ in self.queues.values()],
                "Channels": ["VOICE", "CHAT", "TASK"],
            },
            Groupings=["QUEUE"],
            CurrentMetrics=[{"Name": name, "Unit": _UNITS.get(name, "COUNT")} for name in _CURRENT],
        )
        for result in answer.get("MetricResults", []):
            queue = result.get("Dimensions", {}).get("Queue", {})
            key = _queue_key(str(queue.get("Arn") or queue.get("Id", "")), self._by_arn)
            if key not in figures:
                continue
            values = {c["Metric"]["Name"]: c.get("Value") or 0 for c in result.get("Collections", [])}
            row = figures[key]
            row.contacts_waiting = int(values.get("CONTACTS_IN_QUEUE", 0))
            row.oldest_wait_seconds = int(values.get("OLDEST_CONTACT_AGE", 0))
            row.agents_online = int(values.get("AGENTS_ONLINE", 0))
            row.agents_available = int(values.get("AGENTS_AVAILABLE", 0))
            row.agents_on_contact = int(values.get("AGENTS_ON_CONTACT", 0))
            row.agents_after_contact_work = int(values.get("AGENTS_AFTER_CONTACT_WORK", 0))
            row.agents_on_break = int(values.get("AGENTS_NON_PRODUCTIVE", 0))
        return 1

    def _today(self, connect: Any, figures: dict[str, QueueNow], now: datetime) -> int:
        """Since midnight UTC: GetMetricDataV2 takes periods up to now (a day at most here)."""
        start = now.replace(hour=0, minute=0, second=0, microsecond=0)
        if now <= start:
            return 0
        answer = connect.get_metric_data_v2(
            ResourceArn=self.instance_arn,
            StartTime=start,
            EndTime=now,
            Filters=[{"FilterKey": "QUEUE", "FilterValues": [arn for arn, _ in self.queues.values()]}],
            Groupings=["QUEUE"],
            Metrics=[
                {
                    "Name": "SERVICE_LEVEL",
                    "Threshold": [{"Comparison": "LT", "ThresholdValue": SERVICE_LEVEL_SECONDS}],
                },
                {"Name": "CONTACTS_HANDLED"},
                {"Name": "CONTACTS_ABANDONED"},
            ],
        )
        for result in answer.get("MetricResults", []):
            key = _queue_key(str(result.get("Dimensions", {}).get("QUEUE", "")), self._by_arn)
            if key not in figures:
                continue
            values = {c["Metric"]["Name"]: c.get("Value") for c in result.get("Collections", [])}
            row = figures[key]
            row.handled_today = int(values.get("CONTACTS_HANDLED") or 0)
            row.abandoned_today = int(values.get("CONTACTS_ABANDONED") or 0)
            level = values.get("SERVICE_LEVEL")
            row.service_level_today_pct = round(float(level), 1) if level is not None else None
        return 1

    def _agents(self, connect: Any) -> tuple[list[AgentNow], int]:
        agents: list[AgentNow] = []
        calls, token = 0, None
        while True:
            page = connect.get_current_user_data(
                InstanceId=self.instance_id,
                Filters={"Queues": [arn for arn, _ in self.queues.values()]},
                MaxResults=100,
                **({"NextToken": token} if token else {}),
            )
            calls += 1
            agents.extend(self._agent(item) for item in page.get("UserDataList", []))
            token = page.get("NextToken")
            if not token:
                return agents, calls

    def _agent(self, item: Mapping[str, Any]) -> AgentNow:
        user, status = item.get("User", {}), item.get("Status", {})
        contacts: Iterable[Mapping[str, Any]] = item.get("Contacts", [])
        contact = next(iter(contacts), None)
        state, since = str(status.get("StatusName", "Offline")), status.get("StatusStartTimestamp")
        if contact is not None:
            # On a contact the agent's status stays "Available": the contact's state is the truth.
            contact_state = str(contact.get("AgentContactState", ""))
            state = "after_contact_work" if contact_state in ("ENDED", "ERROR") else "on_contact"
            since = contact.get("StateStartTimestamp") or since
        return AgentNow(
            agent_id=str(user.get("Id", "")),
            username=str(user.get("Username") or user.get("Id", "")),
            state=state,
            state_since=since.isoformat() if isinstance(since, datetime) else since,
            routing_profile=str(item.get("RoutingProfile", {}).get("Id", "")) or None,
            contact_id=str(contact["ContactId"]) if contact else None,
            contact_channel=str(contact.get("Channel")) if contact else None,
            contact_queue=(
                _queue_key(
                    str(contact.get("Queue", {}).get("Arn") or contact.get("Queue", {}).get("Id", "")),
                    self._by_arn,
                )
                if contact and contact.get("Queue")
                else None
            ),
        )
