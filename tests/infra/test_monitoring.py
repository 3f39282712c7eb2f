"""The real-time operations in CDK: the every-minute alert rule, the monitor functions' Connect
grants (reads for both, a supervisor's actions for the API only), and the operators' dashboard
with Connect's own queue metrics for every queue."""

import json
from typing import Any

import catalog
from tests.infra.conftest import Synthesized


def _logical_id(synthesized: Synthesized, function: str) -> str:
    name = catalog.function_name("dev", function)
    functions = synthesized.resources("AWS::Lambda::Function")
    (logical,) = [k for k, r in functions.items() if r["Properties"].get("FunctionName") == name]
    return logical


def _role_actions(synthesized: Synthesized, function: str) -> set[str]:
    functions = synthesized.resources("AWS::Lambda::Function")
    logical = _logical_id(synthesized, function)
    role = functions[logical]["Properties"]["Role"]["Fn::GetAtt"][0]
    actions: set[str] = set()
    for resource in synthesized.resources("AWS::IAM::Policy").values():
        if {"Ref": role} in resource["Properties"]["Roles"]:
            for statement in resource["Properties"]["PolicyDocument"]["Statement"]:
                found = statement["Action"]
                actions.update([found] if isinstance(found, str) else found)
    return actions


def test_the_alerts_run_every_minute(synthesized: Synthesized) -> None:
    rules = synthesized.resources("AWS::Events::Rule").values()
    assert any(r["Properties"].get("ScheduleExpression") == "rate(1 minute)" for r in rules)


def test_only_the_api_acts_for_supervisors(synthesized: Synthesized) -> None:
    reads = {
        "connect:GetCurrentMetricData",
        "connect:GetCurrentUserData",
        "connect:GetMetricDataV2",
        "connect:ListUsers",
    }
    actions = {"connect:PutUserStatus", "connect:MonitorContact", "connect:UpdateContactRoutingData"}
    api, alerts = _role_actions(synthesized, "api_monitor"), _role_actions(synthesized, "monitor_alerts")
    assert reads <= api and actions <= api
    assert reads <= alerts and not actions & alerts
    assert "sns:Publish" in alerts and "sns:Publish" not in api


def test_the_dashboard_shows_every_queue(synthesized: Synthesized) -> None:
    (dashboard,) = synthesized.resources("AWS::CloudWatch::Dashboard").values()
    body: Any = dashboard["Properties"]["DashboardBody"]
    text = json.dumps(body)
    for queue in catalog.CONNECT_QUEUES:
        assert queue.name in text
    assert "LongestQueueWaitTime" in text and "QueueSize" in text and "QueueAlertsRaised" in text


def test_contact_and_agent_events_reach_the_monitor(synthesized: Synthesized) -> None:
    rules = synthesized.resources("AWS::Events::Rule").values()
    patterns = [r["Properties"].get("EventPattern") for r in rules if r["Properties"].get("EventPattern")]
    assert any(p.get("source") == ["aws.connect"] for p in patterns)
    storage = synthesized.resources("AWS::Connect::InstanceStorageConfig").values()
    assert {s["Properties"]["ResourceType"] for s in storage} >= {"AGENT_EVENTS", "CONTACT_TRACE_RECORDS"}
    mappings = [
        m["Properties"]
        for m in synthesized.resources("AWS::Lambda::EventSourceMapping").values()
        if "agent-events" in json.dumps(m["Properties"]["EventSourceArn"]) or "AgentEvents" in json.dumps(m)
    ]
    (mapping,) = mappings
    assert mapping["MaximumBatchingWindowInSeconds"] == 5 and mapping["StartingPosition"] == "LATEST"
    assert "OnFailure" in mapping["DestinationConfig"]
    assert {"Ref": _logical_id(synthesized, "monitor_alerts").split("/")[-1]} == mapping["FunctionName"]
    assert "kinesis:GetRecords" in _role_actions(synthesized, "monitor_alerts")


def test_only_the_pusher_may_post_to_the_live_channel(synthesized: Synthesized) -> None:
    (api,) = synthesized.resources("AWS::ApiGatewayV2::Api").values()
    assert api["Properties"]["ProtocolType"] == "WEBSOCKET"
    routes = {r["Properties"]["RouteKey"] for r in synthesized.resources("AWS::ApiGatewayV2::Route").values()}
    assert routes == {"$connect", "$disconnect", "$default"}
    (stage,) = synthesized.resources("AWS::ApiGatewayV2::Stage").values()
    assert "$context.connectionId" in stage["Properties"]["AccessLogSettings"]["Format"]
    assert "querystring" not in stage["Properties"]["AccessLogSettings"]["Format"].lower()  # the ticket
    pushers = [
        spec.name
        for spec in catalog.FUNCTIONS
        if "execute-api:ManageConnections" in _role_actions(synthesized, spec.name)
    ]
    assert pushers == ["monitor_alerts"]
