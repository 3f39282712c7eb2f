"""End customers as principals, per role and route family, over HTTP: a customer's token reads
and writes only that customer's own records; the portal machine client reads none; another
customer's ids and another department's ids are answered as missing."""

import random
from typing import Any

import pytest

from tests.api.conftest import Api, problem, unique

pytestmark = pytest.mark.local_cloud


def _number() -> str:
    return f"+3161{random.randrange(10**7):07d}"


def _customer_token(api: Api, customer_id: str) -> str:
    return api.session.token("customer", customer_id=customer_id)


@pytest.fixture(scope="module")
def two(api: Api) -> dict[str, Any]:
    """Customers X and Y, each with a ticket (Y's has an internal note), and their tokens."""
    email_y = f"{unique('y')}@example.com"
    x = api.customer(email=f"{unique('x')}@example.com")
    y_number = _number()
    y = api.customer(email=email_y, phones=[y_number])
    ticket_x = api.ticket(x["customer_id"])
    ticket_y = api.ticket(y["customer_id"], department="billing")
    api.call(
        "POST",
        f"/tickets/{ticket_x['ticket_id']}/comments",
        json={"body": "Internal: goodwill credit?", "visibility": "internal"},
        expect=201,
    )
    api.call("POST", f"/tickets/{ticket_x['ticket_id']}/comments", json={"body": "We are on it"}, expect=201)
    return {
        "x": x,
        "y": y,
        "email_y": email_y,
        "y_number": y_number,
        "ticket_x": ticket_x,
        "ticket_y": ticket_y,
        "token_x": _customer_token(api, x["customer_id"]),
        "token_y": _customer_token(api, y["customer_id"]),
    }


def test_a_customer_lists_only_their_own_tickets(api: Api, two: dict[str, Any]) -> None:
    mine = api.call("GET", "/tickets", token=two["token_x"], expect=200).json()["items"]
    assert [t["ticket_id"] for t in mine] == [two["ticket_x"]["ticket_id"]]
    theirs = api.call(
        "GET", "/tickets", token=two["token_x"], params={"customer": two["y"]["customer_id"]}, expect=404
    )
    assert problem(theirs)["field"] == "customer"
    api.call("GET", "/tickets", token=two["token_x"], params={"assignee": "ana"}, expect=400)


def test_another_customers_ticket_does_not_exist_for_a_customer(api: Api, two: dict[str, Any]) -> None:
    theirs = two["ticket_y"]["ticket_id"]
    for path in ("", "/comments", "/timeline", "/attachments"):
        hidden = api.call("GET", f"/tickets/{theirs}{path}", token=two["token_x"], expect=404)
        missing = api.call("GET", f"/tickets/T-999999997{path}", token=two["token_x"], expect=404)
        assert set(problem(hidden)) == set(problem(missing))
    api.call("POST", f"/tickets/{theirs}/comments", token=two["token_x"], json={"body": "hello"}, expect=404)
    api.call(
        "POST",
        f"/tickets/{theirs}/attachments",
        token=two["token_x"],
        json={"filename": "a.pdf", "content_type": "application/pdf", "size": 10},
        expect=404,
    )


def test_a_customer_reads_and_answers_their_own_ticket_without_internal_entries(
    api: Api, two: dict[str, Any]
) -> None:
    path = f"/tickets/{two['ticket_x']['ticket_id']}"
    seen = api.call("GET", path, token=two["token_x"], expect=200).json()
    assert (seen["assignee_id"], seen["tags"]) == (None, [])
    reply = api.call("POST", f"{path}/comments", token=two["token_x"], json={"body": "Thanks"}, expect=201)
    assert reply.json()["author_type"] == "customer"
    comments = api.call("GET", f"{path}/comments", token=two["token_x"], expect=200).json()["items"]
    assert [c["body"] for c in comments] == ["We are on it", "Thanks"]
    timeline = api.call("GET", f"{path}/timeline", token=two["token_x"], expect=200)
    assert "goodwill" not in timeline.text
    note = api.call(
        "POST", f"{path}/comments", token=two["token_x"], json={"body": "x", "visibility": "internal"}
    )
    assert note.status_code == 422
    for method, route, body in (
        ("POST", f"{path}/transitions", {"to": "resolved"}),
        ("PATCH", path, {"priority": "P1"}),
        ("POST", f"{path}/assignment", {"mode": "auto"}),
        ("POST", f"{path}/merge", {"into": two["ticket_y"]["ticket_id"]}),
    ):
        denied = api.call(method, route, token=two["token_x"], json=body, headers={"If-Match": '"1"'})
        assert denied.status_code == 403, (method, route)


