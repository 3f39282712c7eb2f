"""Automatic assignment by rules: which department, then which agent, and why.

Department: the ticket's own if it has one; else the department handling its category; else
the one handling its product; else the default department.
Agent, among that department's available agents below their capacity: those speaking the
ticket's language first, then the highest level in a skill named like the ticket's category
or product, then the fewest open tickets (then the name, so the choice is deterministic).
The reason is kept on the ticket, so anyone can see why it went where it went.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from contactcenter.directory.models import Agent, Department
from contactcenter.errors import Conflict


@dataclass(frozen=True)
class TicketFacts:
    category: str | None
    product: str | None
    language: str | None
    department: str | None


@dataclass(frozen=True)
class Choice:
    department_id: str
    agent_id: str | None
    reason: str


class NoDepartment(Conflict):
    slug = "no-department"
    title = "No department handles this ticket"


def choose_department(facts: TicketFacts, departments: Sequence[Department]) -> tuple[Department, str]:
    by_id = {d.department_id: d for d in departments}
    if facts.department:
        if facts.department not in by_id:
            raise NoDepartment(f"department {facts.department!r} does not exist", field="department")
        return by_id[facts.department], f"ticket is for department {facts.department}"
    for department in departments:
        if facts.category and facts.category in department.categories:
            return department, f"category {facts.category!r} is handled by {department.department_id}"
    for department in departments:
        if facts.product and facts.product in department.products:
            return department, f"product {facts.product!r} is handled by {department.department_id}"
    for department in departments:
        if department.default:
            return department, f"no rule matched; {department.department_id} is the default department"
    raise NoDepartment("no department handles this category or product, and none is the default")


def _skill_level(agent: Agent, facts: TicketFacts) -> int:
    wanted = {facts.category, facts.product} - {None}
    return max((int(skill.level) for skill in agent.skills if skill.name in wanted), default=0)


def choose_agent(facts: TicketFacts, agents: Sequence[Agent]) -> tuple[Agent | None, str]:
    eligible = [a for a in agents if a.available and a.open_tickets < a.capacity]
    if not eligible:
        return None, "no agent is available below capacity; queued for the department"
    speaking = [a for a in eligible if facts.language and facts.language in a.languages]
    pool = speaking or eligible
    best = min(pool, key=lambda a: (-_skill_level(a, facts), a.open_tickets, a.agent_id))
    parts = [f"agent {best.agent_id}"]
    if facts.language:
        parts.append(
            f"speaks {facts.language}" if speaking else f"no available agent speaks {facts.language}"
        )
    level = _skill_level(best, facts)
    if level:
        parts.append(f"skill level {level}")
    parts.append(f"{int(best.open_tickets)} open tickets")
    return best, ", ".join(parts)


def choose(
    facts: TicketFacts, departments: Sequence[Department], agents_of: Callable[[str], Sequence[Agent]]
) -> Choice:
    department, why_department = choose_department(facts, departments)
    agent, why_agent = choose_agent(facts, agents_of(department.department_id))
    return Choice(
        department_id=department.department_id,
        agent_id=agent.agent_id if agent else None,
        reason=f"{why_department}; {why_agent}",
    )
