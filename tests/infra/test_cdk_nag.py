"""cdk-nag's AwsSolutions and Serverless packs run on every synthesis and must find nothing
unacknowledged; the gate itself is shown to bite; every acknowledgement is on record."""

import json
import re
from pathlib import Path

import pytest
from aws_cdk import App, Stack, Validations
from aws_cdk import aws_sqs as sqs
from cdk_nag import AwsSolutionsChecks, ServerlessChecks

from tests.infra.conftest import Synthesized

pytestmark = pytest.mark.infra

# Every rule the product acknowledges somewhere, reviewed. A new suppression must be added
# here on purpose; the reasons are in the templates (Metadata.cdk_nag) and in the code.
REVIEWED_RULES = {
    "AwsSolutions-APIG4",  # the public routes (GET /health); the live channel's ticket-checked routes
    "AwsSolutions-COG2",  # the customers' pool: MFA optional, so the help center stays open to every customer
    "AwsSolutions-COG4",  # the public routes
    "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]",
    "AwsSolutions-IAM5[Resource::*]",  # X-Ray and log delivery have no resource-level permissions
    "AwsSolutions-L1",  # the pinned runtime
    "Serverless-LambdaLatestVersion",  # the pinned runtime
    "Serverless-LambdaDLQ",  # on-failure destinations instead
    "AwsSolutions-S1",  # the access-log bucket does not log into itself
    "AwsSolutions-SQS3",  # dead-letter queues need no dead-letter queue
    "AwsSolutions-SMG4",  # the cursor key is not rotated on a schedule (a rotation voids every cursor)
    "Serverless-SQSRedrivePolicy",  # dead-letter queues need no dead-letter queue
    # CDK's grant to send to a KMS-encrypted queue (the stream consumer's failure queue)
    "AwsSolutions-IAM5[Action::kms:ReEncrypt*]",
    "AwsSolutions-IAM5[Action::kms:GenerateDataKey*]",
    # object-level access to the attachments bucket
    "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::contactcenter-dev-attachments-<AWS::AccountId>-eu-central-1/*]",
    # object-level deletion in the recordings bucket: a customer's calls, at their erasure
    "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::contactcenter-dev-recordings-<AWS::AccountId>-eu-central-1/*]",
    # Firehose writes the lake's objects under each table's prefix (it names them by time)
    "AwsSolutions-IAM5[Resource::<LakeBucket50672F26.Arn>/errors/*]",
    "AwsSolutions-IAM5[Resource::<LakeBucket50672F26.Arn>/ticket_events/*]",
    "AwsSolutions-IAM5[Resource::<LakeBucket50672F26.Arn>/callback_events/*]",
    "AwsSolutions-IAM5[Resource::<LakeBucket50672F26.Arn>/bot_turns/*]",
    # the Connect lake feeds (contact-center stack), which name the lake bucket by its name
    "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::contactcenter-dev-lake-<AWS::AccountId>-eu-central-1/contact_records/*]",
    "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::contactcenter-dev-lake-<AWS::AccountId>-eu-central-1/flow_node_events/*]",
    "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::contactcenter-dev-lake-<AWS::AccountId>-eu-central-1/errors/*]",
    "AwsSolutions-KDS3",  # the contact-record stream uses the data key (Connect holds a grant on it)
    "AwsSolutions-KDF1",  # a Kinesis-sourced Firehose stream takes no SSE: its source is encrypted
    # the reports read the lake's objects and write Athena's results (any key: Athena names them)
    "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::contactcenter-dev-lake-<AWS::AccountId>-eu-central-1/*]",
    "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::contactcenter-dev-report-results-<AWS::AccountId>-eu-central-1/*]",
    # the SLA timers' own schedule group: one schedule per ticket and level
    "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:eu-central-1:<AWS::AccountId>:schedule/contactcenter-dev-sla/*]",
    # the knowledge-search domain: in a VPC, IAM-authorised; its paths; no dedicated masters (a flag)
    "AwsSolutions-OS3",
    "AwsSolutions-OS4",
    "AwsSolutions-OS5",
    "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:es:eu-central-1:<AWS::AccountId>:domain/cc-dev-knowledge/*]",
    # Connect names agents, contacts, statuses and flows by run-time ids (the monitor API, alerts)
    "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:connect:eu-central-1:<AWS::AccountId>:instance/*/agent/*]",
    "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:connect:eu-central-1:<AWS::AccountId>:instance/*/contact/*]",
    "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:connect:eu-central-1:<AWS::AccountId>:instance/*/agent-state/*]",
    "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:connect:eu-central-1:<AWS::AccountId>:instance/*/contact-flow/*]",
    # The live channel's connections (ids API Gateway makes as supervisors connect).
    "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:eu-central-1:<AWS::AccountId>:"
    "<LiveChannelApi4F6B830F>/live/POST/@connections/*]",
}


def test_the_product_synthesizes_with_no_unacknowledged_findings(synthesized: Synthesized) -> None:
    report = json.loads((synthesized.outdir / "validation-report.json").read_text())
    assert report["pluginReports"] == []
    assert set(synthesized.templates) == {
        "contactcenter-dev-Data",
        "contactcenter-dev-Api",
        "contactcenter-dev-Workflows",
        "contactcenter-dev-ContactCenter",
        "contactcenter-dev-Audit",
    }


def test_the_gate_fails_synthesis_on_a_finding(tmp_path: Path) -> None:
    app = App(outdir=str(tmp_path))
    stack = Stack(app, "Careless")
    sqs.Queue(stack, "PlainQueue", encryption=sqs.QueueEncryption.UNENCRYPTED)
    Validations.of(app).add_plugins(AwsSolutionsChecks(app), ServerlessChecks(app))
    with pytest.raises(RuntimeError, match="AwsSolutions-SQS2"):
        app.synth()


def test_every_acknowledgement_is_reviewed_and_has_a_reason(synthesized: Synthesized) -> None:
    seen = set()
    for template in synthesized.templates.values():
        for resource in template["Resources"].values():
            for rule in resource.get("Metadata", {}).get("cdk_nag", {}).get("rules_to_suppress", []):
                if rule["id"].startswith("CloudFormation-Validate::"):
                    continue  # aws-cdk-lib's own, for the access-log bucket's ACL
                assert re.match(r"^(AwsSolutions|Serverless)-[A-Za-z0-9]+(\[.+\])?$", rule["id"]), rule
                assert len(rule["reason"]) >= 20, rule
                seen.add(rule["id"])
    assert seen == REVIEWED_RULES
