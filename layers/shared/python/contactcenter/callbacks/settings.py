"""The configuration of the functions that keep callbacks (the API, the queue flow's function,
the workflow's steps), and what they build from it at cold start."""

from pydantic import Field, Json

from contactcenter.agent_tasks import ConnectQueues
from contactcenter.audit.models import AuditRecord
from contactcenter.callbacks.models import Callback, DoNotCall, OpenCallback
from contactcenter.callbacks.service import CallbackService, Directory
from contactcenter.constants import (
    STATE_MACHINE_CALLBACK,
    TABLE_AUDIT,
    TABLE_CALLBACKS,
    TABLE_DO_NOT_CALL,
    Env,
)
from contactcenter.settings import FunctionSettings
from contactcenter.storage import bind_tables
from contactcenter.workflow_timing import CallbackTiming


class CallbackTables(FunctionSettings):
    callbacks_table: str = Field(alias=Env.table(TABLE_CALLBACKS))
    do_not_call_table: str = Field(alias=Env.table(TABLE_DO_NOT_CALL))
    audit_table: str = Field(alias=Env.table(TABLE_AUDIT))

    def bind_callback_tables(self) -> None:
        bind_tables(
            {
                Callback: self.callbacks_table,
                OpenCallback: self.callbacks_table,
                DoNotCall: self.do_not_call_table,
                AuditRecord: self.audit_table,
            }
        )


class CallbackSettings(CallbackTables):
    """For the functions that register callbacks (and start their workflow)."""

    queues: Json[ConnectQueues] = Field(alias=Env.QUEUES)
    state_machine_arn: str = Field(alias=Env.state_machine(STATE_MACHINE_CALLBACK), min_length=1)
    timing: Json[CallbackTiming] = Field(default=CallbackTiming(), alias=Env.CALLBACK_TIMING)

    def callback_service(self) -> CallbackService:
        return CallbackService(
            Directory(queues=self.queues, timing=self.timing, state_machine_arn=self.state_machine_arn)
        )
