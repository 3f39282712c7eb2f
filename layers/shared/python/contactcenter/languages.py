"""The languages the contact center serves."""

from typing import Literal, get_args

Language = Literal["en", "nl", "zh", "ko"]
LANGUAGES: tuple[str, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "en"
