"""Audit records: who did what, when, to which record, with the record before and after."""

from typing import Any

from contactcenter import clock, ids
from contactcenter.audit.models import AuditRecord
from contactcenter.auth import Caller


def audit_record(
    entity: str, action: str, caller: Caller, *, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> AuditRecord:
    """A record for the transaction that makes the change (written with it, or not at all)."""
    return AuditRecord(
        entity=entity,
        event_id=ids.event_id(),
        actor=caller.actor,
        action=action,
        at=clock.now(),
        before=before,
        after=after,
        request_id=caller.request_id,
    )


def never_overwrite() -> Any:
    """The condition every audit put carries: a record is written once, never replaced."""
    return AuditRecord.entity.does_not_exist()
