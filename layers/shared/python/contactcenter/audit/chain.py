"""The audit log's hash chain: each record's digest covers its content and the digest of the
record before it on the same entity, so a record altered, removed from within the chain or
slipped in later shows when the chain is verified.

What a digest covers is what is stored (the sealed text, not what it seals): destroying a
customer's data key at erasure leaves every digest as it was, so the chain still verifies
after erasure. Two writers auditing the same entity at the same moment may both link to the
same previous record (the chain forks there); a fork is legitimate and verification accepts
it, a link to a digest the entity never had is not. The last record of an entity can be
removed unnoticed by the chain alone; CloudTrail's data events on the audit table (every
PutItem, and that no DeleteItem is ever granted) cover that end.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from contactcenter.audit.models import AuditRecord


def digest(record: AuditRecord) -> str:
    content = {
        "entity": record.entity,
        "event_id": record.event_id,
        "actor": record.actor,
        "action": record.action,
        "at": record.at.isoformat(),
        "before": record.before,
        "after": record.after,
        "subject": record.subject,
        "sealed": record.sealed,
        "request_id": record.request_id,
        "previous": record.previous,
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def latest_digest(entity: str) -> str | None:
    """The digest of the entity's newest record (None: the entity has none yet)."""
    for record in AuditRecord.query(entity, scan_index_forward=False, limit=1, consistent_read=True):
        return record.digest
    return None


@dataclass(frozen=True)
class Broken:
    entity: str
    event_id: str
    reason: str


def verify(records: Iterable[AuditRecord]) -> list[Broken]:
    """What breaks the chains of these records (all of each entity's records, any order):
    an empty list when every chain holds."""
    by_entity: dict[str, list[AuditRecord]] = {}
    for record in records:
        by_entity.setdefault(record.entity, []).append(record)
    broken: list[Broken] = []
    for entity, chain in by_entity.items():
        chain.sort(key=lambda r: r.event_id)
        seen: set[str] = set()
        linked = False  # concurrent first records may all start the chain; a later one may not
        for record in chain:
            if record.digest is None:
                if seen:  # an unchained record after the chain began: not written by this code
                    broken.append(Broken(entity, record.event_id, "no digest"))
                continue
            if digest(record) != record.digest:
                broken.append(Broken(entity, record.event_id, "content does not match its digest"))
            if record.previous is None:
                if linked:
                    broken.append(Broken(entity, record.event_id, "a second start of the chain"))
            elif record.previous not in seen:
                broken.append(Broken(entity, record.event_id, "links to a record the entity does not have"))
            else:
                linked = True
            seen.add(record.digest)
    return broken
