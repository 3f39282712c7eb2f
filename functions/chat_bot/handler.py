"""The Lex V2 bot's code hook (its fallback, and the greeting): the self-service chat."""

from typing import Any

from pydantic import Field, Json

from contactcenter.agent_tasks import ConnectQueues
from contactcenter.articles.models import ArticleFeedback, ArticleItem
from contactcenter.articles.search import KnowledgeSearch
from contactcenter.articles.settings import SearchSettings
from contactcenter.audit.models import AuditRecord
from contactcenter.callbacks.models import Callback, DoNotCall, OpenCallback
from contactcenter.callbacks.service import CallbackService, Directory
from contactcenter.chat import lex
from contactcenter.chat.bot import ChatBot
from contactcenter.chat.models import ChatSession
from contactcenter.constants import (
    STATE_MACHINE_CALLBACK,
    TABLE_ARTICLE_FEEDBACK,
    TABLE_ARTICLES,
    TABLE_AUDIT,
    TABLE_CALLBACKS,
    TABLE_CHAT_SESSIONS,
    TABLE_CUSTOMER_HISTORY,
    TABLE_CUSTOMER_KEYS,
    TABLE_CUSTOMERS,
    TABLE_DO_NOT_CALL,
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
from contactcenter.workflows.timing import CallbackTiming


class Settings(SearchSettings):
    sessions_table: str = Field(alias=Env.table(TABLE_CHAT_SESSIONS))
    articles_table: str = Field(alias=Env.table(TABLE_ARTICLES))
    feedback_table: str = Field(alias=Env.table(TABLE_ARTICLE_FEEDBACK))
    tickets_table: str = Field(alias=Env.table(TABLE_TICKETS))
    events_table: str = Field(alias=Env.table(TABLE_TICKET_EVENTS))
    customers_table: str = Field(alias=Env.table(TABLE_CUSTOMERS))
    keys_table: str = Field(alias=Env.table(TABLE_CUSTOMER_KEYS))
    history_table: str = Field(alias=Env.table(TABLE_CUSTOMER_HISTORY))
    callbacks_table: str = Field(alias=Env.table(TABLE_CALLBACKS))
    do_not_call_table: str = Field(alias=Env.table(TABLE_DO_NOT_CALL))
    audit_table: str = Field(alias=Env.table(TABLE_AUDIT))
    sla_table: str = Field(alias=Env.table(TABLE_SLA_CONFIG))
    queues: Json[ConnectQueues] = Field(alias=Env.QUEUES)
    callback_machine: str = Field(alias=Env.state_machine(STATE_MACHINE_CALLBACK), min_length=1)
    callback_timing: Json[CallbackTiming] = Field(default=CallbackTiming(), alias=Env.CALLBACK_TIMING)


settings = load_settings(Settings)
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
        Callback: settings.callbacks_table,
        OpenCallback: settings.callbacks_table,
        DoNotCall: settings.do_not_call_table,
        AuditRecord: settings.audit_table,
        ConfigItem: settings.sla_table,
    }
)
logger = create_logger()
metrics = create_metrics()
bot = ChatBot(
    KnowledgeSearch(settings.open_engine()),
    tickets=TicketService(sla=SlaPlanner(CachedConfig())),
    callbacks=CallbackService(
        Directory(
            queues=settings.queues,
            timing=settings.callback_timing,
            state_machine_arn=settings.callback_machine,
        )
    ),
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
