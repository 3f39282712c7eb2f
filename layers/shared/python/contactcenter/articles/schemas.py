"""What the knowledge API accepts and returns."""

from typing import Annotated, Literal

from pydantic import Field, StrictBool, StringConstraints

from contactcenter.api.models import Out, Slug, Strict, Text
from contactcenter.languages import Language

ArticleId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
Question = Annotated[str, StringConstraints(min_length=1, max_length=500)]
Answer = Annotated[str, StringConstraints(max_length=20_000)]
Audience = Literal["agents", "public"]
ArticleStatus = Literal["draft", "published", "archived"]


class ArticleIn(Strict):
    article_id: ArticleId | None = None  # given by an import; generated otherwise
    language: Language
    title: Text
    answer: Answer = ""
    questions: list[Question] = Field(default_factory=list, max_length=500)
    products: list[Slug] = Field(default_factory=list, max_length=50)
    tags: list[Slug] = Field(default_factory=list, max_length=50)
    audience: Audience = "public"
    status: ArticleStatus = "draft"


class ArticleOut(Out):
    article_id: str
    language: str
    title: str
    answer: str
    questions: list[str]
    products: list[str]
    tags: list[str]
    audience: str
    status: str
    version: int
    created_at: str
    updated_at: str
    updated_by: str


class ArticlePage(Out):
    items: list[ArticleOut]
    next_cursor: str | None


class ArticleVersionOut(Out):
    version: int
    saved_at: str
    saved_by: str
    article: dict[str, object]  # the article as it was saved


class ArticleHistory(Out):
    article_id: str
    versions: list[ArticleVersionOut]  # latest first
    next_cursor: str | None


class PublicAnswerOut(Out):
    """A published public article as a customer reads it: no editors, versions or tags."""

    article_id: str
    language: str
    title: str
    answer: str
    questions: list[str]
    products: list[str]
    updated_at: str


class FeedbackIn(Strict):
    """Did this answer help? (the help center's thumbs, counted with the chat's)."""

    helpful: StrictBool


class FeedbackRecorded(Out):
    article_id: str
    helpful: bool


class FeedbackOut(Out):
    """Customers' answers to "did this answer your question?" in the chat."""

    article_id: str
    helpful: int
    unhelpful: int


class ImportError_(Out):
    line: int
    message: str


class ImportReport(Out):
    imported: int  # new articles
    updated: int  # replaced with a new version
    unchanged: int  # the same as the saved article: no new version
    errors: list[ImportError_]


class SearchIn(Strict):
    """A search with the query in the body: for long text, such as a whole customer e-mail, that
    does not fit in a URL (API Gateway takes about 10 KB of request line and headers)."""

    q: Annotated[str, StringConstraints(max_length=20_000)] = ""
    lang: Annotated[str, StringConstraints(max_length=20)] | None = None
    product: Annotated[str, StringConstraints(max_length=64)] | None = None
    audience: Audience | None = None
    unpublished: StrictBool = False  # agents: drafts and archived articles too
    size: Annotated[int, Field(ge=1, le=50)] = 10
    offset: Annotated[int, Field(ge=0, le=90)] = 0


class HitOut(Out):
    article_id: str
    title: str
    language: str
    score: float
    highlights: dict[str, list[str]]


class DecisionOut(Out):
    """What the self-service bot would do with this query: answer with an article, or hand over."""

    action: str  # answer | handover
    article_id: str | None
    confidence: float
    reason: str


class SearchOut(Out):
    query: str
    language: str  # the language the query was analysed as
    language_fallback: bool  # the asked-for (or detected) language is not supported: analysed as `language`
    notice: str | None
    key_terms: list[str]  # a long query (a whole e-mail) reduced to these
    corrections: dict[str, str]  # misspelled word -> the word searched for
    total: int
    hits: list[HitOut]
    decision: DecisionOut
