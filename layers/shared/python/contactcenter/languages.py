"""The languages the contact center serves."""

from typing import Literal, get_args

Language = Literal["en", "nl", "zh", "ko"]
LANGUAGES: tuple[str, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "en"


def preferred(requested: str | None, accept_language: str | None) -> str:
    """The language asked for (a parameter), else the first served in ``Accept-Language``."""
    for tag in [requested or "", *(part.split(";")[0] for part in (accept_language or "").split(","))]:
        language = tag.strip().lower()[:2]
        if language in LANGUAGES:
            return language
    return DEFAULT_LANGUAGE
