"""Asking for a customer's erasure, and what became of it.

Erasure is irreversible, so only admins ask for it; the request is audited in the clear (who
asked, when: no personal data) before the workflow starts, and the workflow's execution is
named for the customer, so asking twice starts it once. Its status is read from the product's
own records: the customer's tombstone once erased, the audited request while it runs. A
failed execution raises the workflows' failure alarm (and can be started again).
"""

from dataclasses import dataclass

from contactcenter import clock, executions
from contactcenter.audit.models import AuditRecord
from contactcenter.audit.records import audit_record
from contactcenter.auth import Caller, Role
from contactcenter.customers.service import CustomerService

ERASERS = (Role.ADMIN,)
REQUESTED = "customer.erasure_requested"


@dataclass(frozen=True)
class ErasureStatus:
    customer_id: str
    status: str  # not_requested | running | erased
    requested_at: str | None
    erased_at: str | None


class ErasureRequests:
    def __init__(self, state_machine_arn: str) -> None:
        self.state_machine_arn = state_machine_arn

    def request(self, caller: Caller, customer_id: str) -> ErasureStatus:
        caller.require(*ERASERS)
        current = self.status(caller, customer_id)  # 404 for an unknown customer
        if current.status != "not_requested":
            return current
        entity = f"customer#{customer_id}"
        audit_record(entity, REQUESTED, caller, before=None, after={"customer_id": customer_id}).save()
        executions.start(self.state_machine_arn, f"erasure-{customer_id}", {"customer_id": customer_id})
        return self.status(caller, customer_id)

    @staticmethod
    def status(caller: Caller, customer_id: str) -> ErasureStatus:
        caller.require(*ERASERS)
        customer = CustomerService().get(caller, customer_id)
        requested = next(
            iter(
                AuditRecord.query(
                    f"customer#{customer_id}",
                    filter_condition=AuditRecord.action == REQUESTED,
                    scan_index_forward=False,
                )
            ),
            None,
        )
        requested_at = clock.iso(requested.at) if requested else None
        state = "erased" if customer.erased_at else "running" if requested else "not_requested"
        return ErasureStatus(customer_id, state, requested_at, customer.erased_at)
