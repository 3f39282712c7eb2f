"""Erasing a customer's personal data everywhere the product holds it: the steps of the
erasure workflow (state_machines/erasure.asl.json), run one after another by the workflow.

What goes and what stays (docs/privacy.md):
- the customer's help-center sign-in (their user in the customers' pool) is deleted;
- tickets stay, anonymised: their subject, description and resolution, every comment's
  body and attachment name in their timelines, and the text in the timelines' snapshots and
  changes are overwritten; their attachments' objects are deleted. Type, status, department,
  dates and figures stay, so the reports still add up.
- the call recordings of the contacts in their history are deleted (the recordings bucket);
- callbacks, history entries and signed-in chat sessions are deleted (a callback's workflow,
  waiting or not, then stops: callbacks.service);
- the customer's lookup keys (e-mail, phones) and IVR account are deleted, and the customer
  record becomes a tombstone (no name, contact points or address; ``erased_at`` set) so the
  tickets' customer id still means "someone, erased";
- the customer's data key is destroyed last: every audit record about them, and every stored
  idempotent answer naming them, stays as written (the audit chain still verifies) and can
  never be read again.

Each step does a bounded amount of work and says whether there is ``more``; each is safe to
run again (the workflow retries steps), so a failure part way leaves nothing half-erased for
long. Only the customer step is audited in the clear (who erased whom, when: no personal data).
"""

import contextlib
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from pynamodb.exceptions import DeleteError

from contactcenter import clients, clock, data_keys, executions, objects
from contactcenter.audit.models import AuditRecord
from contactcenter.audit.records import audit_record, never_overwrite, record_content
from contactcenter.auth import Caller
from contactcenter.callbacks.models import Callback, OpenCallback
from contactcenter.callbacks.service import ERASED as CALLBACK_ERASED
from contactcenter.chat.models import ChatSession
from contactcenter.constants import RECORDINGS_PREFIX
from contactcenter.customers.models import Account, Customer, CustomerKey, HistoryEntry
from contactcenter.customers.portal_users import LINKED as PORTAL_USER_LINKED
from contactcenter.customers.service import lookup_keys
from contactcenter.errors import NotFound
from contactcenter.storage import transaction
from contactcenter.tickets.attachments import AttachmentStore
from contactcenter.tickets.models import Ticket, TimelineEntry

ERASED = "[erased]"
_POOL_ID = re.compile(r"[0-9A-Za-z-]{1,128}")
BATCH = 25  # items per step invocation: well inside a function's timeout
# A ticket's free text: what its customer wrote or what was written about them.
TICKET_TEXT = ("subject", "description", "resolution")


