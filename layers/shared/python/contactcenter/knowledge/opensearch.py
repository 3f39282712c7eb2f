"""The production engine: Amazon OpenSearch through opensearch-py, ranking as the embedded engine.

Layout. One index per language (`<alias>-<language>-<generation>`) behind one alias per language
(`<alias>-<language>`): BM25's statistics (docCount, docFreq, avgdl) are per index, and mixing
languages in one index would change every idf. One primary shard, because statistics are per
shard too and a knowledge base is small (the alternative, dfs_query_then_fetch, costs a round
trip). Every index holds two kinds of documents:
  passage  one per title / alternative question / answer chunk: `tokens` (the Python analysis,
           whitespace-joined, BM25 k1=1.2 b=0.75 through a whitespace analyzer), `terms` (the same
           tokens as keywords, for the vocabulary), `vector` (the passage embedding), and the
           article's filter fields (status, audience, products) and passage count;
  article  one per article: the source text (for titles and highlights), the filter fields and
           `centroid` (normalised mean of its passage vectors).

Search. One `_msearch` with three requests (BM25 over passages, exact cosine over passage vectors,
exact cosine over article centroids; all with the caller's visibility filters), then the same
`ranking.fuse` as the embedded engine, then one `mget` for the page's articles. Cosines come from
the k-NN plugin's `knn_score` script (exact, so results equal the embedded engine's; a KB of
15,000 passages scores in a few ms). Its `cosinesimil` score is 1 + cosine.

Rebuild without downtime: new indices of a new generation are created and filled, then one
`_aliases` call moves every language alias at once, then the old indices are deleted.
"""

import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from contactcenter.knowledge.analysis import SUPPORTED_LANGUAGES, analyzer, resolve_language
from contactcenter.knowledge.bm25 import K1, B
from contactcenter.knowledge.embeddings import Encoder, Vectors, get_encoder, l2_normalize
from contactcenter.knowledge.engine import assemble, empty_result
from contactcenter.knowledge.models import Article, SearchQuery, SearchResult
from contactcenter.knowledge.passages import passages
from contactcenter.knowledge.planning import PlanningConfig, QueryPlan, plan_query
from contactcenter.knowledge.ranking import DEFAULT_RANKING, PassageHit, RankingConfig, fuse
from contactcenter.knowledge.visibility import allowed_audiences, allowed_statuses
from contactcenter.knowledge.vocabulary import Vocabulary

# knn_score with space_type cosinesimil scores 1 + cosine (so scores stay non-negative).
COSINE_SCORE_OFFSET = 1.0
BULK_DOCUMENTS = 500  # documents per _bulk request (~3 MB with 512-d vectors)
VOCABULARY_PAGE = 10_000
ARTICLE_FIELDS = ("article_id", "language", "title", "answer", "questions", "products", "tags", "audience",
                  "status", "version")  # fmt: skip


class IndicesClient(Protocol):
    """The part of opensearch-py's `client.indices` this module uses."""

    def put_index_template(self, *, name: Any, body: Any, params: Any = None) -> Any: ...
    def create(self, *, index: Any, body: Any = None, params: Any = None) -> Any: ...
    def delete(self, *, index: Any, params: Any = None) -> Any: ...
    def refresh(self, *, index: Any = None, params: Any = None) -> Any: ...
    def get_alias(self, *, index: Any = None, name: Any = None, params: Any = None) -> Any: ...
    def update_aliases(self, *, body: Any, params: Any = None) -> Any: ...


class OpenSearchClient(Protocol):
    """The part of `opensearchpy.OpenSearch` this module uses (tests pass a recording fake)."""

    @property
    def indices(self) -> IndicesClient: ...
    def bulk(self, *, body: Any, index: Any = None, params: Any = None) -> Any: ...
    def msearch(self, *, body: Any, index: Any = None, params: Any = None) -> Any: ...
    def mget(self, *, body: Any, index: Any = None, params: Any = None) -> Any: ...
    def search(self, *, body: Any = None, index: Any = None, params: Any = None) -> Any: ...
    def delete_by_query(self, *, index: Any, body: Any, params: Any = None) -> Any: ...


