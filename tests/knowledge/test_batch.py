"""`contactcenter kb search --batch`: output format, the bot decision, malformed lines."""

import io
import json

import pytest

from contactcenter.knowledge.batch import BatchStats, LineError, parse_articles, search_batch
from contactcenter.knowledge.decision import DEFAULT_POLICY, DecisionPolicy, decide
from contactcenter.knowledge.models import Hit, SearchResult
from tests.knowledge.test_search import ARTICLES


def article_lines() -> list[str]:
    return [
        json.dumps(
            {
                "id": a.id,
                "title": a.title,
                "language": a.language,
                "questions": list(a.questions),
                "answer": a.answer,
                "products": list(a.products),
                "audience": a.audience,
                "status": a.status,
            }
        )
        for a in ARTICLES
    ]


QUERIES = [
    {"query": "I forgot my password", "expected": "en-reset-password"},
    {"query": "ik ben mijn wachtwoord vergeten", "expected": "nl-wachtwoord"},
    {"query": "我要退款", "expected": "zh-refund"},
    {"query": "who won the football world cup in 1986", "expected": None},
    {"query": "what is the capital of mongolia", "expected": None},
]


def run(
    queries: list[str], articles: list[str], **options: object
) -> tuple[list[dict[str, object]], str, BatchStats]:
    out, errors, stats = io.StringIO(), io.StringIO(), BatchStats()
    search_batch(queries, articles, out, errors=errors, stats=stats, **options)  # type: ignore[arg-type]
    return [json.loads(line) for line in out.getvalue().splitlines()], errors.getvalue(), stats


def test_one_json_line_per_query_with_ranked_results_and_a_decision() -> None:
    lines, errors, stats = run([json.dumps(q) for q in QUERIES], article_lines())
    assert errors == "" and stats.articles == len(ARTICLES)
    assert [line["query"] for line in lines] == [q["query"] for q in QUERIES]
    for line, query in zip(lines, QUERIES, strict=True):
        assert set(line) == {"query", "results", "decision"}
        results = line["results"]
        assert isinstance(results, list) and 0 < len(results) <= 5
        assert all(set(r) == {"id", "score"} for r in results)
        scores = [r["score"] for r in results]
        assert scores == sorted(scores, reverse=True)
        if query["expected"] is None:
            assert line["decision"] == {"action": "handover"}, line
        else:
            assert results[0]["id"] == query["expected"]
            assert line["decision"] == {"action": "answer", "id": query["expected"]}
    assert len(stats.latencies) == len(QUERIES) and stats.build_seconds > 0


def test_the_batch_answers_as_a_public_caller() -> None:
    queries = [json.dumps({"query": q}) for q in ("what is your fax number", "escalate a refund complaint")]
    lines, _, _ = run(queries, article_lines(), size=20)
    for line in lines:
        ids = {r["id"] for r in line["results"]}  # type: ignore[union-attr]
        assert not ids & {"en-fax-archived", "en-escalation", "en-premium-draft"}


def test_malformed_article_lines_are_reported_by_number_and_the_rest_imported() -> None:
    good = article_lines()
    articles = [
        good[0],
        "{not json",
        "",
        json.dumps({"id": "x", "title": "No language"}),
        json.dumps({"id": "y", "title": "T", "language": "en", "questions": "not a list"}),
        json.dumps({"id": "z", "title": "T", "language": "en", "status": "deleted"}),
        json.dumps(["a", "list"]),
        good[0],
        good[1],
    ]
    lines, errors, stats = run([json.dumps({"query": "where is my package"})], articles)
    assert errors.splitlines() == [
        "articles line 2: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        "articles line 4: 'language' must be one of en, nl, zh, ko",
        "articles line 5: 'questions' must be a list of strings",
        "articles line 6: 'status' must be one of draft, published, archived",
        "articles line 7: not a JSON object",
        "articles line 8: duplicate id 'en-reset-password' (first on line 1)",
    ]
    assert stats.articles == 2
    assert lines[0]["results"][0]["id"] == "en-track-parcel"  # type: ignore[index]


def test_malformed_query_lines_are_reported_and_skipped() -> None:
    queries = [
        '{"query": "I forgot my password"}',
        "oops",
        '{"expected": null}',
        '{"query": "refund", "language": 7}',
    ]
    lines, errors, stats = run(queries, article_lines())
    assert len(lines) == 1
    assert errors.splitlines() == [
        "queries line 2: not valid JSON (Expecting value at column 1)",
        "queries line 3: 'query' must be a string",
        "queries line 4: 'language' must be a string",
    ]
    assert [e.line for e in stats.query_errors] == [2, 3, 4]


def test_a_query_language_is_passed_through() -> None:
    lines, _, _ = run([json.dumps({"query": "refund", "language": "zh"})], article_lines())
    assert {r["id"] for r in lines[0]["results"]} <= {"zh-refund", "zh-password"}  # type: ignore[union-attr]


def test_no_valid_articles_means_every_query_is_handed_over() -> None:
    lines, errors, _ = run([json.dumps({"query": "I forgot my password"})], ["{broken"])
    assert lines == [{"query": "I forgot my password", "results": [], "decision": {"action": "handover"}}]
    assert errors.startswith("articles line 1:")


def test_parse_articles_reads_optional_fields() -> None:
    record = {
        "id": "a",
        "title": "T",
        "language": "nl",
        "products": ["p"],
        "tags": ["t"],
        "audience": "agents",
        "status": "draft",
        "version": 3,
    }
    (article,), errors = parse_articles([json.dumps(record)])
    assert errors == []
    assert (article.products, article.tags, article.audience, article.status, article.version) == (
        ("p",),
        ("t",),
        "agents",
        "draft",
        3,
    )
    _, errors = parse_articles([json.dumps({**record, "version": 0})])
    assert errors == [LineError(1, "'version' must be a positive integer")]


def _result(*scores: float, language: str = "en") -> SearchResult:
    hits = tuple(Hit(article_id=f"a{i}", score=s, title="", language=language) for i, s in enumerate(scores))
    return SearchResult(
        hits=hits,
        total=len(hits),
        language=language,
        language_fallback=False,
        confidence=scores[0] if scores else 0.0,
    )


@pytest.mark.parametrize(
    ("scores", "action", "article", "reason"),
    [
        ((), "handover", None, "no_match"),
        ((DEFAULT_POLICY.threshold - 0.001, 0.1), "handover", None, "low_confidence"),
        ((DEFAULT_POLICY.threshold, 0.1), "answer", "a0", "confident"),
    ],
)
def test_decision(scores: tuple[float, ...], action: str, article: str | None, reason: str) -> None:
    decision = decide(_result(*scores))
    assert (decision.action, decision.article_id, decision.reason) == (action, article, reason)


def test_the_threshold_is_data() -> None:
    assert decide(_result(0.5), DecisionPolicy(threshold=0.4)).action == "answer"
    assert decide(_result(0.5), DecisionPolicy(threshold=0.6)).action == "handover"


def test_each_language_is_decided_at_its_own_threshold() -> None:
    policy = DecisionPolicy(threshold=0.6, per_language={"nl": 0.7, "ko": 0.5})
    assert decide(_result(0.65, language="en"), policy).action == "answer"  # the default threshold
    assert decide(_result(0.65, language="nl"), policy).action == "handover"
    assert decide(_result(0.55, language="ko"), policy).action == "answer"
    assert decide(_result(0.55, language="zh"), policy).action == "handover"  # none of its own: default
    # the shipped policy: the languages tuned apart from English (bench.multilingual --tune)
    assert set(DEFAULT_POLICY.per_language) == {"nl", "zh", "ko"}
