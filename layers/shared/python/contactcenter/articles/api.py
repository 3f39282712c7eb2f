"""/knowledge: the knowledge base's articles (managed by the help center's administrators)
and search (for agents, and for customer-facing clients: published public articles only)."""

import json
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Depends, Request, Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Header, Path, Query

from contactcenter.api.answers import json_response
from contactcenter.api.conditional import ETAG_PATTERN, expected_version
from contactcenter.api.deps import CallerDep, article_service, knowledge_search
from contactcenter.api.idempotency import IdempotencyKey, Idempotent
from contactcenter.api.pagination import DEFAULT_LIMIT
from contactcenter.api.params import Cursor, Limit
from contactcenter.api.responses import documented
from contactcenter.api.security import signed_in
from contactcenter.articles.models import ArticleItem
from contactcenter.articles.schemas import (
    ArticleHistory,
    ArticleIn,
    ArticleOut,
    ArticlePage,
    ArticleStatus,
    ArticleVersionOut,
    FeedbackIn,
    FeedbackOut,
    FeedbackRecorded,
    ImportError_,
    ImportReport,
    PublicAnswerOut,
    SearchIn,
    SearchOut,
)
from contactcenter.articles.search import KnowledgeSearch
from contactcenter.articles.service import ArticleService
from contactcenter.auth import SCOPE_API, SCOPE_CUSTOMER, SCOPE_PORTAL
from contactcenter.errors import InvalidRequest

router = Router()
Articles = Annotated[ArticleService, Depends(article_service)]
Search = Annotated[KnowledgeSearch, Depends(knowledge_search)]
ArticleIdPath = Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
IfMatch = Annotated[str | None, Header(alias="If-Match", pattern=ETAG_PATTERN)]
STAFF = signed_in(SCOPE_API)
BOTH = signed_in(SCOPE_API, SCOPE_PORTAL, SCOPE_CUSTOMER)  # customer-facing: public published only
MAX_IMPORT_BYTES = 5 * 1024 * 1024


def to_out(article: ArticleItem) -> ArticleOut:
    return ArticleOut(
        article_id=article.article_id,
        language=article.language,
        title=article.title,
        answer=article.answer,
        questions=list(article.questions),
        products=list(article.products),
        tags=list(article.tags),
        audience=article.audience,
        status=article.status,
        version=int(article.version or 0),
        created_at=article.created_at,
        updated_at=article.updated_at,
        updated_by=article.updated_by,
    )


def _article(article: ArticleItem, status: int = 200) -> Response[ArticleOut]:
    out = to_out(article)
    location = f"/knowledge/articles/{out.article_id}" if status == 201 else None
    return json_response(out, status=status, version=out.version, location=location)


@router.get(
    "/knowledge/search",
    summary="Search the knowledge base",
    tags=["knowledge"],
    description="q: a question, some words, or a whole customer e-mail (reduced to its key terms). lang: "
    "en, nl, zh or ko (default: detected); another language is searched as the default and the answer says "
    "so (language_fallback, notice). Agents see published articles of both audiences (with "
    "unpublished=true also drafts and archived articles); customer-facing clients, and "
    "audience=public, only published public articles. "
    "400 empty-query, query-too-long, beyond-result-window (offset + size over 100).",
    responses=documented(200, "Ranked articles with highlights", 400),
    security=BOTH,
)
def search_articles(
    caller: CallerDep,
    search: Search,
    q: Annotated[str, Query(max_length=20_000)] = "",
    lang: Annotated[str | None, Query(max_length=20)] = None,
    product: Annotated[str | None, Query(max_length=64)] = None,
    audience: Annotated[str | None, Query(pattern=r"^(agents|public)$")] = None,
    unpublished: bool = False,
    size: Annotated[int, Query(ge=1, le=50)] = 10,
    offset: Annotated[int, Query(ge=0, le=90)] = 0,
) -> SearchOut:
    return search.search(
        caller,
        q,
        language=lang,
        product=product,
        audience=audience,
        unpublished=unpublished,
        size=size,
        offset=offset,
    )


@router.post(
    "/knowledge/search",
    summary="Search the knowledge base (long text)",
    tags=["knowledge"],
    description="As GET /knowledge/search, with the query and its options in the body: for text too long "
    "for a URL, such as a whole customer e-mail.",
    responses=documented(200, "Ranked articles with highlights", 400),
    security=BOTH,
)
def search_articles_by_body(body: SearchIn, caller: CallerDep, search: Search) -> SearchOut:
    options = body.model_dump(exclude={"q", "lang"})
    return search.search(caller, body.q, language=body.lang, **options)


