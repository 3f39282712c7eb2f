"""The in-process search engine: the local cloud's, the CLI's and the tests' stand-in for OpenSearch.

It indexes the same passages and tokens, scores BM25 exactly as Lucene does (bm25.py), computes
the same cosines, and hands its hits to the same fusion (ranking.py), so it ranks as the
production engine does (docs/knowledge-search.md lists the remaining differences).

Concurrency: the whole index is one immutable snapshot (`_State`) behind one attribute. Writers
(upsert, delete, rebuild) serialise on a lock, build a new snapshot off to the side and replace the
attribute in one assignment; a search reads the attribute once and works on that snapshot. So a
search never waits for a rebuild and never sees a half-built index. An upsert re-indexes the
article's language partition (O(passages of that language), ~1 s for 15,000 passages): fine for a
local knowledge base, which is what this engine is for.
"""

import threading
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from contactcenter.knowledge.analysis import SUPPORTED_LANGUAGES, analyzer, resolve_language
from contactcenter.knowledge.bm25 import BM25Field
from contactcenter.knowledge.embeddings import Encoder, Vectors, get_encoder, l2_normalize
from contactcenter.knowledge.engine import assemble, empty_result
from contactcenter.knowledge.models import Article, SearchQuery, SearchResult
from contactcenter.knowledge.passages import passages
from contactcenter.knowledge.planning import PlanningConfig, plan_query
from contactcenter.knowledge.ranking import DEFAULT_RANKING, PassageHit, RankingConfig, fuse
from contactcenter.knowledge.visibility import allowed_audiences, allowed_statuses
from contactcenter.knowledge.vocabulary import Vocabulary


@dataclass(frozen=True, slots=True)
class _Entry:
    """One article, analysed and embedded (kept across rebuilds so unchanged articles are not
    embedded again)."""

    article: Article
    tokens: tuple[tuple[str, ...], ...]
    vectors: Vectors


def passage_id(article_id: str, index: int) -> str:
    """A passage's id; both engines break score ties by it (OpenSearch sorts on it)."""
    return f"{article_id}#{index:04d}"


def top_indices(
    scores: npt.NDArray[np.float32], valid: npt.NDArray[np.bool_], n: int
) -> npt.NDArray[np.intp]:
    """Indices of the n best valid scores, best first, equal scores in index order (the order
    OpenSearch's secondary sort on the passage id gives)."""
    idx = np.flatnonzero(valid)
    if len(idx) > n:
        values = scores[idx]
        kth = np.partition(values, len(values) - n)[len(values) - n]
        above = idx[values > kth]
        idx = np.sort(np.concatenate([above, idx[values == kth][: n - len(above)]]))
    return idx[np.argsort(-scores[idx], kind="stable")]


