"""The in-process Lambda runtime: every way a function is invoked on the local cloud runs its
real handler, with its own environment, and behaves as Lambda does."""

import json
import os
import threading
from collections.abc import Callable

import pytest

from localcloud.session import LocalSession
from tests.local.conftest import invoke, log_messages

pytestmark = pytest.mark.local_cloud


def test_invoke_runs_the_handler_cold_then_warm(
    local: LocalSession, make_function: Callable[..., str]
) -> None:
    name = make_function(environment={"ECHO_VALUE": "first"})
    result, error = invoke(local, name, {"hello": "wereld 世界 세계"})
    assert error is None
    assert result["echo_value"] == "first"
    assert result["event"] == {"hello": "wereld 世界 세계"}
    assert result["function_name"] == name
    assert 0 < result["remaining_ms"] <= 10_000
    invoke(local, name, {})
    assert local.cloud.runtime is not None
    cold_flags = [i.cold_start for i in local.cloud.runtime.history if i.function_name == name]
    assert cold_flags == [True, False]


def test_a_function_sees_only_its_own_environment(
    local: LocalSession, make_function: Callable[..., str]
) -> None:
    os.environ["CC_TEST_PROCESS_ONLY"] = "1"
    try:
        first = make_function(environment={"ECHO_VALUE": "one"})
        second = make_function(environment={"ECHO_VALUE": "two"})
        assert invoke(local, first, {})[0]["echo_value"] == "one"
        result = invoke(local, second, {})[0]
        assert result["echo_value"] == "two"
        assert result["sees_process_only_variable"] is False
        assert "ECHO_VALUE" not in os.environ
    finally:
        del os.environ["CC_TEST_PROCESS_ONLY"]


def test_an_exception_is_a_function_error_with_lambdas_payload(
    local: LocalSession, make_function: Callable[..., str]
) -> None:
    name = make_function()
    result, error = invoke(local, name, {"action": "raise"})
    assert error == "Handled"  # moto's FunctionError value
    assert result["errorType"] == "ValueError"
    assert result["errorMessage"] == "asked to fail"
    assert any("ValueError: asked to fail" in message for message in log_messages(local, name))


def test_output_becomes_the_functions_cloudwatch_log(
    local: LocalSession, make_function: Callable[..., str]
) -> None:
    name = make_function()
    invoke(local, name, {"marker": "log-me"})
    log = "\n".join(log_messages(local, name))
    assert "START RequestId:" in log
    assert '{"received": {"marker": "log-me"}}' in log
    assert "REPORT RequestId:" in log
    assert "Init: cold" in log


def test_running_past_the_timeout_is_reported_as_lambda_does(
    local: LocalSession, make_function: Callable[..., str]
) -> None:
    name = make_function(timeout=1)
    result, error = invoke(local, name, {"action": "sleep", "seconds": 1.2})
    assert error is not None
    assert result["errorType"] == "Sandbox.Timedout"
    assert result["errorMessage"] == "Task timed out after 1.00 seconds"


def test_a_configuration_change_means_a_new_cold_start(
    local: LocalSession, make_function: Callable[..., str]
) -> None:
    name = make_function(environment={"ECHO_VALUE": "before"})
    invoke(local, name, {})
    local.cloud.client("lambda").update_function_configuration(
        FunctionName=name, Environment={"Variables": {"ECHO_VALUE": "after"}}
    )
    assert invoke(local, name, {})[0]["echo_value"] == "after"
    assert local.cloud.runtime is not None
    assert [i.cold_start for i in local.cloud.runtime.history if i.function_name == name] == [True, True]


def test_concurrent_invocations_get_separate_environments(
    local: LocalSession, make_function: Callable[..., str]
) -> None:
    name = make_function()
    threads = [
        threading.Thread(target=invoke, args=(local, name, {"action": "sleep", "seconds": 0.5}))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert local.cloud.runtime is not None
    assert [i.cold_start for i in local.cloud.runtime.history if i.function_name == name] == [True, True]


def test_an_sqs_event_source_invokes_the_handler(
    local: LocalSession, make_function: Callable[..., str]
) -> None:
    name = make_function()
    sqs = local.cloud.client("sqs")
    url = sqs.create_queue(QueueName=f"{name}-source")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    local.cloud.client("lambda").create_event_source_mapping(
        EventSourceArn=arn, FunctionName=name, BatchSize=1
    )
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"order": 42}))
    assert any('\\"order\\": 42' in m for m in log_messages(local, name))


