"""PINs are kept only as salted argon2id hashes (argon2-cffi), never in clear.

A PIN is short, so the hash alone cannot protect it; the per-account failure counter and
lockout (ivr/service.py) are what stop guessing. The cost parameters are OWASP's minimum for
argon2id (19 MiB, 2 passes), which verifies in a few tens of milliseconds in Lambda.
"""

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argon2 import PasswordHasher

# [0-9], not \d: \d also matches full-width and other Unicode digits, which a keypad never sends.
PIN_PATTERN = re.compile(r"^[0-9]{4,8}$")


@cache
def _hasher() -> "PasswordHasher":
    # argon2-cffi (and its cffi bindings) load on the first PIN hashed or verified, not with
    # every function that imports the IVR or customer modules: an account lookup needs neither.
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)


def hash_pin(pin: str) -> str:
    if not PIN_PATTERN.match(pin):
        raise ValueError("a PIN is 4 to 8 digits")
    return _hasher().hash(pin)


def pin_matches(pin_hash: str, pin: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False
