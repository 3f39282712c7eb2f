"""From the caller's text to what the retrievers are asked: weighted terms and the text to embed.

Shared by both engines (the OpenSearch adapter turns `QueryPlan.terms` into `term` clauses with
these weights as boosts), so corrections and long-query reduction behave the same everywhere.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from contactcenter.knowledge.analysis import Analyzer, Token, is_cjk
from contactcenter.knowledge.vocabulary import Vocabulary

_SENTENCE_END = re.compile(r"(?<=[.!?\u3002\uff01\uff1f])\s*|\n+")


@dataclass(frozen=True, slots=True)
class PlanningConfig:
    """How queries are rewritten. Defaults chosen on the validation set or by reasoning (see the
    design document): they only kick in for misspelled words and e-mail-length queries."""

    # A term that is not indexed is replaced by its closest indexed spelling, at this weight (a
    # guess should count less than a word the customer actually typed).
    correction_weight: float = 0.5
    correct_spelling: bool = True
    # Queries with more analysed tokens than this are reduced to their key terms (Lucene's
    # MoreLikeThis default max_query_terms is 25; CLINC's longest question has 28 tokens).
    long_query_tokens: int = 40
    key_terms: int = 12
    # The sentences with the most key-term weight are what a long query's embedding is made of;
    # greetings, signatures and quoted history would otherwise drown the question.
    key_sentences: int = 3


@dataclass(frozen=True, slots=True)
class QueryPlan:
    terms: dict[str, float]
    embed_text: str
    key_terms: tuple[str, ...] = ()
    corrections: dict[str, str] = field(default_factory=dict)

    @property
    def highlight_terms(self) -> frozenset[str]:
        return frozenset(self.terms)


def plan_query(text: str, analyzer: Analyzer, vocabulary: Vocabulary, config: PlanningConfig) -> QueryPlan:
    tokens = analyzer.analyze(text)
    corrections: dict[str, str] = {}
    terms: dict[str, float] = {}
    surfaces: dict[str, str] = {}
    for token in tokens:
        term, weight = token.term, 1.0
        if config.correct_spelling and term not in vocabulary:
            suggestion = vocabulary.suggest(term)
            if suggestion is not None:
                corrections[text[token.start : token.end]] = suggestion
                term, weight = suggestion, config.correction_weight
        terms[term] = terms.get(term, 0.0) + weight
        surfaces.setdefault(term, text[token.start : token.end])
    if len(tokens) <= config.long_query_tokens:
        return QueryPlan(terms, text, corrections=corrections)
    return _reduce(text, tokens, terms, surfaces, corrections, analyzer, vocabulary, config)


def _reduce(
    text: str,
    tokens: list[Token],
    terms: dict[str, float],
    surfaces: dict[str, str],
    corrections: dict[str, str],
    analyzer: Analyzer,
    vocabulary: Vocabulary,
    config: PlanningConfig,
) -> QueryPlan:
    """Keep the terms with the highest tf * idf (the MoreLikeThis idea): words the knowledge base
    has and that are rare in it, said more than once. Stop words and unknown words never qualify."""
    counts = Counter(terms)
    ranked = sorted(
        (
            (counts[term] * vocabulary.idf(term), -first, term)
            for first, term in enumerate(terms)
            if vocabulary.idf(term) > 0 and (is_cjk(term) or not analyzer.is_stop_word(surfaces[term]))
        ),
        reverse=True,
    )
    keep = [term for _, _, term in ranked[: config.key_terms]]
    weights = dict.fromkeys(keep, 1.0)
    embed_text = _key_sentences(text, tokens, weights, vocabulary, config.key_sentences) or text
    return QueryPlan(
        weights,
        embed_text,
        key_terms=tuple(surfaces[term].casefold() for term in keep),
        corrections={word: term for word, term in corrections.items() if term in weights},
    )


def _key_sentences(
    text: str, tokens: list[Token], keep: dict[str, float], vocabulary: Vocabulary, limit: int
) -> str:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    scored: list[tuple[float, int]] = []
    for index, (begin, end) in enumerate(spans):
        present = {t.term for t in tokens if begin <= t.start < end and t.term in keep}
        weight = sum(vocabulary.idf(term) for term in present)
        if weight > 0:
            scored.append((weight, index))
    chosen = sorted(index for _, index in sorted(scored, key=lambda s: (-s[0], s[1]))[:limit])
    return " ".join(text[spans[i][0] : spans[i][1]].strip() for i in chosen)
