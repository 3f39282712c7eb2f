"""GET /customers/{id}/export: everything the product holds about one customer, as one JSON
document. Staff (supervisors, admins) export for a customer's request; a signed-in customer
exports their own, and sees in it what they see elsewhere (no internal notes or assignments).

Every part is read through its own access pattern (no table is scanned): the tickets and
callbacks by their by_customer indexes, the history and the audit log's records about the
customer by their keys, the chat sessions of their signed-in chats by the sessions' sparse
index. Audit records are unsealed with the customer's data key.
"""

from typing import Any

from contactcenter import clock
from contactcenter.audit.models import AuditRecord
from contactcenter.audit.records import record_content
from contactcenter.auth import Caller, Role
from contactcenter.callbacks.models import Callback
from contactcenter.chat.assertions import is_assertion
from contactcenter.chat.models import ChatSession
from contactcenter.customers.models import Account, HistoryEntry
from contactcenter.customers.service import CustomerService, to_out
from contactcenter.data_keys import customer_subject
from contactcenter.tickets.access import sees_internal
from contactcenter.tickets.models import Ticket, TimelineEntry
from contactcenter.tickets.views import timeline_item
from contactcenter.tickets.views import to_out as ticket_out

EXPORTERS = (Role.SUPERVISOR, Role.ADMIN, Role.CUSTOMER)
# What never leaves the tables, even for the customer it is about: credentials.
_SECRETS = ("task_token", "workflow_token", "pin_hash")


def _plain(item: Any) -> dict[str, Any]:
    data: dict[str, Any] = item.to_simple_dict()
    for field in _SECRETS:
        data.pop(field, None)
    return data


def export(caller: Caller, customer_id: str) -> dict[str, Any]:
    caller.require(*EXPORTERS)
    customer = CustomerService().get(caller, customer_id)  # 404 unknown, and not someone else's
    internal = sees_internal(caller)
    tickets = []
    for ticket in Ticket.by_customer.query(customer_id):
        timeline = [
            timeline_item(entry).model_dump(mode="json")
            for entry in TimelineEntry.query(ticket.ticket_id)
            if internal or entry.visibility == "public"
        ]
        tickets.append({**ticket_out(ticket, caller).model_dump(mode="json"), "timeline": timeline})
    account = None
    if customer.account_number:
        try:
            account = _plain(Account.get(customer.account_number))
        except Account.DoesNotExist:
            account = None
    return {
        "customer_id": customer_id,
        "exported_at": clock.iso(clock.now()),
        "profile": to_out(customer).model_dump(mode="json"),
        "account": account,
        "tickets": tickets,
        "callbacks": [_plain(c) for c in Callback.by_customer.query(customer_id)],
        "history": [_plain(h) for h in HistoryEntry.query(customer_id)],
        "chat_sessions": [
            _plain(s) for s in ChatSession.by_customer.query(customer_id) if not is_assertion(s.session_id)
        ],
        "audit": _audit(customer_id) if internal else [],
    }


def _audit(customer_id: str) -> list[dict[str, Any]]:
    entries = []
    for record in AuditRecord.by_subject.query(customer_subject(customer_id)):
        before, after, readable = record_content(record)
        entries.append(
            {
                "entity": record.entity,
                "event_id": record.event_id,
                "action": record.action,
                "actor": record.actor,
                "at": clock.iso(record.at),
                "before": before,
                "after": after,
                "readable": readable,
            }
        )
    return entries
