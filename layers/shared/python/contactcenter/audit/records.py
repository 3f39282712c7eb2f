"""Audit records: who did what, when, to which record, with the record before and after."""

from typing import Any

from contactcenter import clock, data_keys, ids
from contactcenter.audit import chain
from contactcenter.audit.models import AuditRecord
from contactcenter.auth import Caller


def audit_record(
    entity: str,
    action: str,
    caller: Caller,
    *,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    customer_id: str | None = None,
) -> AuditRecord:
    """A record for the transaction that makes the change (written with it, or not at all).

    With ``customer_id`` (the change is about that customer's personal data) before and after
    are sealed under the customer's data key, which their erasure destroys.
    """
    record = AuditRecord(
        entity=entity,
        event_id=ids.event_id(),
        actor=caller.actor,
        action=action,
        at=clock.now(),
        request_id=caller.request_id,
        previous=chain.latest_digest(entity),
    )
    if customer_id:
        record.subject = data_keys.customer_subject(customer_id)
        record.sealed = data_keys.seal(
            record.subject, f"{entity}/{record.event_id}", {"before": before, "after": after}
        )
    else:
        record.before, record.after = before, after
    record.digest = chain.digest(record)
    return record


def record_content(record: AuditRecord) -> tuple[dict[str, Any] | None, dict[str, Any] | None, bool]:
    """A record's before and after, unsealed, and whether they are still readable (False once
    the customer they are about is erased)."""
    if record.sealed is None or record.subject is None:
        return record.before, record.after, True
    content = data_keys.unseal(record.subject, f"{record.entity}/{record.event_id}", record.sealed)
    if content is None:
        return None, None, False
    return content["before"], content["after"], True


def never_overwrite() -> Any:
    """The condition every audit put carries: a record is written once, never replaced."""
    return AuditRecord.entity.does_not_exist()
