"""The /customers API, and /chat (the help center's chats for signed-in customers)."""

from pydantic import Field

from contactcenter.api import deps
from contactcenter.api.handler import api_entry_point
from contactcenter.api.idempotency import Idempotency
from contactcenter.api.resolver import create_resolver
from contactcenter.api.throttling import ClientThrottle
from contactcenter.chat import api as chat_api
from contactcenter.constants import Env
from contactcenter.customers import api
from contactcenter.customers.portal_users import PortalUsers
from contactcenter.customers.service import CustomerService
from contactcenter.observability import create_logger, create_metrics
from contactcenter.rate_limits import AbuseLimitSettings
from contactcenter.settings import load_settings


class Settings(AbuseLimitSettings):
    customer_pool_id: str = Field(alias=Env.CUSTOMER_POOL_ID, min_length=1)


settings = load_settings(Settings)
logger = create_logger()
metrics = create_metrics()
service = CustomerService()
portal_users = PortalUsers(settings.customer_pool_id, service)
idempotency = Idempotency.from_settings(settings)

app = create_resolver(
    api.router,
    chat_api.router,
    logger=logger,
    cors_origin=settings.console_origin,
    throttle=ClientThrottle.from_settings(settings),
)
app.dependency_overrides[deps.customer_service] = lambda: service
app.dependency_overrides[deps.portal_users] = lambda: portal_users
app.dependency_overrides[deps.idempotency] = lambda: idempotency

handler = api_entry_point(app, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