class _Partition:
    """The index of one language: passages ordered by passage id, BM25, vectors, centroids."""

    def __init__(self, language: str, entries: Iterable[_Entry], dim: int) -> None:
        self.language = language
        ordered = sorted((passage_id(e.article.id, i), e, i) for e in entries for i in range(len(e.tokens)))
        self.articles: dict[str, Article] = {}
        self.article_ids: list[str] = []
        position: dict[str, int] = {}
        for _, entry, _ in ordered:
            if entry.article.id not in position:
                position[entry.article.id] = len(self.article_ids)
                self.article_ids.append(entry.article.id)
                self.articles[entry.article.id] = entry.article
        self.passage_article = np.fromiter(
            (position[e.article.id] for _, e, _ in ordered), np.int32, len(ordered)
        )
        self.passage_tokens = [entry.tokens[i] for _, entry, i in ordered]
        self.bm25 = BM25Field(self.passage_tokens)
        self.vocabulary = Vocabulary(self.bm25.doc_freqs, self.bm25.doc_count)
        self._vocabularies: dict[tuple[frozenset[str], frozenset[str]], Vocabulary] = {}
        self.vectors = (
            np.vstack([entry.vectors[i] for _, entry, i in ordered]).astype(np.float32)
            if ordered
            else np.zeros((0, dim), np.float32)
        )
        counts = np.bincount(self.passage_article, minlength=len(self.article_ids))
        self.passage_counts = {a: int(counts[i]) for i, a in enumerate(self.article_ids)}
        sums = np.zeros((len(self.article_ids), dim), np.float32)
        np.add.at(sums, self.passage_article, self.vectors)
        self.centroids = l2_normalize(sums)
        # Visibility masks per (statuses, audiences, product): few distinct keys, and the partition
        # never changes, so each is computed once.
        self._masks: dict[tuple[frozenset[str], frozenset[str], str | None], npt.NDArray[np.bool_]] = {}

    def vocabulary_for(self, query: SearchQuery) -> Vocabulary:
        """The terms of the passages the caller may see: a correction or key term never comes
        from an article the caller may not read (BM25's statistics still count every passage)."""
        key = (allowed_statuses(query), allowed_audiences(query))
        if key not in self._vocabularies:
            shown = self.visible_articles(replace(query, product=None))
            doc_freqs: Counter[str] = Counter()
            doc_count = 0
            for tokens, article in zip(self.passage_tokens, self.passage_article, strict=True):
                if shown[article] and tokens:
                    doc_count += 1
                    doc_freqs.update(set(tokens))
            self._vocabularies[key] = Vocabulary(doc_freqs, doc_count)
        return self._vocabularies[key]

    def visible_articles(self, query: SearchQuery) -> npt.NDArray[np.bool_]:
        statuses, audiences = allowed_statuses(query), allowed_audiences(query)
        key = (statuses, audiences, query.product)
        cached = self._masks.get(key)
        if cached is not None:
            return cached
        mask = np.fromiter(
            (
                a.status in statuses
                and a.audience in audiences
                and (query.product is None or query.product in a.products)
                for a in (self.articles[i] for i in self.article_ids)
            ),
            np.bool_,
            len(self.article_ids),
        )
        if len(self._masks) < 64:
            self._masks[key] = mask
        return mask

    def retrieve(
        self, terms: Mapping[str, float], vector: Vectors, query: SearchQuery, config: RankingConfig
    ) -> tuple[list[PassageHit], list[PassageHit], dict[str, float]]:
        article_mask = self.visible_articles(query)
        passage_mask = article_mask[self.passage_article]
        ids = self.article_ids
        lexical_scores = self.bm25.score(terms)
        lexical = [
            PassageHit(ids[self.passage_article[i]], float(lexical_scores[i]))
            for i in top_indices(lexical_scores, passage_mask & (lexical_scores > 0), config.top_n)
        ]
        cosines = self.vectors @ vector
        semantic = [
            PassageHit(ids[self.passage_article[i]], float(cosines[i]))
            for i in top_indices(cosines, passage_mask, config.top_n)
        ]
        centroid_cosines = self.centroids @ vector
        centroids = {
            ids[i]: float(centroid_cosines[i])
            for i in top_indices(centroid_cosines, article_mask, config.top_n_articles)
        }
        return lexical, semantic, centroids


@dataclass(frozen=True, slots=True)
class _State:
    entries: Mapping[str, _Entry]
    partitions: Mapping[str, _Partition]


