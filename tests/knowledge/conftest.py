"""The knowledge base on the local cloud: the help center's articles imported through the API,
indexed through the table's stream into the embedded engine the functions share."""

import time
from collections.abc import Callable
from typing import Any, TypeVar

import pytest

from localcloud.seed import seed_directory, seed_knowledge
from localcloud.session import LocalSession
from tests.api.conftest import Api

T = TypeVar("T")


@pytest.fixture(scope="module")
def kb(local: LocalSession) -> Api:
    seed_directory(local)
    seed_knowledge(local)
    return Api(local)


def search(api: Api, q: str, *, as_: str = "agent", expect: int = 200, **params: Any) -> dict[str, Any]:
    response = api.call("GET", "/knowledge/search", as_=as_, params={"q": q, **params}, expect=expect)
    return response.json()  # type: ignore[no-any-return]


def found(api: Api, q: str, **options: Any) -> list[str]:
    return [hit["article_id"] for hit in search(api, q, **options)["hits"]]


def eventually(probe: Callable[[], T], until: Callable[[T], bool], timeout: float = 15) -> T:
    """The stream indexes asynchronously: poll until the index shows the change."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if until(value):
            return value
        assert time.monotonic() < deadline, f"never happened; last: {value!r}"
        time.sleep(0.05)
