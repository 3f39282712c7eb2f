"""The chat sessions table: a conversation's context across turns, kept a day.

chat_sessions
  - one conversation (the Lex session, the Connect contact) -> GetItem session_id
"""

from pynamodb.attributes import JSONAttribute, NumberAttribute, TTLAttribute, UnicodeAttribute

from contactcenter.constants import TABLE_CHAT_SESSIONS
from contactcenter.storage import TableModel


class ChatSession(TableModel):
    class Meta:
        table_name = TABLE_CHAT_SESSIONS

    session_id = UnicodeAttribute(hash_key=True)
    language = UnicodeAttribute(default="en")
    state = UnicodeAttribute(default="idle")  # idle | feedback | ticket_email | callback_phone
    turns = JSONAttribute(default=list)  # [{"who": "customer"|"bot", "text"}], the latest ones
    last_article = UnicodeAttribute(null=True)
    topic = UnicodeAttribute(null=True)  # what a ticket or callback being asked for is about
    retries = NumberAttribute(default=0)
    customer_id = UnicodeAttribute(null=True)  # the chatter, from a verified assertion only
    expires_at = TTLAttribute()
