"""Configuration of the functions that search or index the knowledge base."""

from pydantic import Field

from contactcenter.articles.search import OPENSEARCH, open_engine
from contactcenter.constants import Env
from contactcenter.knowledge.engine import SearchEngine
from contactcenter.settings import FunctionSettings


class SearchSettings(FunctionSettings):
    engine: str = Field(default=OPENSEARCH, alias=Env.SEARCH_ENGINE, pattern="^(opensearch|embedded)$")
    endpoint: str | None = Field(default=None, alias=Env.OPENSEARCH_ENDPOINT)
    alias: str = Field(default="knowledge", alias=Env.SEARCH_ALIAS, min_length=1)

    def open_engine(self) -> SearchEngine:
        return open_engine(self.engine, self.endpoint, self.alias)
