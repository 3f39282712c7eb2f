"""Demo data for the local cloud, created through the API as an administrator would."""

from pathlib import Path
from typing import Any

from localcloud.session import LocalSession

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


# Callers of the IVR demo and tests: account numbers and PINs to dial in with.
CUSTOMERS: tuple[dict[str, Any], ...] = (
    {
        "customer": {
            "name": "Jan de Vries",
            "company": "Bakkerij De Vries",
            "phones": ["+31201234567"],
            "account_number": "12345678",
            "tier": "vip",
            "products": ["router-x"],
            "language": "nl",
        },
        "pin": "4321",
        "open_ticket": {
            "type": "request",
            "subject": "Router X valt steeds uit",
            "department": "technical",
        },
    },
    {
        "customer": {
            "name": "李伟 Li Wei",
            "company": "Wei Trading",
            "phones": ["+8613812345678"],
            "account_number": "23456789",
            "tier": "standard",
            "products": ["router-y"],
            "language": "zh",
        },
        "pin": "2468",
    },
    {
        "customer": {
            "name": "김민준 Kim Min-jun",
            "company": "Hanbit Logistics",
            "phones": ["+82221234567"],
            "account_number": "34567890",
            "tier": "gold",
            "products": ["router-x"],
            "language": "ko",
        },
        "pin": "1357",
    },
    {
        "customer": {
            "name": "Emma Smith",
            "company": "Smith & Co",
            "phones": ["+442071234567"],
            "account_number": "45678901",
            "tier": "standard",
            "products": ["router-y"],
            "language": "en",
        },
        "pin": None,  # has never set a PIN
    },
)


def seed_customers(session: LocalSession) -> dict[str, str]:
    """The demo callers (idempotent); their customer ids by account number."""
    agent = session.token("agent", username="seed")
    ids: dict[str, str] = {}
    for demo in CUSTOMERS:
        account = demo["customer"]["account_number"]
        found = session.http("GET", "/customers", token=agent, params={"account_number": account}).json()[
            "items"
        ]
        if found:
            ids[account] = found[0]["customer_id"]
            continue
        created = session.http("POST", "/customers", token=agent, json=demo["customer"])
        if created.status_code != 201:
            raise RuntimeError(f"seeding customer {account}: {created.text}")
        customer_id = created.json()["customer_id"]
        ids[account] = customer_id
        if demo["pin"]:
            pin = session.http("PUT", f"/customers/{customer_id}/pin", token=agent, json={"pin": demo["pin"]})
            if pin.status_code != 204:
                raise RuntimeError(f"seeding the PIN of {account}: {pin.text}")
        if "open_ticket" in demo:
            ticket = {**demo["open_ticket"], "customer_id": customer_id, "channel": "phone"}
            if session.http("POST", "/tickets", token=agent, json=ticket).status_code != 201:
                raise RuntimeError(f"seeding a ticket of {account}")
    return ids


# The help center's articles: four topics in English, Dutch, Chinese and Korean, one for agents
# only and one draft (the knowledge base of the demo, `contactcenter local` and the chat tests).
HELP_CENTER = Path(__file__).parent / "data" / "help_center.jsonl"


def seed_knowledge(session: LocalSession) -> dict[str, int]:
    """Import the help center's articles (a second run adds no versions)."""
    response = session.http(
        "POST",
        "/knowledge/import",
        token=session.token("admin"),
        data=HELP_CENTER.read_bytes(),
        headers={"Content-Type": "application/x-ndjson"},
    )
    report: dict[str, Any] = response.json()
    if response.status_code != 200 or report["errors"]:
        raise RuntimeError(f"seeding the knowledge base: {response.text}")
    # The search index follows the table's stream, after the import has answered (as in AWS).
    session.cloud.wait_idle()
    return {key: report[key] for key in ("imported", "updated", "unchanged")}


def seed(session: LocalSession) -> dict[str, str]:
    """Everything the demo and `contactcenter local` start with."""
    seed_directory(session)
    return seed_customers(session)


# The help desk's SLA: business hours in Amsterdam with Dutch public holidays, targets by
# tier and priority, and the escalations that warn, breach and go further.
WEEKDAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
SLA_CALENDARS: dict[str, dict[str, Any]] = {
    "help-desk": {
        "name": "Help desk hours (Amsterdam)",
        "time_zone": "Europe/Amsterdam",
        "weekly": {**{day: [["08:00", "20:00"]] for day in WEEKDAYS}, "SATURDAY": [["10:00", "16:00"]]},
        "holidays": {"country": "NL"},
    },
}
SLA_POLICIES: dict[str, dict[str, Any]] = {
    "vip": {
        "name": "VIP customers",
        "calendar_id": "help-desk",
        "match": {"tiers": ["vip"]},
        "precedence": 10,
        "first_response_minutes": 60,
        "resolution_minutes": 8 * 60,
    },
    "urgent": {
        "name": "Urgent tickets",
        "calendar_id": "help-desk",
        "match": {"priorities": ["P1", "P2"]},
        "precedence": 20,
        "first_response_minutes": 120,
        "resolution_minutes": 12 * 60,
    },
    "standard": {
        "name": "Everything else",
        "calendar_id": "help-desk",
        "precedence": 100,
        "first_response_minutes": 8 * 60,
        "resolution_minutes": 36 * 60,
    },
}
SLA_RULES: dict[str, dict[str, Any]] = {
    "resolution": {
        "name": "Resolution on time",
        "timer": "resolution",
        "levels": [
            {"level": "warning", "percent": 80, "actions": [{"type": "notify", "roles": ["assignee"]}]},
            {
                "level": "breach",
                "percent": 100,
                "actions": [
                    {"type": "notify", "roles": ["assignee", "supervisor"]},
                    {"type": "raise_priority"},
                ],
            },
            {
                "level": "second",
                "after": {"level": "breach", "minutes": 240},
                "actions": [
                    {"type": "notify", "roles": ["supervisor", "department_head"]},
                    {
                        "type": "note",
                        "text": "Four business hours past the breach: the department head takes it up.",
                    },
                ],
            },
        ],
    },
    "first-response": {
        "name": "First response on time",
        "timer": "first_response",
        "levels": [
            {"level": "breach", "percent": 100, "actions": [{"type": "notify", "roles": ["supervisor"]}]}
        ],
    },
}


def seed_sla(session: LocalSession) -> None:
    """The help desk's SLA configuration, through the admin API (idempotent: PUT by id)."""
    admin = session.token("admin")
    for path, items in (
        ("calendars", SLA_CALENDARS),
        ("sla-policies", SLA_POLICIES),
        ("escalation-rules", SLA_RULES),
    ):
        for config_id, body in items.items():
            response = session.http("PUT", f"/{path}/{config_id}", token=admin, json=body)
            if response.status_code != 200:
                raise RuntimeError(f"seeding {path}/{config_id}: {response.text}")
