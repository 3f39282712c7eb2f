"""The self-service bot: Lex V2 hands it every utterance its own intents do not catch (the
fallback, as in QnABot), and the bot answers from the knowledge base in the customer's
language, keeps the conversation's context across turns, opens a ticket or books a callback
when asked, records whether an answer helped, and hands over to a person, with the
transcript, when it is not sure or the customer asks for one.

Who the chatter is comes only from a chat assertion the product issued to a signed-in customer
(``chat.assertions``, the session attribute ``customer_assertion``), verified here: such a
chatter's tickets and callbacks are filed on their own record, and they can ask for the status
of their tickets. Anyone else is anonymous: they may ask questions, and a ticket or callback
asks for contact details and is never filed on an existing customer's record by an e-mail
address or number alone (a ``customer_id`` attribute is ignored: whoever starts a chat sets it).

Every turn is written to the audit log with personal data masked, and its outcome (an article
answered, a thumb, a hand-over and why) is kept on the session for the knowledge facts the
sessions table's stream publishes (chat/events.py).
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from pydantic import ValidationError
from pynamodb.exceptions import DoesNotExist

from contactcenter import clock
from contactcenter.articles.search import KnowledgeSearch
from contactcenter.articles.service import ArticleService
from contactcenter.audit.records import audit_record
from contactcenter.auth import Caller, Role
from contactcenter.callbacks import do_not_call
from contactcenter.callbacks.schemas import CallbackIn
from contactcenter.callbacks.service import CallbackService
from contactcenter.chat import assertions, texts
from contactcenter.chat.lex import LexEvent, respond
from contactcenter.chat.masking import mask
from contactcenter.chat.models import ChatSession
from contactcenter.customers import contact_points
from contactcenter.errors import DomainError, TooManyRequests
from contactcenter.knowledge.decision import decide
from contactcenter.languages import LANGUAGES
from contactcenter.rate_limits import Limiter
from contactcenter.tickets.schemas import CustomerContact, TicketIn
from contactcenter.tickets.service import ListFilters, TicketService

BOT = Caller(subject="chatbot", username="chatbot", roles=frozenset({Role.SYSTEM}))
KEEP_TURNS = 30
TRANSCRIPT_BYTES = 24_000  # contact attributes hold 32 KB in all; the rest is for the others
SESSION_DAYS = 1  # the default of how long a session is kept (context chatSessionRetentionDays)
MAX_RETRIES = 2
STATUS_TICKETS = 5  # the latest tickets told about


@dataclass
class Turn:
    messages: list[str]
    close: bool = False
    handover: str | None = None  # the reason, when handing over
    limited: dict[str, str] | None = None  # the limit reached: session attributes for the flow
    article: tuple[str, str] | None = None  # the article answered with: its id and title
    helpful: bool | None = None  # the customer's thumb on the last answer, when given

    def outcome(self, rated: str | None) -> dict[str, Any]:
        """What the turn did, as the knowledge facts record it, with no text of the conversation.
        ``rated``: the article the turn followed up on (answered last, its thumb asked for); a
        thumb, or a hand-over instead of one, is that article's."""
        kind = "answered" if self.article else "handover" if self.handover else "other"
        if self.helpful is not None:
            kind = "feedback"
        article_id, title = self.article or (rated if kind in ("feedback", "handover") else None, None)
        return {
            "at": clock.iso(clock.now()),
            "outcome": kind,
            "article_id": article_id,
            "article_title": title,
            "handover_reason": self.handover,
            "helpful": self.helpful,
        }


