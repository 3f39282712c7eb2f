"""Called by the inbound contact flow: identify the caller, look up the account, verify the PIN.

Answers Connect's flat string map with a ``result`` code; never raises into the flow. Logs
the step and its result, never the account number or the PIN.
"""

from datetime import timedelta
from typing import Any

from pydantic import Field

from contactcenter.audit.models import AuditRecord
from contactcenter.connect_event import MalformedEvent, parse, string_map
from contactcenter.constants import TABLE_ACCOUNTS, TABLE_AUDIT, TABLE_CUSTOMER_KEYS, TABLE_CUSTOMERS, Env
from contactcenter.customers.models import Account, Customer, CustomerKey
from contactcenter.ivr.service import IvrAuthService, LockoutPolicy
from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.settings import FunctionSettings, load_settings
from contactcenter.storage import bind_tables


class Settings(FunctionSettings):
    accounts_table: str = Field(alias=Env.table(TABLE_ACCOUNTS))
    customers_table: str = Field(alias=Env.table(TABLE_CUSTOMERS))
    keys_table: str = Field(alias=Env.table(TABLE_CUSTOMER_KEYS))
    audit_table: str = Field(alias=Env.table(TABLE_AUDIT))
    max_failures: int = Field(default=3, alias=Env.IVR_MAX_PIN_FAILURES, ge=1, le=20)
    window_minutes: int = Field(default=1440, alias=Env.IVR_PIN_WINDOW_MINUTES, ge=1)
    lock_minutes: int = Field(default=30, alias=Env.IVR_LOCK_MINUTES, ge=1)


settings = load_settings(Settings)
bind_tables(
    {
        Account: settings.accounts_table,
        Customer: settings.customers_table,
        CustomerKey: settings.keys_table,
        AuditRecord: settings.audit_table,
    }
)
logger = create_logger()
metrics = create_metrics()
service = IvrAuthService(
    LockoutPolicy(
        max_failures=settings.max_failures,
        window=timedelta(minutes=settings.window_minutes),
        lock_for=timedelta(minutes=settings.lock_minutes),
    )
)


@logger.inject_lambda_context
@metrics.log_metrics
@traced(settings.tracing_enabled)
def handler(event: dict[str, Any], context: Any) -> dict[str, str]:
    try:
        contact = parse(event)
    except MalformedEvent as error:
        logger.warning("malformed Connect event", extra={"problem": str(error)})
        return {"result": "error", "error": "malformed_event"}
    action = contact.parameters.get("action", "")
    try:
        outcome = service.step(action, contact.parameters, contact.caller_number)
    except Exception:
        logger.exception("IVR step failed", extra={"action": action, "contact_id": contact.contact.ContactId})
        return {"result": "error", "error": "internal"}
    metrics.add_metric(name=f"Ivr_{action}_{outcome.result}", unit="Count", value=1)
    if outcome.locked_now:
        metrics.add_metric(name="IvrLockouts", unit="Count", value=1)
        logger.warning(
            "account locked after repeated wrong PINs", extra={"customer_id": outcome.values["customer_id"]}
        )
    logger.info(
        "IVR step", extra={"action": action, "result": outcome.result, "contact": contact.contact.ContactId}
    )
    return string_map({"result": outcome.result, **outcome.values})
