"""The customer tables.

customers (one item per customer)
  - one customer                       -> GetItem customer_id
  - newest customers first (sync)      -> Query index by_created: listing="customer", created_at desc
customer_keys (how callers find a customer by contact point)
  - by phone or e-mail                 -> Query key="phone#+31201234567" | "email#a@b.nl"
    A phone number or an e-mail address may belong to several customers (sort key = customer_id).
accounts (the identity the IVR authenticates; one item per account number, so numbers are unique)
  - the IVR's account lookup           -> GetItem account_number (the profile it needs is copied
    here, so a lookup is one call); the PIN hash and the failed-PIN counter live here too
customer_history (what happened with a customer, across channels)
  - a customer's interactions, newest first -> Query customer_id, sort key desc
"""

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from contactcenter.constants import (
    TABLE_ACCOUNTS,
    TABLE_CUSTOMER_HISTORY,
    TABLE_CUSTOMER_KEYS,
    TABLE_CUSTOMERS,
)
from contactcenter.storage import TableModel, string_list


class CustomersByCreated(GlobalSecondaryIndex["Customer"]):
    class Meta:
        index_name = "by_created"
        projection = AllProjection()

    listing = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class Customer(TableModel):
    class Meta:
        table_name = TABLE_CUSTOMERS

    customer_id = UnicodeAttribute(hash_key=True)
    name = UnicodeAttribute()
    company = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)
    phones = string_list(default=list)
    account_number = UnicodeAttribute(null=True)
    tier = UnicodeAttribute(default="standard")
    products = string_list(default=list)
    language = UnicodeAttribute(default="en")
    time_zone = UnicodeAttribute(default="Europe/Amsterdam")
    address = JSONAttribute(null=True)
    pin_set = BooleanAttribute(default=False)  # the PIN itself is only a hash, on the account
    listing = UnicodeAttribute(default="customer")
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    erased_at = UnicodeAttribute(null=True)  # erased (privacy.erasure): a tombstone, no personal data
    version = VersionAttribute()

    by_created = CustomersByCreated()


class CustomerKey(TableModel):
    class Meta:
        table_name = TABLE_CUSTOMER_KEYS

    key = UnicodeAttribute(hash_key=True)
    sort = UnicodeAttribute(range_key=True)
    customer_id = UnicodeAttribute()


class Account(TableModel):
    class Meta:
        table_name = TABLE_ACCOUNTS

    account_number = UnicodeAttribute(hash_key=True)
    customer_id = UnicodeAttribute()
    # A copy of what the IVR and routing need, kept in step with the customer record.
    name = UnicodeAttribute()
    company = UnicodeAttribute(null=True)
    tier = UnicodeAttribute()
    products = string_list(default=list)
    language = UnicodeAttribute()
    phones = string_list(default=list)
    # The PIN, only ever as a salted slow hash (argon2id); never returned, logged or copied.
    pin_hash = UnicodeAttribute(null=True)
    pin_failures = NumberAttribute(default=0)
    pin_window_start = UTCDateTimeAttribute(null=True)
    locked_until = UTCDateTimeAttribute(null=True)


class HistoryEntry(TableModel):
    class Meta:
        table_name = TABLE_CUSTOMER_HISTORY

    customer_id = UnicodeAttribute(hash_key=True)
    entry = UnicodeAttribute(range_key=True)  # "<at>#<kind>#<reference>": newest last, unique
    kind = UnicodeAttribute()  # ticket | contact | callback
    reference = UnicodeAttribute()
    at = UTCDateTimeAttribute()
    channel = UnicodeAttribute(null=True)
    summary = UnicodeAttribute()
