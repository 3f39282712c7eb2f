"""The OpenSearch adapter: exact request bodies, parsing of real-shaped responses, the alias swap,
and parity with the embedded engine.

`FakeOpenSearch` records every call and also executes the few request shapes the adapter sends
(bool/term/terms/exists filters, BM25 over whitespace tokens with the textbook formula,
knn_score cosines, composite aggregation, aliases), written independently of the engine's own
code: the parity test checks that the bodies mean what the embedded engine computes. A live
cluster test runs only when OPENSEARCH_URL is set.
"""

import math
import os
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pytest

from contactcenter.knowledge.embedded import EmbeddedEngine
from contactcenter.knowledge.embeddings import Vectors
from contactcenter.knowledge.models import Article, SearchQuery
from contactcenter.knowledge.opensearch import OpenSearchEngine, OpenSearchError, connect, index_template
from contactcenter.knowledge.planning import QueryPlan
from tests.knowledge.test_search import ARTICLES


class UnitEncoder:
    """Every text embeds to (1, 0, 0, 0): request bodies stay short and exact."""

    name, dim = "unit", 4

    def encode(self, texts: Sequence[str]) -> Vectors:
        vectors = np.zeros((len(texts), 4), np.float32)
        vectors[:, 0] = 1.0
        return vectors


class NotFound(Exception):
    status_code = 404


