"""The languages the contact center serves, and picking a text in one of them."""

from typing import Literal, TypeVar, get_args

Language = Literal["en", "nl", "zh", "ko"]
LANGUAGES: tuple[str, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "en"

T = TypeVar("T")


def pick(texts: tuple[T, T, T, T], language: str) -> T:
    """The text of ``language`` from one per language in LANGUAGES' order (en, nl, zh, ko);
    the default language's for any other, as a stored language may be older than this list."""
    return texts[LANGUAGES.index(language if language in LANGUAGES else DEFAULT_LANGUAGE)]


def preferred(requested: str | None, accept_language: str | None) -> str:
    """The language asked for (a parameter), else the first served in ``Accept-Language``."""
    for tag in [requested or "", *(part.split(";")[0] for part in (accept_language or "").split(","))]:
        language = tag.strip().lower()[:2]
        if language in LANGUAGES:
            return language
    return DEFAULT_LANGUAGE