def test_a_customer_opens_tickets_only_for_themselves(api: Api, two: dict[str, Any]) -> None:
    own = api.call(
        "POST",
        "/tickets",
        token=two["token_x"],
        json={"type": "request", "subject": "Mine", "customer_id": two["x"]["customer_id"]},
        expect=201,
    ).json()
    assert own["customer_id"] == two["x"]["customer_id"]
    as_y = api.call(
        "POST",
        "/tickets",
        token=two["token_x"],
        json={"type": "request", "subject": "As Y", "customer_id": two["y"]["customer_id"]},
        expect=422,
    )
    assert problem(as_y)["field"] == "customer_id"
    first_contact = api.call(
        "POST",
        "/tickets",
        token=two["token_x"],
        json={"type": "request", "subject": "As Y", "customer": {"email": two["email_y"]}},
        expect=422,
    )
    assert problem(first_contact)["field"] == "customer"


def test_a_customer_reads_and_changes_only_their_own_profile_and_history(
    api: Api, two: dict[str, Any]
) -> None:
    x, y = two["x"]["customer_id"], two["y"]["customer_id"]
    api.call("GET", f"/customers/{x}", token=two["token_x"], expect=200)
    history = api.call("GET", f"/customers/{x}/history", token=two["token_x"], expect=200).json()["items"]
    assert {h["reference"] for h in history} >= {two["ticket_x"]["ticket_id"]}
    for path in (f"/customers/{y}", f"/customers/{y}/history"):
        api.call("GET", path, token=two["token_x"], expect=404)
    api.call("PATCH", f"/customers/{y}", token=two["token_x"], json={"name": "Hacked"}, expect=404)
    renamed = api.call(
        "PATCH", f"/customers/{x}", token=two["token_x"], json={"name": "X. Smith"}, expect=200
    )
    assert renamed.json()["name"] == "X. Smith"
    refused = api.call("PATCH", f"/customers/{x}", token=two["token_x"], json={"tier": "vip"}, expect=403)
    assert problem(refused)["field"] == "tier"
    # Finding, listing, creating customers and PINs are not a customer's.
    api.call("GET", "/customers", token=two["token_x"], params={"email": two["email_y"]}, expect=403)
    api.call("POST", "/customers", token=two["token_x"], json={"name": "New", "language": "en"}, expect=403)
    api.call("PUT", f"/customers/{x}/pin", token=two["token_x"], json={"pin": "1234"}, expect=403)


def test_the_portal_client_opens_first_contacts_but_reads_no_ones_data(api: Api, two: dict[str, Any]) -> None:
    y = two["y"]["customer_id"]
    # A first contact with Y's e-mail address is not filed on Y's record.
    opened = api.call(
        "POST",
        "/tickets",
        as_="portal",
        json={"type": "request", "subject": "Hi", "customer": {"email": two["email_y"]}},
        expect=201,
    ).json()
    assert opened["customer_id"] != y
    refused = api.call(
        "POST",
        "/tickets",
        as_="portal",
        json={"type": "request", "subject": "Hi", "customer_id": y},
        expect=422,
    )
    assert problem(refused)["field"] == "customer_id"
    ticket_y = two["ticket_y"]["ticket_id"]
    for path in (
        "/tickets",
        f"/tickets/{ticket_y}",
        f"/tickets/{ticket_y}/comments",
        f"/tickets/{opened['ticket_id']}",
    ):
        api.call("GET", path, as_="portal", expect=403)
    for path in (f"/customers/{y}", f"/customers/{y}/history"):
        api.call("GET", path, as_="portal", expect=403)
    # Staff still see Y's ticket on Y's record only.
    staff = api.call("GET", "/tickets", params={"customer": y}, expect=200).json()["items"]
    assert [t["ticket_id"] for t in staff] == [ticket_y]


