"""The knowledge search on MASSIVE's four languages (../shared/data/massive, or CC_DATA), one
knowledge base per language against one knowledge base holding all four: per language, top-1
(the right intent first), and in the mixed base how often the first result is another
language's article. Queries carry no language: the search detects it (``detect_language``).

    python -m bench.multilingual [--limit N]   # N queries per language (default: all 2,033)
    python -m bench.multilingual --tune        # the answer threshold per language

``--tune``: MASSIVE has no out-of-scope queries, so every fifth intent (by id) is left out of each
language's knowledge base and its queries become out of scope (expected: a hand-over), 20% of
the queries, as the CLINC150 rule assumes; then the same rule as bench.search's, fixed before
measuring: the threshold with the least expected cost, a wrong answer costing 1 and handing an
answerable question to a person 0.5.
"""

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse  # noqa: E402 - the thread limits must be set before numpy loads
import io  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from bench.search import Outcome, expected_cost, metrics, tune  # noqa: E402
from contactcenter.knowledge.batch import BatchStats, search_batch  # noqa: E402
from contactcenter.knowledge.decision import DEFAULT_POLICY  # noqa: E402

DATA = Path(os.environ.get("CC_DATA") or Path(__file__).resolve().parents[2] / "shared" / "data") / "massive"
LANGUAGES = ("en", "nl", "zh", "ko")


def articles(language: str, suffix: bool) -> list[str]:
    """The language's articles; ``suffix``: ids made unique across languages (``<id>-<lang>``)."""
    lines = []
    for line in (DATA / f"articles-{language}.jsonl").read_text().splitlines():
        article = json.loads(line)
        if suffix:
            article["id"] = f"{article['id'].replace('_', '-')}-{language}"
        lines.append(json.dumps(article, ensure_ascii=False))
    return lines


def searched(
    query_lines: list[str], article_lines: list[str]
) -> tuple[list[tuple[str | None, float]], BatchStats]:
    """Each query's first result and its confidence."""
    out, stats = io.StringIO(), BatchStats()
    search_batch(query_lines, article_lines, out, stats=stats)
    firsts = []
    for line in out.getvalue().splitlines():
        results = json.loads(line)["results"]
        firsts.append((results[0]["id"], float(results[0]["score"])) if results else (None, 0.0))
    return firsts, stats


def first_results(query_lines: list[str], article_lines: list[str]) -> tuple[list[str | None], BatchStats]:
    found, stats = searched(query_lines, article_lines)
    return [first for first, _ in found], stats


def tune_per_language(queries: dict[str, list[dict[str, str]]]) -> None:
    print("answer thresholds, MASSIVE validation split, every fifth intent left out (out of scope)")
    for language in LANGUAGES:
        kept = articles(language, suffix=False)
        ids = sorted(json.loads(line)["id"] for line in kept)
        left_out = set(ids[::5])
        base = [line for line in kept if json.loads(line)["id"] not in left_out]
        lines = [json.dumps({"query": q["query"]}, ensure_ascii=False) for q in queries[language]]
        found, _ = searched(lines, base)
        outcomes = [
            Outcome(
                expected=None if q["expected"] in left_out else q["expected"],
                top=top,
                confidence=confidence,
                answered=False,
            )
            for (top, confidence), q in zip(found, queries[language], strict=True)
        ]
        # the threshold the rule picks, then the one threshold tuned on English CLINC150 (baseline)
        for name, threshold in (("tuned", tune(outcomes)), ("english", DEFAULT_POLICY.threshold)):
            m = metrics(outcomes, threshold)
            answered_wrong = 1 - m["inscope_handed_over"] - m["inscope_answered_correctly"]
            cost = expected_cost(outcomes, threshold)
            print(
                f"  {language} {name:7} threshold {threshold}  cost {cost:.4f}  "
                f"in scope handed over {m['inscope_handed_over']:.3f}, answered wrong {answered_wrong:.3f}; "
                f"out of scope handed over {m['oos_recall']:.3f}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="queries per language (0: all)")
    parser.add_argument("--tune", action="store_true", help="tune the answer threshold per language")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"no data at {DATA}: set CC_DATA to the shared data folder", file=sys.stderr)
        return 2
    queries: dict[str, list[dict[str, str]]] = {}
    for language in LANGUAGES:
        text = (DATA / f"queries-val-{language}.jsonl").read_text()
        rows = [json.loads(line) for line in text.splitlines()]
        queries[language] = rows[: args.limit] if args.limit else rows
    if args.tune:
        tune_per_language(queries)
        return 0
    print("knowledge search, MASSIVE validation split: separate knowledge bases, then one mixed")
    for language in LANGUAGES:
        lines = [json.dumps({"query": q["query"]}, ensure_ascii=False) for q in queries[language]]
        started = time.perf_counter()
        firsts, stats = first_results(lines, articles(language, suffix=False))
        top1 = sum(f == q["expected"] for f, q in zip(firsts, queries[language], strict=True)) / len(firsts)
        print(
            f"  separate {language}: top-1 {top1:.3f}  (build {stats.build_seconds:.1f} s, "
            f"{time.perf_counter() - started:.0f} s in all)"
        )
    mixed = [line for language in LANGUAGES for line in articles(language, suffix=True)]
    every = [(language, q) for language in LANGUAGES for q in queries[language]]
    lines = [json.dumps({"query": q["query"]}, ensure_ascii=False) for _, q in every]
    firsts, stats = first_results(lines, mixed)
    print(f"  mixed base: {stats.articles} articles, build {stats.build_seconds:.1f} s")
    for language in LANGUAGES:
        pairs = [(f, q) for f, (lang, q) in zip(firsts, every, strict=True) if lang == language]
        top1 = sum(f == f"{q['expected'].replace('_', '-')}-{language}" for f, q in pairs) / len(pairs)
        other = sum(f is not None and not f.endswith(f"-{language}") for f, _ in pairs) / len(pairs)
        print(f"  mixed {language}: top-1 {top1:.3f}  first result in another language {other:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
