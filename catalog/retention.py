"""What the product keeps about people, where, for how long and why: one rule per place that
holds personal data. docs/privacy.md presents this table; tests check that every table marked
``customer_data`` has a rule, and that a rule naming a TTL attribute is the table's own.

Durations that are configuration say so (the CDK context flag that sets them); the rest are
the product's design, written next to the code that sets them.
"""

from dataclasses import dataclass

from contactcenter.constants import (
    BUCKET_ATTACHMENTS,
    BUCKET_LAKE,
    BUCKET_RECORDINGS,
    TABLE_ACCOUNTS,
    TABLE_AUDIT,
    TABLE_CALLBACKS,
    TABLE_CHAT_SESSIONS,
    TABLE_CUSTOMER_HISTORY,
    TABLE_CUSTOMER_KEYS,
    TABLE_CUSTOMERS,
    TABLE_DATA_KEYS,
    TABLE_DO_NOT_CALL,
    TABLE_IDEMPOTENCY,
    TABLE_TICKET_EVENTS,
    TABLE_TICKETS,
)

LOGS = "logs"  # the functions' log groups
TRAIL = "trail"  # CloudTrail's bucket


@dataclass(frozen=True)
class Retention:
    store: str  # a table or bucket key, or one of the names above
    holds: str  # the personal data in it
    kept: str  # for how long
    ends_by: str  # ttl:<attribute> | lifecycle | erasure | none
    why: str


RETENTION: tuple[Retention, ...] = (
    Retention(
        TABLE_CUSTOMERS,
        "name, company, e-mail, phones, account number, address, language",
        "while the customer relationship lasts",
        "erasure",
        "identify callers and route their contacts; a tombstone without personal data stays",
    ),
    Retention(
        TABLE_CUSTOMER_KEYS,
        "e-mail address and phone numbers (as lookup keys)",
        "as the customer record",
        "erasure",
        "find the customer from a caller's number or a first contact's address",
    ),
    Retention(
        TABLE_ACCOUNTS,
        "name, company, account number, the PIN's argon2id hash",
        "as the customer record",
        "erasure",
        "authenticate callers in the IVR",
    ),
    Retention(
        TABLE_TICKETS,
        "what the customer wrote (subject, description) and the resolution",
        "while the customer relationship lasts",
        "erasure",
        "the closed loop: a complaint is resolved and confirmed with the customer; anonymised on erasure",
    ),
    Retention(
        TABLE_TICKET_EVENTS,
        "comments, attachment names and the ticket's text in each entry's snapshot",
        "as the ticket",
        "erasure",
        "the ticket's history for the customer and for auditors; anonymised on erasure",
    ),
    Retention(
        TABLE_CUSTOMER_HISTORY,
        "one line per interaction (ticket, contact, callback)",
        "while the customer relationship lasts",
        "erasure",
        "agents see the customer's recent interactions when they answer",
    ),
    Retention(
        TABLE_CALLBACKS,
        "the number to call, the reason, attempts' notes",
        "while the customer relationship lasts",
        "erasure",
        "dial the callback within calling hours and record its outcome",
    ),
    Retention(
        TABLE_DO_NOT_CALL,
        "phone numbers that must never be dialled",
        "until the number is taken off the list",
        "none",
        "honouring a request not to be called needs the number; kept through erasure, on purpose",
    ),
    Retention(
        TABLE_CHAT_SESSIONS,
        "the chat's latest turns; a signed-in chatter's customer id",
        "context chatSessionRetentionDays (default 1 day; assertions 15 minutes)",
        "ttl:expires_at",
        "continue a conversation across turns and hand it over with its transcript",
    ),
    Retention(
        TABLE_IDEMPOTENCY,
        "the first answer to a retried request (sealed when it is about a customer)",
        "context idempotencyRetentionHours (default 24 hours)",
        "ttl:expiration",
        "a retried request returns its first answer instead of acting twice",
    ),
    Retention(
        TABLE_AUDIT,
        "before and after of each change, sealed under the customer's data key",
        "for ever: append-only and hash-chained",
        "erasure",
        "auditors see who changed what; erasure destroys the key, not the record",
    ),
    Retention(
        TABLE_DATA_KEYS,
        "one key per customer (no personal data, but it opens theirs)",
        "until the customer is erased (then 35 days of point-in-time recovery)",
        "erasure",
        "crypto-shredding: destroying it erases the audit log's personal data",
    ),
    Retention(
        BUCKET_ATTACHMENTS,
        "files customers and agents attach to tickets",
        "as the ticket",
        "erasure",
        "the ticket's evidence (invoices, photos)",
    ),
    Retention(
        BUCKET_LAKE,
        "none: contact and ticket figures by id (queues, durations, CSAT scores), no names or text",
        "for ever",
        "none",
        "the reports; ids alone identify no one once the customer is erased",
    ),
    Retention(
        BUCKET_RECORDINGS,
        "call recordings",
        "context recordingRetentionDays (default 90 days); a customer's go at their erasure",
        "lifecycle",
        "quality evaluation and disputes; the calls of an identified caller are in their history",
    ),
    Retention(
        LOGS,
        "none by design: ids, never PINs, names or what was said",
        "context logRetentionDays (default 90 days)",
        "lifecycle",
        "operations and troubleshooting",
    ),
    Retention(
        TRAIL,
        "who called which API on which table or object (principals, not customers)",
        "context trailRetentionDays (default 7 years)",
        "lifecycle",
        "auditors' evidence of every read and write of customer data",
    ),
)
