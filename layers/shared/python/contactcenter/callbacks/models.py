"""The callback tables.

callbacks (one item per callback, plus one guard item per number with an open callback)
  - one callback                                -> GetItem callback_id
  - the open callback of a number               -> GetItem callback_id="open#<E.164>" (the guard)
  - a customer's callbacks, newest first        -> Query index by_customer: customer_id, created_at desc
do_not_call (the numbers never to dial)
  - is this number listed?                      -> GetItem number
"""

from pynamodb.attributes import (
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    VersionAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from contactcenter.constants import TABLE_CALLBACKS, TABLE_DO_NOT_CALL
from contactcenter.storage import TableModel

OPEN_PREFIX = "open#"


class Attempt(MapAttribute[str, str]):
    at = UnicodeAttribute()
    outcome = UnicodeAttribute()  # connected | no_answer | busy | voicemail | wrong_number | no_outcome
    by = UnicodeAttribute()
    note = UnicodeAttribute(null=True)


class CallbacksByCustomer(GlobalSecondaryIndex["Callback"]):
    class Meta:
        index_name = "by_customer"
        projection = AllProjection()

    customer_id = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class Callback(TableModel):
    class Meta:
        table_name = TABLE_CALLBACKS
        stream_view_type = "NEW_AND_OLD_IMAGES"  # callback events: what each change added (events.py)

    callback_id = UnicodeAttribute(hash_key=True)
    kind = UnicodeAttribute()  # queued | scheduled
    number = UnicodeAttribute()  # E.164
    queue = UnicodeAttribute()  # a Connect queue key
    time_zone = UnicodeAttribute()  # the customer's, for calling hours
    not_before = UnicodeAttribute()  # ISO 8601 UTC: the earliest moment to call
    status = UnicodeAttribute()  # see callbacks/status.py
    reason = UnicodeAttribute(default="")
    customer_id = UnicodeAttribute(null=True)
    ticket_id = UnicodeAttribute(null=True)
    contact_id = UnicodeAttribute(null=True)  # the Connect contact that asked for it (queued)
    language = UnicodeAttribute(null=True)
    max_attempts = NumberAttribute()
    attempts = ListAttribute(of=Attempt, default=list)
    merged_requests = NumberAttribute(default=0)  # duplicates folded into this one
    task_token = UnicodeAttribute(null=True)  # the workflow's wait for an attempt's outcome
    execution_arn = UnicodeAttribute(null=True)
    requested_by = UnicodeAttribute()
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()

    by_customer = CallbacksByCustomer()


class OpenCallback(TableModel):
    """The guard that keeps one open callback per number: created with the callback in one
    transaction (only if absent), deleted when the callback ends."""

    class Meta:
        table_name = TABLE_CALLBACKS

    callback_id = UnicodeAttribute(hash_key=True)  # "open#<E.164>"
    open_callback_id = UnicodeAttribute()


class DoNotCall(TableModel):
    class Meta:
        table_name = TABLE_DO_NOT_CALL

    number = UnicodeAttribute(hash_key=True)  # E.164
    reason = UnicodeAttribute(default="")
    added_by = UnicodeAttribute()
    added_at = UnicodeAttribute()