def test_an_eventbridge_rule_delivers_to_a_lambda_target(
    local: LocalSession, make_function: Callable[..., str]
) -> None:
    name = make_function()
    events = local.cloud.client("events")
    function_arn = local.cloud.client("lambda").get_function(FunctionName=name)["Configuration"][
        "FunctionArn"
    ]
    events.put_rule(Name=f"{name}-rule", EventPattern=json.dumps({"source": ["test.runtime"]}))
    events.put_targets(
        Rule=f"{name}-rule",
        Targets=[
            {
                "Id": "fn",
                "Arn": function_arn,
                "InputTransformer": {
                    "InputPathsMap": {"ticket": "$.detail.ticket"},
                    "InputTemplate": '{"ticket": <ticket>, "via": "rule"}',
                },
            }
        ],
    )
    events.put_events(
        Entries=[{"Source": "test.runtime", "DetailType": "t", "Detail": json.dumps({"ticket": "T-9"})}]
    )
    local.cloud.wait_idle()
    assert any('{"received": {"ticket": "T-9", "via": "rule"}}' in m for m in log_messages(local, name))


def test_a_failing_async_target_is_retried_then_sent_to_its_failure_destination(
    local: LocalSession, make_function: Callable[..., str]
) -> None:
    sqs = local.cloud.client("sqs")
    dlq_url = sqs.create_queue(QueueName="test-runtime-failures")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    name = make_function()
    local.cloud.client("lambda").put_function_event_invoke_config(
        FunctionName=name, MaximumRetryAttempts=2, DestinationConfig={"OnFailure": {"Destination": dlq_arn}}
    )
    function_arn = local.cloud.client("lambda").get_function(FunctionName=name)["Configuration"][
        "FunctionArn"
    ]
    events = local.cloud.client("events")
    events.put_rule(Name=f"{name}-rule", EventPattern=json.dumps({"source": ["test.failing"]}))
    events.put_targets(
        Rule=f"{name}-rule", Targets=[{"Id": "fn", "Arn": function_arn, "Input": '{"action": "raise"}'}]
    )
    events.put_events(Entries=[{"Source": "test.failing", "DetailType": "t", "Detail": "{}"}])
    local.cloud.wait_idle()
    assert local.cloud.runtime is not None
    attempts = [i for i in local.cloud.runtime.history if i.function_name == name]
    assert len(attempts) == 3
    assert all(a.errored for a in attempts)
    messages = sqs.receive_message(QueueUrl=dlq_url).get("Messages", [])
    assert len(messages) == 1
    record = json.loads(messages[0]["Body"])
    assert record["requestPayload"] == {"action": "raise"}
    assert record["requestContext"]["condition"] == "RetriesExhausted"
    assert record["requestContext"]["approximateInvokeCount"] == 3
    assert record["responsePayload"]["errorMessage"] == "asked to fail"


def test_an_eventbridge_rule_starts_a_state_machine(local: LocalSession) -> None:
    events = local.cloud.client("events")
    sfn = local.cloud.client("stepfunctions")
    machine = local.cloud.resources.state_machines["healthcheck"]
    before = len(sfn.list_executions(stateMachineArn=machine)["executions"])
    events.put_rule(Name="test-start-machine", EventPattern=json.dumps({"source": ["test.sfn"]}))
    events.put_targets(Rule="test-start-machine", Targets=[{"Id": "sm", "Arn": machine}])
    events.put_events(Entries=[{"Source": "test.sfn", "DetailType": "t", "Detail": "{}"}])
    local.cloud.wait_idle()
    executions = sfn.list_executions(stateMachineArn=machine)["executions"]
    assert len(executions) == before + 1
    assert local.cloud.wait_for_execution(executions[0]["executionArn"])["status"] == "SUCCEEDED"
    events.remove_targets(Rule="test-start-machine", Ids=["sm"])


def test_a_function_without_local_source_fails_clearly(local: LocalSession) -> None:
    role = local.cloud.client("iam").get_role(RoleName="contactcenter-local-execution")["Role"]["Arn"]
    local.cloud.client("lambda").create_function(
        FunctionName="test-no-source",
        Runtime="python3.12",
        Role=role,
        Handler="handler.handler",
        Code={"ZipFile": b"PK\x05\x06" + b"\x00" * 18},
    )
    result, error = invoke(local, "test-no-source", {})
    assert error is not None
    assert result["errorType"] == "Runtime.NoLocalSource"
