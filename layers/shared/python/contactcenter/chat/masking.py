"""Personal data out of the conversation log: e-mail addresses, phone numbers and other long
digit runs (account numbers, PINs, card numbers) are masked before a turn is written."""

import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d\s().-]{6,}\d")
_DIGITS = re.compile(r"\d{4,}")


def mask(text: str) -> str:
    text = _EMAIL.sub("[email]", text)
    text = _PHONE.sub("[phone]", text)
    return _DIGITS.sub("[number]", text)