def test_a_department_member_sees_no_other_departments_ticket_of_a_customer(
    api: Api, two: dict[str, Any]
) -> None:
    api.call("GET", f"/tickets/{two['ticket_y']['ticket_id']}", as_="department:billing", expect=200)
    api.call("GET", f"/tickets/{two['ticket_y']['ticket_id']}", as_="department:technical", expect=404)


def test_callbacks_are_a_customers_own_and_a_merge_reveals_no_one_elses(
    api: Api, two: dict[str, Any]
) -> None:
    y_number = two["y_number"]
    y_callback = api.call(
        "POST",
        "/callbacks",
        json={"number": y_number, "customer_id": two["y"]["customer_id"], "reason": "Y's broken router"},
    )
    assert y_callback.status_code in (200, 201), y_callback.text
    y_id = y_callback.json()["callback_id"]
    other = _number()
    try:
        api.call("GET", f"/callbacks/{y_id}", token=two["token_y"], expect=200)
        api.call("GET", f"/callbacks/{y_id}", token=two["token_x"], expect=404)
        api.call("DELETE", f"/callbacks/{y_id}", token=two["token_x"], expect=404)
        for token in (two["token_x"], api.session.token("portal")):
            merged = api.call("POST", "/callbacks", token=token, json={"number": y_number}, expect=200).json()
            assert merged["customer_id"] is None and merged["reason"] == "" and merged["attempts"] == []
        api.call(
            "POST",
            "/callbacks",
            token=two["token_x"],
            json={"number": other, "customer_id": two["y"]["customer_id"]},
            expect=404,
        )
        api.call(
            "POST",
            "/callbacks",
            token=two["token_x"],
            json={"number": other, "ticket_id": two["ticket_y"]["ticket_id"]},
            expect=422,
        )
        api.call(
            "POST",
            "/callbacks",
            as_="portal",
            json={"number": other, "customer_id": two["y"]["customer_id"]},
            expect=422,
        )
        own = api.call("POST", "/callbacks", token=two["token_x"], json={"number": _number()}, expect=201)
        own_id = own.json()["callback_id"]
        assert own.json()["customer_id"] == two["x"]["customer_id"]
        api.call("GET", f"/callbacks/{own_id}", token=two["token_x"], expect=200)
        api.call("GET", f"/callbacks/{own_id}", token=two["token_y"], expect=404)
        api.call("DELETE", f"/callbacks/{own_id}", token=two["token_x"], expect=200)
        api.call(
            "POST", f"/callbacks/{y_id}/outcome", token=two["token_y"], json={"outcome": "busy"}, expect=403
        )
    finally:
        api.call("DELETE", f"/callbacks/{y_id}")


def test_a_customer_reaches_no_staff_route(api: Api, two: dict[str, Any]) -> None:
    for method, path in (
        ("GET", "/agents"),
        ("GET", "/departments"),
        ("GET", "/notifications"),
        ("GET", "/calendars"),
        ("GET", f"/do-not-call/{two['y_number']}"),
        ("GET", "/knowledge/articles"),
        ("POST", f"/tickets/{two['ticket_x']['ticket_id']}/resolution"),
    ):
        assert api.call(method, path, token=two["token_x"], json={}).status_code == 403, path
