"""The configuration of the monitoring functions, and the services they build from it."""

from datetime import timedelta

from pydantic import Field, Json

from contactcenter.agent_tasks import ConnectQueues
from contactcenter.constants import Env
from contactcenter.monitor.actions import SupervisorActions
from contactcenter.monitor.agent_contact import AgentContacts
from contactcenter.monitor.live import ConnectLive, Snapshot
from contactcenter.monitor.snapshots import current
from contactcenter.settings import FunctionSettings


class LiveMonitor:
    """The shared snapshot of Connect's live figures, at most ``max_age`` old."""

    def __init__(self, live: ConnectLive, max_age: timedelta) -> None:
        self.live, self.max_age = live, max_age

    def snapshot(self) -> tuple[Snapshot, bool]:
        return current(self.live.snapshot, self.max_age)


class MonitorSettings(FunctionSettings):
    instance_id: str = Field(alias=Env.CONNECT_INSTANCE_ID, min_length=1)
    instance_arn: str = Field(alias=Env.CONNECT_INSTANCE_ARN, min_length=1)
    queues: Json[ConnectQueues] = Field(alias=Env.QUEUES)
    cache_seconds: int = Field(default=5, ge=1, le=300, alias=Env.MONITOR_CACHE_SECONDS)

    def live_monitor(self) -> LiveMonitor:
        queues = {key: (info.arn, info.name) for key, info in self.queues.queues.items()}
        return LiveMonitor(
            ConnectLive(self.instance_id, self.instance_arn, queues), timedelta(seconds=self.cache_seconds)
        )

    def supervisor_actions(self) -> SupervisorActions:
        return SupervisorActions(
            self.instance_id, {key: info.arn for key, info in self.queues.queues.items()}
        )

    def agent_contacts(self) -> AgentContacts:
        return AgentContacts(self.instance_id)
