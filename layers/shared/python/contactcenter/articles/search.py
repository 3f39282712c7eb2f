"""Searching the knowledge base, for agents (every published article; drafts and archived ones on request) and
the public (published public articles only), through the configured engine: Amazon
OpenSearch in AWS, the embedded engine on the local cloud (the same analysis and ranking)."""

import os

from contactcenter.articles.schemas import DecisionOut, HitOut, SearchOut
from contactcenter.auth import Caller
from contactcenter.constants import Env
from contactcenter.errors import InvalidRequest
from contactcenter.knowledge.decision import decide
from contactcenter.knowledge.engine import SearchEngine
from contactcenter.knowledge.models import MAX_RESULT_WINDOW, Article, SearchQuery, SearchResult

MAX_QUERY = 10_000  # a whole customer e-mail fits; it is reduced to its key terms
EMBEDDED, OPENSEARCH = "embedded", "opensearch"


class EmptyQuery(InvalidRequest):
    slug = "empty-query"
    title = "There is nothing to search for"


class QueryTooLong(InvalidRequest):
    slug = "query-too-long"
    title = "The query is too long"


class BeyondResultWindow(InvalidRequest):
    slug = "beyond-result-window"
    title = "The page is beyond the results a search returns"


def open_engine(kind: str, endpoint: str | None, alias: str) -> SearchEngine:
    """The engine a function is configured for (``CC_SEARCH_ENGINE``)."""
    if kind == EMBEDDED:
        from contactcenter.knowledge.embedded import shared

        return shared(alias)
    if not endpoint:
        raise ValueError(f"{Env.OPENSEARCH_ENDPOINT} is required with {Env.SEARCH_ENGINE}={OPENSEARCH}")
    from contactcenter.knowledge.opensearch import OpenSearchEngine, connect

    return OpenSearchEngine(connect(endpoint, region=os.environ.get("AWS_REGION")), alias)


def article_for_index(item: dict[str, object]) -> Article:
    """An article as the engines index it, from the table item (a stream image, simplified)."""

    def strings(name: str) -> tuple[str, ...]:
        value = item.get(name) or []
        return tuple(str(v) for v in value) if isinstance(value, list) else ()

    return Article(
        id=str(item["article_id"]),
        language=str(item["language"]),
        title=str(item["title"]),
        answer=str(item.get("answer") or ""),
        questions=strings("questions"),
        products=strings("products"),
        tags=strings("tags"),
        audience=str(item.get("audience") or "public"),  # type: ignore[arg-type]
        status=str(item.get("status") or "draft"),  # type: ignore[arg-type]
        version=int(str(item.get("version") or 1)),
    )


class KnowledgeSearch:
    def __init__(self, engine: SearchEngine) -> None:
        self.engine = engine

    def query(
        self,
        caller: Caller | None,
        text: str,
        *,
        language: str | None = None,
        product: str | None = None,
        audience: str | None = None,
        unpublished: bool = False,
        size: int = 10,
        offset: int = 0,
    ) -> SearchResult:
        """The search as ``caller`` may make it (None: the public, as the chat bot asks)."""
        if not text.strip():
            raise EmptyQuery("give a question or some words to search for", field="q")
        if len(text) > MAX_QUERY:
            raise QueryTooLong(f"a query has at most {MAX_QUERY} characters, not {len(text)}", field="q")
        if offset + size > MAX_RESULT_WINDOW:
            raise BeyondResultWindow(
                f"offset + size is at most {MAX_RESULT_WINDOW} (the best results; refine the query "
                f"for others), not {offset + size}",
                field="offset",
            )
        # Agents' guidance is for the roles that read articles (not department members, not
        # customer-facing clients); everyone else searches what the public may see.
        staff = caller is not None and not caller.customer_facing and caller.is_staff
        who = "agents" if staff and audience != "public" else "public"
        return self.engine.search(
            SearchQuery(
                text=text,
                language=language,
                product=product,
                audience=who,  # type: ignore[arg-type]
                include_unpublished=unpublished and who == "agents",
                size=size,
                offset=offset,
            )
        )

    def search(self, caller: Caller, text: str, **options: object) -> SearchOut:
        result = self.query(caller, text, **options)  # type: ignore[arg-type]
        asked = options.get("language")
        notice = None
        if result.language_fallback:
            asked_as = f"{asked!r}" if asked else "the query's language"
            supported = "English, Dutch, Chinese, Korean"
            notice = f"{asked_as} is not supported ({supported}): searched as {result.language!r}"
        decision = decide(result)
        return SearchOut(
            query=text,
            language=result.language,
            language_fallback=result.language_fallback,
            notice=notice,
            key_terms=list(result.key_terms),
            corrections=dict(result.corrections),
            total=result.total,
            hits=[
                HitOut(
                    article_id=hit.article_id,
                    title=hit.title,
                    language=hit.language,
                    score=round(hit.score, 6),
                    highlights={field: list(parts) for field, parts in hit.highlights.items()},
                )
                for hit in result.hits
            ],
            decision=DecisionOut(
                action=decision.action,
                article_id=decision.article_id,
                confidence=round(decision.confidence, 6),
                reason=decision.reason,
            ),
        )
