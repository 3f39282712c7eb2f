"""What the directory API accepts and returns."""

from typing import Annotated

from pydantic import Field

from contactcenter.api.models import AgentId, Out, Slug, Strict, Text
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
    available: bool = True


class AgentPatch(Strict):
    name: Text | None = None
    department_id: Slug | None = None
    skills: list[SkillIn] | None = Field(default=None, max_length=30)
    languages: list[Language] | None = Field(default=None, max_length=4)
    email: Email | None = None
    capacity: Annotated[int, Field(ge=0, le=500)] | None = None
    available: bool | None = None


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
    default: bool = False
    head_agent_id: AgentId | None = None


class DepartmentPatch(Strict):
    name: Text | None = None
    categories: list[Slug] | None = Field(default=None, max_length=100)
    products: list[Slug] | None = Field(default=None, max_length=100)
    default: bool | None = None
    head_agent_id: AgentId | None = None


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
