"""The CloudTrail trail auditors rely on.

Multi-region, with log file validation (tamper evidence), into a KMS-encrypted, private,
access-logged bucket with a retention rule. Besides management events it records data
events: every read and write on the tables holding customer data, and every Lambda
invocation of the product's functions.
"""

from collections.abc import Sequence

from aws_cdk import RemovalPolicy, Stack
from aws_cdk import aws_cloudtrail as cloudtrail
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from constructs import Construct

from infra.constructs.secure_bucket import SecureBucket


class AuditTrail(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        customer_data_table_arns: Sequence[str],
        function_arns: Sequence[str],
        access_logs: s3.IBucket,
        retention_days: int,
        removal_policy: RemovalPolicy,
    ) -> None:
        super().__init__(scope, construct_id)
        stack = Stack.of(self)
        self.key = kms.Key(
            self,
            "Key",
            description="Encrypts the CloudTrail log files",
            enable_key_rotation=True,
            removal_policy=removal_policy,
        )
        trail_arn = f"arn:{stack.partition}:cloudtrail:{stack.region}:{stack.account}:trail/*"
        self.key.add_to_resource_policy(
            iam.PolicyStatement(
                sid="CloudTrailEncryptsLogs",
                principals=[iam.ServicePrincipal("cloudtrail.amazonaws.com")],
                actions=["kms:GenerateDataKey*", "kms:DescribeKey"],
                resources=["*"],
                conditions={
                    "StringLike": {"kms:EncryptionContext:aws:cloudtrail:arn": trail_arn},
                    "StringEquals": {"aws:SourceAccount": stack.account},
                },
            )
        )
        self.bucket = SecureBucket(
            self,
            "Logs",
            encryption_key=self.key,
            access_logs=access_logs,
            access_log_prefix="cloudtrail/",
            removal_policy=removal_policy,
            expire_after_days=retention_days,
        ).bucket
        self.trail = cloudtrail.Trail(
            self,
            "Trail",
            bucket=self.bucket,
            encryption_key=self.key,
            is_multi_region_trail=True,
            include_global_service_events=True,
            enable_file_validation=True,
            management_events=cloudtrail.ReadWriteType.ALL,
        )
        cfn_trail = self.trail.node.default_child
        assert isinstance(cfn_trail, cloudtrail.CfnTrail)
        # Advanced event selectors: the basic ones cannot name DynamoDB tables.
        cfn_trail.advanced_event_selectors = [
            cloudtrail.CfnTrail.AdvancedEventSelectorProperty(
                name="Management events",
                field_selectors=[
                    cloudtrail.CfnTrail.AdvancedFieldSelectorProperty(
                        field="eventCategory", equal_to=["Management"]
                    )
                ],
            ),
            _data_selector("Customer data tables", "AWS::DynamoDB::Table", customer_data_table_arns),
            _data_selector("Function invocations", "AWS::Lambda::Function", function_arns),
        ]
        cfn_trail.add_property_deletion_override("EventSelectors")


def _data_selector(
    name: str, resource_type: str, arns: Sequence[str]
) -> cloudtrail.CfnTrail.AdvancedEventSelectorProperty:
    return cloudtrail.CfnTrail.AdvancedEventSelectorProperty(
        name=name,
        field_selectors=[
            cloudtrail.CfnTrail.AdvancedFieldSelectorProperty(field="eventCategory", equal_to=["Data"]),
            cloudtrail.CfnTrail.AdvancedFieldSelectorProperty(
                field="resources.type", equal_to=[resource_type]
            ),
            cloudtrail.CfnTrail.AdvancedFieldSelectorProperty(field="resources.ARN", equal_to=list(arns)),
        ],
    )
