"""Text analysis, done in Python so that both engines index and query exactly the same tokens.

The embedded engine scores these tokens itself; OpenSearch receives them joined by spaces in a
`text` field whose analyzer is only a whitespace tokenizer (see opensearch.py). Doing the
language work here, not in OpenSearch analyzers, is what makes the two engines rank alike, and it
means the cluster needs no analysis plugins (smartcn, nori, phonetic).

Pipeline (every language):
  1. Split the original text into runs, keeping character offsets (for highlighting):
     Han / Hiragana / Katakana / Hangul runs, and runs of other letters and digits
     (inner apostrophes kept: "don't", "customer's").
  2. CJK runs -> overlapping character bigrams (a one-character run -> that unigram), the same as
     Lucene's CJKBigramFilter. Chinese has no spaces and Korean attaches particles to nouns
     ("비밀번호를" = password + object particle); bigrams match across both without a
     dictionary-based segmenter (which would cost tens of MB of dictionary in the Lambda layer).
  3. Other words -> NFKC, casefold, English possessive "'s" dropped (English only), apostrophes
     dropped, ASCII folding (é -> e), Snowball stemmer of the language: English, Dutch (PyStemmer);
     Latin-script words inside Chinese or Korean text (product names) use the English stemmer.
No stop words are removed from the indexed tokens: on the validation set removing them lowered
top-1 accuracy (short questions such as "what is my balance" lose meaning); BM25's idf already
gives them little weight. Stop words are still used to pick key terms and to skip highlights.
"""

import re
import threading
import unicodedata
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from contactcenter.knowledge.language_id import latin_language
from contactcenter.languages import DEFAULT_LANGUAGE, LANGUAGES

SUPPORTED_LANGUAGES: tuple[str, ...] = LANGUAGES

# Lucene's whitespace tokenizer splits tokens longer than 255 characters; capping ours well below
# keeps both engines' terms identical (nobody searches for a 64-letter word).
MAX_TOKEN_CHARS = 64

# Dutch: Snowball's original Dutch (Porter) algorithm, the one Lucene's DutchAnalyzer has used.
# Snowball 3's newer "dutch" stems plural and singular apart ("woorden" -> "woor", "woord" ->
# "woord"), which is exactly what a search must not do.
_STEMMER_NAME = {"en": "english", "nl": "dutch_porter", "zh": "english", "ko": "english"}


def _words(text: str) -> frozenset[str]:
    """A word list written as one string (kept readable; a formatter would put a list literal's
    strings one per line)."""
    return frozenset(text.split())


