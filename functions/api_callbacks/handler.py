"""The /callbacks and /do-not-call API."""

from pydantic import Field, Json

from contactcenter.agent_tasks import ConnectQueues
from contactcenter.api import deps
from contactcenter.api.handler import api_entry_point
from contactcenter.api.idempotency import Idempotency
from contactcenter.api.resolver import create_resolver
from contactcenter.audit.models import AuditRecord
from contactcenter.callbacks import api
from contactcenter.callbacks.models import Callback, DoNotCall, OpenCallback
from contactcenter.callbacks.service import CallbackService, Directory
from contactcenter.constants import (
    STATE_MACHINE_CALLBACK,
    TABLE_AUDIT,
    TABLE_CALLBACKS,
    TABLE_DO_NOT_CALL,
    TABLE_IDEMPOTENCY,
    Env,
)
from contactcenter.observability import create_logger, create_metrics
from contactcenter.settings import FunctionSettings, load_settings
from contactcenter.storage import bind_tables
from contactcenter.workflows.timing import CallbackTiming


class Settings(FunctionSettings):
    callbacks_table: str = Field(alias=Env.table(TABLE_CALLBACKS))
    do_not_call_table: str = Field(alias=Env.table(TABLE_DO_NOT_CALL))
    audit_table: str = Field(alias=Env.table(TABLE_AUDIT))
    idempotency_table: str = Field(alias=Env.table(TABLE_IDEMPOTENCY))
    queues: Json[ConnectQueues] = Field(alias=Env.QUEUES)
    state_machine_arn: str = Field(alias=Env.state_machine(STATE_MACHINE_CALLBACK), min_length=1)
    timing: Json[CallbackTiming] = Field(default=CallbackTiming(), alias=Env.CALLBACK_TIMING)


settings = load_settings(Settings)
bind_tables(
    {
        Callback: settings.callbacks_table,
        OpenCallback: settings.callbacks_table,
        DoNotCall: settings.do_not_call_table,
        AuditRecord: settings.audit_table,
    }
)
logger = create_logger()
metrics = create_metrics()
service = CallbackService(
    Directory(queues=settings.queues, timing=settings.timing, state_machine_arn=settings.state_machine_arn)
)
idempotency = Idempotency(settings.idempotency_table)

app = create_resolver(api.router, logger=logger)
app.dependency_overrides[deps.callback_service] = lambda: service
app.dependency_overrides[deps.idempotency] = lambda: idempotency

handler = api_entry_point(app, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
