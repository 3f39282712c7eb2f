"""The local Amazon Connect's chats, live: what a person types in the help center's chat screen.

``StartChatContact`` (moto's Connect, taught by ``localcloud.connect``) starts a chat: the chat
flow runs in the flow simulator, in a thread of its own, reading the chatter's lines as they
arrive (``LiveScript``), and what the flow and the bot say goes into the chat's transcript at
once. When the flow puts the chat in a queue, the local contact center routes it to an agent,
whose local CCP reads and writes the same transcript (``localcloud.ccp``).

The customer's side is Amazon Connect's Participant Service, served at ``/participant/*`` by
the local API with Connect's paths, headers (``X-Amz-Bearer``) and shapes:
CreateParticipantConnection, SendMessage, GetTranscript and DisconnectParticipant. So the help
center's chat screen talks to the local cloud exactly as it talks to AWS, and boto3's
``connectparticipant`` client works against it too. (Connect also pushes over a WebSocket; the
screen polls GetTranscript instead, here and in AWS.)
"""

import logging
import secrets
import threading
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from contactcenter import clock
from localcloud.contact_center.center import AGENT_DISCONNECT, ContactCenter
from localcloud.contact_center.model import Agent, Handling
from localcloud.flow_run import Script

CUSTOMER, AGENT, SYSTEM = "CUSTOMER", "AGENT", "SYSTEM"
TEXT = "text/plain"
EVENT = "application/vnd.amazonaws.connect.event."
PATIENCE_SECONDS = 600.0  # how long the bot waits for the chatter's next line before it gives up
MAX_MESSAGE = 16_384  # SendMessage's limit on Content, in characters
CONNECTION_LIFETIME = timedelta(days=1)


