"""`contactcenter kb search --batch`: import articles into a fresh embedded engine, answer a file
of queries, one JSON line per query.

It runs the deployed code path (analysis, planning, BM25 + embeddings, fusion, the bot decision)
in-process; only the index lives in memory instead of OpenSearch. `bench/search.py` runs the
benchmark through `search_batch`, so the figures it prints are this path's.
"""

import json
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from contactcenter.knowledge.analysis import SUPPORTED_LANGUAGES
from contactcenter.knowledge.decision import DEFAULT_POLICY, DecisionPolicy, decide
from contactcenter.knowledge.engine import SearchEngine
from contactcenter.knowledge.models import AUDIENCES, STATUSES, Article, Decision, SearchQuery, SearchResult

if TYPE_CHECKING:  # numpy and the encoder load only when a batch runs, not with the parsers
    from contactcenter.knowledge.embedded import EmbeddedEngine

DEFAULT_RESULTS = 5


@dataclass(frozen=True, slots=True)
class LineError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class BatchQuery:
    line: int
    text: str
    language: str | None = None


@dataclass
class BatchStats:
    """Filled in by `search_batch` for callers that measure it (the benchmark)."""

    articles: int = 0
    article_errors: list[LineError] = field(default_factory=list)
    query_errors: list[LineError] = field(default_factory=list)
    build_seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)


def _string_list(record: dict[str, Any], name: str) -> tuple[str, ...]:
    value = record.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{name!r} must be a list of strings")
    return tuple(value)


def _optional_string(record: dict[str, Any], name: str, default: str) -> str:
    value = record.get(name, default)
    if not isinstance(value, str):
        raise ValueError(f"{name!r} must be a string")
    return value


def article_from_record(record: Any) -> Article:
    """An `Article` from one decoded JSON line of the import format (id, title, language,
    questions, answer; optionally products, tags, audience, status, version)."""
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    article_id = record.get("id")
    if not isinstance(article_id, str) or not article_id.strip():
        raise ValueError("'id' must be a non-empty string")
    title = record.get("title")
    if not isinstance(title, str):
        raise ValueError("'title' must be a string")
    language = record.get("language")
    if not isinstance(language, str) or language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"'language' must be one of {', '.join(SUPPORTED_LANGUAGES)}")
    audience = _optional_string(record, "audience", "public")
    if audience not in AUDIENCES:
        raise ValueError(f"'audience' must be one of {', '.join(AUDIENCES)}")
    status = _optional_string(record, "status", "published")
    if status not in STATUSES:
        raise ValueError(f"'status' must be one of {', '.join(STATUSES)}")
    version = record.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError("'version' must be a positive integer")
    return Article(
        id=article_id,
        language=language,
        title=title,
        answer=_optional_string(record, "answer", ""),
        questions=_string_list(record, "questions"),
        products=_string_list(record, "products"),
        tags=_string_list(record, "tags"),
        audience=audience,  # type: ignore[arg-type]  # checked against AUDIENCES above
        status=status,  # type: ignore[arg-type]  # checked against STATUSES above
        version=version,
    )


def parse_articles(lines: Iterable[str]) -> tuple[list[Article], list[LineError]]:
    """Articles from JSONL. A malformed line is reported by its (1-based) number and skipped; the
    valid lines are still imported. Blank lines are ignored; a repeated id keeps the first."""
    numbered, errors = parse_numbered_articles(lines)
    return [article for _, article in numbered], errors


def parse_numbered_articles(lines: Iterable[str]) -> tuple[list[tuple[int, Article]], list[LineError]]:
    """As parse_articles, each article with the number of its line."""
    articles: list[tuple[int, Article]] = []
    errors: list[LineError] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            article = article_from_record(json.loads(line))
        except json.JSONDecodeError as error:
            errors.append(LineError(number, f"not valid JSON ({error.msg} at column {error.colno})"))
            continue
        except ValueError as error:
            errors.append(LineError(number, str(error)))
            continue
        if article.id in seen:
            errors.append(
                LineError(number, f"duplicate id {article.id!r} (first on line {seen[article.id]})")
            )
            continue
        seen[article.id] = number
        articles.append((number, article))
    return articles, errors


def parse_queries(lines: Iterable[str]) -> Iterable[BatchQuery | LineError]:
    """Queries from JSONL ({"query": ..., "expected": ..., optional "language"}), lazily."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield LineError(number, f"not valid JSON ({error.msg} at column {error.colno})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("query"), str):
            yield LineError(number, "'query' must be a string")
            continue
        language = record.get("language")
        if language is not None and not isinstance(language, str):
            yield LineError(number, "'language' must be a string")
            continue
        yield BatchQuery(number, record["query"], language)


def decision_json(decision: Decision) -> dict[str, str]:
    if decision.action == "answer" and decision.article_id is not None:
        return {"action": "answer", "id": decision.article_id}
    return {"action": "handover"}


def result_line(text: str, result: SearchResult, decision: Decision) -> str:
    return json.dumps(
        {
            "query": text,
            "results": [{"id": hit.article_id, "score": round(hit.score, 6)} for hit in result.hits],
            "decision": decision_json(decision),
        },
        ensure_ascii=False,
    )


def answer(
    engine: SearchEngine,
    text: str,
    language: str | None = None,
    *,
    size: int = DEFAULT_RESULTS,
    policy: DecisionPolicy = DEFAULT_POLICY,
) -> tuple[SearchResult, Decision]:
    """What the self-service bot does with a customer's question (public caller, published
    articles only): search, then answer or hand over."""
    result = engine.search(SearchQuery(text=text, language=language, size=size, highlight=False))
    return result, decide(result, policy)


def search_batch(
    queries_lines: Iterable[str],
    articles_lines: Iterable[str],
    out: TextIO,
    *,
    errors: TextIO | None = None,
    size: int = DEFAULT_RESULTS,
    policy: DecisionPolicy = DEFAULT_POLICY,
    stats: BatchStats | None = None,
    engine_factory: "Callable[[], EmbeddedEngine] | None" = None,
) -> None:
    """Load the articles into a fresh embedded engine, then write one JSON line per valid query to
    `out`: {"query", "results": [{"id", "score"}, ...] best first, "decision": {"action": "answer",
    "id"} or {"action": "handover"}}. Malformed lines (articles or queries) go to `errors`
    (stderr by default) as "<file> line N: reason"; the valid ones are still used."""
    errors = sys.stderr if errors is None else errors
    stats = BatchStats() if stats is None else stats
    articles, article_errors = parse_articles(articles_lines)
    stats.articles, stats.article_errors = len(articles), article_errors
    for error in article_errors:
        print(f"articles {error}", file=errors)
    if engine_factory is None:
        from contactcenter.knowledge.embedded import EmbeddedEngine

        engine_factory = EmbeddedEngine
    engine = engine_factory()
    started = time.perf_counter()
    engine.rebuild(articles)
    stats.build_seconds = time.perf_counter() - started
    for item in parse_queries(queries_lines):
        if isinstance(item, LineError):
            stats.query_errors.append(item)
            print(f"queries {item}", file=errors)
            continue
        started = time.perf_counter()
        result, decision = answer(engine, item.text, item.language, size=size, policy=policy)
        stats.latencies.append(time.perf_counter() - started)
        out.write(result_line(item.text, result, decision) + "\n")
