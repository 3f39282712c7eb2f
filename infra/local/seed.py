"""Demo data for the local cloud, created through the API as an administrator would."""

from typing import Any

from infra.local.session import LocalSession

DEPARTMENTS: tuple[dict[str, Any], ...] = (
    {"department_id": "billing", "name": "Billing", "categories": ["billing", "refunds"]},
    {"department_id": "technical", "name": "Technical support", "products": ["router-x", "router-y"]},
    {"department_id": "general", "name": "General help desk", "default": True},
)

AGENTS: tuple[dict[str, Any], ...] = (
    {
        "agent_id": "ana",
        "name": "Ana de Wit",
        "department_id": "billing",
        "languages": ["nl", "en"],
        "skills": [{"name": "billing", "level": 4}],
    },
    {
        "agent_id": "bo",
        "name": "Bo Li",
        "department_id": "billing",
        "languages": ["en", "zh"],
        "skills": [{"name": "billing", "level": 2}],
    },
    {
        "agent_id": "chen",
        "name": "Chen Wei",
        "department_id": "technical",
        "languages": ["zh", "ko", "en"],
        "skills": [{"name": "router-x", "level": 5}],
    },
    {"agent_id": "dae", "name": "Dae-jung Kim", "department_id": "general", "languages": ["ko", "en"]},
)


def seed_directory(session: LocalSession) -> None:
    """Departments and agents (idempotent: a second run changes nothing)."""
    admin = session.token("admin")
    for department in DEPARTMENTS:
        response = session.http("POST", "/departments", token=admin, json=department)
        if response.status_code not in (201, 409):
            raise RuntimeError(f"seeding department {department['department_id']}: {response.text}")
    for agent in AGENTS:
        response = session.http("POST", "/agents", token=admin, json=agent)
        if response.status_code not in (201, 409):
            raise RuntimeError(f"seeding agent {agent['agent_id']}: {response.text}")