class OpenSearchError(RuntimeError):
    """OpenSearch answered, but with errors (a failed bulk item, a failed msearch request)."""


def _status(error: Exception) -> int | None:
    status = getattr(error, "status_code", None)
    return status if isinstance(status, int) else None


def connect(url: str, *, region: str | None = None, timeout: float = 5.0) -> OpenSearchClient:
    """An opensearch-py client for `url`; with `region`, requests are signed with the Lambda's IAM
    credentials (SigV4, service "es"), as Amazon OpenSearch Service domains in a VPC expect."""
    from opensearchpy import OpenSearch, Urllib3AWSV4SignerAuth

    auth = None
    if region:
        import boto3  # the Lambda runtime provides it (typed by the boto3-stubs dev dependency)

        auth = Urllib3AWSV4SignerAuth(boto3.Session().get_credentials(), region, "es")
    client: OpenSearchClient = OpenSearch(
        hosts=[url], http_auth=auth, timeout=timeout, http_compress=True, max_retries=2, retry_on_timeout=True
    )
    return client


def index_template(alias: str, dim: int, *, replicas: int = 1) -> dict[str, Any]:
    """The composable index template every generation's indices get (PUT _index_template/<alias>)."""
    vector = {
        "type": "knn_vector",
        "dimension": dim,
        "method": {"name": "hnsw", "engine": "lucene", "space_type": "cosinesimil"},
    }
    stored_text = {"type": "text", "index": False}
    keyword = {"type": "keyword"}
    return {
        "index_patterns": [f"{alias}-*"],
        "priority": 100,
        "template": {
            "settings": {
                "index": {
                    "number_of_shards": 1,
                    "number_of_replicas": replicas,
                    "knn": True,
                    "similarity": {"kb_bm25": {"type": "BM25", "k1": K1, "b": B}},
                },
                "analysis": {"analyzer": {"kb_whitespace": {"type": "custom", "tokenizer": "whitespace"}}},
            },
            "mappings": {
                "dynamic": "strict",
                "properties": {
                    "kind": keyword,
                    "article_id": keyword,
                    "passage_id": keyword,
                    "passage_kind": keyword,
                    "revision": keyword,
                    "language": keyword,
                    "status": keyword,
                    "audience": keyword,
                    "products": keyword,
                    "tags": keyword,
                    "version": {"type": "integer"},
                    "n_passages": {"type": "integer", "index": False},
                    "tokens": {
                        "type": "text",
                        "analyzer": "kb_whitespace",
                        "similarity": "kb_bm25",
                        "index_options": "freqs",
                    },
                    "terms": keyword,
                    "text": stored_text,
                    "title": stored_text,
                    "answer": stored_text,
                    "questions": stored_text,
                    "vector": vector,
                    "centroid": vector,
                },
            },
        },
    }


def visibility_filters(query: SearchQuery) -> list[dict[str, Any]]:
    """The caller's visibility rule (visibility.py) as OpenSearch filters."""
    filters: list[dict[str, Any]] = [
        {"terms": {"status": sorted(allowed_statuses(query))}},
        {"terms": {"audience": sorted(allowed_audiences(query))}},
    ]
    if query.product is not None:
        filters.append({"term": {"products": query.product}})
    return filters


def _vector_json(vector: Vectors) -> list[float]:
    return [float(x) for x in vector.tolist()]


def _knn_script(field: str, vector: Vectors) -> dict[str, Any]:
    return {
        "source": "knn_score",
        "lang": "knn",
        "params": {"field": field, "query_value": _vector_json(vector), "space_type": "cosinesimil"},
    }


@dataclass(frozen=True, slots=True)
class _Cached:
    value: Any
    expires: float


