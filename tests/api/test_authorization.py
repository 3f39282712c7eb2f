"""Authorization on every object: who may see and change what."""

import pytest

from tests.api.conftest import Api, problem

pytestmark = pytest.mark.local_cloud


@pytest.fixture(scope="module")
def billing_ticket(api: Api) -> dict:  # type: ignore[type-arg]
    return api.ticket(department="billing")


@pytest.fixture(scope="module")
def technical_ticket(api: Api) -> dict:  # type: ignore[type-arg]
    return api.ticket(department="technical")


def test_a_department_member_sees_only_their_departments_tickets(
    api: Api,
    billing_ticket: dict,  # type: ignore[type-arg]
    technical_ticket: dict,  # type: ignore[type-arg]
) -> None:
    api.call("GET", f"/tickets/{billing_ticket['ticket_id']}", as_="department:billing", expect=200)
    hidden = api.call(
        "GET", f"/tickets/{technical_ticket['ticket_id']}", as_="department:billing", expect=404
    )
    # Indistinguishable from a ticket that does not exist.
    missing = api.call("GET", "/tickets/T-999999998", as_="department:billing", expect=404)
    assert set(problem(hidden)) == set(problem(missing))
    listed = api.call("GET", "/tickets", as_="department:billing", params={"limit": 100}, expect=200).json()[
        "items"
    ]
    assert listed
    assert {t["department"] for t in listed} == {"billing"}
    api.call("GET", "/tickets", as_="department:billing", params={"department": "technical"}, expect=404)
    for path in ("comments", "timeline"):
        api.call(
            "GET", f"/tickets/{technical_ticket['ticket_id']}/{path}", as_="department:billing", expect=404
        )


def test_a_department_member_cannot_change_another_departments_ticket(
    api: Api,
    technical_ticket: dict,  # type: ignore[type-arg]
) -> None:
    api.call(
        "POST",
        f"/tickets/{technical_ticket['ticket_id']}/transitions",
        as_="department:billing",
        json={"to": "resolved"},
        headers={"If-Match": '"1"'},
        expect=404,
    )
    api.call(
        "POST",
        f"/tickets/{technical_ticket['ticket_id']}/comments",
        as_="department:billing",
        json={"body": "x", "visibility": "internal"},
        expect=404,
    )


def test_a_department_member_resolves_their_own_ticket(api: Api) -> None:
    ticket = api.ticket(department="billing")
    resolved = api.call(
        "POST",
        f"/tickets/{ticket['ticket_id']}/transitions",
        as_="department:billing",
        json={"to": "resolved", "resolution": "Refund issued"},
        headers={"If-Match": '"1"'},
        expect=200,
    ).json()
    assert resolved["status"] == "resolved"


def test_a_department_member_opens_tickets_only_for_their_department(api: Api) -> None:
    customer = api.customer()
    ticket = api.ticket(customer["customer_id"], as_="department:billing")
    assert ticket["department"] == "billing"
    refused = api.call(
        "POST",
        "/tickets",
        as_="department:billing",
        json={
            "type": "request",
            "subject": "x",
            "customer_id": customer["customer_id"],
            "department": "technical",
        },
        expect=422,
    )
    assert problem(refused)["field"] == "department"


def test_customer_facing_clients_never_see_internal_notes(api: Api) -> None:
    customer = api.customer()
    token = api.session.token("customer", customer_id=customer["customer_id"])
    ticket = api.call(
        "POST",
        "/tickets",
        token=token,
        json={"type": "request", "subject": "It broke", "customer_id": customer["customer_id"]},
        expect=201,
    ).json()
    path = f"/tickets/{ticket['ticket_id']}"
    api.call(
        "POST",
        f"{path}/comments",
        json={"body": "Internal: customer is a known complainer", "visibility": "internal"},
        expect=201,
    )
    api.call("POST", f"{path}/comments", json={"body": "We are on it"}, expect=201)
    version = api.call("GET", path, expect=200).json()["version"]
    api.call(
        "POST",
        f"{path}/assignment",
        json={"agent_id": "ana"},
        headers={"If-Match": f'"{version}"'},
        expect=200,
    )
    customer_reply = api.call(
        "POST", f"{path}/comments", token=token, json={"body": "Thanks!"}, expect=201
    ).json()
    assert customer_reply["author_type"] == "customer"

    comments = api.call("GET", f"{path}/comments", token=token, expect=200)
    assert [c["body"] for c in comments.json()["items"]] == ["We are on it", "Thanks!"]
    timeline = api.call("GET", f"{path}/timeline", token=token, expect=200)
    assert "known complainer" not in timeline.text
    assert "assigned" not in [e["kind"] for e in timeline.json()["items"]]
    seen = api.call("GET", path, token=token, expect=200).json()
    assert (seen["assignee_id"], seen["assignment_reason"], seen["tags"]) == (None, None, [])
    staff_view = api.call("GET", f"{path}/comments", expect=200).json()["items"]
    assert len(staff_view) == 3


