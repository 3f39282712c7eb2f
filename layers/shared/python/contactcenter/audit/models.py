"""The audit table.

Access patterns (pattern -> key or index):
- everything that happened to one record, oldest first -> Query entity = "<kind>#<id>"
- everything one actor did, newest first              -> Query index by_actor: actor, event_id desc
- every record about one customer (export), in order  -> Query index by_subject: subject, event_id

Records are only ever put (conditionally, never overwritten); no function is granted
UpdateItem or DeleteItem on this table. A record about a customer holds its before and after
sealed under the customer's data key (``audit.sealing``), and every record carries the digest
of the one before it on the same entity (``audit.chain``).
"""

from pynamodb.attributes import JSONAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from contactcenter.constants import TABLE_AUDIT
from contactcenter.storage import TableModel


class ByActorIndex(GlobalSecondaryIndex["AuditRecord"]):
    class Meta:
        index_name = "by_actor"
        projection = AllProjection()

    actor = UnicodeAttribute(hash_key=True)
    event_id = UnicodeAttribute(range_key=True)


class BySubjectIndex(GlobalSecondaryIndex["AuditRecord"]):
    """Sparse: only records about a customer have a subject."""

    class Meta:
        index_name = "by_subject"
        projection = AllProjection()

    subject = UnicodeAttribute(hash_key=True)
    event_id = UnicodeAttribute(range_key=True)


class AuditRecord(TableModel):
    class Meta:
        table_name = TABLE_AUDIT  # replaced by the deployed name at cold start
        stream_view_type = "NEW_IMAGE"

    entity = UnicodeAttribute(hash_key=True)
    event_id = UnicodeAttribute(range_key=True)  # a ULID: unique and ordered by time
    actor = UnicodeAttribute()
    action = UnicodeAttribute()
    at = UTCDateTimeAttribute()
    before = JSONAttribute(null=True)  # in the clear: records about no customer
    after = JSONAttribute(null=True)
    subject = UnicodeAttribute(null=True)  # "customer#<id>": whose data key sealed it
    sealed = UnicodeAttribute(null=True)  # before and after, sealed (audit.sealing)
    request_id = UnicodeAttribute(null=True)
    previous = UnicodeAttribute(null=True)  # the digest of the entity's record before this one
    digest = UnicodeAttribute(null=True)  # of this record's content, previous included

    by_actor = ByActorIndex()
    by_subject = BySubjectIndex()