@router.post(
    "/knowledge/articles",
    summary="Write an article",
    tags=["knowledge"],
    description="A new article (a draft unless status says otherwise); 409 when article_id exists.",
    responses=documented(201, "Created", 400, 409),
    security=STAFF,
)
def create_article(
    body: ArticleIn, caller: CallerDep, articles: Articles, idempotent: Idempotent, key: IdempotencyKey = None
) -> Response[ArticleOut]:
    answer = idempotent.run(
        "create_article",
        caller,
        key,
        body.model_dump(mode="json"),
        lambda: to_out(articles.create(caller, body)).model_dump(mode="json"),
    )
    out = ArticleOut.model_validate(answer)
    return json_response(
        out, status=201, version=out.version, location=f"/knowledge/articles/{out.article_id}"
    )


@router.get(
    "/knowledge/articles",
    summary="List articles, latest change first",
    tags=["knowledge"],
    responses=documented(200, "Articles", 400),
    security=STAFF,
)
def list_articles(
    caller: CallerDep,
    articles: Articles,
    status: Annotated[ArticleStatus | None, Query()] = None,
    language: Annotated[str | None, Query(max_length=5)] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> ArticlePage:
    items, next_cursor = articles.list(caller, status=status, language=language, limit=limit, cursor=cursor)
    return ArticlePage(items=[to_out(item) for item in items], next_cursor=next_cursor)


@router.get(
    "/knowledge/articles/<article_id>",
    summary="Read an article",
    tags=["knowledge"],
    responses=documented(200, "The article (ETag: its version)", 404),
    security=STAFF,
)
def get_article(article_id: ArticleIdPath, caller: CallerDep, articles: Articles) -> Response[ArticleOut]:
    return _article(articles.get(caller, article_id))


@router.get(
    "/knowledge/articles/<article_id>/versions",
    summary="An article's versions",
    tags=["knowledge"],
    description="Every saved version, latest first, each with the article as it was saved; kept after a "
    "delete.",
    responses=documented(200, "The versions", 400, 404),
    security=STAFF,
)
def article_versions(
    article_id: ArticleIdPath,
    caller: CallerDep,
    articles: Articles,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> ArticleHistory:
    versions, next_cursor = articles.history(caller, article_id, limit=limit, cursor=cursor)
    return ArticleHistory(
        article_id=article_id,
        next_cursor=next_cursor,
        versions=[
            ArticleVersionOut(
                version=int(v.version),
                saved_at=v.saved_at,
                saved_by=v.saved_by,
                article=json.loads(v.snapshot),
            )
            for v in versions
        ],
    )


@router.get(
    "/knowledge/articles/<article_id>/feedback",
    summary="What chatters said about an article",
    tags=["knowledge"],
    description="How often the self-service chat's customers found the article's answer helpful, or not.",
    responses=documented(200, "The counts", 404),
    security=STAFF,
)
def article_feedback(article_id: ArticleIdPath, caller: CallerDep, articles: Articles) -> FeedbackOut:
    feedback = articles.feedback_of(caller, article_id)
    return FeedbackOut(
        article_id=article_id, helpful=int(feedback.helpful or 0), unhelpful=int(feedback.unhelpful or 0)
    )


@router.get(
    "/knowledge/articles/<article_id>/answer",
    summary="Read a public answer",
    tags=["knowledge"],
    description="A published public article as a customer reads it (the help center opens a search hit "
    "with it); a draft, an archived article or one for agents only is 404.",
    responses=documented(200, "The answer", 404),
    security=BOTH,
)
def public_answer(article_id: ArticleIdPath, caller: CallerDep, articles: Articles) -> PublicAnswerOut:
    article = articles.public_answer(caller, article_id)
    return PublicAnswerOut(
        article_id=article.article_id,
        language=article.language,
        title=article.title,
        answer=article.answer,
        questions=list(article.questions),
        products=list(article.products),
        updated_at=article.updated_at,
    )


@router.post(
    "/knowledge/articles/<article_id>/feedback",
    summary="Say whether a public answer helped",
    tags=["knowledge"],
    description="A thumbs up (helpful: true) or down on a published public article, counted with the chat's "
    "(GET .../feedback); 404 for any other article. A retry with the same Idempotency-Key counts once.",
    responses=documented(202, "Counted", 400, 404),
    security=BOTH,
)
def rate_article(
    article_id: ArticleIdPath,
    body: FeedbackIn,
    caller: CallerDep,
    articles: Articles,
    idempotent: Idempotent,
    key: IdempotencyKey = None,
) -> Response[FeedbackRecorded]:
    def record() -> dict[str, Any]:
        articles.rate(caller, article_id, body.helpful)
        return FeedbackRecorded(article_id=article_id, helpful=body.helpful).model_dump(mode="json")

    answer = idempotent.run(
        "rate_article", caller, key, {"article_id": article_id, **body.model_dump()}, record
    )
    return json_response(FeedbackRecorded.model_validate(answer), status=202)


@router.put(
    "/knowledge/articles/<article_id>",
    summary="Replace an article",
    tags=["knowledge"],
    description="A new version (kept in the article's history); If-Match with the ETag refuses a stale edit.",
    responses=documented(200, "The new version", 400, 404, 412),
    security=STAFF,
)
def put_article(
    article_id: ArticleIdPath,
    body: ArticleIn,
    caller: CallerDep,
    articles: Articles,
    if_match: IfMatch = None,
) -> Response[ArticleOut]:
    version = expected_version(if_match) if if_match else None
    return _article(articles.replace(caller, article_id, body, version))


@router.delete(
    "/knowledge/articles/<article_id>",
    summary="Delete an article",
    tags=["knowledge"],
    description="Removes it from the knowledge base and the index (archive instead to keep it).",
    responses=documented(204, "Deleted", 404, 412),
    security=STAFF,
)
def delete_article(article_id: ArticleIdPath, caller: CallerDep, articles: Articles) -> Response[None]:
    articles.delete(caller, article_id)
    return Response(status_code=204)


@router.post(
    "/knowledge/articles/<article_id>/publish",
    summary="Publish an article",
    tags=["knowledge"],
    responses=documented(200, "Published", 404),
    security=STAFF,
)
def publish_article(article_id: ArticleIdPath, caller: CallerDep, articles: Articles) -> Response[ArticleOut]:
    return _article(articles.set_status(caller, article_id, "published"))


@router.post(
    "/knowledge/articles/<article_id>/archive",
    summary="Archive an article",
    tags=["knowledge"],
    description="No longer found by searches; kept with its history.",
    responses=documented(200, "Archived", 404),
    security=STAFF,
)
def archive_article(article_id: ArticleIdPath, caller: CallerDep, articles: Articles) -> Response[ArticleOut]:
    return _article(articles.set_status(caller, article_id, "archived"))


@router.post(
    "/knowledge/import",
    summary="Import articles from JSON Lines",
    tags=["knowledge"],
    description="The body is JSON Lines (one article per line: id, title, language, questions, answer; "
    "optional products, tags, audience, status). Each line creates or replaces its article; a malformed "
    "line is reported by its number (first_line: the number of the body's first line in your file) and the "
    "other lines are still imported.",
    responses=documented(200, "What was imported, and the lines that were not", 400, 413),
    security=STAFF,
)
def import_articles(
    request: Request, caller: CallerDep, articles: Articles, first_line: Annotated[int, Query(ge=1)] = 1
) -> ImportReport:
    body = request.resolved_event.decoded_body or ""
    if len(body.encode()) > MAX_IMPORT_BYTES:
        raise InvalidRequest(f"import at most {MAX_IMPORT_BYTES} bytes per request", field="body")
    # JSON Lines end at \n only (str.splitlines would also split at U+2028 inside a string).
    outcome = articles.import_lines(caller, body.split("\n"), first_line)
    errors = [ImportError_(line=e.line, message=e.message) for e in outcome.errors]
    return ImportReport(
        imported=outcome.imported, updated=outcome.updated, unchanged=outcome.unchanged, errors=errors
    )


@router.post(
    "/knowledge/reindex",
    summary="Rebuild the search index from the articles",
    tags=["knowledge"],
    description="The indexer builds a new index and switches to it at once: searches answer throughout.",
    responses=documented(202, "Requested"),
    security=STAFF,
)
def reindex(caller: CallerDep, articles: Articles) -> Response[dict[str, str]]:
    return Response(
        status_code=202, content_type="application/json", body={"requested_at": articles.reindex(caller)}
    )
