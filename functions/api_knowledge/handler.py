"""The /knowledge API: articles and search."""

from pydantic import Field

from contactcenter.api import deps
from contactcenter.api.handler import api_entry_point
from contactcenter.api.resolver import create_resolver
from contactcenter.articles import api
from contactcenter.articles.models import ArticleFeedback, ArticleItem, ArticleVersion, ReindexRequest
from contactcenter.articles.search import KnowledgeSearch
from contactcenter.articles.service import ArticleService
from contactcenter.articles.settings import SearchSettings
from contactcenter.audit.models import AuditRecord
from contactcenter.constants import (
    TABLE_ARTICLE_FEEDBACK,
    TABLE_ARTICLE_VERSIONS,
    TABLE_ARTICLES,
    TABLE_AUDIT,
    Env,
)
from contactcenter.observability import create_logger, create_metrics
from contactcenter.settings import load_settings
from contactcenter.storage import bind_tables


class Settings(SearchSettings):
    articles_table: str = Field(alias=Env.table(TABLE_ARTICLES))
    versions_table: str = Field(alias=Env.table(TABLE_ARTICLE_VERSIONS))
    feedback_table: str = Field(alias=Env.table(TABLE_ARTICLE_FEEDBACK))
    audit_table: str = Field(alias=Env.table(TABLE_AUDIT))


settings = load_settings(Settings)
bind_tables(
    {
        ArticleItem: settings.articles_table,
        ReindexRequest: settings.articles_table,
        ArticleVersion: settings.versions_table,
        ArticleFeedback: settings.feedback_table,
        AuditRecord: settings.audit_table,
    }
)
logger = create_logger()
metrics = create_metrics()
articles = ArticleService()
search = KnowledgeSearch(settings.open_engine())

app = create_resolver(api.router, logger=logger)
app.dependency_overrides[deps.article_service] = lambda: articles
app.dependency_overrides[deps.knowledge_search] = lambda: search

handler = api_entry_point(app, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
