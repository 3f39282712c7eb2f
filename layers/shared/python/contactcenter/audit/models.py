"""The audit table.

Access patterns (pattern -> key or index):
- everything that happened to one record, oldest first -> Query entity = "<kind>#<id>"
- everything one actor did, newest first              -> Query index by_actor: actor, event_id desc

Records are only ever put (conditionally, never overwritten); no function is granted
UpdateItem or DeleteItem on this table.
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


class AuditRecord(TableModel):
    class Meta:
        table_name = TABLE_AUDIT  # replaced by the deployed name at cold start
        stream_view_type = "NEW_IMAGE"

    entity = UnicodeAttribute(hash_key=True)
    event_id = UnicodeAttribute(range_key=True)  # a ULID: unique and ordered by time
    actor = UnicodeAttribute()
    action = UnicodeAttribute()
    at = UTCDateTimeAttribute()
    before = JSONAttribute(null=True)
    after = JSONAttribute(null=True)
    request_id = UnicodeAttribute(null=True)

    by_actor = ByActorIndex()
