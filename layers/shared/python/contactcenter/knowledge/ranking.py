"""Fusing the three retrievers into one article ranking: the same code for both engines.

Each engine retrieves, for one query and over the articles the caller may see:
  lexical   the top `top_n` passages by BM25 (passages = an article's title, its alternative
            questions and its answer paragraphs);
  semantic  the top `top_n` passages by cosine similarity of their embedding to the query's;
  centroid  the top `top_n_articles` articles by cosine similarity to the article centroid (the
            normalised mean of its passage embeddings).
and hands the hits to `fuse`, which scores each article:
  lexical(a)  = sum of a's best k_lexical passage scores / min(k_lexical, passages of a),
                divided by the best article's value (so it lies in [0, 1])
  semantic(a) = sum of a's best k_semantic cosines / min(k_semantic, passages of a)
  fused(a)    = w_semantic * ((1 - centroid_mix) * semantic(a) + centroid_mix * centroid(a))
                + w_lexical * lexical(a)
An article missing from a retriever's hits scores 0 there. Several strong passages make an article
more certain than one lucky match (that is what the top-k sum is for); dividing by min(k, n) keeps
articles with few passages comparable with those with many. The weights and k were chosen on the
validation set (see docs/knowledge-search.md).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RankingConfig:
    top_n: int = 200
    top_n_articles: int = 200
    k_lexical: int = 5
    k_semantic: int = 5
    centroid_mix: float = 0.5
    w_semantic: float = 1.0
    w_lexical: float = 0.3


DEFAULT_RANKING = RankingConfig()


@dataclass(frozen=True, slots=True)
class PassageHit:
    article_id: str
    score: float


def aggregate(hits: Iterable[PassageHit], passage_counts: Mapping[str, int], k: int) -> dict[str, float]:
    """Per article: the sum of its best k hits (hits arrive best first) over min(k, its passages)."""
    sums: dict[str, float] = {}
    taken: dict[str, int] = {}
    for hit in hits:
        n = taken.get(hit.article_id, 0)
        if n < k:
            sums[hit.article_id] = sums.get(hit.article_id, 0.0) + hit.score
            taken[hit.article_id] = n + 1
    return {a: s / max(1, min(k, passage_counts.get(a, k))) for a, s in sums.items()}


def fuse(
    lexical: Sequence[PassageHit],
    semantic: Sequence[PassageHit],
    centroids: Mapping[str, float],
    passage_counts: Mapping[str, int],
    config: RankingConfig = DEFAULT_RANKING,
) -> list[tuple[str, float]]:
    """Articles with their fused score, best first (ties broken by article id, so both engines
    order equal scores alike)."""
    lex = aggregate(lexical, passage_counts, config.k_lexical)
    best = max(lex.values(), default=0.0)
    sem = aggregate(semantic, passage_counts, config.k_semantic)
    fused: dict[str, float] = {}
    mix = config.centroid_mix
    for article_id in {*lex, *sem, *centroids}:
        embedding = (1 - mix) * sem.get(article_id, 0.0) + mix * centroids.get(article_id, 0.0)
        lexical_part = lex.get(article_id, 0.0) / best if best > 0 else 0.0
        fused[article_id] = config.w_semantic * embedding + config.w_lexical * lexical_part
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))
