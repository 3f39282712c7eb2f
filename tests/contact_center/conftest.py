"""The local cloud with its contact center in charge of every queue (no queue conditions)."""

from collections.abc import Iterator

import pytest

from localcloud.seed import seed
from localcloud.session import LocalSession


@pytest.fixture
def modelled(local: LocalSession) -> Iterator[LocalSession]:
    connect = local.cloud.connect
    if not hasattr(local, "_seeded_for_center"):
        seed(local)
        setattr(local, "_seeded_for_center", True)  # noqa: B010 - once per test session
    with connect.emptied_center():
        yield local
