"""Contact-flow scenarios: the real flow files, the simulator, the real functions."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from localcloud.connect import QueueConditions
from localcloud.flow_simulator import CallResult
from localcloud.seed import seed
from localcloud.session import LocalSession

JAN = "12345678"  # VIP, Dutch, router-x, PIN 4321, an open technical ticket
LI = "23456789"  # standard, Chinese, router-y, PIN 2468
KIM = "34567890"  # gold, Korean, router-x, PIN 1357
EMMA = "45678901"  # standard, English, router-y, no PIN
PHONES = {JAN: "+31201234567", LI: "+8613812345678", KIM: "+82221234567", EMMA: "+442071234567"}
PINS = {JAN: "4321", LI: "2468", KIM: "1357"}


@dataclass
class Phone:
    session: LocalSession
    customers: dict[str, str]

    def call(
        self, *keys: str, caller: str = PHONES[JAN], flow: str = "inbound_helpdesk", **options: Any
    ) -> CallResult:
        cloud = self.session.cloud
        return cloud.simulator().call(cloud.flow_arn(flow), caller=caller, inputs=keys, **options)


@pytest.fixture(scope="session")
def seeded(local: LocalSession) -> dict[str, str]:
    return seed(local)


@pytest.fixture
def phone(local: LocalSession, seeded: dict[str, str]) -> Iterator[Phone]:
    """A phone to call the help desk with; the help desk open, an agent free in every queue."""
    connect = local.cloud.connect
    connect.open_override = True
    for key in connect.conditions:
        connect.conditions[key] = QueueConditions()
    yield Phone(local, seeded)
    connect.open_override = None
    for key in connect.conditions:
        connect.conditions[key] = QueueConditions()