class ChatBot:
    def __init__(
        self,
        search: KnowledgeSearch,
        tickets: TicketService | None = None,
        callbacks: CallbackService | None = None,
        articles: ArticleService | None = None,
        turn_limit: Limiter | None = None,
        session_lifetime: timedelta = timedelta(days=SESSION_DAYS),
    ) -> None:
        self.search = search
        self.tickets = tickets
        self.callbacks = callbacks
        self.articles = articles or ArticleService()
        # Turns per chat session: a script feeding the bot costs a search (and an audit record)
        # per turn; a person never needs that many.
        self.turn_limit = turn_limit
        self.session_lifetime = session_lifetime  # the table's TTL deletes a session after it

    def handle(self, event: LexEvent) -> dict[str, Any]:
        session = self._session(event)
        rated = session.last_article if session.state == "feedback" else None
        text = event.inputTranscript.strip()
        try:
            if self.turn_limit is not None:
                self.turn_limit.hit(f"chat:{event.sessionId}", "this chat has reached its limit of turns")
            turn = self._turn(session, event, text)
        except TooManyRequests as limited:
            # No hand-over: a person's time is what a flood must not reach. The flow sees why
            # (``limited``) and when to come back (``retry_after``), as an API client would.
            session.state = "idle"
            turn = self._limited(session.language, limited)
        except (DomainError, ValidationError):
            # A ticket or callback the services refused (an unknown customer id in the contact's
            # attributes, say): a person sorts it out rather than the customer seeing an error.
            session.state = "idle"
            turn = self._handover(session.language, "request_refused")
        session.turns = [
            *session.turns,
            {"who": "customer", "text": text},
            *({"who": "bot", "text": m} for m in turn.messages),
        ][-KEEP_TURNS:]
        session.expires_at = clock.now() + self.session_lifetime
        session.last_turn = turn.outcome(rated)
        session.save()
        attributes = dict(event.sessionState.sessionAttributes)
        if turn.limited is not None:
            attributes |= turn.limited
        if turn.handover:
            attributes |= {
                "handover": "true",
                "handover_reason": turn.handover,
                "transcript": self._transcript(session),
                # The agent's screen pop: the customer whose assertion the bot verified (or none)
                "customer_id": session.customer_id or "",
            }
        self._log(event, session, text, turn)
        return respond(event, turn.messages, attributes, close=turn.close)

    # -- one turn -------------------------------------------------------------------------

    def _turn(self, session: ChatSession, event: LexEvent, text: str) -> Turn:
        language = session.language
        customer_id = self._chatter(session, event)
        if texts.mentions(text, texts.AGENT):
            return self._handover(language, "asked_for_a_person")
        if session.state == "ticket_email":
            return self._ticket_email(session, event, text)
        if session.state == "callback_phone":
            return self._callback_phone(session, event, text)
        if session.state == "feedback" and session.last_article and texts.short(text, words=4):
            helpful = texts.mentions(text, texts.YES) and not texts.mentions(text, texts.NO)
            if helpful or texts.mentions(text, texts.NO):
                self.articles.feedback(session.last_article, helpful)
                session.state = "idle"
                return Turn([texts.say(language, "thanks_yes" if helpful else "thanks_no")], helpful=helpful)
        session.state = "idle"
        if texts.short(text, words=2) and texts.mentions(text, texts.GREETING):
            return Turn([texts.say(language, "welcome")])
        if texts.mentions(text, texts.STATUS) and self.tickets is not None:
            return self._status(language, customer_id)
        if texts.mentions(text, texts.TICKET) and self.tickets is not None:
            if customer_id:
                return self._open_ticket(session, language, text, customer_id=customer_id)
            session.state, session.retries, session.topic = "ticket_email", 0, self._question(session, text)
            return Turn([texts.say(language, "ask_email")])
        if texts.mentions(text, texts.CALLBACK) and self.callbacks is not None:
            session.state, session.retries, session.topic = "callback_phone", 0, self._question(session, text)
            return Turn([texts.say(language, "ask_phone")])
        return self._answer(session, text)

    def _answer(self, session: ChatSession, text: str) -> Turn:
        language = session.language
        try:
            result = self.search.query(None, text, language=language, size=3)
        except DomainError:
            return self._handover(language, "unreadable_question")
        decision = decide(result)
        if decision.action == "handover" or decision.article_id is None:
            return self._handover(language, decision.reason)
        try:
            article = self.articles.get(BOT, decision.article_id)
        except DomainError:  # deleted since it was indexed
            return self._handover(language, "answer_unavailable")
        if (article.status, article.audience) != ("published", "public"):
            # The index lags the table (or an update went to the dead-letter queue): the table
            # decides what a customer may read.
            return self._handover(language, "answer_unavailable")
        session.state, session.last_article = "feedback", article.article_id
        return Turn(
            [article.answer or article.title, texts.say(language, "helpful")],
            article=(article.article_id, article.title),
        )

    def _ticket_email(self, session: ChatSession, event: LexEvent, text: str) -> Turn:
        try:
            email = contact_points.email(text.strip())
        except ValueError:
            return self._retry(session, "bad_email")
        return self._open_ticket(session, session.language, session.topic or "Chat", email=email)

    def _open_ticket(
        self,
        session: ChatSession,
        language: str,
        subject: str,
        *,
        customer_id: str | None = None,
        email: str | None = None,
    ) -> Turn:
        assert self.tickets is not None
        session.state = "idle"
        ticket = self.tickets.create(
            BOT,
            TicketIn(
                type="request",
                subject=subject[:200] or "Chat",
                description="\n".join(f"{t['who']}: {t['text']}" for t in session.turns)[:20_000],
                channel="chat",
                language=language if language in LANGUAGES else None,
                customer_id=customer_id,
                customer=None if customer_id else CustomerContact(email=email),
            ),
            match_contact=False,  # an anonymous chatter's e-mail address vouches for no one
            self_service=True,  # counted per customer (or e-mail address) and hour
        )
        return Turn([texts.say(language, "ticket", ticket_id=ticket.ticket_id)])

    def _callback_phone(self, session: ChatSession, event: LexEvent, text: str) -> Turn:
        assert self.callbacks is not None
        language = session.language
        try:
            number = do_not_call.normalised(text)
        except do_not_call.InvalidPhoneNumber:
            return self._retry(session, "bad_phone")
        session.state = "idle"
        if do_not_call.is_listed(number):
            return Turn([texts.say(language, "no_callback")])
        registered = self.callbacks.register(
            BOT,
            CallbackIn(
                number=number,
                customer_id=self._chatter(session, event),
                language=language if language in LANGUAGES else None,
                reason=f"asked in the chat: {session.topic or 'a callback'}"[:5000],
            ),
        )
        key = "callback_merged" if registered.merged else "callback"
        return Turn([texts.say(language, key, number=number)])

    def _status(self, language: str, customer_id: str | None) -> Turn:
        """The verified chatter's own latest tickets, as the customer would see them."""
        assert self.tickets is not None
        if customer_id is None:
            return Turn([texts.say(language, "status_sign_in")])
        customer = Caller(
            subject=customer_id,
            username=f"chat-{customer_id}",
            roles=frozenset({Role.CUSTOMER}),
            customer_id=customer_id,
        )
        tickets, _ = self.tickets.list_tickets(customer, ListFilters(), limit=STATUS_TICKETS, cursor=None)
        if not tickets:
            return Turn([texts.say(language, "status_none")])
        listed = "; ".join(f"{t.ticket_id} ({t.subject}): {t.status}" for t in tickets)
        return Turn([texts.say(language, "status", tickets=listed)])

    @staticmethod
    def _chatter(session: ChatSession, event: LexEvent) -> str | None:
        """The signed-in customer chatting, from a verified assertion (kept for the session)."""
        if session.customer_id is None:
            claimed = event.sessionState.sessionAttributes.get(assertions.ATTRIBUTE)
            session.customer_id = assertions.verify(claimed)
        return session.customer_id

    def _retry(self, session: ChatSession, message: str) -> Turn:
        session.retries = int(session.retries) + 1
        if session.retries > MAX_RETRIES:
            session.state = "idle"
            return self._handover(session.language, "could_not_collect_details")
        return Turn([texts.say(session.language, message)])

    @staticmethod
    def _limited(language: str, limited: TooManyRequests) -> Turn:
        """An abuse limit was reached: the turn limit closes the chat; the ticket limit says so
        and the chat goes on (the chatter may still ask questions or for a person)."""
        limit = str(limited.extensions["limit"])
        attributes = {"limited": limit, "retry_after": str(limited.retry_after)}
        if limit == "tickets-per-hour":
            return Turn([texts.say(language, "ticket_limit")], limited=attributes)
        return Turn([texts.say(language, "turn_limit")], close=True, limited=attributes)

    @staticmethod
    def _handover(language: str, reason: str) -> Turn:
        return Turn([texts.say(language, "handover")], close=True, handover=reason)

    # -- context ---------------------------------------------------------------------------

    @staticmethod
    def _session(event: LexEvent) -> ChatSession:
        try:
            return ChatSession.get(event.sessionId)
        except DoesNotExist:
            language = event.language if event.language in LANGUAGES else "en"
            return ChatSession(session_id=event.sessionId, language=language, turns=[])

    @staticmethod
    def _question(session: ChatSession, text: str) -> str:
        """What a ticket or callback asked for now is about: the customer's last real question,
        else the request itself ("a ticket please: my invoice is wrong")."""
        said: list[str] = [*(str(t["text"]) for t in session.turns if t["who"] == "customer"), text]
        asking = [line for line in said if not texts.mentions(line, texts.TICKET + texts.CALLBACK)]
        return (asking or said)[-1]

    @staticmethod
    def _transcript(session: ChatSession) -> str:
        lines = [f"{t['who']}: {t['text']}" for t in session.turns]
        text = "\n".join(lines)
        while len(text.encode()) > TRANSCRIPT_BYTES and lines:
            lines.pop(0)  # the agent needs the end of the conversation most
            text = "\n".join(["…", *lines])
        return text

    @staticmethod
    def _log(event: LexEvent, session: ChatSession, text: str, turn: Turn) -> None:
        audit_record(
            f"chat#{event.sessionId}",
            "chat.handover" if turn.handover else "chat.turn",
            BOT,
            before=None,
            after={
                "language": session.language,
                "customer": mask(text),
                "bot": [mask(m) for m in turn.messages],
                "state": session.state,
                "handover": turn.handover,
            },
            customer_id=session.customer_id,
        ).save()
