"""The workflows as deployed: named state machines, the rules that start the closed loop,
exactly the grants to start and answer them, and durations from the context flags."""

import json
from typing import Any

import pytest

import catalog
from infra.config import ConfigError
from tests.infra.conftest import Synthesized, synthesize

pytestmark = pytest.mark.infra


def _role_statements(synthesized: Synthesized, function: str) -> list[dict[str, Any]]:
    """Every policy statement of the catalog function's role."""
    template = synthesized.template(catalog.FUNCTIONS_BY_NAME[function].stack)
    logical = function.title().replace("_", "")
    statements = []
    for logical_id, resource in template["Resources"].items():
        if resource["Type"] == "AWS::IAM::Policy" and logical_id.startswith(f"Functions{logical}Role"):
            statements += resource["Properties"]["PolicyDocument"]["Statement"]
    assert statements, function
    return statements


def _actions(statement: dict[str, Any]) -> set[str]:
    action = statement["Action"]
    return set(action) if isinstance(action, list) else {action}


def _granted(synthesized: Synthesized, function: str, action: str) -> list[str]:
    return [
        json.dumps(s["Resource"]) for s in _role_statements(synthesized, function) if action in _actions(s)
    ]


def test_state_machines_are_named_for_references_from_any_stack(synthesized: Synthesized) -> None:
    names = {
        m["Properties"]["StateMachineName"]
        for m in synthesized.resources("AWS::StepFunctions::StateMachine").values()
    }
    assert names == {catalog.state_machine_name("dev", spec.key) for spec in catalog.STATE_MACHINES}


@pytest.mark.parametrize(
    ("function", "action", "machine"),
    [
        ("workflow_starter", "states:StartExecution", "complaint"),
        ("api_tickets", "states:SendTaskSuccess", "complaint"),
        ("api_callbacks", "states:StartExecution", "callback"),
        ("api_callbacks", "states:SendTaskSuccess", "callback"),
        ("callback_register", "states:StartExecution", "callback"),
    ],
)
def test_functions_may_start_and_answer_exactly_their_state_machines(
    synthesized: Synthesized, function: str, action: str, machine: str
) -> None:
    (resource,) = _granted(synthesized, function, action)
    assert f"stateMachine:contactcenter-dev-{machine}" in resource


def test_no_other_function_may_touch_a_workflow(synthesized: Synthesized) -> None:
    allowed = {spec.name for spec in catalog.FUNCTIONS if spec.starts or spec.answers}
    for spec in catalog.FUNCTIONS:
        if spec.name in allowed:
            continue
        for statement in _role_statements(synthesized, spec.name):
            assert not any(a.startswith("states:") for a in _actions(statement)), spec.name


def test_agent_tasks_are_created_only_through_the_task_flow(synthesized: Synthesized) -> None:
    for function in ("complaint_steps", "callback_steps"):
        (resource,) = _granted(synthesized, function, "connect:StartTaskContact")
        assert "FlowsFlowAgentTask" in resource  # the agent-task flow's ARN, and the instance
    assert not _granted(synthesized, "api_tickets", "connect:StartTaskContact")


def test_only_the_customers_api_starts_chats_and_only_on_the_chat_flow(synthesized: Synthesized) -> None:
    (resource,) = _granted(synthesized, "api_customers", "connect:StartChatContact")
    assert "FlowsFlowChatSelfservice" in resource  # the chat flow's ARN, and the instance
    others = [s.name for s in catalog.FUNCTIONS if s.name != "api_customers"]
    assert not [name for name in others if _granted(synthesized, name, "connect:StartChatContact")]


def test_acknowledgements_may_send_sms_and_no_email_without_a_sender(synthesized: Synthesized) -> None:
    assert _granted(synthesized, "complaint_steps", "sns:Publish") == ['"*"']
    assert not _granted(synthesized, "complaint_steps", "ses:SendEmail")


def test_rules_deliver_to_their_functions_with_retries_and_dead_letters(synthesized: Synthesized) -> None:
    rules = {
        r["Properties"]["Description"]: r["Properties"]
        for r in synthesized.resources("AWS::Events::Rule").values()
    }
    for spec in catalog.EVENT_RULES:
        rule = rules[spec.description]
        if spec.schedule:
            assert rule["ScheduleExpression"] == spec.schedule
        else:
            assert rule["EventPattern"] == json.loads(json.dumps(spec.pattern))
        (target,) = rule["Targets"]
        assert target["RetryPolicy"]["MaximumRetryAttempts"] == 8
        assert "DeadLetterConfig" in target


def test_durations_and_the_sender_come_from_context_flags(tmp_path_factory: pytest.TempPathFactory) -> None:
    tuned = synthesize(
        tmp_path_factory.mktemp("cdk.out"),
        workflowTiming={"max_rounds": 3, "resolution_timeout_seconds": {"P1": 3600}},
        callingHours={"*": ["09:00", "20:00"]},
        senderEmail="complaints@example.com",
    )
    functions = {
        r["Properties"]["Environment"]["Variables"].get("POWERTOOLS_SERVICE_NAME"): r["Properties"]
        for r in tuned.resources("AWS::Lambda::Function").values()
        if "Environment" in r["Properties"]
    }
    timing = json.loads(functions["workflow_starter"]["Environment"]["Variables"]["CC_WORKFLOW_TIMING"])
    assert (timing["max_rounds"], timing["resolution_timeout_seconds"]) == (3, {"P1": 3600})
    queues = json.dumps(functions["complaint_steps"]["Environment"]["Variables"]["CC_CONNECT_QUEUES"])
    assert '\\"09:00\\", \\"20:00\\"' in queues
    assert (
        functions["complaint_steps"]["Environment"]["Variables"]["CC_SENDER_EMAIL"]
        == "complaints@example.com"
    )
    assert any(
        "identity/complaints@example.com" in r for r in _granted(tuned, "complaint_steps", "ses:SendEmail")
    )


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        ({"workflowTiming": {"max_rounds": 0}}, "context workflowTiming"),
        ({"callbackTiming": {"backoff": 0.5}}, "context callbackTiming"),
        ({"callingHours": {"*": ["21:00", "08:00"]}}, "the start must come before the end"),
        ({"senderEmail": "not-an-address"}, "not an e-mail address"),
    ],
)
def test_bad_workflow_flags_are_refused(
    tmp_path_factory: pytest.TempPathFactory, flags: dict[str, Any], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        synthesize(tmp_path_factory.mktemp("cdk.out"), **flags)