def test_customer_facing_clients_reply_but_change_nothing_else(api: Api) -> None:
    customer = api.customer()
    token = api.session.token("customer", customer_id=customer["customer_id"])
    ticket = api.ticket(customer["customer_id"])
    path = f"/tickets/{ticket['ticket_id']}"
    note = api.call(
        "POST", f"{path}/comments", token=token, json={"body": "x", "visibility": "internal"}, expect=422
    )
    assert problem(note)["field"] == "visibility"
    # Staff-only routes refuse the customer's and the portal's scopes at the gateway.
    for method, route, body in (
        ("POST", f"{path}/transitions", {"to": "resolved"}),
        ("PATCH", path, {"priority": "P1"}),
        ("POST", f"{path}/assignment", {"mode": "auto"}),
    ):
        for who in (token, api.session.token("portal")):
            denied = api.call(method, route, token=who, json=body, headers={"If-Match": '"1"'}, expect=403)
            assert problem(denied)["type"] == "urn:contactcenter:problem:forbidden"
    mine = api.call("GET", "/tickets", token=token, expect=200).json()
    assert [t["ticket_id"] for t in mine["items"]] == [ticket["ticket_id"]]
    api.call("GET", "/tickets", as_="portal", expect=403)
    api.call("GET", "/customers", as_="portal", expect=403)


def test_only_supervisors_and_admins_manage_the_directory(api: Api) -> None:
    agent = {"agent_id": "eve", "name": "Eve", "department_id": "general"}
    problem(api.call("POST", "/agents", as_="agent", json=agent, expect=403))
    problem(
        api.call(
            "POST",
            "/departments",
            as_="department:billing",
            json={"department_id": "x", "name": "X"},
            expect=403,
        )
    )
    api.call("POST", "/agents", as_="supervisor", json=agent, expect=201)
    api.call("GET", "/agents", as_="agent", params={"department": "general"}, expect=200)


def test_agents_switch_only_their_own_availability(api: Api) -> None:
    ana = api.session.token("agent", username="ana")
    away = api.call("PATCH", "/agents/ana", token=ana, json={"available": False}, expect=200).json()
    assert away["available"] is False
    api.call("PATCH", "/agents/ana", token=ana, json={"available": True}, expect=200)
    problem(api.call("PATCH", "/agents/ana", token=ana, json={"capacity": 99}, expect=403))
    problem(api.call("PATCH", "/agents/bo", token=ana, json={"available": False}, expect=403))


def test_a_second_default_department_is_refused(api: Api) -> None:
    refused = api.call(
        "POST",
        "/departments",
        as_="admin",
        json={"department_id": "other", "name": "O", "default": True},
        expect=409,
    )
    assert "already the default" in problem(refused)["detail"]


def test_tokens_are_checked_like_the_deployed_authorizer(api: Api) -> None:
    assert (
        problem(api.call("GET", "/tickets", token="", expect=401))["type"]
        == "urn:contactcenter:problem:unauthenticated"
    )
    expired = api.session.token("agent", expires_in=-5)
    assert (
        problem(api.call("GET", "/tickets", token=expired, expect=401))["detail"]
        == "The incoming token has expired"
    )
    forged = api.session.token("agent")[:-6] + "AAAAAA"
    problem(api.call("GET", "/tickets", token=forged, expect=401))
    assert (
        api.call("GET", "/openapi.json", token="", expect=200).json()["info"]["title"] == "Contact center API"
    )
