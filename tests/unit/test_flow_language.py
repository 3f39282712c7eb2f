"""The flow-language check stops on anything it does not know, naming it; it never skips."""

import copy
import json
import re
from collections.abc import Callable
from typing import Any

import pytest

import catalog
from localcloud.connect import LocalConnect
from localcloud.flow_language import ACTIONS, CONTACT_FLOW, CUSTOMER_QUEUE, FlowError, validate
from localcloud.flow_reference import ALL_DOCUMENTED, UNAVAILABLE
from localcloud.flow_simulator import FlowSimulator

PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9]+)\}")


def _inbound() -> dict[str, Any]:
    text = (catalog.CONTACT_FLOWS_DIR / "inbound_helpdesk.json").read_text(encoding="utf-8")
    return json.loads(PLACEHOLDER.sub(lambda m: f"arn:aws:connect:eu-central-1:1:x/{m[1]}", text))


def _action(flow: dict[str, Any], identifier: str) -> dict[str, Any]:
    return next(a for a in flow["Actions"] if a["Identifier"] == identifier)


def _set(identifier: str, key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(flow: dict[str, Any]) -> None:
        _action(flow, identifier)["Parameters"][key] = value

    return change


def _type(identifier: str, kind: str) -> Callable[[dict[str, Any]], None]:
    def change(flow: dict[str, Any]) -> None:
        _action(flow, identifier)["Type"] = kind

    return change


def _unavailable(identifier: str, kind: str) -> Callable[[dict[str, Any]], None]:
    """The action becomes ``kind`` with no error branch to take."""

    def change(flow: dict[str, Any]) -> None:
        action = _action(flow, identifier)
        action["Type"] = kind
        action["Transitions"] = {"NextAction": action["Transitions"]["NextAction"]}

    return change


def _next(identifier: str, target: str) -> Callable[[dict[str, Any]], None]:
    def change(flow: dict[str, Any]) -> None:
        _action(flow, identifier)["Transitions"]["NextAction"] = target

    return change


def _operator(identifier: str, operator: str) -> Callable[[dict[str, Any]], None]:
    def change(flow: dict[str, Any]) -> None:
        _action(flow, identifier)["Transitions"]["Conditions"][0]["Condition"]["Operator"] = operator

    return change


def _top(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(flow: dict[str, Any]) -> None:
        flow[key] = value

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_type("Welcome", "PlayPromptFromS3"), "action type 'PlayPromptFromS3' is not an action type"),
        (_set("Welcome", "Voice", "Joanna"), "unknown parameters ['Voice']"),
        (_set("Welcome", "SSML", "<speak/>"), "give exactly one of Text, SSML, PromptId, Media"),
        (_next("Welcome", "Nowhere"), "branches to 'Nowhere', which is not an action of the flow"),
        (_set("Route", "InvocationTimeLimitSeconds", "9"), "InvocationTimeLimitSeconds must be 1-8"),
        (_set("Route", "LambdaFunctionARN", "${RoutingFunctionArn}"), "was not substituted"),
        (_set("Welcome", "Text", "Hello $.Secret.thing"), "JSONPath $.Secret.thing is not one"),
        (
            _unavailable("Welcome", "CheckVoiceId"),
            "CheckVoiceId is documented but not simulated: Amazon Connect Voice ID",
        ),
        (_operator("New or existing issue?", "TextContains"), "conditions use only Equals"),
        (_set("Route", "InvocationType", "SOMETIMES"), "'SOMETIMES' is neither SYNCHRONOUS nor ASYNCHRONOUS"),
        (_set("Route", "Timeout", "3"), "unknown parameters ['Timeout']"),
        (_set("Menu again?", "LoopCount", "101"), "LoopCount must be a whole number 0-100"),
        (_set("Welcome", "Text", "$.ContactId.more"), "JSONPath $.ContactId.more is not one"),
        (_top("Version", "2020-01-01"), "Version must be '2019-10-30'"),
        (_top("StartAction", "Missing"), "StartAction 'Missing' is not an action"),
        (_top("Extras", {}), "unknown top-level keys ['Extras']"),
    ],
)
def test_an_invalid_flow_is_refused_with_a_message_naming_the_problem(
    change: Callable[[dict[str, Any]], None], message: str
) -> None:
    flow = copy.deepcopy(_inbound())
    change(flow)
    with pytest.raises(FlowError) as refused:
        validate(flow, CONTACT_FLOW, "inbound_helpdesk")
    assert message in str(refused.value)


