"""/customers over HTTP."""

import pytest

from tests.api.conftest import Api, problem, unique

pytestmark = pytest.mark.local_cloud


def test_create_read_and_find_a_customer(api: Api) -> None:
    account = unique()[:8].translate(str.maketrans("abcdef", "123456")).ljust(8, "0")
    created = api.call(
        "POST",
        "/customers",
        json={
            "name": "Jan de Vries",
            "company": "Bakkerij Ĳsselmeer",
            "email": "Jan.de.Vries@Example.nl",
            "phones": ["+31 20 123 4567"],
            "account_number": account,
            "tier": "vip",
            "products": ["router-x"],
            "language": "nl",
            "address": {"street": "Damrak 1", "postal_code": "1012 LG", "city": "Amsterdam", "country": "NL"},
        },
        expect=201,
    )
    customer = created.json()
    assert created.headers["Location"] == f"/customers/{customer['customer_id']}"
    assert created.headers["ETag"] == '"1"'
    assert customer["phones"] == ["+31201234567"]  # normalised to E.164
    assert customer["has_pin"] is False
    assert "pin_hash" not in customer

    read = api.call("GET", f"/customers/{customer['customer_id']}", expect=200).json()
    assert read == customer
    for query in (
        {"phone": "+31201234567"},
        {"email": "jan.de.vries@example.nl"},
        {"account_number": account},
    ):
        found = api.call("GET", "/customers", params=query, expect=200).json()["items"]
        assert customer["customer_id"] in [c["customer_id"] for c in found], query


def test_an_account_number_belongs_to_one_customer(api: Api) -> None:
    api.customer(account_number="55500011")
    duplicate = api.call(
        "POST", "/customers", json={"name": "Other", "account_number": "55500011"}, expect=409
    )
    body = problem(duplicate)
    assert body["type"] == "urn:contactcenter:problem:account-number-taken"
    assert body["field"] == "account_number"


def test_cjk_and_dutch_text_round_trips_byte_for_byte(api: Api) -> None:
    name = "王小明 · 김민준 · Ĳsbrand van 't Hoff"
    created = api.call("POST", "/customers", json={"name": name, "language": "zh"}, expect=201)
    assert name.encode("utf-8") in created.content  # raw UTF-8, not \\u escapes
    read = api.call("GET", f"/customers/{created.json()['customer_id']}", expect=200)
    assert read.json()["name"] == name
    assert name.encode("utf-8") in read.content


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "X", "phones": ["0201234567"]}, "body.phones.0"),
        ({"name": "X", "phones": ["+3120"]}, "body.phones.0"),
        ({"name": "X", "email": "not-an-address"}, "body.email"),
        ({"name": "X", "account_number": "12ab"}, "body.account_number"),
        ({"name": "X", "time_zone": "Mars/Olympus"}, "body.time_zone"),
        ({"name": "X", "language": "fr"}, "body.language"),
        ({"name": "X", "shoe_size": 44}, "body.shoe_size"),
        ({}, "body.name"),
    ],
)
def test_bad_fields_are_named(api: Api, body: dict, field: str) -> None:  # type: ignore[type-arg]
    response = api.call("POST", "/customers", json=body, expect=422)
    assert problem(response)["field"] == field


def test_update_with_and_without_if_match(api: Api) -> None:
    customer = api.customer(phones=["+31612345678"])
    path = f"/customers/{customer['customer_id']}"
    changed = api.call("PATCH", path, json={"phones": ["+31687654321"], "tier": "gold"}, expect=200).json()
    assert changed["version"] == 2
    assert changed["tier"] == "gold"
    # The old number no longer finds the customer; the new one does.
    old = api.call("GET", "/customers", params={"phone": "+31612345678"}, expect=200).json()["items"]
    assert customer["customer_id"] not in [c["customer_id"] for c in old]
    new = api.call("GET", "/customers", params={"phone": "+31687654321"}, expect=200).json()["items"]
    assert customer["customer_id"] in [c["customer_id"] for c in new]
    stale = api.call("PATCH", path, json={"name": "Z"}, headers={"If-Match": '"1"'}, expect=412)
    assert problem(stale)["field"] == "If-Match"
    assert api.call("GET", path, expect=200).json()["name"] == "Test Customer"
    null = api.call("PATCH", path, json={"name": None}, expect=422)
    assert "name cannot be null" in problem(null)["detail"]


def test_unknown_customer_is_404(api: Api) -> None:
    response = api.call("GET", "/customers/cus_01aaaaaaaaaaaaaaaaaaaaaaaa", expect=404)
    assert problem(response)["field"] == "customer_id"


def test_list_pages_with_an_opaque_cursor(api: Api) -> None:
    for _ in range(3):
        api.customer()
    first = api.call("GET", "/customers", params={"limit": 2}, expect=200).json()
    assert len(first["items"]) == 2
    assert first["next_cursor"]
    second = api.call(
        "GET", "/customers", params={"limit": 2, "cursor": first["next_cursor"]}, expect=200
    ).json()
    assert not {c["customer_id"] for c in first["items"]} & {c["customer_id"] for c in second["items"]}
    assert first["items"][0]["created_at"] >= second["items"][0]["created_at"]
    bad = api.call("GET", "/customers", params={"cursor": "bm90LWEtY3Vyc29y"}, expect=400)
    assert problem(bad)["field"] == "cursor"


def test_idempotent_create_returns_the_first_answer(api: Api) -> None:
    key = unique("idem-")
    body = {"name": "Retry Me"}
    first = api.call("POST", "/customers", json=body, headers={"Idempotency-Key": key}, expect=201).json()
    again = api.call("POST", "/customers", json=body, headers={"Idempotency-Key": key}, expect=201).json()
    assert again["customer_id"] == first["customer_id"]
    other = api.call(
        "POST", "/customers", json={"name": "Someone else"}, headers={"Idempotency-Key": key}, expect=422
    )
    assert problem(other)["type"] == "urn:contactcenter:problem:idempotency-key-reused"


def test_history_lists_tickets_newest_first(api: Api) -> None:
    customer = api.customer()
    first = api.ticket(customer["customer_id"], subject="first")
    second = api.ticket(customer["customer_id"], subject="second")
    history = api.call("GET", f"/customers/{customer['customer_id']}/history", expect=200).json()["items"]
    assert [h["reference"] for h in history] == [second["ticket_id"], first["ticket_id"]]
    assert history[0]["summary"] == "request: second"
    api.call("GET", "/customers/cus_01aaaaaaaaaaaaaaaaaaaaaaaa/history", expect=404)
