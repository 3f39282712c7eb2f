"""The search-engine interface, and the steps every engine shares around its own retrieval.

Two implementations: `embedded.EmbeddedEngine` (in-process, for the local cloud, the CLI and the
tests) and `opensearch.OpenSearchEngine` (Amazon OpenSearch in production). Both analyse the query
(analysis.py, planning.py), retrieve three hit lists their own way, and then call the same
`ranking.fuse` and `assemble` below, so they differ only in where the BM25 and cosine numbers are
computed.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol

from contactcenter.knowledge.analysis import Analyzer
from contactcenter.knowledge.highlight import highlight
from contactcenter.knowledge.models import Article, Hit, SearchQuery, SearchResult
from contactcenter.knowledge.planning import QueryPlan


class SearchEngine(Protocol):
    def prepare(self) -> bool:
        """Create or update what the index needs (in OpenSearch: the index template); True when
        no index exists yet, so the caller builds the first one from the articles table."""
        ...

    def upsert(self, article: Article) -> None:
        """Add or replace one article (its id identifies it); searchable when this returns."""
        ...

    def delete(self, article_id: str) -> None:
        """Remove an article; deleting an unknown id is not an error."""
        ...

    def search(self, query: SearchQuery) -> SearchResult: ...

    def rebuild(self, articles: Iterable[Article]) -> None:
        """Replace the whole index with these articles. Searches keep answering from the old index
        until the new one is complete, then switch at once (no downtime, no half-built state)."""
        ...


def empty_result(language: str, fallback: bool, plan: QueryPlan | None = None) -> SearchResult:
    return SearchResult(
        hits=(),
        total=0,
        language=language,
        language_fallback=fallback,
        key_terms=plan.key_terms if plan else (),
        corrections=dict(plan.corrections) if plan else {},
    )


def assemble(
    ranked: Sequence[tuple[str, float]],
    query: SearchQuery,
    language: str,
    fallback: bool,
    plan: QueryPlan,
    load: Callable[[Sequence[str]], Mapping[str, Article]],
    analyzer: Analyzer,
) -> SearchResult:
    """The page of `ranked` the query asks for, with titles and highlights; `load` fetches the
    page's articles (a dict lookup in memory, one mget in OpenSearch)."""
    page = ranked[query.offset : query.offset + query.size]
    articles = load([article_id for article_id, _ in page]) if page else {}
    terms = plan.highlight_terms
    hits = tuple(
        Hit(
            article_id=article_id,
            score=score,
            title=articles[article_id].title,
            language=articles[article_id].language,
            highlights=highlight(articles[article_id], terms, analyzer) if query.highlight else {},
        )
        for article_id, score in page
        if article_id in articles
    )
    return SearchResult(
        hits=hits,
        total=len(ranked),
        language=language,
        language_fallback=fallback,
        confidence=ranked[0][1] if ranked else 0.0,
        key_terms=plan.key_terms,
        corrections=dict(plan.corrections),
    )
