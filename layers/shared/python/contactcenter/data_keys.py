"""Per-subject data keys, and sealing personal data under them: what makes data erasable
in places that are never rewritten.

The audit log is append-only (no function may update or delete a record), and an idempotent
request's stored answer lives until its record expires; yet a customer's erasure must leave
none of their personal data readable in either. So the personal part is sealed (AES-256-GCM)
under a key of the customer's own; erasure deletes that key, and everything sealed under it
becomes unreadable at once while the records themselves stay as written. This is
crypto-shredding.

Keys live in the ``data_keys`` table, one item per subject under a digest of the subject's
name (the table names nobody). The table is encrypted with the product's KMS key like every
other; wrapping each key with KMS as well would cost a KMS call per audited write and add no
protection against what erasure is for. A deleted key survives only in the table's
point-in-time recovery window (35 days), after which it is gone from AWS too.

The sealed text is base64 of nonce (12 bytes) and ciphertext with its tag; the caller's
``associated`` text (where the sealed part is stored) is authenticated with it, so a sealed
part cannot be moved to another record unnoticed.
"""

import base64
import hashlib
import json
import os
import secrets
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from pynamodb.attributes import UnicodeAttribute
from pynamodb.exceptions import DeleteError, PutError

from contactcenter import clock
from contactcenter.constants import TABLE_DATA_KEYS
from contactcenter.storage import TableModel

KEY_BYTES = 32  # AES-256
_NONCE_BYTES = 12


class DataKey(TableModel):
    """data_keys: one key per subject -> GetItem/PutItem subject; erasure DeleteItems it."""

    class Meta:
        table_name = TABLE_DATA_KEYS

    subject = UnicodeAttribute(hash_key=True)  # a digest of "customer#<id>"
    key = UnicodeAttribute()  # hex
    created_at = UnicodeAttribute()


def customer_subject(customer_id: str) -> str:
    return f"customer#{customer_id}"


def _digest(subject: str) -> str:
    return hashlib.sha256(subject.encode()).hexdigest()


def find_key(subject: str) -> bytes | None:
    """The subject's key, or None when there is none (never made, or erased)."""
    try:
        item = DataKey.get(_digest(subject), consistent_read=True)
    except DataKey.DoesNotExist:
        return None
    return bytes.fromhex(item.key)


def key_for(subject: str) -> bytes:
    """The subject's key, made on first use. Two writers making it at once agree: the first
    put wins (conditionally) and the other reads the winner's key."""
    found = find_key(subject)
    if found is not None:
        return found
    made = DataKey(_digest(subject), key=secrets.token_hex(KEY_BYTES), created_at=clock.iso(clock.now()))
    try:
        made.save(condition=DataKey.subject.does_not_exist())
    except PutError:
        winner = find_key(subject)
        if winner is None:
            raise
        return winner
    return bytes.fromhex(made.key)


def destroy_key(subject: str) -> bool:
    """Erase the subject's key (True if there was one): what it sealed can never be read again."""
    try:
        DataKey(_digest(subject)).delete(condition=DataKey.subject.exists())
    except DeleteError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def seal(subject: str, associated: str, content: dict[str, Any]) -> str:
    nonce = os.urandom(_NONCE_BYTES)
    plain = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str).encode()
    sealed = AESGCM(key_for(subject)).encrypt(nonce, plain, associated.encode())
    return base64.b64encode(nonce + sealed).decode("ascii")


def unseal(subject: str, associated: str, sealed: str) -> dict[str, Any] | None:
    """The sealed content, or None once the key that sealed it is erased.

    After an erasure, a new change about the subject (a workflow still running, an agent's edit)
    makes the subject a new key; what the destroyed key sealed does not open with it. AES-GCM's
    tag tells the two apart, so the old parts read as erased rather than failing. (A sealed
    text altered in the table reads so too; the audit chain's digests are what show that.)
    """
    key = find_key(subject)
    if key is None:
        return None
    raw = base64.b64decode(sealed)
    try:
        plain = AESGCM(key).decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], associated.encode())
    except InvalidTag:
        return None
    content: dict[str, Any] = json.loads(plain)
    return content