_CJK = (
    r"\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\uffa0-\uffdc"  # Hangul jamo, compatibility jamo, syllables
    r"\u3040-\u309f\u30a0-\u30ff\uff66-\uff9f"  # Hiragana, Katakana (incl. half-width)
    r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han
)
_RUN_RE = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+(?:['\u2019][^\W_{_CJK}]+)*")
_CJK_RE = re.compile(rf"[{_CJK}]")
_HANGUL_RE = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\uffa0-\uffdc]")
_KANA_RE = re.compile(r"[\u3040-\u309f\u30a0-\u30ff\uff66-\uff9f]")
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Lucene's EnglishAnalyzer stop set plus pronouns and auxiliaries common in support questions.
_EN_STOP = _words(
    "a an and are as at be but by for if in into is it no not of on or such that the their then "
    "there these they this to was will with i me my you your we our us he she him her his its do "
    "does did can could would should have has had am been being what which who whom how when "
    "where why please hi hello thanks thank regards dear"
)
# Snowball's Dutch stop list (Lucene DutchAnalyzer's default) plus greetings.
_NL_STOP = _words(
    "de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om "
    "hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar "
    "naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al "
    "waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd "
    "altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest "
    "andere hallo beste groet groeten bedankt dank alstublieft graag"
)
STOP_WORDS: dict[str, frozenset[str]] = {"en": _EN_STOP, "nl": _NL_STOP, "zh": _EN_STOP, "ko": _EN_STOP}


@dataclass(frozen=True, slots=True)
class Token:
    """An analysed term and the span [start, end) of the original text it came from."""

    term: str
    start: int
    end: int


def _ascii_fold(word: str) -> str:
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def is_cjk(term: str) -> bool:
    return bool(term) and _CJK_RE.match(term) is not None


class Analyzer:
    """The analysis of one language. Thread-safe: PyStemmer objects are not, so each thread gets
    its own (the embedded engine searches while a rebuild analyses on another thread)."""

    def __init__(self, language: str) -> None:
        if language not in SUPPORTED_LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        self.language = language
        self.stop_words = STOP_WORDS[language]
        self._local = threading.local()

    def _stemmer(self) -> Any:
        stemmer = getattr(self._local, "stemmer", None)
        if stemmer is None:
            import Stemmer  # type: ignore[import-not-found,unused-ignore]  # PyStemmer ships no types

            stemmer = Stemmer.Stemmer(_STEMMER_NAME[self.language])
            self._local.stemmer = stemmer
        return stemmer

    def analyze(self, text: str) -> list[Token]:
        """Tokens with their offsets in `text`."""
        return list(self._analyze(text))

    def tokens(self, text: str) -> list[str]:
        """The terms that are indexed and searched."""
        return [token.term for token in self._analyze(text)]

    def _analyze(self, text: str) -> Iterator[Token]:
        stem = self._stemmer().stemWord
        for match in _RUN_RE.finditer(text):
            run, start = match.group(), match.start()
            if _CJK_RE.match(run):
                yield from _cjk_bigrams(run, start)
                continue
            word = self.normalize_word(run)
            if word:
                yield Token(stem(word), start, match.end())

    def normalize_word(self, word: str) -> str:
        """A non-CJK word before stemming: what stop lists and phonetic codes are compared on."""
        word = unicodedata.normalize("NFKC", word).casefold().replace("\u2019", "'")
        if self.language == "en" and word.endswith("'s"):
            word = word[:-2]
        return _ascii_fold(word.replace("'", ""))[:MAX_TOKEN_CHARS]

    def is_stop_word(self, surface: str) -> bool:
        return self.normalize_word(surface) in self.stop_words


def _cjk_bigrams(run: str, start: int) -> Iterator[Token]:
    normalized = unicodedata.normalize("NFKC", run)
    # NFKC keeps the length of CJK text except for rare compatibility forms; where it does not,
    # every token is given the span of the whole run (highlighting is then coarser, never wrong).
    exact = len(normalized) == len(run)
    end = start + len(run)
    if len(normalized) == 1:
        yield Token(normalized, start, end)
        return
    for i in range(len(normalized) - 1):
        if exact:
            yield Token(normalized[i : i + 2], start + i, start + i + 2)
        else:
            yield Token(normalized[i : i + 2], start, end)


@cache
def analyzer(language: str) -> Analyzer:
    """The process-wide analyzer of a language."""
    return Analyzer(language)


def phonetic_code(term: str) -> str | None:
    """Metaphone code of an ASCII alphabetic term ("phone" and "fone" -> "FN"), None for others.

    Metaphone is built for English; for Dutch it still groups the usual spelling variants of names
    (Jansen/Janssen, Smit/Smid) but is not a Dutch phonetic algorithm.
    """
    if len(term) < 2 or not term.isascii() or not term.isalpha():
        return None
    import jellyfish

    return jellyfish.metaphone(term) or None


@dataclass(frozen=True, slots=True)
class LanguageChoice:
    """The language a query is analysed as; `fallback` when that is not the query's own language."""

    language: str
    fallback: bool
    detected: str | None


def detect_language(text: str) -> str | None:
    """Best guess of the text's language: one of SUPPORTED_LANGUAGES, another ISO code or "und"
    when it is a language we do not support, None when the text gives no clue (numbers, names).
    Script first (Hangul -> ko, kana -> ja, Han -> zh: CJK text often carries Latin product names,
    Latin text almost never carries CJK), then a language-identification model for Latin-script
    text (``language_id``)."""
    if _HANGUL_RE.search(text):
        return "ko"
    if _KANA_RE.search(text):
        return "ja"
    if _HAN_RE.search(text):
        return "zh"
    latin = other = 0
    for char in text:
        if char.isalpha():
            if char.isascii() or "LATIN" in unicodedata.name(char, ""):
                latin += 1
            else:
                other += 1
    if other > latin:
        return "und"
    if not latin:
        return None  # digits and signs only
    return latin_language(text)


def resolve_language(
    requested: str | None,
    text: str,
    available: Collection[str] | None = None,
    default: str = DEFAULT_LANGUAGE,
) -> LanguageChoice:
    """The language to analyse a query as.

    `requested` (a caller's language tag such as "nl" or "en-GB") wins when the knowledge base
    has articles in it; None means detect. `available` is the set of languages that have
    articles (None: all supported). A language we do not support, or one without articles, falls
    back to `default` and says so; text that gives no clue uses the default without a fallback.
    """
    languages = set(available) if available is not None else set(SUPPORTED_LANGUAGES)
    if default not in languages and languages:
        default = sorted(languages)[0]
    if requested is not None:
        code = requested.strip().lower().replace("_", "-").split("-")[0]
        if code in SUPPORTED_LANGUAGES and code in languages:
            return LanguageChoice(code, fallback=False, detected=None)
        return LanguageChoice(default, fallback=True, detected=None)
    detected = detect_language(text)
    if detected is None:
        return LanguageChoice(default, fallback=False, detected=None)
    if detected in SUPPORTED_LANGUAGES and detected in languages:
        return LanguageChoice(detected, fallback=False, detected=detected)
    return LanguageChoice(default, fallback=True, detected=detected)
