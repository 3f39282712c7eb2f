"""The knowledge-search vocabulary: what is indexed, what is asked, what comes back.

Plain frozen dataclasses (no pydantic): the search Lambda builds thousands of these per second
and they cross no trust boundary; the article API validates its input with its own schemas and
hands the indexer an `Article`.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, get_args

Audience = Literal["agents", "public"]
Status = Literal["draft", "published", "archived"]
Action = Literal["answer", "handover"]
HandoverReason = Literal["confident", "low_confidence", "no_match"]

AUDIENCES: tuple[str, ...] = get_args(Audience)
STATUSES: tuple[str, ...] = get_args(Status)

# Deepest result a caller can page to. Ranking fuses the top passages of every retriever
# (RankingConfig.top_n); past that window the order would no longer be the same in both engines.
MAX_RESULT_WINDOW = 100


@dataclass(frozen=True, slots=True)
class Article:
    """One knowledge article as the indexer sees it.

    `questions` are alternative phrasings of the question the article answers (the KB import's
    training utterances); they are what customers' questions are matched against, next to the
    title and the answer text. `audience` "agents" marks internal articles that the public
    (self-service chat, public API) must never see; only "published" articles are public.
    """

    id: str
    language: str
    title: str
    answer: str = ""
    questions: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    audience: Audience = "public"
    status: Status = "published"
    version: int = 1

    def __post_init__(self) -> None:
        if not self.id or not self.id.strip():
            raise ValueError("article id must not be empty")
        if self.audience not in AUDIENCES:
            raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}")
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}")


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A search as a caller asks it.

    `audience` is who is asking: "public" callers only ever see published public articles,
    whatever else the query says; "agents" see published articles of both audiences, and with
    `include_unpublished` also drafts and archived ones (previewing an article before publishing).
    `language` None means: detect it from the text (among the languages the index holds).
    """

    text: str
    language: str | None = None
    product: str | None = None
    audience: Audience = "public"
    include_unpublished: bool = False
    size: int = 10
    offset: int = 0
    highlight: bool = True

    def __post_init__(self) -> None:
        if not 1 <= self.size <= MAX_RESULT_WINDOW:
            raise ValueError(f"size must be between 1 and {MAX_RESULT_WINDOW}")
        if self.offset < 0 or self.offset + self.size > MAX_RESULT_WINDOW:
            raise ValueError(f"offset + size must be between 1 and {MAX_RESULT_WINDOW}")
        if self.audience not in AUDIENCES:
            raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}")


@dataclass(frozen=True, slots=True)
class Hit:
    """One ranked article. `highlights` maps a field ("title", "answer", "question") to
    HTML-escaped fragments in which the matched words are wrapped in <em>...</em>."""

    article_id: str
    score: float
    title: str
    language: str
    highlights: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SearchResult:
    """A page of hits plus what the engine made of the query.

    `language` is the language the query was analysed as; `language_fallback` is True when the
    query's language is not one the knowledge base supports, so it was analysed as the default
    language instead (the answer may then be poor, and the caller should say so).
    `key_terms` is non-empty when a long query (a whole e-mail) was reduced to its key terms;
    `corrections` maps misspelled query words to the indexed term they were matched as.
    `confidence` is the best fused score over all candidates (not just this page): the bot's
    answer-or-hand-over decision is taken on it.
    """

    hits: tuple[Hit, ...]
    total: int
    language: str
    language_fallback: bool
    confidence: float = 0.0
    key_terms: tuple[str, ...] = ()
    corrections: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Decision:
    """The bot's move: answer with `article_id`, or hand the customer over to a person."""

    action: Action
    article_id: str | None
    confidence: float
    reason: HandoverReason