class OpenSearchEngine:
    """`SearchEngine` on Amazon OpenSearch. `alias` names the knowledge base ("kb" -> aliases
    kb-en, kb-nl, kb-zh, kb-ko). The vocabulary and the set of languages with articles are cached
    for `cache_seconds` (they only steer spelling correction, key terms and language choice;
    BM25 and cosines are always live)."""

    def __init__(
        self,
        client: OpenSearchClient,
        alias: str = "kb",
        *,
        encoder: Encoder | None = None,
        ranking: RankingConfig = DEFAULT_RANKING,
        planning: PlanningConfig | None = None,
        replicas: int = 1,
        cache_seconds: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
        generation: Callable[[], str] | None = None,
    ) -> None:
        self.client = client
        self.alias = alias
        self._encoder = encoder
        self.ranking = ranking
        self.planning = planning or PlanningConfig()
        self.replicas = replicas
        self.cache_seconds = cache_seconds
        self._clock = clock
        self._generation = generation or (
            lambda: time.strftime("%Y%m%d%H%M%S", time.gmtime()) + uuid.uuid4().hex[:6]
        )
        self._cache: dict[str, _Cached] = {}

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            self._encoder = get_encoder()
        return self._encoder

    def alias_of(self, language: str) -> str:
        return f"{self.alias}-{language}"

    def _all_aliases(self) -> str:
        return ",".join(self.alias_of(language) for language in SUPPORTED_LANGUAGES)

    # -- request bodies (pure: tests assert them exactly) ----------------------------------------

    def template_body(self) -> dict[str, Any]:
        return index_template(self.alias, self.encoder.dim, replicas=self.replicas)

    def documents(
        self, article: Article, vectors: Vectors, revision: str
    ) -> list[tuple[str, dict[str, Any]]]:
        """(_id, source) of an article's documents: its passages, then the article itself."""
        lang = analyzer(article.language)
        found = passages(article)
        if not found:  # nothing to match (and OpenSearch refuses a zero cosine vector): not indexed
            return []
        shared = {
            "article_id": article.id,
            "revision": revision,
            "language": article.language,
            "status": article.status,
            "audience": article.audience,
            "products": list(article.products),
        }
        docs: list[tuple[str, dict[str, Any]]] = []
        for i, passage in enumerate(found):
            tokens = lang.tokens(passage.text)
            pid = f"{article.id}#{i:04d}"
            doc: dict[str, Any] = {
                "kind": "passage",
                **shared,
                "passage_id": pid,
                "passage_kind": passage.kind,
                "n_passages": len(found),
                "text": passage.text,
                "vector": _vector_json(vectors[i]),
            }
            if tokens:  # Lucene counts only documents with tokens in BM25's docCount
                doc["tokens"] = " ".join(tokens)
                doc["terms"] = sorted(set(tokens))
            docs.append((f"p|{pid}", doc))
        centroid = l2_normalize(vectors.sum(axis=0))
        docs.append(
            (
                f"a|{article.id}",
                {
                    "kind": "article",
                    **shared,
                    "title": article.title,
                    "answer": article.answer,
                    "questions": list(article.questions),
                    "tags": list(article.tags),
                    "version": article.version,
                    "centroid": _vector_json(centroid),
                },
            )
        )
        return docs

    def bulk_body(self, index: str, docs: Sequence[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
        body: list[dict[str, Any]] = []
        for doc_id, source in docs:
            body.append({"index": {"_index": index, "_id": doc_id}})
            body.append(source)
        return body

    def search_bodies(
        self, language: str, plan: QueryPlan, vector: Vectors, query: SearchQuery
    ) -> list[dict[str, Any]]:
        """The _msearch body: header/body pairs for BM25 (omitted when the query has no terms),
        passage cosines and centroid cosines."""
        index = {"index": self.alias_of(language)}
        visibility = visibility_filters(query)
        passage_filter = [{"term": {"kind": "passage"}}, *visibility]
        by_passage = [{"_score": {"order": "desc"}}, {"passage_id": {"order": "asc"}}]
        body: list[dict[str, Any]] = []
        if plan.terms:
            body += [
                index,
                {
                    "size": self.ranking.top_n,
                    "track_total_hits": False,
                    "_source": ["article_id", "n_passages"],
                    "sort": by_passage,
                    "query": {
                        "bool": {
                            "should": [
                                {"term": {"tokens": {"value": term, "boost": weight}}}
                                for term, weight in plan.terms.items()
                            ],
                            "minimum_should_match": 1,
                            "filter": passage_filter,
                        }
                    },
                },
            ]
        body += [
            index,
            {
                "size": self.ranking.top_n,
                "track_total_hits": False,
                "_source": ["article_id", "n_passages"],
                "sort": by_passage,
                "query": {
                    "script_score": {
                        "query": {"bool": {"filter": passage_filter}},
                        "script": _knn_script("vector", vector),
                    }
                },
            },
            index,
            {
                "size": self.ranking.top_n_articles,
                "track_total_hits": False,
                "_source": ["article_id"],
                "sort": [{"_score": {"order": "desc"}}, {"article_id": {"order": "asc"}}],
                "query": {
                    "script_score": {
                        "query": {"bool": {"filter": [{"term": {"kind": "article"}}, *visibility]}},
                        "script": _knn_script("centroid", vector),
                    }
                },
            },
        ]
        return body

    def vocabulary_body(
        self, after: Mapping[str, Any] | None = None, query: SearchQuery | None = None
    ) -> dict[str, Any]:
        composite: dict[str, Any] = {
            "size": VOCABULARY_PAGE,
            "sources": [{"term": {"terms": {"field": "terms"}}}],
        }
        if after:
            composite["after"] = dict(after)
        return {
            "size": 0,
            "track_total_hits": True,
            "query": {
                "bool": {
                    "filter": [
                        {"term": {"kind": "passage"}},
                        {"exists": {"field": "terms"}},
                        *(visibility_filters(replace(query, product=None)) if query else []),
                    ]
                }
            },
            "aggs": {"vocabulary": {"composite": composite}},
        }

    def languages_body(self) -> list[dict[str, Any]]:
        body: list[dict[str, Any]] = []
        for language in SUPPORTED_LANGUAGES:
            body.append({"index": self.alias_of(language), "ignore_unavailable": True})
            body.append({"size": 0, "track_total_hits": True, "query": {"term": {"kind": "article"}}})
        return body

    # -- response parsing ----------------------------------------------------------------------

    @staticmethod
    def parse_search(
        response: Mapping[str, Any], has_lexical: bool
    ) -> tuple[list[PassageHit], list[PassageHit], dict[str, float], dict[str, int]]:
        responses = list(response["responses"])
        for item in responses:
            if "error" in item:
                raise OpenSearchError(f"search failed: {item['error']}")
        lexical_hits = responses.pop(0)["hits"]["hits"] if has_lexical else []
        semantic_hits, centroid_hits = (r["hits"]["hits"] for r in responses)
        counts: dict[str, int] = {}
        for hit in (*lexical_hits, *semantic_hits):
            counts[hit["_source"]["article_id"]] = int(hit["_source"]["n_passages"])
        lexical = [PassageHit(h["_source"]["article_id"], float(h["_score"])) for h in lexical_hits]
        semantic = [
            PassageHit(h["_source"]["article_id"], float(h["_score"]) - COSINE_SCORE_OFFSET)
            for h in semantic_hits
        ]
        centroids = {
            h["_source"]["article_id"]: float(h["_score"]) - COSINE_SCORE_OFFSET for h in centroid_hits
        }
        return lexical, semantic, centroids, counts

    @staticmethod
    def article_from_source(source: Mapping[str, Any]) -> Article:
        return Article(
            id=source["article_id"],
            language=source["language"],
            title=source["title"],
            answer=source.get("answer", ""),
            questions=tuple(source.get("questions", ())),
            products=tuple(source.get("products", ())),
            tags=tuple(source.get("tags", ())),
            audience=source["audience"],
            status=source["status"],
            version=int(source.get("version", 1)),
        )

    # -- cached lookups ------------------------------------------------------------------------

    def _cached(self, key: str, load: Callable[[], Any]) -> Any:
        now = self._clock()
        entry = self._cache.get(key)
        if entry is None or entry.expires <= now:
            entry = _Cached(load(), now + self.cache_seconds)
            self._cache[key] = entry
        return entry.value

    def invalidate(self) -> None:
        self._cache.clear()

    def languages(self) -> frozenset[str]:
        def load() -> frozenset[str]:
            response = self.client.msearch(body=self.languages_body())
            found = set()
            for language, item in zip(SUPPORTED_LANGUAGES, response["responses"], strict=True):
                if "error" not in item and item["hits"]["total"]["value"] > 0:
                    found.add(language)
            return frozenset(found)

        value: frozenset[str] = self._cached("languages", load)
        return value

    def vocabulary(self, language: str, query: SearchQuery | None = None) -> Vocabulary:
        """Every indexed term of ``language``, or (with ``query``) those its caller may see: a
        correction or key term never comes from an article the caller may not read."""

        def load() -> Vocabulary:
            doc_freqs: dict[str, int] = {}
            doc_count = 0
            after: Mapping[str, Any] | None = None
            while True:
                body = self.vocabulary_body(after, query)
                response = self.client.search(index=self.alias_of(language), body=body)
                doc_count = int(response["hits"]["total"]["value"])
                aggregation = response["aggregations"]["vocabulary"]
                for bucket in aggregation["buckets"]:
                    doc_freqs[bucket["key"]["term"]] = int(bucket["doc_count"])
                after = aggregation.get("after_key")
                if not aggregation["buckets"] or after is None:
                    return Vocabulary(doc_freqs, doc_count)

        seen = (sorted(allowed_statuses(query)), sorted(allowed_audiences(query))) if query else "all"
        value: Vocabulary = self._cached(f"vocabulary:{language}:{seen}", load)
        return value

    # -- writing -------------------------------------------------------------------------------

    def ensure_template(self) -> None:
        self.client.indices.put_index_template(name=self.alias, body=self.template_body())

    def prepare(self) -> bool:
        """Run by the deployment: the template (mappings change with the code), and whether the
        aliases still need their first generation of indices."""
        self.ensure_template()
        return not self.current_indices()

    def _bulk(self, index: str, docs: Sequence[tuple[str, dict[str, Any]]], refresh: str | None) -> None:
        for start in range(0, len(docs), BULK_DOCUMENTS):
            chunk = docs[start : start + BULK_DOCUMENTS]
            last = start + BULK_DOCUMENTS >= len(docs)
            params = {"refresh": refresh} if refresh and last else None
            response = self.client.bulk(body=self.bulk_body(index, chunk), params=params)
            if response.get("errors"):
                failed = next(
                    item for item in response["items"] for action in item.values() if "error" in action
                )
                raise OpenSearchError(f"bulk indexing failed: {failed}")

    def _embed(self, articles: Sequence[Article]) -> list[Vectors]:
        texts = [[p.text for p in passages(a)] for a in articles]
        flat = [t for group in texts for t in group]
        vectors = self.encoder.encode(flat)
        out: list[Vectors] = []
        start = 0
        for group in texts:
            out.append(vectors[start : start + len(group)])
            start += len(group)
        return out

    def upsert(self, article: Article) -> None:
        """Index the new documents (overwriting same ids), then delete what is left of older
        revisions (fewer passages now, or the article moved to another language)."""
        if article.language not in SUPPORTED_LANGUAGES:
            raise ValueError(f"article {article.id!r}: unsupported language {article.language!r}")
        revision = uuid.uuid4().hex
        docs = self.documents(article, self._embed([article])[0], revision)
        self._bulk(self.alias_of(article.language), docs, refresh="wait_for")
        self.client.delete_by_query(
            index=self._all_aliases(),
            body={
                "query": {
                    "bool": {
                        "filter": [{"term": {"article_id": article.id}}],
                        "must_not": [{"term": {"revision": revision}}],
                    }
                }
            },
            params={"refresh": "true", "conflicts": "proceed", "ignore_unavailable": "true"},
        )
        self.invalidate()

    def delete(self, article_id: str) -> None:
        self.client.delete_by_query(
            index=self._all_aliases(),
            body={"query": {"term": {"article_id": article_id}}},
            params={"refresh": "true", "conflicts": "proceed", "ignore_unavailable": "true"},
        )
        self.invalidate()

    def current_indices(self) -> dict[str, list[str]]:
        """alias -> the indices it points at now (empty before the first rebuild)."""
        try:
            response = self.client.indices.get_alias(name=self._all_aliases())
        except Exception as error:
            if _status(error) == 404:
                return {}
            raise
        out: dict[str, list[str]] = {}
        for index, body in response.items():
            for alias in body.get("aliases", {}):
                out.setdefault(alias, []).append(index)
        return out

    def rebuild(self, articles: Iterable[Article]) -> None:
        unique = list({a.id: a for a in articles}.values())
        for article in unique:
            if article.language not in SUPPORTED_LANGUAGES:
                raise ValueError(f"article {article.id!r}: unsupported language {article.language!r}")
        generation = self._generation()
        new = {language: f"{self.alias}-{language}-{generation}" for language in SUPPORTED_LANGUAGES}
        self.ensure_template()
        for index in new.values():
            self.client.indices.create(index=index)
        revision = uuid.uuid4().hex
        vectors = self._embed(unique)
        for language, index in new.items():
            docs = [
                doc
                for article, vecs in zip(unique, vectors, strict=True)
                if article.language == language
                for doc in self.documents(article, vecs, revision)
            ]
            if docs:
                self._bulk(index, docs, refresh=None)
        self.client.indices.refresh(index=",".join(new.values()))
        old = self.current_indices()
        actions: list[dict[str, Any]] = [
            {"remove": {"index": index, "alias": alias}}
            for alias, indices in sorted(old.items())
            for index in indices
        ]
        actions += [
            {"add": {"index": new[language], "alias": self.alias_of(language)}}
            for language in SUPPORTED_LANGUAGES
        ]
        self.client.indices.update_aliases(body={"actions": actions})
        stale = sorted({index for indices in old.values() for index in indices} - set(new.values()))
        if stale:
            self.client.indices.delete(index=",".join(stale))
        self.invalidate()

    # -- reading -------------------------------------------------------------------------------

    def _load(self, language: str, ids: Sequence[str]) -> dict[str, Article]:
        response = self.client.mget(
            index=self.alias_of(language),
            body={"ids": [f"a|{article_id}" for article_id in ids]},
            params={"_source_includes": ",".join(ARTICLE_FIELDS)},
        )
        return {
            doc["_source"]["article_id"]: self.article_from_source(doc["_source"])
            for doc in response["docs"]
            if doc.get("found")
        }

    def search(self, query: SearchQuery) -> SearchResult:
        choice = resolve_language(query.language, query.text, self.languages())
        if choice.language not in self.languages() or not query.text.strip():
            return empty_result(choice.language, choice.fallback)
        lang = analyzer(choice.language)
        plan = plan_query(query.text, lang, self.vocabulary(choice.language, query), self.planning)
        vector = self.encoder.encode([plan.embed_text])[0]
        response = self.client.msearch(body=self.search_bodies(choice.language, plan, vector, query))
        lexical, semantic, centroids, counts = self.parse_search(response, has_lexical=bool(plan.terms))
        ranked = fuse(lexical, semantic, centroids, counts, self.ranking)
        return assemble(
            ranked,
            query,
            choice.language,
            choice.fallback,
            plan,
            lambda ids: self._load(choice.language, ids),
            lang,
        )
