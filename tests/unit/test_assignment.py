import pytest

from contactcenter.directory.assignment import (
    NoDepartment,
    TicketFacts,
    choose,
    choose_agent,
    choose_department,
)
from contactcenter.directory.models import Agent, Department, Skill


def _department(
    department_id: str,
    *,
    categories: tuple[str, ...] = (),
    products: tuple[str, ...] = (),
    default: bool = False,
) -> Department:
    return Department(
        department_id=department_id,
        name=department_id,
        categories=list(categories),
        products=list(products),
        default=default,
    )


def _agent(
    agent_id: str,
    *,
    languages: tuple[str, ...] = ("en",),
    skills: dict[str, int] | None = None,
    open_tickets: int = 0,
    capacity: int = 10,
    available: bool = True,
) -> Agent:
    return Agent(
        agent_id=agent_id,
        name=agent_id,
        department_id="d",
        languages=list(languages),
        skills=[Skill(name=n, level=level) for n, level in (skills or {}).items()],
        open_tickets=open_tickets,
        capacity=capacity,
        available=available,
    )


DEPARTMENTS = [
    _department("billing", categories=("billing",)),
    _department("technical", products=("router-x",)),
    _department("general", default=True),
]


@pytest.mark.parametrize(
    ("facts", "expected", "reason"),
    [
        (
            TicketFacts("billing", "router-x", None, None),
            "billing",
            "category 'billing' is handled by billing",
        ),
        (
            TicketFacts("outage", "router-x", None, None),
            "technical",
            "product 'router-x' is handled by technical",
        ),
        (TicketFacts("outage", "toaster", None, None), "general", "general is the default department"),
        (TicketFacts("billing", None, None, "technical"), "technical", "ticket is for department technical"),
    ],
)
def test_department_rules_in_order(facts: TicketFacts, expected: str, reason: str) -> None:
    department, why = choose_department(facts, DEPARTMENTS)
    assert department.department_id == expected
    assert reason in why


def test_no_department_and_no_default_is_a_conflict() -> None:
    with pytest.raises(NoDepartment):
        choose_department(TicketFacts("x", "y", None, None), DEPARTMENTS[:2])


def test_language_first_then_skill_then_workload() -> None:
    agents = [
        _agent("busy-dutch-expert", languages=("nl",), skills={"billing": 5}, open_tickets=5),
        _agent("free-dutch-novice", languages=("nl",), skills={"billing": 1}, open_tickets=0),
        _agent("english-expert", languages=("en",), skills={"billing": 5}, open_tickets=0),
        _agent("dutch-expert", languages=("nl", "en"), skills={"billing": 5}, open_tickets=2),
    ]
    agent, reason = choose_agent(TicketFacts("billing", None, "nl", None), agents)
    assert agent is not None
    assert agent.agent_id == "dutch-expert"
    assert reason == "agent dutch-expert, speaks nl, skill level 5, 2 open tickets"


def test_unavailable_and_full_agents_are_skipped() -> None:
    agents = [
        _agent("away", available=False),
        _agent("full", open_tickets=3, capacity=3),
        _agent("ok", open_tickets=2),
    ]
    agent, _ = choose_agent(TicketFacts(None, None, None, None), agents)
    assert agent is not None
    assert agent.agent_id == "ok"


def test_when_nobody_speaks_the_language_someone_still_takes_it() -> None:
    agent, reason = choose_agent(TicketFacts(None, None, "ko", None), [_agent("en-only")])
    assert agent is not None
    assert "no available agent speaks ko" in reason


def test_no_eligible_agent_queues_for_the_department() -> None:
    choice = choose(
        TicketFacts("billing", None, "en", None), DEPARTMENTS, lambda _: [_agent("away", available=False)]
    )
    assert (choice.department_id, choice.agent_id) == ("billing", None)
    assert "queued for the department" in choice.reason
