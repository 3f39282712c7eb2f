"""Amazon Lex V2's code-hook events and the answers the bot gives (Lambda input and response
format, message version 1.0)."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class MalformedLexEvent(ValueError):
    """Not an event Lex V2 sends a code hook."""


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Bot(_Loose):
    localeId: str = "en_US"
    name: str = ""


class Intent(_Loose):
    name: str
    state: str | None = None


class SessionState(_Loose):
    sessionAttributes: dict[str, str] = Field(default_factory=dict)
    intent: Intent | None = None


class LexEvent(_Loose):
    messageVersion: str
    invocationSource: Literal["DialogCodeHook", "FulfillmentCodeHook"]
    sessionId: str = Field(min_length=1, max_length=200)
    inputTranscript: str = Field(default="", max_length=2048)  # Lex's own limit on an utterance
    bot: Bot = Field(default_factory=Bot)
    sessionState: SessionState = Field(default_factory=SessionState)
    requestAttributes: dict[str, str] | None = None

    @property
    def language(self) -> str:
        return self.bot.localeId.split("_")[0].lower()

    @property
    def intent_name(self) -> str:
        return self.sessionState.intent.name if self.sessionState.intent else "FallbackIntent"


def parse(event: Any) -> LexEvent:
    try:
        return LexEvent.model_validate(event)
    except ValidationError as error:
        fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in error.errors())
        raise MalformedLexEvent(f"not a Lex V2 code-hook event: {fields}") from None


def respond(
    event: LexEvent,
    messages: list[str],
    attributes: dict[str, str],
    *,
    close: bool,
    intent: str | None = None,
) -> dict[str, Any]:
    """Keep the conversation open (ElicitIntent: the customer asks on) or close it (the flow
    carries on: hand over, or end)."""
    name = intent or event.intent_name
    state: dict[str, Any] = {"sessionAttributes": attributes}
    if close:
        state["dialogAction"] = {"type": "Close"}
        state["intent"] = {"name": name, "state": "Fulfilled"}
    else:
        state["dialogAction"] = {"type": "ElicitIntent"}
    return {
        "sessionState": state,
        "messages": [{"contentType": "PlainText", "content": text} for text in messages if text],
    }
