"""Highlights computed in Python from the article text, for both engines.

OpenSearch only sees pre-analysed tokens (stems, bigrams), so its own highlighter would mark stems
in a field nobody reads; marking the original text here gives the same highlights in both engines.
Fragments are HTML-escaped; matched words are wrapped in <em>...</em>.
"""

import html
from collections.abc import Iterable

from contactcenter.knowledge.analysis import Analyzer, is_cjk
from contactcenter.knowledge.models import Article

FRAGMENT_CHARS = 160
MAX_FRAGMENTS = 2


def _spans(text: str, terms: frozenset[str], analyzer: Analyzer) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for token in analyzer.analyze(text):
        if token.term not in terms:
            continue
        if not is_cjk(token.term) and analyzer.is_stop_word(text[token.start : token.end]):
            continue
        if spans and token.start <= spans[-1][1]:  # overlapping CJK bigrams merge
            spans[-1] = (spans[-1][0], max(spans[-1][1], token.end))
        else:
            spans.append((token.start, token.end))
    return spans


def _mark(text: str, spans: Iterable[tuple[int, int]], begin: int = 0, end: int | None = None) -> str:
    end = len(text) if end is None else end
    out: list[str] = []
    position = begin
    for start, stop in spans:
        if stop <= begin or start >= end:
            continue
        start, stop = max(start, begin), min(stop, end)
        out.append(html.escape(text[position:start]))
        out.append(f"<em>{html.escape(text[start:stop])}</em>")
        position = stop
    out.append(html.escape(text[position:end]))
    return "".join(out)


def _fragments(text: str, spans: list[tuple[int, int]]) -> tuple[str, ...]:
    if len(text) <= FRAGMENT_CHARS:
        return (_mark(text, spans),)
    fragments: list[str] = []
    covered = -1
    for start, _ in spans:
        if start < covered:
            continue
        begin = max(0, start - FRAGMENT_CHARS // 4)
        if begin > 0:  # start at a word boundary
            space = text.rfind(" ", 0, begin)
            begin = space + 1 if space >= 0 and begin - space < 20 else begin
        end = min(len(text), begin + FRAGMENT_CHARS)
        if end < len(text):
            space = text.rfind(" ", begin, end)
            end = space if space > begin + FRAGMENT_CHARS // 2 else end
        prefix = "\u2026" if begin > 0 else ""
        suffix = "\u2026" if end < len(text) else ""
        fragments.append(prefix + _mark(text, spans, begin, end) + suffix)
        covered = end
        if len(fragments) == MAX_FRAGMENTS:
            break
    return tuple(fragments)


def highlight(article: Article, terms: frozenset[str], analyzer: Analyzer) -> dict[str, tuple[str, ...]]:
    """Highlighted fragments per field: the title, the answer, and the best-matching question."""
    out: dict[str, tuple[str, ...]] = {}
    if not terms:
        return out
    for name, text in (("title", article.title), ("answer", article.answer)):
        spans = _spans(text, terms, analyzer)
        if spans:
            out[name] = _fragments(text, spans)
    best: tuple[int, str, list[tuple[int, int]]] | None = None
    for question in article.questions:
        spans = _spans(question, terms, analyzer)
        if spans and (best is None or len(spans) > best[0]):
            best = (len(spans), question, spans)
    if best is not None:
        out["question"] = _fragments(best[1], best[2])
    return out
