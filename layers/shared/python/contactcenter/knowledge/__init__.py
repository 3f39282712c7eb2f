"""Knowledge search: articles, multilingual search (BM25 + sentence embeddings), the bot's
answer-or-hand-over decision.

Modules, from the bottom up:
  models       Article, SearchQuery, Hit, SearchResult, Decision
  analysis     tokenising, stemming (en, nl), CJK bigrams (zh, ko), language detection, phonetics
  vocabulary   indexed terms with document frequencies; spelling suggestions
  planning     a query's weighted terms: corrections, long queries reduced to key terms
  bm25         Lucene-exact BM25 (the embedded engine's; OpenSearch computes the same)
  embeddings   the sentence encoder (USE multilingual, pure numpy), loaded once per process
  passages     what of an article is matched: title, alternative questions, answer chunks
  ranking      fusing BM25, passage and centroid cosines into one article ranking
  visibility   who may see which article
  highlight    highlighted fragments from the article text
  engine       the SearchEngine protocol and the steps both engines share
  embedded     the in-process engine (local cloud, CLI, tests) and its process-wide registry
  opensearch   the Amazon OpenSearch engine (request bodies, index template, alias swap)
  decision     answer or hand over, with the tuned threshold
  batch        `contactcenter kb search --batch`

Only the light modules are imported here: numpy, the encoder and opensearch-py load when the
engines that need them are imported, which keeps other functions' cold starts unchanged.
"""

from contactcenter.knowledge.decision import DEFAULT_POLICY, DecisionPolicy, decide
from contactcenter.knowledge.engine import SearchEngine
from contactcenter.knowledge.models import Article, Decision, Hit, SearchQuery, SearchResult

__all__ = [
    "DEFAULT_POLICY",
    "Article",
    "Decision",
    "DecisionPolicy",
    "Hit",
    "SearchEngine",
    "SearchQuery",
    "SearchResult",
    "decide",
]
