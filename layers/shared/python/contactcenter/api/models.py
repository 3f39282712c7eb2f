"""Base classes and common field types of the API's request and response models."""

from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=200)]
# The identifiers every context refers to (owned by tickets, customers and the directory, but
# shared here so a context can name another's records without importing it).
TicketId = Annotated[str, StringConstraints(pattern=r"^T-[0-9]{6,12}$")]
CustomerId = Annotated[str, StringConstraints(pattern=r"^cus_[0-9a-z]{26}$")]
AgentId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._@+-]{1,128}$")]
Note = Annotated[str, StringConstraints(max_length=5_000)]


class Strict(BaseModel):
    """Input models refuse fields they do not know. Building a model's validator is deferred
    to its first use, so a function's cold start pays only for the models its request needs."""

    model_config = ConfigDict(extra="forbid", defer_build=True)


class Patch(Strict):
    """A change: the fields given are set, the others kept. ``kept`` names the fields every
    record has: null is refused for them (leave the field out to keep it), and their type
    (``X | SkipJsonSchema[None]``) keeps null out of the document, so a client is never told
    null is acceptable. The other optional fields take null to clear."""

    kept: ClassVar[tuple[str, ...]] = ()

    @model_validator(mode="before")
    @classmethod
    def _kept_fields_stay_set(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for name in cls.kept:
                if name in data and data[name] is None:
                    raise ValueError(f"{name} cannot be null; leave it out to keep it")
        return data


class Out(BaseModel):
    """Output models: validators built on first use, as for Strict."""

    model_config = ConfigDict(defer_build=True)
