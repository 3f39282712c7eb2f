"""The configuration of the functions that register callbacks (the API, the queue flow's
function, the chat bot), and the service they build from it at cold start."""

from pydantic import Field, Json

from contactcenter.agent_tasks import ConnectQueues
from contactcenter.callbacks.service import CallbackService, Directory
from contactcenter.constants import STATE_MACHINE_CALLBACK, Env
from contactcenter.settings import FunctionSettings
from contactcenter.workflow_timing import CallbackTiming


class CallbackSettings(FunctionSettings):
    """For the functions that register callbacks (and start their workflow)."""

    queues: Json[ConnectQueues] = Field(alias=Env.QUEUES)
    state_machine_arn: str = Field(alias=Env.state_machine(STATE_MACHINE_CALLBACK), min_length=1)
    timing: Json[CallbackTiming] = Field(default=CallbackTiming(), alias=Env.CALLBACK_TIMING)

    def callback_service(self) -> CallbackService:
        return CallbackService(
            Directory(queues=self.queues, timing=self.timing, state_machine_arn=self.state_machine_arn)
        )
