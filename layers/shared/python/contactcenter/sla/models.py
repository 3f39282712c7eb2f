"""The SLA configuration table and the in-product notifications.

sla_config (calendars, policies and escalation rules, edited through the admin API)
  - every item of a kind (the whole configuration is small) -> Query kind
  - one item                                                  -> GetItem kind, config_id
notifications (what the product tells a person, in their language)
  - a recipient's notifications, newest first                -> Query recipient, notification_id desc
"""

from pynamodb.attributes import JSONAttribute, NumberAttribute, TTLAttribute, UnicodeAttribute

from contactcenter.constants import TABLE_NOTIFICATIONS, TABLE_SLA_CONFIG
from contactcenter.storage import TableModel

CALENDAR, POLICY, RULE = "calendar", "policy", "rule"


class ConfigItem(TableModel):
    """A calendar, a policy or an escalation rule: its validated definition as JSON."""

    class Meta:
        table_name = TABLE_SLA_CONFIG

    kind = UnicodeAttribute(hash_key=True)
    config_id = UnicodeAttribute(range_key=True)
    definition = JSONAttribute()
    revision = NumberAttribute(default=1)
    updated_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()


class Notification(TableModel):
    class Meta:
        table_name = TABLE_NOTIFICATIONS

    recipient = UnicodeAttribute(hash_key=True)  # a username, or "role:<role>" for a role's inbox
    notification_id = UnicodeAttribute(range_key=True)  # a ULID: newest last
    kind = UnicodeAttribute()  # e.g. sla.warning
    ticket_id = UnicodeAttribute(null=True)
    language = UnicodeAttribute()
    title = UnicodeAttribute()
    body = UnicodeAttribute()
    created_at = UnicodeAttribute()
    read_at = UnicodeAttribute(null=True)
    expires_at = TTLAttribute(null=True)  # notifications are kept for 90 days
