"""The chat sessions table: a conversation's context across turns, kept a day.

chat_sessions
  - one conversation (the Lex session, the Connect contact) -> GetItem session_id
  - a signed-in customer's sessions (export, erasure)       -> Query by_customer: customer_id
"""

from pynamodb.attributes import JSONAttribute, NumberAttribute, TTLAttribute, UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from contactcenter.constants import TABLE_CHAT_SESSIONS
from contactcenter.storage import TableModel


class SessionsByCustomer(GlobalSecondaryIndex["ChatSession"]):
    """Sparse: an anonymous chatter's session names no customer."""

    class Meta:
        index_name = "by_customer"
        projection = AllProjection()

    customer_id = UnicodeAttribute(hash_key=True)
    session_id = UnicodeAttribute(range_key=True)


class ChatSession(TableModel):
    class Meta:
        table_name = TABLE_CHAT_SESSIONS
        stream_view_type = "NEW_IMAGE"  # each turn's outcome, as a knowledge fact (chat/events.py)

    session_id = UnicodeAttribute(hash_key=True)
    language = UnicodeAttribute(default="en")
    state = UnicodeAttribute(default="idle")  # idle | feedback | ticket_email | callback_phone
    turns = JSONAttribute(default=list)  # [{"who": "customer"|"bot", "text"}], the latest ones
    last_article = UnicodeAttribute(null=True)
    topic = UnicodeAttribute(null=True)  # what a ticket or callback being asked for is about
    retries = NumberAttribute(default=0)
    customer_id = UnicodeAttribute(null=True)  # the chatter, from a verified assertion only
    last_turn = JSONAttribute(null=True)  # what the latest turn did (bot.Turn.outcome): no text
    expires_at = TTLAttribute()

    by_customer = SessionsByCustomer()
