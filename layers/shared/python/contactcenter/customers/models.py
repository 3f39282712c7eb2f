"""The customer tables.

customers (one item per customer)
  - one customer                       -> GetItem customer_id
  - newest customers first (sync)      -> Query index by_created: listing="customer", created_at desc
customer_keys (how callers find a customer)
  - by phone, e-mail or account number -> Query key="phone#+31201234567" | "email#a@b.nl" | "account#12345678"
    Account numbers are unique (sort key "#", written only if absent); a phone number or an
    e-mail address may belong to several customers (sort key = customer_id).
customer_history (what happened with a customer, across channels)
  - a customer's interactions, newest first -> Query customer_id, sort key desc
"""

from pynamodb.attributes import (
    JSONAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from contactcenter.constants import TABLE_CUSTOMER_HISTORY, TABLE_CUSTOMER_KEYS, TABLE_CUSTOMERS
from contactcenter.storage import string_list

UNIQUE_KEY_SORT = "#"


class CustomersByCreated(GlobalSecondaryIndex["Customer"]):
    class Meta:
        index_name = "by_created"
        projection = AllProjection()

    listing = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class Customer(Model):
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
    # The IVR PIN, only ever as a salted slow hash (see ivr/pins.py); never returned or logged.
    pin_hash = UnicodeAttribute(null=True)
    listing = UnicodeAttribute(default="customer")
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    version = VersionAttribute()

    by_created = CustomersByCreated()


class CustomerKey(Model):
    class Meta:
        table_name = TABLE_CUSTOMER_KEYS

    key = UnicodeAttribute(hash_key=True)
    sort = UnicodeAttribute(range_key=True)
    customer_id = UnicodeAttribute()


class HistoryEntry(Model):
    class Meta:
        table_name = TABLE_CUSTOMER_HISTORY

    customer_id = UnicodeAttribute(hash_key=True)
    entry = UnicodeAttribute(range_key=True)  # "<at>#<kind>#<reference>": newest last, unique
    kind = UnicodeAttribute()  # ticket | contact | callback
    reference = UnicodeAttribute()
    at = UTCDateTimeAttribute()
    channel = UnicodeAttribute(null=True)
    summary = UnicodeAttribute()