class EmbeddedEngine:
    """In-memory `SearchEngine`. `encoder` defaults to the process-wide USE model."""

    def __init__(
        self,
        *,
        encoder: Encoder | None = None,
        ranking: RankingConfig = DEFAULT_RANKING,
        planning: PlanningConfig | None = None,
    ) -> None:
        self._encoder = encoder
        self.ranking = ranking
        self.planning = planning or PlanningConfig()
        self._write_lock = threading.Lock()
        self._state = _State({}, {})

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            self._encoder = get_encoder()
        return self._encoder

    # -- writing -------------------------------------------------------------------------------

    def _entries(self, articles: Sequence[Article], reuse: Mapping[str, _Entry]) -> dict[str, _Entry]:
        """Analyse and embed articles; all new passages go to the encoder in one call (batching
        is most of indexing speed)."""
        out: dict[str, _Entry] = {}
        todo: list[tuple[Article, list[str]]] = []
        for article in articles:
            if article.language not in SUPPORTED_LANGUAGES:
                raise ValueError(f"article {article.id!r}: unsupported language {article.language!r}")
            previous = reuse.get(article.id)
            if previous is not None and previous.article == article:
                out[article.id] = previous
            else:
                todo.append((article, [p.text for p in passages(article)]))
        texts = [text for _, texts in todo for text in texts]
        vectors = self.encoder.encode(texts) if texts else np.zeros((0, self.encoder.dim), np.float32)
        start = 0
        for article, texts in todo:
            lang = analyzer(article.language)
            tokens = tuple(tuple(lang.tokens(text)) for text in texts)
            out[article.id] = _Entry(article, tokens, vectors[start : start + len(texts)])
            start += len(texts)
        return out

    def _partitions(self, entries: Mapping[str, _Entry], languages: Iterable[str]) -> dict[str, _Partition]:
        return {
            language: _Partition(
                language, (e for e in entries.values() if e.article.language == language), self.encoder.dim
            )
            for language in languages
        }

    def upsert(self, article: Article) -> None:
        with self._write_lock:
            state = self._state
            entry = self._entries([article], state.entries)[article.id]
            entries = {**state.entries, article.id: entry}
            changed = {article.language}
            old = state.entries.get(article.id)
            if old is not None:
                changed.add(old.article.language)
            self._state = _State(entries, {**state.partitions, **self._partitions(entries, changed)})

    def delete(self, article_id: str) -> None:
        with self._write_lock:
            state = self._state
            old = state.entries.get(article_id)
            if old is None:
                return
            entries = {k: v for k, v in state.entries.items() if k != article_id}
            partitions = {**state.partitions, **self._partitions(entries, [old.article.language])}
            self._state = _State(entries, partitions)

    def prepare(self) -> bool:
        """Nothing to set up in memory; an empty store is already a searchable index."""
        return False

    def rebuild(self, articles: Iterable[Article]) -> None:
        unique = {a.id: a for a in articles}  # a later duplicate replaces an earlier one
        with self._write_lock:
            entries = self._entries(list(unique.values()), self._state.entries)
            languages = {e.article.language for e in entries.values()}
            self._state = _State(entries, self._partitions(entries, languages))

    # -- reading -------------------------------------------------------------------------------

    def get(self, article_id: str) -> Article | None:
        entry = self._state.entries.get(article_id)
        return entry.article if entry else None

    def languages(self) -> frozenset[str]:
        """Languages that have at least one article (whatever its status)."""
        return frozenset(lang for lang, p in self._state.partitions.items() if p.article_ids)

    def vocabulary(self, language: str, query: SearchQuery | None = None) -> Vocabulary:
        """Every indexed term of ``language``, or (with ``query``) those its caller may see."""
        partition = self._state.partitions.get(language)
        if partition is None:
            return Vocabulary({}, 0)
        return partition.vocabulary_for(query) if query else partition.vocabulary

    def search(self, query: SearchQuery) -> SearchResult:
        state = self._state  # one snapshot for the whole search
        available = [lang for lang, p in state.partitions.items() if p.article_ids]
        choice = resolve_language(query.language, query.text, available)
        partition = state.partitions.get(choice.language)
        if partition is None or not partition.article_ids or not query.text.strip():
            return empty_result(choice.language, choice.fallback)
        lang = analyzer(choice.language)
        plan = plan_query(query.text, lang, partition.vocabulary_for(query), self.planning)
        vector = self.encoder.encode([plan.embed_text])[0]
        lexical, semantic, centroids = partition.retrieve(plan.terms, vector, query, self.ranking)
        ranked = fuse(lexical, semantic, centroids, partition.passage_counts, self.ranking)
        return assemble(
            ranked,
            query,
            choice.language,
            choice.fallback,
            plan,
            lambda ids: {i: partition.articles[i] for i in ids},
            lang,
        )


_registry: dict[str, EmbeddedEngine] = {}
_registry_lock = threading.Lock()


def shared(name: str = "knowledge") -> EmbeddedEngine:
    """The process-wide engine of that name. On the local cloud every Lambda runs in one Python
    process, so the indexer and the search function share one index through this."""
    with _registry_lock:
        engine = _registry.get(name)
        if engine is None:
            engine = _registry[name] = EmbeddedEngine()
        return engine


def reset_shared(name: str | None = None) -> None:
    """Forget one shared engine (or all): for tests and the local cloud's reset."""
    with _registry_lock:
        if name is None:
            _registry.clear()
        else:
            _registry.pop(name, None)
