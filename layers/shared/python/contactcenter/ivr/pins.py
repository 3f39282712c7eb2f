"""PINs are kept only as salted argon2id hashes (argon2-cffi), never in clear.

A PIN is short, so the hash alone cannot protect it; the per-account failure counter and
lockout (ivr/service.py) are what stop guessing. The cost parameters are OWASP's minimum for
argon2id (19 MiB, 2 passes), which verifies in a few tens of milliseconds in Lambda.
"""

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# [0-9], not \d: \d also matches full-width and other Unicode digits, which a keypad never sends.
PIN_PATTERN = re.compile(r"^[0-9]{4,8}$")
_hasher = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)


def hash_pin(pin: str) -> str:
    if not PIN_PATTERN.match(pin):
        raise ValueError("a PIN is 4 to 8 digits")
    return _hasher.hash(pin)


def pin_matches(pin_hash: str, pin: str) -> bool:
    try:
        return _hasher.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False
