"""What the directory API accepts and returns."""

from typing import Annotated

from pydantic import Field, StrictBool
from pydantic.json_schema import SkipJsonSchema

from contactcenter.api.models import AgentId, Out, Patch, Slug, Strict, Text
from contactcenter.customers.schemas import Email
from contactcenter.languages import Language


class SkillIn(Strict):
    name: Slug
    level: Annotated[int, Field(ge=1, le=5)]


class AgentIn(Strict):
    agent_id: AgentId  # the agent's Cognito username
    name: Text
    department_id: Slug
    skills: list[SkillIn] = Field(default_factory=list, max_length=30)
    languages: list[Language] = Field(default_factory=list, max_length=4)
    email: Email | None = None
    capacity: Annotated[int, Field(ge=0, le=500)] = 10
    available: StrictBool = True


class AgentPatch(Patch):
    kept = ("name", "department_id", "skills", "languages", "capacity", "available")

    name: Text | SkipJsonSchema[None] = None
    department_id: Slug | SkipJsonSchema[None] = None
    skills: Annotated[list[SkillIn], Field(max_length=30)] | SkipJsonSchema[None] = None
    languages: Annotated[list[Language], Field(max_length=4)] | SkipJsonSchema[None] = None
    email: Email | None = None  # null: no e-mail address
    capacity: Annotated[int, Field(ge=0, le=500)] | SkipJsonSchema[None] = None
    available: StrictBool | SkipJsonSchema[None] = None


class AgentOut(Out):
    agent_id: str
    name: str
    department_id: str
    skills: list[SkillIn]
    languages: list[str]
    email: str | None
    capacity: int
    available: bool
    open_tickets: int
    revision: int


class AgentList(Out):
    items: list[AgentOut]
    next_cursor: str | None


class DepartmentIn(Strict):
    department_id: Slug
    name: Text
    categories: list[Slug] = Field(default_factory=list, max_length=100)
    products: list[Slug] = Field(default_factory=list, max_length=100)
    default: StrictBool = False
    head_agent_id: AgentId | None = None


class DepartmentPatch(Patch):
    kept = ("name", "categories", "products", "default")

    name: Text | SkipJsonSchema[None] = None
    categories: Annotated[list[Slug], Field(max_length=100)] | SkipJsonSchema[None] = None
    products: Annotated[list[Slug], Field(max_length=100)] | SkipJsonSchema[None] = None
    default: StrictBool | SkipJsonSchema[None] = None
    head_agent_id: AgentId | None = None  # null: no head agent


class DepartmentOut(Out):
    department_id: str
    name: str
    categories: list[str]
    products: list[str]
    default: bool
    head_agent_id: str | None
    revision: int


class DepartmentList(Out):
    items: list[DepartmentOut]
    next_cursor: str | None
