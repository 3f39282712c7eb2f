"""The Lex V2 bot's code hook (its fallback, and the greeting): the self-service chat."""

from datetime import timedelta
from typing import Any

from pydantic import Field

from contactcenter.articles.search import KnowledgeSearch
from contactcenter.articles.settings import SearchSettings
from contactcenter.callbacks.settings import CallbackSettings
from contactcenter.chat import lex
from contactcenter.chat.bot import SESSION_DAYS, ChatBot
from contactcenter.constants import Env
from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.rate_limits import AbuseLimitSettings
from contactcenter.settings import load_settings
from contactcenter.sla.config import CachedConfig
from contactcenter.sla.planner import SlaPlanner
from contactcenter.tickets.service import TicketService


class Settings(SearchSettings, CallbackSettings, AbuseLimitSettings):
    """The search's and the callbacks' configurations, the abuse limits, and how long a chat
    session is kept (context chatSessionRetentionDays)."""

    chat_session_days: int = Field(default=SESSION_DAYS, ge=1, le=30, alias=Env.CHAT_SESSION_DAYS)


settings = load_settings(Settings)
logger = create_logger()
metrics = create_metrics()
bot = ChatBot(
    KnowledgeSearch(settings.open_engine()),
    tickets=TicketService(sla=SlaPlanner(CachedConfig()), creation_limit=settings.ticket_limiter()),
    callbacks=settings.callback_service(),
    turn_limit=settings.chat_turn_limiter(timedelta(days=settings.chat_session_days)),
    session_lifetime=timedelta(days=settings.chat_session_days),
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
