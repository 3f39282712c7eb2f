"""A state machine from its ASL file, on the local cloud, calling the real handler."""

import uuid

import pytest

from localcloud.provision import physical_name
from localcloud.session import LocalSession

pytestmark = pytest.mark.local_cloud


def _run_healthcheck(local: LocalSession) -> tuple[dict, list[str]]:  # type: ignore[type-arg]
    sfn = local.cloud.client("stepfunctions")
    execution = sfn.start_execution(
        stateMachineArn=local.cloud.resources.state_machines["healthcheck"], name=f"t-{uuid.uuid4().hex}"
    )
    description = local.cloud.wait_for_execution(execution["executionArn"])
    history = sfn.get_execution_history(executionArn=execution["executionArn"])["events"]
    return description, [
        e["stateEnteredEventDetails"]["name"] for e in history if "stateEnteredEventDetails" in e
    ]


def test_the_healthcheck_workflow_calls_the_real_handler(local: LocalSession) -> None:
    description, states = _run_healthcheck(local)
    assert description["status"] == "SUCCEEDED"
    assert states == ["CheckHealth", "Healthy?", "Healthy"]
    assert '"audit_table": "ok"' in description["output"]


def test_the_healthcheck_workflow_fails_when_a_dependency_is_down(local: LocalSession) -> None:
    lambda_ = local.cloud.client("lambda")
    name = physical_name("health")
    environment = lambda_.get_function_configuration(FunctionName=name)["Environment"]["Variables"]
    broken = {**environment, "CC_TABLE_AUDIT": "no-such-table"}
    lambda_.update_function_configuration(FunctionName=name, Environment={"Variables": broken})
    try:
        description, states = _run_healthcheck(local)
    finally:
        lambda_.update_function_configuration(FunctionName=name, Environment={"Variables": environment})
    assert description["status"] == "FAILED"
    assert description["error"] == "Unhealthy"
    assert states == ["CheckHealth", "Healthy?", "Unhealthy"]
