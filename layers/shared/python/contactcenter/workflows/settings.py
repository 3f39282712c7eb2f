"""Configuration the workflow functions share: the Connect queues agent tasks go to."""

from pydantic import Field, Json

from contactcenter.agent_tasks import ConnectQueues
from contactcenter.constants import Env
from contactcenter.settings import FunctionSettings


class AgentTaskSettings(FunctionSettings):
    queues: Json[ConnectQueues] = Field(alias=Env.QUEUES)
    instance_id: str = Field(alias=Env.CONNECT_INSTANCE_ID, min_length=1)
    task_flow_arn: str = Field(alias=Env.TASK_FLOW_ID, min_length=1)
