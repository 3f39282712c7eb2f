"""Abuse limits through the local API: per-client throttling of customer-facing callers and
tickets per customer per hour (contactcenter.rate_limits), each a 429 problem with Retry-After;
other callers unaffected; a new window starts afresh; concurrent requests never pass the limit.

The handlers run in this process, so time_machine moves their clock too: each test starts at
the beginning of a window some minutes ahead, so the window cannot end half-way through it.
"""

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
import requests
import time_machine

from tests.api.conftest import Api, problem, unique

pytestmark = pytest.mark.local_cloud

CUSTOMER_REQUESTS = 120  # the defaults (contactcenter.rate_limits.AbuseLimitSettings)
TICKETS_PER_HOUR = 10


def _window_start(seconds: int, ahead: int) -> datetime:
    """The start of a window ``ahead`` windows from now (plus a little)."""
    now = int(datetime.now(UTC).timestamp())
    return datetime.fromtimestamp((now // seconds + ahead) * seconds + 0.2, UTC)


@pytest.fixture
def minute() -> Iterator[time_machine.Traveller]:
    """The clock at the start of a fresh minute window, ticking."""
    with time_machine.travel(_window_start(60, ahead=5), tick=True) as traveller:
        yield traveller


def _as_customer(api: Api, customer_id: str, method: str, path: str, **kwargs: object) -> requests.Response:
    token = api.session.token("customer", customer_id=customer_id)
    return api.call(method, path, token=token, **kwargs)  # type: ignore[arg-type]


def _limited(response: requests.Response, limit: str, window: int) -> None:
    """A clear 429: problem+json naming the limit, with a Retry-After within the window."""
    assert response.status_code == 429, response.text
    body = problem(response)
    assert body["type"] == "urn:contactcenter:problem:too-many-requests"
    assert body["limit"] == limit
    retry_after = int(response.headers["Retry-After"])
    assert 1 <= retry_after <= window
    assert body["retry_after"] == retry_after


def test_a_customer_over_the_limit_gets_429_others_do_not_and_the_next_window_resets(
    api: Api, minute: time_machine.Traveller
) -> None:
    mine, other = api.customer()["customer_id"], api.customer()["customer_id"]
    path = f"/customers/{mine}"
    for _ in range(CUSTOMER_REQUESTS):
        _as_customer(api, mine, "GET", path, expect=200)
    refused = _as_customer(api, mine, "GET", path)
    _limited(refused, "customer-requests", 60)
    assert problem(refused)["detail"] == "too many requests from this customer"  # names no one
    # Another customer, and staff reading the same record, are not counted with them.
    _as_customer(api, other, "GET", f"/customers/{other}", expect=200)
    api.call("GET", path, as_="agent", expect=200)
    # Every route a customer reaches is counted, not just the one they flooded.
    _limited(_as_customer(api, mine, "GET", "/tickets"), "customer-requests", 60)

    minute.shift(int(refused.headers["Retry-After"]) + 1)
    _as_customer(api, mine, "GET", path, expect=200)


def test_concurrent_requests_never_pass_the_limit(api: Api, minute: time_machine.Traveller) -> None:
    customer_id = api.customer()["customer_id"]
    token = api.session.token("customer", customer_id=customer_id)
    extra = 30

    def read(_: int) -> int:
        return api.call("GET", f"/customers/{customer_id}", token=token).status_code

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(read, range(CUSTOMER_REQUESTS + extra)))
    # Exactly the limit passed: none too many (atomic), and none refused early (nothing lost).
    assert statuses.count(200) == CUSTOMER_REQUESTS, statuses
    assert statuses.count(429) == extra


def _open(api: Api, customer_id: str, subject: str = "Router X drops Wi-Fi") -> requests.Response:
    body = {"type": "request", "subject": subject, "customer_id": customer_id}
    return _as_customer(api, customer_id, "POST", "/tickets", json=body)


def test_tickets_per_customer_per_hour(api: Api) -> None:
    with time_machine.travel(_window_start(3600, ahead=2), tick=True) as hour:
        mine, other = api.customer()["customer_id"], api.customer()["customer_id"]
        for _ in range(TICKETS_PER_HOUR):
            assert _open(api, mine).status_code == 201
        refused = _open(api, mine)
        _limited(refused, "tickets-per-hour", 3600)
        assert int(refused.headers["Retry-After"]) > 3000  # the hour has just begun
        # Reading still works; other customers and staff still open tickets.
        _as_customer(api, mine, "GET", "/tickets", expect=200)
        assert _open(api, other).status_code == 201
        api.ticket(mine)  # an agent opening one for them is not self-service
        hour.shift(3600)
        assert _open(api, mine).status_code == 201  # a new hour, a new count


def test_portal_first_contacts_are_counted_per_email_address(api: Api) -> None:
    with time_machine.travel(_window_start(3600, ahead=4), tick=True):
        email, other = f"{unique('flood-')}@example.com", f"{unique('calm-')}@example.com"

        def first_contact(address: str) -> requests.Response:
            body = {"type": "request", "subject": "Help", "customer": {"email": address.upper()}}
            return api.call("POST", "/tickets", as_="portal", json=body)

        for _ in range(TICKETS_PER_HOUR):
            assert first_contact(email).status_code == 201
        # The same address in another case is the same person.
        _limited(first_contact(email.lower()), "tickets-per-hour", 3600)
        assert first_contact(other).status_code == 201


def test_concurrent_ticket_creation_never_passes_the_limit(api: Api) -> None:
    with time_machine.travel(_window_start(3600, ahead=6), tick=True):
        customer_id = api.customer()["customer_id"]
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(lambda _: _open(api, customer_id).status_code, range(16)))
        assert statuses.count(201) == TICKETS_PER_HOUR, statuses
        assert statuses.count(429) == 16 - TICKETS_PER_HOUR
        listed = _as_customer(api, customer_id, "GET", "/tickets", params={"limit": 100}, expect=200)
        assert len(listed.json()["items"]) == TICKETS_PER_HOUR


def test_the_limits_are_documented_on_the_customer_routes(api: Api) -> None:
    document = api.call("GET", "/openapi.json", expect=200).json()
    answer = document["paths"]["/tickets"]["post"]["responses"]["429"]
    assert "too-many-requests" in answer["description"]
    assert "Retry-After" in answer["headers"]
