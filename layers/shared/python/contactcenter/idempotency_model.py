"""The idempotency table's schema, as Powertools' DynamoDB persistence layer expects it
(records are written by Powertools, not through this model)."""

from pynamodb.attributes import TTLAttribute, UnicodeAttribute

from contactcenter.constants import TABLE_IDEMPOTENCY
from contactcenter.storage import TableModel


class IdempotencyRecord(TableModel):
    """Access pattern: one record per idempotency key -> GetItem/PutItem id; expires by TTL."""

    class Meta:
        table_name = TABLE_IDEMPOTENCY

    id = UnicodeAttribute(hash_key=True)
    expiration = TTLAttribute(null=True)
