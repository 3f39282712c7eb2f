"""The indexed terms of one language with their document frequencies, and spelling suggestions.

Both engines answer misspelled words and long queries the same way because both decisions are
taken here, in Python, against this vocabulary: the embedded engine builds it from its own index,
the OpenSearch adapter from a terms aggregation over the same tokens (cached for a few minutes).
"""

import math
from collections import defaultdict
from collections.abc import Mapping

from contactcenter.knowledge.analysis import is_cjk, phonetic_code

# Words shorter than this are not corrected: "tv" -> "to" helps nobody.
MIN_CORRECTABLE_CHARS = 4


def idf(doc_count: int, doc_freq: int) -> float:
    """BM25's idf, as Lucene computes it (here so that this module needs no numpy)."""
    return math.log(1 + (doc_count - doc_freq + 0.5) / (doc_freq + 0.5))


def max_edits(term: str) -> int:
    """Edits allowed for a misspelling, as OpenSearch's fuzziness AUTO: 1 up to 7 characters, then 2."""
    return 1 if len(term) <= 7 else 2


def _damerau_levenshtein(a: str, b: str) -> int:
    import jellyfish

    return jellyfish.damerau_levenshtein_distance(a, b)


class Vocabulary:
    """Terms of the passages of one language (all statuses, as BM25's statistics are)."""

    def __init__(self, doc_freqs: Mapping[str, int], doc_count: int) -> None:
        self.doc_freqs = dict(doc_freqs)
        self.doc_count = doc_count
        self._by_length: dict[int, list[str]] | None = None
        self._by_code: dict[str, list[str]] | None = None

    def __contains__(self, term: object) -> bool:
        return term in self.doc_freqs

    def __len__(self) -> int:
        return len(self.doc_freqs)

    def df(self, term: str) -> int:
        return self.doc_freqs.get(term, 0)

    def idf(self, term: str) -> float:
        """BM25's idf of an indexed term; 0 for a term that is not indexed (it cannot match)."""
        df = self.doc_freqs.get(term, 0)
        return idf(self.doc_count, df) if df else 0.0

    def _indexes(self) -> tuple[dict[int, list[str]], dict[str, list[str]]]:
        # Built on the first misspelling only: most queries never need them.
        if self._by_length is None or self._by_code is None:
            by_length: dict[int, list[str]] = defaultdict(list)
            by_code: dict[str, list[str]] = defaultdict(list)
            for term in self.doc_freqs:
                if is_cjk(term):
                    continue
                by_length[len(term)].append(term)
                code = phonetic_code(term)
                if code:
                    by_code[code].append(term)
            self._by_length, self._by_code = dict(by_length), dict(by_code)
        return self._by_length, self._by_code

    def suggest(self, term: str) -> str | None:
        """The indexed term a misspelled (not indexed) term most likely meant, or None.

        Candidates: terms within `max_edits` Damerau-Levenshtein edits that start with the same
        letter (typos rarely hit the first letter), and terms that sound the same (same Metaphone
        code, at most one edit more: "fone" -> "phone", "Katherine" -> "Catherine"). The closest
        wins, then the most frequent, then the alphabetically first (deterministic).
        """
        if term in self.doc_freqs or len(term) < MIN_CORRECTABLE_CHARS or not term.isalpha() or is_cjk(term):
            return None
        by_length, by_code = self._indexes()
        limit = max_edits(term)
        best: tuple[int, int, str] | None = None
        for length in range(len(term) - limit, len(term) + limit + 1):
            for candidate in by_length.get(length, ()):
                if candidate[0] != term[0]:
                    continue
                distance = _damerau_levenshtein(term, candidate)
                if distance <= limit:
                    key = (distance, -self.doc_freqs[candidate], candidate)
                    best = key if best is None or key < best else best
        code = phonetic_code(term)
        for candidate in by_code.get(code, ()) if code else ():
            distance = _damerau_levenshtein(term, candidate)
            if distance <= limit + 1:
                key = (distance, -self.doc_freqs[candidate], candidate)
                best = key if best is None or key < best else best
        return best[2] if best else None
