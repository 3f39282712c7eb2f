"""The local cloud refuses to start when it cannot be right."""

import json
import socket

import pytest

import catalog
from catalog import FunctionSpec, InconsistentDefinition, StateMachineSpec, check_catalog
from localcloud.cloud import LocalCloud, LocalCloudError
from localcloud.provision import render_definition
from localcloud.session import LocalSession


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_taken_port_is_refused_with_a_clear_message(local: LocalSession) -> None:
    with pytest.raises(LocalCloudError, match=f"port {local.cloud.port} on 127.0.0.1 is already in use"):
        LocalCloud(port=local.cloud.port).start()


def test_a_second_cloud_in_the_same_process_is_refused(local: LocalSession) -> None:
    """moto's state is per process: a second cloud would share (and reset) the first one's."""
    with pytest.raises(LocalCloudError, match="a local cloud already runs in this process"):
        LocalCloud(port=free_port()).start()
    assert local.http("GET", "/health").status_code == 200  # the running one is untouched


def test_a_function_naming_an_unknown_table_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    bad = FunctionSpec(
        name="health", stack="Api", description="x", memory_mb=128, timeout_seconds=3, tables={"nope": "read"}
    )  # type: ignore[dict-item]
    monkeypatch.setattr(catalog.inventory, "FUNCTIONS", (bad,))
    with pytest.raises(InconsistentDefinition, match="function health: unknown table 'nope'"):
        check_catalog()


def test_a_function_without_code_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    ghost = FunctionSpec(name="ghost", stack="Api", description="x", memory_mb=128, timeout_seconds=3)
    monkeypatch.setattr(catalog.inventory, "FUNCTIONS", (ghost,))
    with pytest.raises(InconsistentDefinition, match=r"function ghost: no handler\.py"):
        check_catalog()


def test_a_state_machine_placeholder_without_value_is_refused() -> None:
    machine = catalog.STATE_MACHINES[0]
    with pytest.raises(InconsistentDefinition, match=r"no value for \['HealthFunctionArn'\]"):
        render_definition(machine, {})
    with pytest.raises(InconsistentDefinition, match=r"\['Extra'\] not used"):
        render_definition(machine, {"HealthFunctionArn": "arn", "Extra": "x"})


def test_rendering_substitutes_like_cdk() -> None:
    machine: StateMachineSpec = catalog.STATE_MACHINES[0]
    rendered = json.loads(render_definition(machine, {"HealthFunctionArn": "arn:aws:lambda:x:1:function:f"}))
    assert rendered["States"]["CheckHealth"]["Parameters"]["FunctionName"] == "arn:aws:lambda:x:1:function:f"
