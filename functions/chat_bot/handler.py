"""The Lex V2 bot's code hook (its fallback, and the greeting): the self-service chat."""

from typing import Any

from pydantic import Field

from contactcenter.articles.models import ArticleFeedback, ArticleItem
from contactcenter.articles.search import KnowledgeSearch
from contactcenter.articles.settings import SearchSettings
from contactcenter.callbacks.settings import CallbackSettings
from contactcenter.chat import lex
from contactcenter.chat.bot import ChatBot
from contactcenter.chat.models import ChatSession
from contactcenter.constants import (
    TABLE_ARTICLE_FEEDBACK,
    TABLE_ARTICLES,
    TABLE_CHAT_SESSIONS,
    TABLE_CUSTOMER_HISTORY,
    TABLE_CUSTOMER_KEYS,
    TABLE_CUSTOMERS,
    TABLE_SLA_CONFIG,
    TABLE_TICKET_EVENTS,
    TABLE_TICKETS,
    Env,
)
from contactcenter.customers.models import Customer, CustomerKey, HistoryEntry
from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.settings import load_settings
from contactcenter.sla.config import CachedConfig
from contactcenter.sla.models import ConfigItem
from contactcenter.sla.planner import SlaPlanner
from contactcenter.storage import bind_tables
from contactcenter.tickets.models import Ticket, TicketSequence, TimelineEntry
from contactcenter.tickets.service import TicketService


class Settings(SearchSettings, CallbackSettings):
    sessions_table: str = Field(alias=Env.table(TABLE_CHAT_SESSIONS))
    articles_table: str = Field(alias=Env.table(TABLE_ARTICLES))
    feedback_table: str = Field(alias=Env.table(TABLE_ARTICLE_FEEDBACK))
    tickets_table: str = Field(alias=Env.table(TABLE_TICKETS))
    events_table: str = Field(alias=Env.table(TABLE_TICKET_EVENTS))
    customers_table: str = Field(alias=Env.table(TABLE_CUSTOMERS))
    keys_table: str = Field(alias=Env.table(TABLE_CUSTOMER_KEYS))
    history_table: str = Field(alias=Env.table(TABLE_CUSTOMER_HISTORY))
    sla_table: str = Field(alias=Env.table(TABLE_SLA_CONFIG))


settings = load_settings(Settings)
settings.bind_callback_tables()
bind_tables(
    {
        ChatSession: settings.sessions_table,
        ArticleItem: settings.articles_table,
        ArticleFeedback: settings.feedback_table,
        Ticket: settings.tickets_table,
        TicketSequence: settings.tickets_table,
        TimelineEntry: settings.events_table,
        Customer: settings.customers_table,
        CustomerKey: settings.keys_table,
        HistoryEntry: settings.history_table,
        ConfigItem: settings.sla_table,
    }
)
logger = create_logger()
metrics = create_metrics()
bot = ChatBot(
    KnowledgeSearch(settings.open_engine()),
    tickets=TicketService(sla=SlaPlanner(CachedConfig())),
    callbacks=settings.callback_service(),
)


@logger.inject_lambda_context
@metrics.log_metrics
@traced(settings.tracing_enabled)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    try:
        parsed = lex.parse(event)
    except lex.MalformedLexEvent as error:
        # Lex would show the customer an error; a hand-over serves them better.
        logger.warning("malformed Lex event", extra={"problem": str(error)})
        return {
            "sessionState": {
                "sessionAttributes": {"handover": "true", "handover_reason": "malformed_event"},
                "dialogAction": {"type": "Close"},
                "intent": {"name": "FallbackIntent", "state": "Failed"},
            },
            "messages": [],
        }
    answer = bot.handle(parsed)
    if answer["sessionState"]["sessionAttributes"].get("handover") == "true":
        metrics.add_metric(name="ChatHandovers", unit="Count", value=1)
    return answer
