"""API tests: real HTTP through the local API, real tokens, the real handlers on the local cloud."""

import uuid
from dataclasses import dataclass
from typing import Any

import pytest
import requests

from localcloud.seed import seed_directory
from localcloud.session import LocalSession


@dataclass
class Api:
    session: LocalSession

    def call(
        self,
        method: str,
        path: str,
        *,
        as_: str = "agent",
        token: str | None = None,
        expect: int | None = None,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> requests.Response:
        """A request as ``as_`` (a role, or role:department for department members)."""
        if token is None:
            role, _, department = as_.partition(":")
            token = self.session.token(role, department=department or None)
        response = self.session.http(method, path, token=token, headers=headers or {}, **kwargs)
        if expect is not None:
            assert response.status_code == expect, f"{method} {path}: {response.status_code} {response.text}"
        return response

    def customer(self, **fields: Any) -> dict[str, Any]:
        body = {"name": "Test Customer", "language": "en", **fields}
        return self.call("POST", "/customers", json=body, expect=201).json()  # type: ignore[no-any-return]

    def ticket(self, customer_id: str | None = None, as_: str = "agent", **fields: Any) -> dict[str, Any]:
        if customer_id is None and "customer" not in fields:
            customer_id = self.customer()["customer_id"]
        body = {"type": "request", "subject": "It broke", **fields}
        if customer_id:
            body["customer_id"] = customer_id
        return self.call("POST", "/tickets", as_=as_, json=body, expect=201).json()  # type: ignore[no-any-return]

    def transition(self, ticket: dict[str, Any], to: str, expect: int = 200, **fields: Any) -> dict[str, Any]:
        response = self.call(
            "POST",
            f"/tickets/{ticket['ticket_id']}/transitions",
            json={"to": to, **fields},
            headers={"If-Match": f'"{ticket["version"]}"'},
            expect=expect,
        )
        return response.json()  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def api(local: LocalSession) -> Api:
    seed_directory(local)
    return Api(local)


def unique(prefix: str = "") -> str:
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def problem(response: requests.Response) -> dict[str, Any]:
    """The problem body, checked to be RFC 9457 with the product's fields."""
    assert response.headers["Content-Type"] == "application/problem+json", response.text
    body: dict[str, Any] = response.json()
    assert body["type"].startswith("urn:contactcenter:problem:")
    assert body["status"] == response.status_code
    assert body["title"]
    assert body["detail"]
    return body
