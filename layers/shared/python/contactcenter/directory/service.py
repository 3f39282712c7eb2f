"""The directory: agents (skills, languages, capacity, availability) and departments (the
categories and products they handle). Supervisors and admins manage it; agents read it and
switch their own availability."""

from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError

from contactcenter.api.pagination import decode_cursor, encode_cursor
from contactcenter.audit.records import audit_record, never_overwrite
from contactcenter.auth import Caller, Role
from contactcenter.directory.models import Agent, Department, Skill
from contactcenter.directory.schemas import (
    AgentIn,
    AgentOut,
    AgentPatch,
    DepartmentIn,
    DepartmentOut,
    DepartmentPatch,
    SkillIn,
)
from contactcenter.errors import Conflict, Forbidden, NotFound, PreconditionFailed
from contactcenter.storage import failed_condition, transaction

MANAGERS = (Role.SUPERVISOR, Role.ADMIN)
READERS = (Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.DEPARTMENT, Role.INTEGRATION, Role.SYSTEM)


def agent_out(agent: Agent) -> AgentOut:
    return AgentOut(
        agent_id=agent.agent_id,
        name=agent.name,
        department_id=agent.department_id,
        skills=[SkillIn(name=s.name, level=int(s.level)) for s in agent.skills],
        languages=list(agent.languages),
        email=agent.email,
        capacity=int(agent.capacity),
        available=agent.available,
        open_tickets=max(0, int(agent.open_tickets)),
        revision=int(agent.revision),
    )


def department_out(department: Department) -> DepartmentOut:
    return DepartmentOut(
        department_id=department.department_id,
        name=department.name,
        categories=list(department.categories),
        products=list(department.products),
        default=department.default,
        head_agent_id=department.head_agent_id,
        revision=int(department.revision),
    )


def _skills(skills: list[SkillIn]) -> list[Skill]:
    return [Skill(name=skill.name, level=skill.level) for skill in skills]  # type: ignore[no-untyped-call]


class DirectoryService:
    # -- departments ----------------------------------------------------------------------

    def departments(
        self, caller: Caller, *, limit: int, cursor: str | None
    ) -> tuple[list[Department], str | None]:
        caller.require(*READERS)
        query = "departments"
        results = Department.by_listing.query(
            "department", limit=limit, last_evaluated_key=decode_cursor(cursor, query)
        )
        return list(results), encode_cursor(results.last_evaluated_key, query)

    def department(self, caller: Caller, department_id: str) -> Department:
        caller.require(*READERS)
        try:
            return Department.get(department_id)
        except DoesNotExist:
            raise NotFound(f"no department {department_id}", field="department_id") from None

    def create_department(self, caller: Caller, data: DepartmentIn) -> Department:
        caller.require(*MANAGERS)
        if data.default:
            self._no_other_default(data.department_id)
        department = Department(**data.model_dump())
        self._write(caller, department, None, "department.created", department.department_id, create=True)
        return department

    def update_department(
        self, caller: Caller, department_id: str, patch: DepartmentPatch, revision: int | None
    ) -> Department:
        caller.require(*MANAGERS)
        department = self.department(caller, department_id)
        self._check_revision(department, revision)
        if patch.default:
            self._no_other_default(department_id)
        before = department.to_simple_dict()
        for field, value in patch.model_dump(exclude_unset=True).items():
            setattr(department, field, value)
        self._write(caller, department, before, "department.updated", department_id)
        return department

    def _no_other_default(self, department_id: str) -> None:
        for other in Department.by_listing.query("department"):
            if other.default and other.department_id != department_id:
                raise Conflict(f"{other.department_id} is already the default department", field="default")

    # -- agents ---------------------------------------------------------------------------

    def agents(
        self, caller: Caller, department_id: str | None, *, limit: int, cursor: str | None
    ) -> tuple[list[Agent], str | None]:
        caller.require(*READERS)
        query = f"agents:{department_id or ''}"
        start = decode_cursor(cursor, query)
        if department_id:
            results = Agent.by_department.query(department_id, limit=limit, last_evaluated_key=start)
        else:
            results = Agent.by_listing.query("agent", limit=limit, last_evaluated_key=start)
        return list(results), encode_cursor(results.last_evaluated_key, query)

    def agent(self, caller: Caller, agent_id: str) -> Agent:
        caller.require(*READERS)
        try:
            return Agent.get(agent_id)
        except DoesNotExist:
            raise NotFound(f"no agent {agent_id}", field="agent_id") from None

    def create_agent(self, caller: Caller, data: AgentIn) -> Agent:
        caller.require(*MANAGERS)
        self.department(caller, data.department_id)
        values = data.model_dump()
        values["skills"] = _skills(data.skills)
        agent = Agent(**values)
        self._write(caller, agent, None, "agent.created", agent.agent_id, create=True)
        return agent

    def update_agent(self, caller: Caller, agent_id: str, patch: AgentPatch, revision: int | None) -> Agent:
        changes = patch.model_dump(exclude_unset=True)
        own_availability = caller.username == agent_id and set(changes) <= {"available"}
        if not own_availability and not caller.roles & set(MANAGERS):
            raise Forbidden("agents may change only their own availability; supervisors manage the rest")
        agent = self.agent(caller, agent_id)
        self._check_revision(agent, revision)
        if "department_id" in changes:
            self.department(caller, changes["department_id"])
        before = agent.to_simple_dict()
        for field, value in changes.items():
            setattr(agent, field, _skills(patch.skills or []) if field == "skills" else value)
        self._write(caller, agent, before, "agent.updated", agent_id)
        return agent

    # -- writing --------------------------------------------------------------------------

    @staticmethod
    def _check_revision(item: Agent | Department, revision: int | None) -> None:
        if revision is not None and int(item.revision) != revision:
            raise PreconditionFailed(
                f"it is at revision {int(item.revision)}, not {revision}; read it again",
                field="If-Match",
                current_version=int(item.revision),
            )

    @staticmethod
    def _write(
        caller: Caller,
        item: Agent | Department,
        before: dict[str, Any] | None,
        action: str,
        key: str,
        *,
        create: bool = False,
    ) -> None:
        """The item (new, or at the revision read) and its audit record, together."""
        kind = "agent" if isinstance(item, Agent) else "department"
        condition: Any
        if create:
            key_attribute = Agent.agent_id if isinstance(item, Agent) else Department.department_id
            condition = key_attribute.does_not_exist()
        else:
            revision_attribute = Agent.revision if isinstance(item, Agent) else Department.revision
            condition = revision_attribute == int(item.revision)
            item.revision = int(item.revision) + 1
        after = item.to_simple_dict()
        after.pop("open_tickets", None)
        try:
            with transaction() as write:
                write.save(item, condition=condition)
                write.save(
                    audit_record(f"{kind}#{key}", action, caller, before=before, after=after),
                    condition=never_overwrite(),
                )
        except TransactWriteError as error:
            if failed_condition(error) != 0:
                raise
            if create:
                raise Conflict(f"{kind} {key} already exists", field=f"{kind}_id") from None
            raise PreconditionFailed(
                f"{kind} {key} changed meanwhile; read it again", field="If-Match"
            ) from None