def test_a_missing_required_parameter_is_named() -> None:
    flow = _inbound()
    del _action(flow, "Route")["Parameters"]["LambdaFunctionARN"]
    with pytest.raises(FlowError, match=r"action 'Route' \(InvokeLambdaFunction\): missing parameters"):
        validate(flow, CONTACT_FLOW, "inbound_helpdesk")


def test_an_action_outside_its_flow_type_is_refused() -> None:
    with pytest.raises(FlowError, match="UpdateContactTargetQueue is not allowed in a CUSTOMER_HOLD flow"):
        validate(_inbound(), "CUSTOMER_HOLD", "inbound_helpdesk")


def test_an_unknown_flow_type_is_refused() -> None:
    with pytest.raises(FlowError, match="flow type 'AGENT_SCREEN' is not a flow type Amazon Connect has"):
        validate(_inbound(), "AGENT_SCREEN", "inbound_helpdesk")


def test_every_problem_is_listed_not_just_the_first() -> None:
    flow = copy.deepcopy(_inbound())
    _action(flow, "Welcome")["Type"] = "PlayPromptFromS3"
    _action(flow, "Route")["Parameters"]["InvocationTimeLimitSeconds"] = "9"
    flow["Extras"] = {}
    with pytest.raises(FlowError) as refused:
        validate(flow, CONTACT_FLOW, "inbound_helpdesk")
    lines = str(refused.value).splitlines()
    assert len(lines) == 3
    assert any("PlayPromptFromS3" in line for line in lines)
    assert any("InvocationTimeLimitSeconds" in line for line in lines)


def test_a_sentence_may_end_in_a_path() -> None:
    flow = copy.deepcopy(_inbound())
    _action(flow, "Welcome")["Parameters"]["Text"] = "Hello, $.External.givenName."
    validate(flow, CONTACT_FLOW, "inbound_helpdesk")


def test_an_unsimulated_metric_is_refused() -> None:
    text = (catalog.CONTACT_FLOWS_DIR / "customer_queue.json").read_text(encoding="utf-8")
    flow = json.loads(text)
    check = next(a for a in flow["Actions"] if a["Type"] == "CheckMetricData")
    check["Parameters"]["MetricType"] = "NumberOfAgentsBored"
    with pytest.raises(FlowError, match="MetricType 'NumberOfAgentsBored' is not one of"):
        validate(flow, CUSTOMER_QUEUE, "customer_queue")


def test_the_product_flow_passes() -> None:
    assert len(validate(_inbound(), CONTACT_FLOW, "inbound_helpdesk").actions) == len(_inbound()["Actions"])


def test_the_simulator_runs_every_action_type_the_check_accepts() -> None:
    """A type the check lets through but the simulator cannot run would fail mid-call."""
    simulator = FlowSimulator({}, LocalConnect.__new__(LocalConnect), lambda *_: {}, {})
    assert simulator.action_types == set(ACTIONS)


@pytest.mark.parametrize("kind", sorted(ALL_DOCUMENTED))
def test_every_documented_action_type_runs_or_is_refused_with_a_reason(kind: str) -> None:
    """docs/connect-flow-language.md and localcloud/flow_reference.py list what AWS documents;
    each type is run by the simulator and known to the check; one the local cloud cannot honour
    is refused, naming why, when it has no error branch to take."""
    simulator = FlowSimulator({}, LocalConnect.__new__(LocalConnect), lambda *_: {}, {})
    assert kind in simulator.action_types
    assert kind in ACTIONS
    if kind in UNAVAILABLE:
        flow = copy.deepcopy(_inbound())
        _unavailable("Welcome", kind)(flow)
        with pytest.raises(
            FlowError, match=re.escape(f"{kind} is documented but not simulated: {UNAVAILABLE[kind]}")
        ):
            validate(flow, CONTACT_FLOW, "inbound_helpdesk")


@pytest.mark.parametrize("kind", sorted(kind for kind in ACTIONS if ACTIONS[kind].parameters is None))
def test_only_actions_whose_parameters_are_undocumented_accept_any(kind: str) -> None:
    assert kind == "UpdateContactMediaProcessing"


def test_the_reference_page_lists_every_documented_action() -> None:
    page = (catalog.ROOT / "docs" / "connect-flow-language.md").read_text(encoding="utf-8")
    assert [kind for kind in sorted(ALL_DOCUMENTED) if f"`{kind}`" not in page] == []
    assert len(ALL_DOCUMENTED) >= 56