class Erasure:
    def __init__(
        self, caller: Caller, attachments_bucket: str, recordings_bucket: str, customer_pool_id: str
    ) -> None:
        self.caller = caller
        self.attachments = AttachmentStore(attachments_bucket)
        self.recordings_bucket = recordings_bucket
        self.customer_pool_id = customer_pool_id

    def run(self, step: str, customer_id: str) -> dict[str, Any]:
        steps: dict[str, Callable[[str], bool]] = {
            "sign_in": self.sign_in,
            "tickets": self.tickets,
            "callbacks": self.callbacks,
            "history": self.history,
            "chat_sessions": self.chat_sessions,
            "customer": self.customer,
            "data_key": self.data_key,
        }
        if step not in steps:
            raise ValueError(f"unknown erasure step {step!r}")
        return {"more": steps[step](customer_id)}

    def sign_in(self, customer_id: str) -> bool:
        """Delete the customer's help-center sign-in (their user in the customers' pool). The
        audit log's sealed link record names the user by their pool id: read first, while the
        customer's data key still opens it."""
        idp = clients.client("cognito-idp")
        linked = AuditRecord.by_subject.query(
            data_keys.customer_subject(customer_id), filter_condition=AuditRecord.action == PORTAL_USER_LINKED
        )
        for record in linked:
            _, after, readable = record_content(record)
            if not readable or not after:
                continue
            sub = str(after.get("portal_user", ""))
            if not _POOL_ID.fullmatch(sub):  # a pool id (sub): nothing a filter could misread
                continue
            found = idp.list_users(UserPoolId=self.customer_pool_id, Filter=f'sub = "{sub}"', Limit=1)
            for user in found.get("Users", []):
                idp.admin_delete_user(UserPoolId=self.customer_pool_id, Username=user["Username"])
        return False

    def tickets(self, customer_id: str) -> bool:
        done = 0
        for ticket in Ticket.by_customer.query(customer_id):
            if ticket.subject == ERASED:
                continue
            if done == BATCH:
                return True
            self._erase_ticket(ticket)
            done += 1
        return False

    def _erase_ticket(self, ticket: Ticket) -> None:
        for entry in TimelineEntry.query(ticket.ticket_id):
            _erase_entry(entry)
            entry.save()  # a MODIFY in the stream: publishes nothing (events_publisher: INSERT only)
        self.attachments.delete_all(ticket.ticket_id)
        # Last, so a retried step finds the ticket unfinished until all of it is done.
        ticket.update(
            actions=[
                Ticket.subject.set(ERASED),
                Ticket.description.set(""),
                Ticket.resolution.remove(),
                Ticket.updated_at.set(clock.iso(clock.now())),
            ]
        )

    @staticmethod
    def callbacks(customer_id: str) -> bool:
        found = list(Callback.by_customer.query(customer_id, limit=BATCH + 1))
        for callback in found[:BATCH]:
            try:  # the one-open-callback-per-number guard, if it is this callback's
                OpenCallback(f"open#{callback.number}").delete(
                    condition=OpenCallback.open_callback_id == callback.callback_id
                )
            except DeleteError as error:
                if error.cause_response_code != "ConditionalCheckFailedException":
                    raise
            callback.delete(add_version_condition=False)
            if callback.task_token:  # its workflow waits for an attempt's outcome: let it stop
                with contextlib.suppress(executions.WorkflowTaskExpired):
                    executions.answer(
                        callback.task_token,
                        {"outcome": CALLBACK_ERASED, "by": "erasure"},
                        field="callback_id",
                    )
        return len(found) > BATCH

    def history(self, customer_id: str) -> bool:
        """The history's entries, and with each contact's entry that contact's call recordings."""
        found = list(HistoryEntry.query(customer_id, limit=BATCH + 1))
        for entry in found[:BATCH]:
            if entry.kind == "contact":
                self._erase_recordings(entry.reference, entry.at)
        with HistoryEntry.batch_write() as batch:
            for entry in found[:BATCH]:
                batch.delete(entry)
        return len(found) > BATCH

    def _erase_recordings(self, contact_id: str, at: datetime) -> None:
        # Connect files a recording under the day it was made (UTC) and names it for the contact:
        # the day the contact was routed, or the next for a call that went past midnight.
        for day in (at, at + timedelta(days=1)):
            prefix = f"{RECORDINGS_PREFIX}/{day.astimezone(UTC):%Y/%m/%d}/{contact_id}"
            objects.delete_under(self.recordings_bucket, prefix)

    @staticmethod
    def chat_sessions(customer_id: str) -> bool:
        found = list(ChatSession.by_customer.query(customer_id, limit=BATCH + 1))
        for session in found[:BATCH]:
            session.delete()
        return len(found) > BATCH

    def customer(self, customer_id: str) -> bool:
        try:
            customer = Customer.get(customer_id, consistent_read=True)
        except Customer.DoesNotExist:
            raise NotFound(f"no customer {customer_id}", field="customer_id") from None
        if customer.erased_at:
            return False
        now = clock.iso(clock.now())
        with transaction() as write:
            for key in lookup_keys(customer_id, customer.email, customer.phones):
                write.delete(CustomerKey(key.key, key.sort))
            if customer.account_number:
                write.delete(Account(customer.account_number))
            write.update(
                customer,
                actions=[
                    Customer.name.set(ERASED),
                    Customer.company.remove(),
                    Customer.email.remove(),
                    Customer.phones.set([]),
                    Customer.account_number.remove(),
                    Customer.address.remove(),
                    Customer.pin_set.set(False),
                    Customer.listing.remove(),  # out of the customer list
                    Customer.erased_at.set(now),
                    Customer.updated_at.set(now),
                ],
            )
            # In the clear, and about no one's personal data: who erased which customer, when.
            record = audit_record(
                f"customer#{customer_id}",
                "customer.erased",
                self.caller,
                before=None,
                after={"erased_at": now},
            )
            write.save(record, condition=never_overwrite())
        return False

    @staticmethod
    def data_key(customer_id: str) -> bool:
        data_keys.destroy_key(data_keys.customer_subject(customer_id))
        return False


def _erase_entry(entry: TimelineEntry) -> None:
    if entry.comment:
        entry.comment = {**entry.comment, "body": ERASED}
    if entry.attachment:
        entry.attachment = {**entry.attachment, "filename": ERASED}
        entry.summary = f"attachment {ERASED}"
    if entry.changes:
        entry.changes = {
            field: [ERASED, ERASED] if field in TICKET_TEXT else change
            for field, change in entry.changes.items()
        }
    if entry.snapshot:
        entry.snapshot = {
            field: ERASED if field in TICKET_TEXT and value else value
            for field, value in entry.snapshot.items()
        }
