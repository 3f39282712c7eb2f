"""The contact-center stack: the flows reference only what the template creates, the flow
files are valid flow language, and Connect may call exactly the functions the flows use."""

import json
import re
from typing import Any

import pytest

import catalog
from contactcenter.constants import RECORDINGS_PREFIX
from contactcenter.ivr.prompts import PROMPTS
from localcloud.flow_language import validate
from tests.infra.conftest import Synthesized, synthesize

PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9]+)\}")
EXPECTED_TYPE = {
    "function": "AWS::Lambda::Function",
    "queue": "AWS::Connect::Queue",
    "hours": "AWS::Connect::HoursOfOperation",
    "flow": "AWS::Connect::ContactFlow",
    "lexbot": "AWS::Lex::BotAlias",
}


def _flows(synthesized: Synthesized) -> dict[str, dict[str, Any]]:
    """Flow name -> its CloudFormation resource."""
    resources = synthesized.resources("AWS::Connect::ContactFlow")
    return {resource["Properties"]["Name"]: resource for resource in resources.values()}


def _content(resource: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    content = resource["Properties"]["Content"]
    if isinstance(content, str):  # a flow without placeholders
        return content, {}
    text, values = content["Fn::Sub"]
    return text, values


@pytest.mark.parametrize("spec", catalog.CONTACT_FLOWS, ids=lambda spec: spec.key)
def test_every_placeholder_resolves_to_a_resource_of_the_right_type(
    synthesized: Synthesized, spec: catalog.FlowSpec
) -> None:
    template = synthesized.template("ContactCenter")
    text, values = _content(_flows(synthesized)[spec.name])
    assert set(PLACEHOLDER.findall(text)) == set(values) == set(spec.references)
    for placeholder, (kind, _key) in spec.references.items():
        logical_id, attribute = values[placeholder]["Fn::GetAtt"]
        assert template["Resources"][logical_id]["Type"] == EXPECTED_TYPE[kind], placeholder
        assert attribute.endswith("Arn")


def test_every_function_a_flow_invokes_is_associated_and_permitted(synthesized: Synthesized) -> None:
    template = synthesized.template("ContactCenter")
    invoked: set[str] = set()
    for resource in _flows(synthesized).values():
        text, values = _content(resource)
        for action in json.loads(text)["Actions"]:
            if action["Type"] == "InvokeLambdaFunction":
                (placeholder,) = PLACEHOLDER.findall(action["Parameters"]["LambdaFunctionARN"])
                invoked.add(values[placeholder]["Fn::GetAtt"][0])
    assert len(invoked) == 3  # IVR authentication, routing, and the queued-callback registration
    associations = [
        r["Properties"]
        for r in template["Resources"].values()
        if r["Type"] == "AWS::Connect::IntegrationAssociation"
    ]
    associated = {
        a["IntegrationArn"]["Fn::GetAtt"][0]
        for a in associations
        if a["IntegrationType"] == "LAMBDA_FUNCTION"
    }
    bots = {a["IntegrationArn"]["Fn::GetAtt"][0] for a in associations if a["IntegrationType"] == "LEX_BOT"}
    assert bots == {
        logical for logical, r in template["Resources"].items() if r["Type"] == "AWS::Lex::BotAlias"
    }
    permitted = {
        r["Properties"]["FunctionName"]["Fn::GetAtt"][0]
        for r in template["Resources"].values()
        if r["Type"] == "AWS::Lambda::Permission" and r["Properties"]["Principal"] == "connect.amazonaws.com"
    }
    assert invoked == associated == permitted


@pytest.mark.parametrize("spec", catalog.CONTACT_FLOWS, ids=lambda spec: spec.key)
def test_the_deployed_content_is_the_flow_file(synthesized: Synthesized, spec: catalog.FlowSpec) -> None:
    text, _ = _content(_flows(synthesized)[spec.name])
    assert json.loads(text) == json.loads(spec.path.read_text(encoding="utf-8"))
    assert "\n" not in text  # compacted: flow content has a size limit


@pytest.mark.parametrize("spec", catalog.CONTACT_FLOWS, ids=lambda spec: spec.key)
def test_every_flow_file_is_valid_flow_language(spec: catalog.FlowSpec) -> None:
    text = spec.path.read_text(encoding="utf-8")
    # The placeholders are filled with ARN-shaped values, as CloudFormation would.
    filled = PLACEHOLDER.sub(lambda m: f"arn:aws:connect:eu-central-1:123456789012:x/{m[1]}", text)
    flow = validate(json.loads(filled), spec.flow_type, spec.file)
    assert flow.start in flow.actions


@pytest.mark.parametrize("spec", catalog.CONTACT_FLOWS, ids=lambda spec: spec.key)
def test_every_prompt_a_flow_plays_exists_in_every_language(spec: catalog.FlowSpec) -> None:
    played = set(re.findall(r"\$\.Attributes\.p_(\w+)", spec.path.read_text(encoding="utf-8")))
    assert played or spec.key in (
        catalog.AGENT_TASK_FLOW,
        "chat_selfservice",
    )  # a task hears nothing; the bot talks
    for language, prompts in PROMPTS.items():
        assert played <= set(prompts), language


def test_the_flow_keeps_every_prompt_the_identify_step_answers() -> None:
    document = json.loads((catalog.CONTACT_FLOWS_DIR / "inbound_helpdesk.json").read_text(encoding="utf-8"))
    (keep,) = [a for a in document["Actions"] if a["Identifier"] == "Keep language and prompts"]
    kept = {k: v for k, v in keep["Parameters"]["Attributes"].items() if k.startswith("p_")}
    assert kept == {f"p_{name}": f"$.External.p_{name}" for name in PROMPTS["en"]}


def test_the_english_fallback_in_the_flow_matches_the_prompt_table() -> None:
    """When the identify step fails, the flow sets English prompts itself; they must be the same."""
    document = json.loads((catalog.CONTACT_FLOWS_DIR / "inbound_helpdesk.json").read_text(encoding="utf-8"))
    (fallback,) = [a for a in document["Actions"] if a["Identifier"] == "Use English prompts"]
    attributes = fallback["Parameters"]["Attributes"]
    assert {k: v for k, v in attributes.items() if k.startswith("p_")} == {
        f"p_{name}": text for name, text in PROMPTS["en"].items()
    }


def test_the_instance_records_calls_into_a_kms_encrypted_bucket(synthesized: Synthesized) -> None:
    (storage,) = [
        r
        for r in synthesized.resources("AWS::Connect::InstanceStorageConfig").values()
        if r["Properties"]["ResourceType"] == "CALL_RECORDINGS"
    ]
    s3 = storage["Properties"]["S3Config"]
    assert s3["EncryptionConfig"]["EncryptionType"] == "KMS"
    assert "RecordingsBucket" in json.dumps(s3["BucketName"])  # the data stack's recordings bucket
    assert s3["BucketPrefix"] == RECORDINGS_PREFIX  # where the erasure looks for a contact's
    bucket = _recordings_bucket(synthesized)
    (rule,) = bucket["Properties"]["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
    flow = json.loads((catalog.CONTACT_FLOWS_DIR / "inbound_helpdesk.json").read_text(encoding="utf-8"))
    recording = [a for a in flow["Actions"] if a["Type"] == "UpdateContactRecordingBehavior"]
    assert recording  # and the flow turns recording on
    assert recording[0]["Parameters"]["RecordingBehavior"]["RecordedParticipants"]


def test_queues_hours_and_profiles_come_from_the_catalog(synthesized: Synthesized) -> None:
    queues = {q["Properties"]["Name"] for q in synthesized.resources("AWS::Connect::Queue").values()}
    assert queues == {spec.name for spec in catalog.CONNECT_QUEUES}
    hours = {
        h["Properties"]["Name"]: h["Properties"]
        for h in synthesized.resources("AWS::Connect::HoursOfOperation").values()
    }
    assert {name: h["TimeZone"] for name, h in hours.items()} == {
        "Help desk hours": "Europe/Amsterdam",
        "Billing office hours": "Europe/Amsterdam",
    }
    assert {c["Day"] for c in hours["Help desk hours"]["Config"]} == {*catalog.WEEKDAYS, "SATURDAY"}
    saturday = next(c for c in hours["Help desk hours"]["Config"] if c["Day"] == "SATURDAY")
    assert (saturday["StartTime"], saturday["EndTime"]) == (
        {"Hours": 10, "Minutes": 0},
        {"Hours": 16, "Minutes": 0},
    )
    profiles = synthesized.resources("AWS::Connect::RoutingProfile")
    assert len(profiles) == len(catalog.ROUTING_PROFILES)
    (instance,) = synthesized.resources("AWS::Connect::Instance").values()
    assert instance["Properties"]["Attributes"]["ContactflowLogs"] is True


def test_an_existing_instance_can_be_imported_by_arn(tmp_path_factory: pytest.TempPathFactory) -> None:
    arn = "arn:aws:connect:eu-central-1:123456789012:instance/0b3f2a1c-1111-2222-3333-444455556666"
    imported = synthesize(tmp_path_factory.mktemp("cdk.out"), connectInstanceArn=arn)
    assert not imported.resources("AWS::Connect::Instance")
    queues = imported.resources("AWS::Connect::Queue").values()
    assert {q["Properties"]["InstanceArn"] for q in queues} == {arn}
    ivr = imported.template("ContactCenter")["Resources"]
    functions = [r for r in ivr.values() if r["Type"] == "AWS::Lambda::Function"]
    variables = [f["Properties"]["Environment"]["Variables"] for f in functions]
    assert any(v.get("CC_CONNECT_INSTANCE_ID") == "0b3f2a1c-1111-2222-3333-444455556666" for v in variables)


def test_an_ivr_lockout_pages_the_operators(synthesized: Synthesized) -> None:
    alarms = synthesized.template("Audit")["Resources"]
    (lockouts,) = [
        r["Properties"]
        for r in alarms.values()
        if r["Type"] == "AWS::CloudWatch::Alarm" and r["Properties"].get("MetricName") == "IvrLockouts"
    ]
    assert lockouts["Namespace"] == "ContactCenter"
    assert lockouts["Dimensions"] == [{"Name": "service", "Value": "ivr_auth"}]
    assert (lockouts["Threshold"], lockouts["Statistic"]) == (1, "Sum")
    (action,) = lockouts["AlarmActions"]
    assert alarms[action["Ref"]]["Type"] == "AWS::SNS::Topic"


def _recordings_bucket(synthesized: Synthesized) -> dict[str, Any]:
    (bucket,) = [
        resource
        for logical_id, resource in synthesized.template("Data")["Resources"].items()
        if logical_id.startswith("RecordingsBucket") and resource["Type"] == "AWS::S3::Bucket"
    ]
    return bucket


def _recordings_expiry(synthesized: Synthesized) -> list[int]:
    rules = _recordings_bucket(synthesized)["Properties"]["LifecycleConfiguration"]["Rules"]
    return [rule["ExpirationInDays"] for rule in rules if "ExpirationInDays" in rule]


def test_recordings_are_deleted_after_the_configured_retention(
    synthesized: Synthesized, tmp_path_factory: pytest.TempPathFactory
) -> None:
    assert _recordings_expiry(synthesized) == [90]
    shorter = synthesize(tmp_path_factory.mktemp("cdk.out"), recordingRetentionDays=30)
    assert _recordings_expiry(shorter) == [30]
