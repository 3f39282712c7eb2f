"""The /customers API."""

from pydantic import Field

from contactcenter.api import deps
from contactcenter.api.handler import api_entry_point
from contactcenter.api.idempotency import Idempotency
from contactcenter.api.resolver import create_resolver
from contactcenter.audit.models import AuditRecord
from contactcenter.constants import (
    TABLE_ACCOUNTS,
    TABLE_AUDIT,
    TABLE_CUSTOMER_HISTORY,
    TABLE_CUSTOMER_KEYS,
    TABLE_CUSTOMERS,
    TABLE_IDEMPOTENCY,
    Env,
)
from contactcenter.customers import api
from contactcenter.customers.models import Account, Customer, CustomerKey, HistoryEntry
from contactcenter.customers.service import CustomerService
from contactcenter.observability import create_logger, create_metrics
from contactcenter.settings import FunctionSettings, load_settings
from contactcenter.storage import bind_tables


class Settings(FunctionSettings):
    customers_table: str = Field(alias=Env.table(TABLE_CUSTOMERS))
    keys_table: str = Field(alias=Env.table(TABLE_CUSTOMER_KEYS))
    accounts_table: str = Field(alias=Env.table(TABLE_ACCOUNTS))
    history_table: str = Field(alias=Env.table(TABLE_CUSTOMER_HISTORY))
    audit_table: str = Field(alias=Env.table(TABLE_AUDIT))
    idempotency_table: str = Field(alias=Env.table(TABLE_IDEMPOTENCY))


settings = load_settings(Settings)
bind_tables(
    {
        Customer: settings.customers_table,
        CustomerKey: settings.keys_table,
        Account: settings.accounts_table,
        HistoryEntry: settings.history_table,
        AuditRecord: settings.audit_table,
    }
)
logger = create_logger()
metrics = create_metrics()
service = CustomerService()
idempotency = Idempotency(settings.idempotency_table)

app = create_resolver(api.router, logger=logger)
app.dependency_overrides[deps.customer_service] = lambda: service
app.dependency_overrides[deps.idempotency] = lambda: idempotency

handler = api_entry_point(app, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
