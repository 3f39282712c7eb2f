"""The closed loop and the callbacks on the local cloud: the real ASL files run by moto's
Step Functions, the real step functions, the real API, with the local cloud's short timings."""

import json
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest

from localcloud.connect import AgentTask
from localcloud.provision import physical_name
from localcloud.seed import seed_directory
from localcloud.session import LocalSession
from tests.api.conftest import Api

BILLING_MEMBER = "department:billing"


def mobile() -> str:
    """A fresh Dutch mobile number (valid for its country), so tests never share a callback."""
    return f"+3161{random.randint(1_000_000, 9_999_999)}"


@dataclass
class Loop:
    api: Api

    @property
    def session(self) -> LocalSession:
        return self.api.session

    def customer(self, **fields: Any) -> dict[str, Any]:
        return self.api.customer(**{"language": "nl", "phones": [mobile()], **fields})

    def complaint(self, customer: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
        customer = customer or self.customer()
        body = {"type": "complaint", "subject": "Dubbel afgeschreven", "category": "billing", **fields}
        return self.api.ticket(customer["customer_id"], **body)

    def get(self, ticket_id: str) -> dict[str, Any]:
        return self.api.call("GET", f"/tickets/{ticket_id}", expect=200).json()  # type: ignore[no-any-return]

    def wait(
        self, ticket_id: str, until: Callable[[dict[str, Any]], bool], timeout: float = 30
    ) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            ticket = self.get(ticket_id)
            if until(ticket):
                return ticket
            assert time.monotonic() < deadline, f"{ticket_id} never got there: {ticket['workflow']}"
            time.sleep(0.1)

    def wait_state(self, ticket_id: str, state: str, timeout: float = 30) -> dict[str, Any]:
        return self.wait(ticket_id, lambda t: t["workflow"]["state"] == state, timeout)

    def resolve(
        self,
        ticket_id: str,
        text: str = "Het bedrag is teruggestort.",
        expect: int = 202,
        as_: str = BILLING_MEMBER,
    ) -> Any:
        return self.api.call(
            "POST",
            f"/tickets/{ticket_id}/resolution",
            as_=as_,
            json={"resolution": text},
            expect=expect,
        )

    def follow_up(self, ticket_id: str, outcome: str, expect: int = 202, **fields: Any) -> Any:
        return self.api.call(
            "POST", f"/tickets/{ticket_id}/follow-up", json={"outcome": outcome, **fields}, expect=expect
        )

    def executions(self, name_prefix: str) -> list[dict[str, Any]]:
        sfn = self.session.cloud.client("stepfunctions")
        arns = self.session.cloud.resources.state_machines
        found = []
        for key in ("complaint", "callback"):
            for page in sfn.get_paginator("list_executions").paginate(stateMachineArn=arns[key]):
                found += [e for e in page["executions"] if e["name"].startswith(name_prefix)]
        return found

    def finished(self, name: str, timeout: float = 30) -> dict[str, Any]:
        (execution,) = [e for e in self.executions(name) if e["name"] == name]
        return self.session.cloud.wait_for_execution(execution["executionArn"], timeout)

    def history(self, execution_arn: str) -> list[dict[str, Any]]:
        sfn = self.session.cloud.client("stepfunctions")
        return sfn.get_execution_history(executionArn=execution_arn, maxResults=1000)["events"]  # type: ignore[no-any-return]

    def tasks(self, attribute: str, value: str) -> list[AgentTask]:
        return self.session.cloud.connect.tasks_for(attribute, value)

    def timeline(self, ticket_id: str) -> list[str]:
        items = self.api.call("GET", f"/tickets/{ticket_id}/timeline", expect=200).json()["items"]
        return [item["summary"] for item in items]

    @contextmanager
    def tuned(self, function: str, change: Callable[[dict[str, str]], None]) -> Iterator[None]:
        """Run with ``function``'s environment changed (as a redeployment with other settings would)."""
        lambda_ = self.session.cloud.client("lambda")
        name = physical_name(function)
        original = lambda_.get_function_configuration(FunctionName=name)["Environment"]["Variables"]
        changed = dict(original)
        change(changed)
        lambda_.update_function_configuration(FunctionName=name, Environment={"Variables": changed})
        try:
            yield
        finally:
            lambda_.update_function_configuration(FunctionName=name, Environment={"Variables": original})


def set_json(key: str, **values: Any) -> Callable[[dict[str, str]], None]:
    """An environment change: merge ``values`` into the JSON in ``key``."""

    def change(environment: dict[str, str]) -> None:
        environment[key] = json.dumps({**json.loads(environment.get(key, "{}")), **values})

    return change


@pytest.fixture(scope="session")
def loop(local: LocalSession) -> Loop:
    seed_directory(local)
    return Loop(Api(local))
