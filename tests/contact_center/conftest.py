"""The local cloud with its contact center in charge of every queue (no queue conditions)."""

from collections.abc import Iterator

import pytest

from localcloud.connect import QueueConditions
from localcloud.seed import seed
from localcloud.session import LocalSession


@pytest.fixture
def modelled(local: LocalSession) -> Iterator[LocalSession]:
    connect = local.cloud.connect
    if not hasattr(local, "_seeded_for_center"):
        seed(local)
        setattr(local, "_seeded_for_center", True)  # noqa: B010 - once per test session
    saved = dict(connect.conditions)
    connect.use_model()
    connect.center.reset()
    yield local
    connect.center.reset()
    connect.conditions.update(saved or {key: QueueConditions() for key in saved})