def _values(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _matches(doc: Mapping[str, Any], clause: Mapping[str, Any]) -> bool:
    ((kind, spec),) = clause.items()
    if kind == "term":
        ((field, value),) = spec.items()
        value = value["value"] if isinstance(value, dict) else value
        return value in _values(doc.get(field, []))
    if kind == "terms":
        ((field, values),) = spec.items()
        return any(v in values for v in _values(doc.get(field, [])))
    if kind == "exists":
        return spec["field"] in doc
    if kind == "match_all":
        return True
    if kind == "bool":
        return all(_matches(doc, c) for c in spec.get("filter", [])) and not any(
            _matches(doc, c) for c in spec.get("must_not", [])
        )
    raise AssertionError(f"unexpected query {clause}")


class FakeIndices:
    def __init__(self, parent: "FakeOpenSearch") -> None:
        self.parent = parent

    def put_index_template(self, *, name: Any, body: Any, params: Any = None) -> Any:
        self.parent.calls.append(("indices.put_index_template", {"name": name, "body": body}))
        return {"acknowledged": True}

    def create(self, *, index: Any, body: Any = None, params: Any = None) -> Any:
        self.parent.calls.append(("indices.create", {"index": index}))
        self.parent.data[index] = {}
        return {"acknowledged": True, "index": index}

    def delete(self, *, index: Any, params: Any = None) -> Any:
        self.parent.calls.append(("indices.delete", {"index": index}))
        for name in index.split(","):
            del self.parent.data[name]
        return {"acknowledged": True}

    def refresh(self, *, index: Any = None, params: Any = None) -> Any:
        self.parent.calls.append(("indices.refresh", {"index": index}))
        return {"_shards": {"total": 2, "successful": 1, "failed": 0}}

    def get_alias(self, *, index: Any = None, name: Any = None, params: Any = None) -> Any:
        self.parent.calls.append(("indices.get_alias", {"name": name}))
        wanted = set(name.split(","))
        found: dict[str, Any] = {}
        for alias, target in self.parent.aliases.items():
            if alias in wanted:
                found.setdefault(target, {"aliases": {}})["aliases"][alias] = {}
        if not found:
            raise NotFound("alias missing")
        return found

    def update_aliases(self, *, body: Any, params: Any = None) -> Any:
        self.parent.calls.append(("indices.update_aliases", {"body": body}))
        for action in body["actions"]:
            if "remove" in action:
                del self.parent.aliases[action["remove"]["alias"]]
            else:
                self.parent.aliases[action["add"]["alias"]] = action["add"]["index"]
        return {"acknowledged": True}


class FakeOpenSearch:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.data: dict[str, dict[str, dict[str, Any]]] = {}
        self.aliases: dict[str, str] = {}
        self._indices = FakeIndices(self)
        self.canned: dict[str, list[Any]] = {}

    @property
    def indices(self) -> FakeIndices:
        return self._indices

    def _resolve(self, name: str) -> str:
        return self.aliases.get(name, name)

    def _answer(self, method: str, compute: Any) -> Any:
        queue = self.canned.get(method)
        return queue.pop(0) if queue else compute()

    def bulk(self, *, body: Any, index: Any = None, params: Any = None) -> Any:
        self.calls.append(("bulk", {"body": body, "params": params}))

        def compute() -> Any:
            items = []
            for action, source in zip(body[::2], body[1::2], strict=True):
                target = self._resolve(action["index"]["_index"])
                self.data[target][action["index"]["_id"]] = source
                items.append({"index": {"_index": target, "_id": action["index"]["_id"], "status": 201}})
            return {"took": 3, "errors": False, "items": items}

        return self._answer("bulk", compute)

    def delete_by_query(self, *, index: Any, body: Any, params: Any = None) -> Any:
        self.calls.append(("delete_by_query", {"index": index, "body": body, "params": params}))
        deleted = 0
        for name in index.split(","):
            docs = self.data.get(self._resolve(name), {})
            for doc_id in [i for i, doc in docs.items() if _matches(doc, body["query"])]:
                del docs[doc_id]
                deleted += 1
        return {"took": 2, "deleted": deleted, "failures": []}

    def mget(self, *, body: Any, index: Any = None, params: Any = None) -> Any:
        self.calls.append(("mget", {"index": index, "body": body, "params": params}))
        target = self._resolve(index)
        docs = self.data.get(target, {})
        return {
            "docs": [
                {"_index": target, "_id": i, "found": True, "_source": docs[i]}
                if i in docs
                else {"_index": target, "_id": i, "found": False}
                for i in body["ids"]
            ]
        }

    def search(self, *, body: Any = None, index: Any = None, params: Any = None) -> Any:
        self.calls.append(("search", {"index": index, "body": body}))
        return self._answer("search", lambda: self._search(index, body))

    def msearch(self, *, body: Any, index: Any = None, params: Any = None) -> Any:
        self.calls.append(("msearch", {"body": body}))

        def compute() -> Any:
            responses = []
            for header, request in zip(body[::2], body[1::2], strict=True):
                if self._resolve(header["index"]) not in self.data:
                    responses.append({"error": {"type": "index_not_found_exception"}, "status": 404})
                else:
                    responses.append(self._search(header["index"], request))
            return {"took": 5, "responses": responses}

        return self._answer("msearch", compute)

    def _search(self, index: str, body: Mapping[str, Any]) -> Any:
        docs = self.data[self._resolve(index)]
        query = body["query"]
        scored: list[tuple[float, str, dict[str, Any]]] = []
        if "script_score" in query:
            params = query["script_score"]["script"]["params"]
            q = np.array(params["query_value"], np.float64)
            for doc_id, doc in docs.items():
                if _matches(doc, query["script_score"]["query"]):
                    v = np.array(doc[params["field"]], np.float64)
                    cosine = float(q @ v / (np.linalg.norm(q) * np.linalg.norm(v)))
                    scored.append((1.0 + cosine, doc_id, doc))
        elif "bool" in query and "should" in query["bool"]:
            with_tokens = [d for d in docs.values() if "tokens" in d]
            avgdl = sum(len(d["tokens"].split()) for d in with_tokens) / len(with_tokens)
            for doc_id, doc in docs.items():
                if not _matches(doc, {"bool": {"filter": query["bool"]["filter"]}}) or "tokens" not in doc:
                    continue
                tokens = doc["tokens"].split()
                score, matched = 0.0, False
                for clause in query["bool"]["should"]:
                    spec = clause["term"]["tokens"]
                    tf = tokens.count(spec["value"])
                    if tf:
                        df = sum(spec["value"] in d["tokens"].split() for d in with_tokens)
                        idf = math.log(1 + (len(with_tokens) - df + 0.5) / (df + 0.5))
                        score += (
                            spec["boost"] * idf * tf / (tf + 1.2 * (1 - 0.75 + 0.75 * len(tokens) / avgdl))
                        )
                        matched = True
                if matched:
                    scored.append((score, doc_id, doc))
        else:
            scored = [(1.0, doc_id, doc) for doc_id, doc in docs.items() if _matches(doc, query)]
        if "aggs" in body:
            composite = body["aggs"]["vocabulary"]["composite"]
            counts: dict[str, int] = {}
            for _, _, doc in scored:
                for term in doc["terms"]:
                    counts[term] = counts.get(term, 0) + 1
            after = composite.get("after", {}).get("term")
            keys = sorted(k for k in counts if after is None or k > after)[: composite["size"]]
            aggregation: dict[str, Any] = {
                "buckets": [{"key": {"term": k}, "doc_count": counts[k]} for k in keys]
            }
            if keys:
                aggregation["after_key"] = {"term": keys[-1]}
            return {
                "hits": {"total": {"value": len(scored), "relation": "eq"}, "hits": []},
                "aggregations": {"vocabulary": aggregation},
            }
        secondary = next((k for s in body.get("sort", []) for k in s if k != "_score"), None)
        scored.sort(key=lambda s: (-s[0], s[2].get(secondary, "") if secondary else s[1]))
        hits = [
            {
                "_index": self._resolve(index),
                "_id": doc_id,
                "_score": score,
                "_source": {k: doc[k] for k in body.get("_source", doc) if k in doc},
                "sort": [score, doc.get(secondary)],
            }
            for score, doc_id, doc in scored[: body["size"]]
        ]
        return {
            "took": 1,
            "timed_out": False,
            "hits": {"total": {"value": len(scored), "relation": "eq"}, "hits": hits},
        }


def _engine(client: FakeOpenSearch, **options: Any) -> OpenSearchEngine:
    return OpenSearchEngine(client, "kb", encoder=UnitEncoder(), generation=lambda: "g2", **options)  # type: ignore[arg-type]


ARTICLE = Article(
    id="a1",
    language="en",
    title="Reset your password",
    answer="Open Settings.",
    questions=("I forgot my password",),
    products=("app",),
    tags=("account",),
)


def test_index_template_body() -> None:
    vector = {
        "type": "knn_vector",
        "dimension": 4,
        "method": {"name": "hnsw", "engine": "lucene", "space_type": "cosinesimil"},
    }
    stored = {"type": "text", "index": False}
    keyword = {"type": "keyword"}
    assert index_template("kb", 4) == {
        "index_patterns": ["kb-*"],
        "priority": 100,
        "template": {
            "settings": {
                "index": {
                    "number_of_shards": 1,
                    "number_of_replicas": 1,
                    "knn": True,
                    "similarity": {"kb_bm25": {"type": "BM25", "k1": 1.2, "b": 0.75}},
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
                    "text": stored,
                    "title": stored,
                    "answer": stored,
                    "questions": stored,
                    "vector": vector,
                    "centroid": vector,
                },
            },
        },
    }


def test_documents_of_an_article() -> None:
    engine = _engine(FakeOpenSearch())
    docs = engine.documents(ARTICLE, UnitEncoder().encode(["", "", ""]), "r1")
    shared = {
        "article_id": "a1",
        "revision": "r1",
        "language": "en",
        "status": "published",
        "audience": "public",
        "products": ["app"],
    }
    unit = [1.0, 0.0, 0.0, 0.0]
    assert docs == [
        (
            "p|a1#0000",
            {
                "kind": "passage",
                **shared,
                "passage_id": "a1#0000",
                "passage_kind": "title",
                "n_passages": 3,
                "text": "Reset your password",
                "vector": unit,
                "tokens": "reset your password",
                "terms": ["password", "reset", "your"],
            },
        ),
        (
            "p|a1#0001",
            {
                "kind": "passage",
                **shared,
                "passage_id": "a1#0001",
                "passage_kind": "question",
                "n_passages": 3,
                "text": "I forgot my password",
                "vector": unit,
                "tokens": "i forgot my password",
                "terms": ["forgot", "i", "my", "password"],
            },
        ),
        (
            "p|a1#0002",
            {
                "kind": "passage",
                **shared,
                "passage_id": "a1#0002",
                "passage_kind": "answer",
                "n_passages": 3,
                "text": "Open Settings.",
                "vector": unit,
                "tokens": "open set",
                "terms": ["open", "set"],
            },
        ),
        (
            "a|a1",
            {
                "kind": "article",
                **shared,
                "title": "Reset your password",
                "answer": "Open Settings.",
                "questions": ["I forgot my password"],
                "tags": ["account"],
                "version": 1,
                "centroid": unit,
            },
        ),
    ]
    assert engine.bulk_body("kb-en", docs[-1:]) == [
        {"index": {"_index": "kb-en", "_id": "a|a1"}},
        docs[-1][1],
    ]


def test_an_article_with_nothing_to_match_is_not_indexed() -> None:
    empty = Article(id="e", language="en", title=" ")
    assert _engine(FakeOpenSearch()).documents(empty, UnitEncoder().encode([]), "r1") == []


def test_search_bodies() -> None:
    engine = _engine(FakeOpenSearch())
    plan = QueryPlan(terms={"password": 0.5, "reset": 1.0}, embed_text="pasword reset")
    query = SearchQuery("pasword reset", product="shop")
    body = engine.search_bodies("en", plan, UnitEncoder().encode(["x"])[0], query)
    filters = [
        {"terms": {"status": ["published"]}},
        {"terms": {"audience": ["public"]}},
        {"term": {"products": "shop"}},
    ]
    by_passage = [{"_score": {"order": "desc"}}, {"passage_id": {"order": "asc"}}]
    script = {
        "source": "knn_score",
        "lang": "knn",
        "params": {"field": "vector", "query_value": [1.0, 0.0, 0.0, 0.0], "space_type": "cosinesimil"},
    }
    assert body == [
        {"index": "kb-en"},
        {
            "size": 200,
            "track_total_hits": False,
            "_source": ["article_id", "n_passages"],
            "sort": by_passage,
            "query": {
                "bool": {
                    "should": [
                        {"term": {"tokens": {"value": "password", "boost": 0.5}}},
                        {"term": {"tokens": {"value": "reset", "boost": 1.0}}},
                    ],
                    "minimum_should_match": 1,
                    "filter": [{"term": {"kind": "passage"}}, *filters],
                }
            },
        },
        {"index": "kb-en"},
        {
            "size": 200,
            "track_total_hits": False,
            "_source": ["article_id", "n_passages"],
            "sort": by_passage,
            "query": {
                "script_score": {
                    "query": {"bool": {"filter": [{"term": {"kind": "passage"}}, *filters]}},
                    "script": script,
                }
            },
        },
        {"index": "kb-en"},
        {
            "size": 200,
            "track_total_hits": False,
            "_source": ["article_id"],
            "sort": [{"_score": {"order": "desc"}}, {"article_id": {"order": "asc"}}],
            "query": {
                "script_score": {
                    "query": {"bool": {"filter": [{"term": {"kind": "article"}}, *filters]}},
                    "script": {**script, "params": {**script["params"], "field": "centroid"}},
                }
            },
        },
    ]


def test_agents_filters_differ_from_the_publics() -> None:
    engine = _engine(FakeOpenSearch())
    plan = QueryPlan(terms={}, embed_text="x")
    body = engine.search_bodies(
        "nl",
        plan,
        UnitEncoder().encode(["x"])[0],
        SearchQuery("x", audience="agents", include_unpublished=True),
    )
    assert len(body) == 4  # no terms: no BM25 request
    assert body[0] == {"index": "kb-nl"}
    assert body[1]["query"]["script_score"]["query"]["bool"]["filter"] == [
        {"term": {"kind": "passage"}},
        {"terms": {"status": ["archived", "draft", "published"]}},
        {"terms": {"audience": ["agents", "public"]}},
    ]


def test_rebuild_creates_new_indices_and_swaps_every_alias_at_once() -> None:
    client = FakeOpenSearch()
    client.data["kb-en-g1"] = {}
    client.aliases["kb-en"] = "kb-en-g1"
    engine = _engine(client)
    engine.rebuild([ARTICLE])
    names = [name for name, _ in client.calls]
    assert names == [
        "indices.put_index_template",
        *["indices.create"] * 4,
        "bulk",
        "indices.refresh",
        "indices.get_alias",
        "indices.update_aliases",
        "indices.delete",
    ]
    assert client.calls[0][1]["name"] == "kb"
    assert [c[1]["index"] for c in client.calls[1:5]] == ["kb-en-g2", "kb-nl-g2", "kb-zh-g2", "kb-ko-g2"]
    assert client.calls[5][1]["body"][0] == {"index": {"_index": "kb-en-g2", "_id": "p|a1#0000"}}
    assert client.calls[6][1] == {"index": "kb-en-g2,kb-nl-g2,kb-zh-g2,kb-ko-g2"}
    assert client.calls[7][1] == {"name": "kb-en,kb-nl,kb-zh,kb-ko"}
    assert client.calls[8][1]["body"] == {
        "actions": [
            {"remove": {"index": "kb-en-g1", "alias": "kb-en"}},
            {"add": {"index": "kb-en-g2", "alias": "kb-en"}},
            {"add": {"index": "kb-nl-g2", "alias": "kb-nl"}},
            {"add": {"index": "kb-zh-g2", "alias": "kb-zh"}},
            {"add": {"index": "kb-ko-g2", "alias": "kb-ko"}},
        ]
    }
    assert client.calls[9][1] == {"index": "kb-en-g1"}
    assert client.aliases == {f"kb-{lang}": f"kb-{lang}-g2" for lang in ("en", "nl", "zh", "ko")}


def test_prepare_puts_the_template_and_says_whether_the_first_index_is_still_to_build() -> None:
    client = FakeOpenSearch()
    engine = _engine(client)
    assert engine.prepare() is True
    assert client.calls[0] == ("indices.put_index_template", {"name": "kb", "body": engine.template_body()})
    engine.rebuild([ARTICLE])
    client.calls.clear()
    assert engine.prepare() is False  # the aliases exist: a deployment leaves the index alone
    assert [name for name, _ in client.calls] == ["indices.put_index_template", "indices.get_alias"]


def test_the_first_rebuild_has_no_old_alias_to_remove() -> None:
    client = FakeOpenSearch()
    _engine(client).rebuild([ARTICLE])
    update = next(c for name, c in client.calls if name == "indices.update_aliases")
    assert all("add" in action for action in update["body"]["actions"])
    assert "indices.delete" not in [name for name, _ in client.calls]


def test_upsert_writes_then_removes_older_revisions_and_delete_removes_everything() -> None:
    client = FakeOpenSearch()
    engine = _engine(client)
    engine.rebuild([ARTICLE])
    client.calls.clear()
    shorter = Article(id="a1", language="en", title="Reset your password", version=2)
    engine.upsert(shorter)
    (bulk, bulk_args), (dbq, dbq_args) = client.calls
    assert (bulk, dbq) == ("bulk", "delete_by_query")
    assert bulk_args["params"] == {"refresh": "wait_for"}
    revision = bulk_args["body"][1]["revision"]
    assert dbq_args == {
        "index": "kb-en,kb-nl,kb-zh,kb-ko",
        "body": {
            "query": {
                "bool": {
                    "filter": [{"term": {"article_id": "a1"}}],
                    "must_not": [{"term": {"revision": revision}}],
                }
            }
        },
        "params": {"refresh": "true", "conflicts": "proceed", "ignore_unavailable": "true"},
    }
    assert sorted(client.data["kb-en-g2"]) == ["a|a1", "p|a1#0000"]  # the old question and answer are gone
    client.calls.clear()
    engine.delete("a1")
    assert client.calls == [
        (
            "delete_by_query",
            {
                "index": "kb-en,kb-nl,kb-zh,kb-ko",
                "body": {"query": {"term": {"article_id": "a1"}}},
                "params": {"refresh": "true", "conflicts": "proceed", "ignore_unavailable": "true"},
            },
        )
    ]
    assert client.data["kb-en-g2"] == {}


def test_search_parses_real_shaped_responses() -> None:
    client = FakeOpenSearch()
    engine = _engine(client)
    doc = {
        "article_id": "a1",
        "language": "en",
        "title": "Reset your password",
        "answer": "Open Settings.",
        "questions": ["I forgot my password"],
        "products": ["app"],
        "tags": [],
        "audience": "public",
        "status": "published",
        "version": 3,
    }
    client.canned["msearch"] = [
        {
            "took": 2,
            "responses": [
                {
                    "hits": {"total": {"value": 3 if lang == "en" else 0, "relation": "eq"}, "hits": []},
                    "status": 200,
                }
                for lang in ("en", "nl", "zh", "ko")
            ],
        },
        {
            "took": 7,
            "responses": [
                {
                    "took": 1,
                    "timed_out": False,
                    "status": 200,
                    "hits": {
                        "hits": [
                            {
                                "_index": "kb-en-g2",
                                "_id": "p|a1#0000",
                                "_score": 2.5,
                                "_source": {"article_id": "a1", "n_passages": 2},
                                "sort": [2.5, "a1#0000"],
                            },
                            {
                                "_index": "kb-en-g2",
                                "_id": "p|b2#0000",
                                "_score": 1.0,
                                "_source": {"article_id": "b2", "n_passages": 1},
                                "sort": [1.0, "b2#0000"],
                            },
                        ]
                    },
                },
                {
                    "took": 3,
                    "timed_out": False,
                    "status": 200,
                    "hits": {
                        "hits": [
                            {
                                "_index": "kb-en-g2",
                                "_id": "p|a1#0000",
                                "_score": 1.9,
                                "_source": {"article_id": "a1", "n_passages": 2},
                            },
                            {
                                "_index": "kb-en-g2",
                                "_id": "p|a1#0001",
                                "_score": 1.7,
                                "_source": {"article_id": "a1", "n_passages": 2},
                            },
                            {
                                "_index": "kb-en-g2",
                                "_id": "p|b2#0000",
                                "_score": 1.2,
                                "_source": {"article_id": "b2", "n_passages": 1},
                            },
                        ]
                    },
                },
                {
                    "took": 1,
                    "timed_out": False,
                    "status": 200,
                    "hits": {
                        "hits": [
                            {
                                "_index": "kb-en-g2",
                                "_id": "a|a1",
                                "_score": 1.8,
                                "_source": {"article_id": "a1"},
                            },
                            {
                                "_index": "kb-en-g2",
                                "_id": "a|b2",
                                "_score": 1.1,
                                "_source": {"article_id": "b2"},
                            },
                        ]
                    },
                },
            ],
        },
    ]
    client.canned["search"] = [
        {
            "hits": {"total": {"value": 3, "relation": "eq"}, "hits": []},
            "aggregations": {
                "vocabulary": {
                    "after_key": {"term": "reset"},
                    "buckets": [
                        {"key": {"term": "password"}, "doc_count": 2},
                        {"key": {"term": "reset"}, "doc_count": 1},
                    ],
                }
            },
        },
        {
            "hits": {"total": {"value": 3, "relation": "eq"}, "hits": []},
            "aggregations": {"vocabulary": {"buckets": []}},
        },
    ]
    client.data["kb-en"] = {"a|a1": {**doc, "kind": "article"}}
    result = engine.search(SearchQuery("reset pasword", size=1))
    # lexical: a1 2.5, b2 1.0/1 -> normalised 1.0 and 0.4; semantic: a1 (0.9 + 0.7) / 2, b2 0.2;
    # centroid: a1 0.8, b2 0.1 -> fused a1 = 0.5 * 0.8 + 0.5 * 0.8 + 0.3 * 1.0
    assert result.confidence == pytest.approx(0.5 * 0.8 + 0.5 * 0.8 + 0.3 * 1.0)
    assert result.total == 2
    (hit,) = result.hits
    assert (hit.article_id, hit.title, hit.language) == ("a1", "Reset your password", "en")
    assert hit.highlights["title"] == ("<em>Reset</em> your <em>password</em>",)
    assert result.corrections == {"pasword": "password"}
    mget = next(c for name, c in client.calls if name == "mget")
    assert mget["index"] == "kb-en" and mget["body"] == {"ids": ["a|a1"]}
    vocabulary_requests = [c["body"] for name, c in client.calls if name == "search"]
    assert vocabulary_requests[1]["aggs"]["vocabulary"]["composite"]["after"] == {"term": "reset"}
    assert vocabulary_requests[0] == {
        "size": 0,
        "track_total_hits": True,
        # A public search corrects only towards what the public may read.
        "query": {
            "bool": {
                "filter": [
                    {"term": {"kind": "passage"}},
                    {"exists": {"field": "terms"}},
                    {"terms": {"status": ["published"]}},
                    {"terms": {"audience": ["public"]}},
                ]
            }
        },
        "aggs": {
            "vocabulary": {"composite": {"size": 10000, "sources": [{"term": {"terms": {"field": "terms"}}}]}}
        },
    }


def test_vocabulary_and_languages_are_cached_until_they_expire() -> None:
    client = FakeOpenSearch()
    now = [0.0]
    engine = OpenSearchEngine(
        client,
        "kb",
        encoder=UnitEncoder(),
        generation=lambda: "g1",
        clock=lambda: now[0],  # type: ignore[arg-type]
        cache_seconds=300,
    )
    engine.rebuild([ARTICLE])
    client.calls.clear()
    assert engine.languages() == frozenset({"en"})
    assert engine.vocabulary("en").df("password") == 2
    engine.languages(), engine.vocabulary("en")
    assert [name for name, _ in client.calls] == ["msearch", "search", "search"]
    now[0] = 301.0
    engine.languages()
    assert [name for name, _ in client.calls][-1] == "msearch" and len(client.calls) == 4


def test_errors_are_raised() -> None:
    client = FakeOpenSearch()
    engine = _engine(client)
    client.canned["bulk"] = [
        {
            "errors": True,
            "items": [
                {"index": {"_id": "x", "status": 201}},
                {"index": {"_id": "y", "status": 400, "error": {"type": "mapper_parsing_exception"}}},
            ],
        }
    ]
    with pytest.raises(OpenSearchError, match="mapper_parsing_exception"):
        engine.rebuild([ARTICLE])
    with pytest.raises(OpenSearchError, match="search_phase_execution_exception"):
        OpenSearchEngine.parse_search(
            {"responses": [{"error": {"type": "search_phase_execution_exception"}}]}, False
        )
    assert engine.current_indices() == {}  # no alias yet: a 404, not an error


@pytest.fixture(scope="module")
def kb() -> EmbeddedEngine:
    engine = EmbeddedEngine()
    engine.rebuild(ARTICLES)
    return engine


PARITY_QUERIES = [
    SearchQuery("I forgot my password", size=20),
    SearchQuery("pasword resett", language="en", size=20),
    SearchQuery("phone", language="en", product="mobile"),
    SearchQuery("how do I escalate a refund complaint", audience="agents", size=20),
    SearchQuery("premium plan", audience="agents", include_unpublished=True, size=20),
    SearchQuery("wanneer komt mijn pakket", size=20),
    SearchQuery("密码忘了怎么办", size=20),
    SearchQuery("비밀번호를 잊었어요", size=20),
]


def _assert_same(embedded: EmbeddedEngine, production: OpenSearchEngine, tolerance: float) -> None:
    for query in PARITY_QUERIES:
        expected, actual = embedded.search(query), production.search(query)
        assert [h.article_id for h in actual.hits] == [h.article_id for h in expected.hits], query.text
        assert [h.score for h in actual.hits] == pytest.approx(
            [h.score for h in expected.hits], abs=tolerance
        )
        assert [h.highlights for h in actual.hits] == [h.highlights for h in expected.hits]
        assert (actual.language, actual.corrections, actual.total) == (
            expected.language,
            expected.corrections,
            expected.total,
        )


def test_the_request_bodies_rank_as_the_embedded_engine(kb: EmbeddedEngine) -> None:
    production = OpenSearchEngine(FakeOpenSearch(), "kb", encoder=kb.encoder)  # type: ignore[arg-type]
    production.rebuild(ARTICLES)
    _assert_same(kb, production, tolerance=1e-5)


@pytest.mark.skipif(
    not os.environ.get("OPENSEARCH_URL"),
    reason="needs a real cluster: set OPENSEARCH_URL (and OPENSEARCH_REGION for SigV4) to run it",
)
def test_a_real_cluster_ranks_as_the_embedded_engine(kb: EmbeddedEngine) -> None:
    client = connect(os.environ["OPENSEARCH_URL"], region=os.environ.get("OPENSEARCH_REGION"), timeout=30)
    alias = f"kbtest-{uuid.uuid4().hex[:8]}"
    production = OpenSearchEngine(client, alias, encoder=kb.encoder, replicas=0)
    try:
        production.rebuild(ARTICLES)
        _assert_same(kb, production, tolerance=1e-4)
    finally:
        indices = [i for found in production.current_indices().values() for i in found]
        if indices:
            client.indices.delete(index=",".join(indices))
        client.indices.delete_index_template(name=alias)  # type: ignore[attr-defined]
