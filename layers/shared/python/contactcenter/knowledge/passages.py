"""What of an article is matched against a query: its passages.

One passage per alternative question, one for the title and one per answer chunk. Matching the
customer's question against each phrasing separately (not against one long concatenation) is what
made the prototype accurate: a question matches the phrasing closest to it, and the article's score
sums its best few phrasings (ranking.py).
"""

import re
from dataclasses import dataclass
from typing import Literal

from contactcenter.knowledge.models import Article

PassageKind = Literal["title", "question", "answer"]

# An answer is cut into chunks of about this many words at paragraph or sentence ends, so a long
# answer neither dominates BM25's length normalisation nor blurs into one embedding.
ANSWER_CHUNK_WORDS = 80

_PARAGRAPHS = re.compile(r"\n\s*\n")
_SENTENCES = re.compile(r"(?<=[.!?\u3002\uff01\uff1f])\s+")


@dataclass(frozen=True, slots=True)
class Passage:
    kind: PassageKind
    text: str


def passages(article: Article) -> list[Passage]:
    out = [Passage("title", article.title)] if article.title.strip() else []
    out.extend(Passage("question", q) for q in article.questions if q.strip())
    out.extend(Passage("answer", chunk) for chunk in answer_chunks(article.answer))
    return out


def answer_chunks(answer: str) -> list[str]:
    chunks: list[str] = []
    for paragraph in _PARAGRAPHS.split(answer):
        current: list[str] = []
        words = 0
        for sentence in _SENTENCES.split(paragraph.strip()):
            n = len(sentence.split()) or 1  # a Chinese sentence has no spaces; count it as one
            if current and words + n > ANSWER_CHUNK_WORDS:
                chunks.append(" ".join(current))
                current, words = [], 0
            current.append(sentence)
            words += n
        if current and " ".join(current).strip():
            chunks.append(" ".join(current))
    return chunks
