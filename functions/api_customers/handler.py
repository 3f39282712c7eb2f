"""The /customers API, and /chat/sessions (a signed-in customer's assertion for the chat)."""

from contactcenter.api import deps
from contactcenter.api.handler import api_entry_point
from contactcenter.api.idempotency import Idempotency
from contactcenter.api.resolver import create_resolver
from contactcenter.chat import api as chat_api
from contactcenter.constants import TABLE_IDEMPOTENCY
from contactcenter.customers import api
from contactcenter.customers.service import CustomerService
from contactcenter.observability import create_logger, create_metrics
from contactcenter.settings import FunctionSettings, load_settings

settings = load_settings(FunctionSettings)
logger = create_logger()
metrics = create_metrics()
service = CustomerService()
idempotency = Idempotency(settings.table(TABLE_IDEMPOTENCY))

app = create_resolver(api.router, chat_api.router, logger=logger)
app.dependency_overrides[deps.customer_service] = lambda: service
app.dependency_overrides[deps.idempotency] = lambda: idempotency

handler = api_entry_point(app, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
