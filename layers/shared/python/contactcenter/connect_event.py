"""Amazon Connect's Lambda events and answers.

Connect calls a function from a flow with a ContactFlowEvent; the function must answer a
flat map of strings (STRING_MAP), which the flow reads as ``$.External.<key>``. A function
called by a flow never raises: whatever happens becomes a ``result`` code the flow branches
on (an exception would only send the caller down the flow's error branch, silently).
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

MAX_RESPONSE_BYTES = 32 * 1024  # Connect's limit for a Lambda's answer


class MalformedEvent(ValueError):
    """Not an event Connect sends."""


class Endpoint(BaseModel):
    model_config = ConfigDict(extra="ignore")

    Address: str | None = None
    Type: str | None = None


class QueueRef(BaseModel):
    model_config = ConfigDict(extra="ignore")

    ARN: str | None = None
    Name: str | None = None


class ContactData(BaseModel):
    model_config = ConfigDict(extra="ignore")

    ContactId: str = Field(min_length=1)
    Channel: str = "VOICE"
    Attributes: dict[str, str] = Field(default_factory=dict)
    CustomerEndpoint: Endpoint | None = None
    InstanceARN: str | None = None
    LanguageCode: str | None = None
    Queue: QueueRef | None = None  # the working queue, in queue flows


class Details(BaseModel):
    model_config = ConfigDict(extra="ignore")

    ContactData: ContactData
    Parameters: dict[str, str] = Field(default_factory=dict)


class ContactFlowEvent(BaseModel):
    model_config = ConfigDict(extra="ignore")

    Name: str
    Details: Details

    @property
    def contact(self) -> ContactData:
        return self.Details.ContactData

    @property
    def parameters(self) -> dict[str, str]:
        return self.Details.Parameters

    @property
    def caller_number(self) -> str | None:
        endpoint = self.contact.CustomerEndpoint
        return endpoint.Address if endpoint and endpoint.Type == "TELEPHONE_NUMBER" else None


def parse(event: Any) -> ContactFlowEvent:
    try:
        parsed = ContactFlowEvent.model_validate(event)
    except ValidationError as exc:
        fields = ", ".join(".".join(str(p) for p in err["loc"]) for err in exc.errors())
        raise MalformedEvent(f"not a Connect contact flow event: {fields}") from None
    if parsed.Name != "ContactFlowEvent":
        raise MalformedEvent(f"not a Connect contact flow event: Name is {parsed.Name!r}")
    return parsed


def string_map(values: dict[str, Any]) -> dict[str, str]:
    """The answer as Connect wants it: flat, strings only, within 32 KB (long values trimmed)."""
    flat = {
        str(k): "" if v is None else ("true" if v is True else "false" if v is False else str(v))
        for k, v in values.items()
    }
    size = sum(len(k.encode()) + len(v.encode()) for k, v in flat.items())
    if size > MAX_RESPONSE_BYTES:
        budget = MAX_RESPONSE_BYTES // max(1, len(flat))
        flat = {k: v.encode()[:budget].decode(errors="ignore") for k, v in flat.items()}
    return flat
