"""CloudTrail for auditors: multi-region, validated log files, encrypted private bucket with
access logs and retention, data events on customer-data tables and Lambda invocations."""

import json

import pytest

import catalog
from tests.infra.conftest import Synthesized

pytestmark = pytest.mark.infra


def test_the_trail(synthesized: Synthesized) -> None:
    (trail,) = synthesized.resources("AWS::CloudTrail::Trail").values()
    properties = trail["Properties"]
    assert properties["IsMultiRegionTrail"] is True
    assert properties["EnableLogFileValidation"] is True
    assert properties["IncludeGlobalServiceEvents"] is True
    assert "KMSKeyId" in properties
    assert "EventSelectors" not in properties
    selectors = {s["Name"]: s["FieldSelectors"] for s in properties["AdvancedEventSelectors"]}
    assert {"Field": "eventCategory", "Equals": ["Management"]} in selectors["Management events"]
    tables = {f["Field"]: f["Equals"] for f in selectors["Customer data tables"]}
    assert tables["resources.type"] == ["AWS::DynamoDB::Table"]
    assert len(tables["resources.ARN"]) == len([t for t in catalog.TABLES if t.customer_data])
    functions = {f["Field"]: f["Equals"] for f in selectors["Function invocations"]}
    assert functions["resources.type"] == ["AWS::Lambda::Function"]
    assert len(functions["resources.ARN"]) == len(catalog.FUNCTIONS)


def test_the_trail_bucket(synthesized: Synthesized) -> None:
    (trail,) = synthesized.resources("AWS::CloudTrail::Trail").values()
    bucket_id = trail["Properties"]["S3BucketName"]["Ref"]
    audit = synthesized.template("Audit")["Resources"]
    bucket = audit[bucket_id]["Properties"]
    assert (
        bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"][
            "SSEAlgorithm"
        ]
        == "aws:kms"
    )
    assert bucket["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    assert "DestinationBucketName" in bucket["LoggingConfiguration"]
    rules = bucket["LifecycleConfiguration"]["Rules"]
    assert any(rule.get("ExpirationInDays") == 2557 for rule in rules)
    policies = [
        r
        for r in audit.values()
        if r["Type"] == "AWS::S3::BucketPolicy" and r["Properties"]["Bucket"] == {"Ref": bucket_id}
    ]
    assert '"aws:SecureTransport": "false"' in json.dumps(policies).replace('":"', '": "')