class ChatError(Exception):
    """A Participant Service request the chat refuses (Connect's AccessDenied or Validation)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code = status, code


@dataclass
class LiveChat:
    contact_id: str
    display_name: str
    participant_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    participant_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    connection_token: str | None = None  # CreateParticipantConnection's, once the customer joined
    items: list[dict[str, Any]] = field(default_factory=list)  # the transcript, oldest first
    lines: deque[str] = field(default_factory=deque)  # the chatter's lines the flow has not read
    in_flow: bool = True  # the flow (and its bot) reads the chatter's lines; then a person does
    ended: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)

    def say(self, text: str) -> None:
        """What the flow or its bot says to the chatter."""
        self.add(SYSTEM, text, name="Bot")

    def add(self, role: str, content: str, *, name: str = "", event: str | None = None) -> dict[str, Any]:
        item = {
            "Id": str(uuid.uuid4()),
            "AbsoluteTime": clock.iso(clock.now()),
            "ParticipantRole": role,
            "DisplayName": name,
            "Type": "EVENT" if event else "MESSAGE",
            "ContentType": EVENT + event if event else TEXT,
            "Content": content,
        }
        with self.changed:
            self.items.append(item)
            self.changed.notify_all()
        return item

    def customer_writes(self, text: str) -> dict[str, Any]:
        with self.changed:  # (re-entrant: add takes it too) no line after the chat has ended
            if self.ended:
                raise ChatError(403, "AccessDeniedException", "the chat has ended")
            item = self.add(CUSTOMER, text, name=self.display_name)
            if self.in_flow:
                self.lines.append(text)
                self.changed.notify_all()
        return item

    def end(self, role: str, name: str = "") -> None:
        with self.changed:
            if self.ended:
                return
            self.ended = True
            self.changed.notify_all()  # the flow stops waiting for a line
        self.add(role, "", name=name, event="participant.left")
        self.add(SYSTEM, "", event="chat.ended")


class LiveScript(Script):
    """The chatter's lines as they write them: ``next`` waits for one (None once they left or
    after ``patience`` seconds, as a chat times out)."""

    def __init__(self, chat: LiveChat, patience: float = PATIENCE_SECONDS) -> None:
        super().__init__()
        self.chat, self.patience = chat, patience

    def waiting(self) -> bool:
        chat = self.chat
        with chat.changed:
            chat.changed.wait_for(lambda: chat.lines or chat.ended, timeout=self.patience)
            return bool(chat.lines)

    def next(self) -> str | None:
        chat = self.chat
        with chat.changed:
            return chat.lines.popleft() if self.waiting() else None


# Runs a started chat's flow to its end: (chat, flow id, attributes) -> the flow's outcome
FlowRunner = Callable[[LiveChat, str, dict[str, str]], str]


@dataclass
class LocalChats:
    """The instance's chats, by contact id, and the Participant Service's view of them."""

    runner: FlowRunner | None = None  # the local cloud sets it
    center: ContactCenter | None = None  # where the chats wait for and meet agents (``watch``)
    chats: dict[str, LiveChat] = field(default_factory=dict)
    _by_token: dict[str, str] = field(default_factory=dict)  # StartChatContact's ClientToken -> contact
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, request: dict[str, Any]) -> dict[str, str]:
        """StartChatContact: a ClientToken seen before gives the same chat, as in Connect."""
        token = str(request.get("ClientToken") or "") or None
        with self._lock:
            known = self.chats.get(self._by_token.get(token, "")) if token else None
            if known is None:
                known = self._new(request)
                if token:
                    self._by_token[token] = known.contact_id
        return {
            "ContactId": known.contact_id,
            "ParticipantId": known.participant_id,
            "ParticipantToken": known.participant_token,
        }

    def _new(self, request: dict[str, Any]) -> LiveChat:
        if self.runner is None:
            raise RuntimeError("the local Connect instance runs no chats (the local cloud sets a runner)")
        details, given = request.get("ParticipantDetails"), request.get("Attributes")
        name = details.get("DisplayName") if isinstance(details, dict) else None
        chat = LiveChat(contact_id=str(uuid.uuid4()), display_name=str(name or ""))
        self.chats[chat.contact_id] = chat
        attributes = {str(k): str(v) for k, v in given.items()} if isinstance(given, dict) else {}
        runner = self.runner
        flow_id = str(request.get("ContactFlowId", ""))
        threading.Thread(target=self._run, args=(runner, chat, flow_id, attributes), daemon=True).start()
        return chat

    @staticmethod
    def _run(runner: FlowRunner, chat: LiveChat, flow_id: str, attributes: dict[str, str]) -> None:
        try:
            outcome = runner(chat, flow_id, attributes)
        except Exception:  # a broken flow ends the chat, as Connect does
            logging.getLogger(__name__).exception("chat %s: its flow failed", chat.contact_id)
            outcome = "error"
        with chat.changed:
            chat.in_flow = False
            chat.lines.clear()
        if outcome in ("connected", "waiting"):  # in a queue: a person takes it from here
            chat.add(SYSTEM, "", event="transfer.succeeded")
        else:
            chat.end(SYSTEM)

    # -- the agent's side (the local CCP) -------------------------------------------------

    def watch(self, center: ContactCenter) -> None:
        """Tell a chat when its agent joins and when the agent ends it."""
        self.center = center
        center.on_connected.append(self._joined)
        center.on_agent_changed.append(self._left)

    def _joined(self, agent: Agent, contact: Handling) -> None:
        chat = self.chats.get(contact.waiting.contact_id)
        if chat is not None:
            chat.add(AGENT, "", name=agent.username, event="participant.joined")

    def _left(self, agent: Agent, _: object) -> None:
        contact = agent.contact
        if contact is None or contact.disconnect_reason != AGENT_DISCONNECT:
            return
        chat = self.chats.get(contact.waiting.contact_id)
        if chat is not None:
            chat.end(AGENT, agent.username)

    def agent_chat(self, center: ContactCenter, user: str) -> LiveChat:
        """The chat agent ``user`` has now (connected, or after it in after-contact work)."""
        agent = center.agent(user)
        contact = agent.contact
        chat = self.chats.get(contact.waiting.contact_id) if contact is not None else None
        if chat is None or contact is None or contact.connected_at is None:
            raise ChatError(409, "Conflict", f"{agent.username} has no chat connected")
        return chat

    def agent_writes(self, center: ContactCenter, user: str, text: str) -> dict[str, Any]:
        chat = self.agent_chat(center, user)
        if not text.strip() or len(text) > MAX_MESSAGE:
            raise ChatError(400, "ValidationException", f"text: 1 to {MAX_MESSAGE} characters")
        with chat.changed:
            if chat.ended:
                raise ChatError(409, "Conflict", "the chat has ended")
            return chat.add(AGENT, text, name=center.agent(user).username)

    # -- the Participant Service ----------------------------------------------------------

    def _find(self, token: str, which: Callable[[LiveChat], str | None]) -> LiveChat:
        given = token.encode("utf-8", "replace")  # compare_digest takes any bytes, only ASCII str
        for chat in list(self.chats.values()):
            known = which(chat)
            if known and secrets.compare_digest(known.encode(), given):
                return chat
        raise ChatError(403, "AccessDeniedException", "unknown or expired token")

    def by_participant_token(self, token: str) -> LiveChat:
        return self._find(token, lambda chat: chat.participant_token)

    def by_connection_token(self, token: str) -> LiveChat:
        return self._find(token, lambda chat: chat.connection_token)

    def connect_participant(self, participant_token: str) -> dict[str, Any]:
        chat = self.by_participant_token(participant_token)
        with chat.changed:  # two tabs (or a retry) at once get the same connection
            if chat.ended:
                raise ChatError(403, "AccessDeniedException", "the chat has ended")
            if chat.connection_token is None:
                chat.connection_token = secrets.token_urlsafe(32)
        expiry = clock.iso(clock.now() + CONNECTION_LIFETIME)
        return {"ConnectionCredentials": {"ConnectionToken": chat.connection_token, "Expiry": expiry}}

    def send(self, connection_token: str, content_type: str, content: str) -> dict[str, str]:
        if content_type != TEXT:
            raise ChatError(400, "ValidationException", f"ContentType {content_type!r}: only {TEXT}")
        if not content.strip() or len(content) > MAX_MESSAGE:
            raise ChatError(400, "ValidationException", f"Content: 1 to {MAX_MESSAGE} characters")
        item = self.by_connection_token(connection_token).customer_writes(content)
        return {"Id": item["Id"], "AbsoluteTime": item["AbsoluteTime"]}

    def transcript(self, connection_token: str, request: dict[str, Any]) -> dict[str, Any]:
        """GetTranscript: the newest ``MaxResults`` items (ScanDirection BACKWARD, Connect's
        default; FORWARD: the oldest), in ``SortOrder`` (ASCENDING by default)."""
        chat = self.by_connection_token(connection_token)
        limit = request.get("MaxResults", 15)
        if not isinstance(limit, int) or not 0 <= limit <= 100:
            raise ChatError(400, "ValidationException", "MaxResults: 0 to 100")
        items = transcript(chat)
        chosen = items[:limit] if request.get("ScanDirection") == "FORWARD" else items[len(items) - limit :]
        if request.get("SortOrder") == "DESCENDING":
            chosen.reverse()
        return {"InitialContactId": chat.contact_id, "Transcript": chosen}

    def disconnect(self, connection_token: str) -> None:
        chat = self.by_connection_token(connection_token)
        chat.end(CUSTOMER, chat.display_name)
        if self.center is not None:  # waiting: abandoned; with an agent: the conversation ends
            self.center.hang_up(chat.contact_id)


def transcript(chat: LiveChat) -> list[dict[str, Any]]:
    with chat.changed:
        return list(chat.items)
