"""The do-not-call list: numbers the product never dials. Every change is audited."""

from pynamodb.exceptions import DoesNotExist

from contactcenter import clock
from contactcenter.audit.records import audit_record, never_overwrite
from contactcenter.auth import Caller, Role
from contactcenter.callbacks.models import DoNotCall
from contactcenter.errors import InvalidRequest, NotFound
from contactcenter.storage import transaction

MANAGERS = (Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.INTEGRATION)


class InvalidPhoneNumber(InvalidRequest):
    slug = "invalid-phone-number"
    title = "The phone number cannot be called"


def normalised(raw: str, field: str = "number") -> str:
    from contactcenter.customers.contact_points import e164

    try:
        return e164(raw)
    except ValueError as error:
        raise InvalidPhoneNumber(f"{raw!r}: {error}", field=field) from None


def entry(number: str) -> DoNotCall | None:
    try:
        return DoNotCall.get(number)
    except DoesNotExist:
        return None


def is_listed(number: str) -> bool:
    return entry(number) is not None


def add(caller: Caller, raw: str, reason: str) -> DoNotCall:
    caller.require(*MANAGERS)
    number = normalised(raw)
    before = entry(number)
    listed = DoNotCall(number=number, reason=reason, added_by=caller.actor, added_at=clock.iso(clock.now()))
    with transaction() as write:
        write.save(listed)
        write.save(
            audit_record(
                f"do_not_call#{number}",
                "do_not_call.listed",
                caller,
                before=before.to_simple_dict() if before else None,
                after=listed.to_simple_dict(),
            ),
            condition=never_overwrite(),
        )
    return listed


def get(caller: Caller, raw: str) -> DoNotCall:
    caller.require(*MANAGERS)
    found = entry(normalised(raw))
    if found is None:
        raise NotFound(f"{raw} is not on the do-not-call list", field="number")
    return found


def remove(caller: Caller, raw: str) -> None:
    """Only supervisors and admins take a number off: the customer's wish must be checked."""
    caller.require(Role.SUPERVISOR, Role.ADMIN)
    found = get(caller, raw)
    with transaction() as write:
        write.delete(found, condition=DoNotCall.number.exists())
        write.save(
            audit_record(
                f"do_not_call#{found.number}",
                "do_not_call.removed",
                caller,
                before=found.to_simple_dict(),
                after=None,
            ),
            condition=never_overwrite(),
        )
