"""What the customers API accepts and returns."""

from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    Field,
    StringConstraints,
    field_validator,
)
from pydantic.json_schema import SkipJsonSchema

from contactcenter.api.models import Out, Patch, Slug, Strict, Text
from contactcenter.customers import contact_points
from contactcenter.languages import Language

Tier = Literal["standard", "gold", "vip"]
Phone = Annotated[str, AfterValidator(contact_points.e164)]
Email = Annotated[str, StringConstraints(max_length=254), AfterValidator(contact_points.email)]
AccountNumber = Annotated[str, StringConstraints(pattern=r"^[0-9]{6,12}$")]


def _time_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r} (use an IANA name such as Europe/Amsterdam)") from None
    return name


TimeZone = Annotated[str, AfterValidator(_time_zone)]


class Address(Strict):
    street: Annotated[str, StringConstraints(max_length=200)] | None = None
    postal_code: Annotated[str, StringConstraints(max_length=20)] | None = None
    city: Annotated[str, StringConstraints(max_length=100)] | None = None
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None


class CustomerIn(Strict):
    name: Text
    company: Text | None = None
    email: Email | None = None
    phones: list[Phone] = Field(default_factory=list, max_length=10)
    account_number: AccountNumber | None = None
    tier: Tier = "standard"
    products: list[Slug] = Field(default_factory=list, max_length=20)
    language: Language = "en"
    time_zone: TimeZone = "Europe/Amsterdam"
    address: Address | None = None

    @field_validator("phones")
    @classmethod
    def _distinct(cls, phones: list[str]) -> list[str]:
        return list(dict.fromkeys(phones))


class CustomerPatch(Patch):
    # Optional in a patch means "leave as is"; a field every customer has cannot be unset.
    kept = ("name", "tier", "language", "time_zone", "phones", "products")

    name: Text | SkipJsonSchema[None] = None
    company: Text | None = None
    email: Email | None = None
    phones: Annotated[list[Phone], Field(max_length=10)] | SkipJsonSchema[None] = None
    account_number: AccountNumber | None = None
    tier: Tier | SkipJsonSchema[None] = None
    products: Annotated[list[Slug], Field(max_length=20)] | SkipJsonSchema[None] = None
    language: Language | SkipJsonSchema[None] = None
    time_zone: TimeZone | SkipJsonSchema[None] = None
    address: Address | None = None


class CustomerOut(Out):
    customer_id: str
    name: str
    company: str | None
    email: str | None
    phones: list[str]
    account_number: str | None
    tier: str
    products: list[str]
    language: str
    time_zone: str
    address: Address | None
    has_pin: bool
    created_at: str
    updated_at: str
    erased_at: str | None = None  # set once the customer's personal data is erased
    version: int


class CustomerPage(Out):
    items: list[CustomerOut]
    next_cursor: str | None


class HistoryItem(Out):
    kind: str
    reference: str
    at: str
    channel: str | None
    summary: str


class HistoryPage(Out):
    items: list[HistoryItem]
    next_cursor: str | None


class PinIn(Strict):
    """A new IVR PIN: 4 to 8 digits. It is stored only as a salted hash."""

    pin: Annotated[str, StringConstraints(pattern=r"^[0-9]{4,8}$")]
