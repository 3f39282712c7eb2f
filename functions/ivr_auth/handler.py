"""Called by the inbound contact flow: identify the caller, look up the account, verify the PIN.

Answers Connect's flat string map with a ``result`` code; never raises into the flow. Logs
the step and its result, never the account number or the PIN.
"""

from collections.abc import Mapping
from datetime import timedelta

from pydantic import Field

from contactcenter.connect_event import ContactFlowEvent
from contactcenter.connect_handler import connect_entry_point
from contactcenter.constants import Env
from contactcenter.ivr.service import IvrAuthService, LockoutPolicy
from contactcenter.observability import create_logger, create_metrics
from contactcenter.settings import FunctionSettings, load_settings


class Settings(FunctionSettings):
    max_failures: int = Field(default=3, alias=Env.IVR_MAX_PIN_FAILURES, ge=1, le=20)
    window_minutes: int = Field(default=1440, alias=Env.IVR_PIN_WINDOW_MINUTES, ge=1)
    lock_minutes: int = Field(default=30, alias=Env.IVR_LOCK_MINUTES, ge=1)


settings = load_settings(Settings)
logger = create_logger()
metrics = create_metrics()
service = IvrAuthService(
    LockoutPolicy(
        max_failures=settings.max_failures,
        window=timedelta(minutes=settings.window_minutes),
        lock_for=timedelta(minutes=settings.lock_minutes),
    )
)


def step(contact: ContactFlowEvent) -> Mapping[str, object]:
    action = contact.parameters.get("action", "")
    outcome = service.step(action, contact.parameters, contact.caller_number)
    metrics.add_metric(name=f"Ivr_{action}_{outcome.result}", unit="Count", value=1)
    if outcome.locked_now:
        metrics.add_metric(name="IvrLockouts", unit="Count", value=1)
        logger.warning(
            "account locked after repeated wrong PINs", extra={"customer_id": outcome.values["customer_id"]}
        )
    logger.info(
        "IVR step", extra={"action": action, "result": outcome.result, "contact": contact.contact.ContactId}
    )
    return {"result": outcome.result, **outcome.values}


handler = connect_entry_point(step, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
