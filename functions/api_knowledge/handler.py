"""The /knowledge API: articles and search."""

from contactcenter.api import deps
from contactcenter.api.handler import api_entry_point
from contactcenter.api.idempotency import Idempotency
from contactcenter.api.resolver import create_resolver
from contactcenter.api.throttling import ClientThrottle
from contactcenter.articles import api
from contactcenter.articles.search import KnowledgeSearch
from contactcenter.articles.service import ArticleService
from contactcenter.articles.settings import SearchSettings
from contactcenter.observability import create_logger, create_metrics
from contactcenter.rate_limits import AbuseLimitSettings
from contactcenter.settings import load_settings


class Settings(SearchSettings, AbuseLimitSettings):
    """The search engine's configuration and the abuse limits."""


settings = load_settings(Settings)
logger = create_logger()
metrics = create_metrics()
articles = ArticleService()
search = KnowledgeSearch(settings.open_engine())
idempotency = Idempotency.from_settings(settings)

app = create_resolver(
    api.router,
    logger=logger,
    cors_origin=settings.console_origin,
    throttle=ClientThrottle.from_settings(settings),
)
app.dependency_overrides[deps.article_service] = lambda: articles
app.dependency_overrides[deps.knowledge_search] = lambda: search
app.dependency_overrides[deps.idempotency] = lambda: idempotency

handler = api_entry_point(app, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
