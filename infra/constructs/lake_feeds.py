"""The data lake's feeds (catalog/lake_feeds.py): per feed, an EventBridge rule on its bus whose
input transformer flattens the event into the lake row, delivered to a Kinesis Data Firehose
stream that converts the JSON to Parquet with the lake table's own Glue schema and files it
under its day, ``<table>/dt=YYYY-MM-DD/`` (dynamic partitioning on the row's time column).

The local cloud runs the same rule and transformer and writes the row to its lake folder.
Buffers are the largest Firehose allows with format conversion (128 MiB or 15 minutes): fewer,
larger Parquet files are what Athena reads fastest and cheapest.
"""

from collections.abc import Mapping
from typing import Any

import jsii
from aws_cdk import Aws, Duration, RemovalPolicy
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kinesisfirehose as firehose
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sqs as sqs
from constructs import Construct

import catalog
from catalog.lake_feeds import LAKE_FEEDS, LakeFeed
from contactcenter.reports.lake import PARTITION
from infra.constructs.encrypted_queue import EncryptedQueue
from infra.nag import acknowledge

# What Firehose does with the lake bucket, the Glue schema and the key: named, no wildcards.
_BUCKET_ACTIONS = ("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads")
_OBJECT_ACTIONS = ("s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject")
_SCHEMA_ACTIONS = ("glue:GetTable", "glue:GetTableVersion", "glue:GetTableVersions")
_KEY_ACTIONS = ("kms:GenerateDataKey", "kms:Decrypt")


@jsii.implements(events.IRuleTarget)
class _StreamTarget:
    """A Firehose stream as a rule's target, with the retries and dead-letter queue every
    product rule has (CDK's own Firehose target takes neither)."""

    def __init__(
        self, stream: firehose.IDeliveryStream, message: events.RuleTargetInput, dead_letters: sqs.IQueue
    ):
        self.stream, self.message, self.dead_letters = stream, message, dead_letters

    # ``rule`` is CDK's IRuleRef and ``id`` its name for the parameter (mypy checks both).
    def bind(self, rule: Any, id: str | None = None) -> events.RuleTargetConfig:
        config = targets.FirehoseDeliveryStream(self.stream, message=self.message).bind(rule, id)
        self.dead_letters.add_to_resource_policy(  # what CDK's own targets add for their queues
            iam.PolicyStatement(
                actions=["sqs:SendMessage"],
                principals=[iam.ServicePrincipal("events.amazonaws.com")],
                resources=[self.dead_letters.queue_arn],
                conditions={"ArnEquals": {"aws:SourceArn": rule.rule_arn}},
            )
        )
        return events.RuleTargetConfig(
            arn=config.arn,
            role=config.role,
            input=config.input,
            dead_letter_config=events.CfnRule.DeadLetterConfigProperty(arn=self.dead_letters.queue_arn),
            retry_policy=events.CfnRule.RetryPolicyProperty(
                maximum_event_age_in_seconds=int(Duration.hours(24).to_seconds()), maximum_retry_attempts=185
            ),
        )


def _pattern_values(values: list[object]) -> list[str] | None:
    converted = [events.Match.prefix(v["prefix"])[0] if isinstance(v, dict) else str(v) for v in values]
    return converted or None


def _logical_id(bucket: s3.IBucket) -> str:
    child: Any = bucket.node.default_child
    return str(bucket.stack.get_logical_id(child))


class LakeFeeds(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        stage: str,
        buses: Mapping[str, events.IEventBus],
        lake: s3.IBucket,
        database_name: str,
        encryption_key: kms.IKey,
        removal_policy: RemovalPolicy,
    ) -> None:
        super().__init__(scope, construct_id)
        dead_letters = EncryptedQueue(
            self,
            "Undeliverable",
            encryption_key=encryption_key,
            removal_policy=removal_policy,
            dead_letters_of="events the lake feeds could not deliver to Firehose",
        ).queue
        for feed in LAKE_FEEDS:
            title = feed.key.title().replace("_", "")
            role = self._role(f"{title}Role", feed, lake, database_name, encryption_key)
            stream = firehose.CfnDeliveryStream(
                self,
                f"{title}Stream",
                delivery_stream_name=catalog.resource_name(stage, f"lake-{feed.key}"),
                delivery_stream_type="DirectPut",
                delivery_stream_encryption_configuration_input=firehose.CfnDeliveryStream.DeliveryStreamEncryptionConfigurationInputProperty(
                    key_type="CUSTOMER_MANAGED_CMK", key_arn=encryption_key.key_arn
                ),
                extended_s3_destination_configuration=self._destination(
                    feed, lake, role, database_name, encryption_key
                ),
            )
            stream.node.add_dependency(role)
            events.Rule(
                self,
                f"{title}Rule",
                event_bus=buses[feed.bus],
                description=feed.description,
                event_pattern=events.EventPattern(
                    source=_pattern_values(list(feed.pattern.get("source", []))),
                    detail_type=_pattern_values(list(feed.pattern.get("detail-type", []))),
                ),
                targets=[
                    _StreamTarget(
                        firehose.DeliveryStream.from_delivery_stream_arn(
                            self, f"{title}Target", stream.attr_arn
                        ),
                        events.RuleTargetInput.from_object(
                            {
                                column: events.EventField.from_path(path)
                                for column, path in feed.columns.items()
                            }
                        ),
                        dead_letters,
                    )
                ],
            )

    def _role(
        self, construct_id: str, feed: LakeFeed, lake: s3.IBucket, database_name: str, key: kms.IKey
    ) -> iam.Role:
        glue_arn = f"arn:{Aws.PARTITION}:glue:{Aws.REGION}:{Aws.ACCOUNT_ID}"
        role = iam.Role(
            self,
            construct_id,
            assumed_by=iam.ServicePrincipal("firehose.amazonaws.com"),
            description=f"Firehose writes the {feed.table.name} lake table",
            inline_policies={
                "lake": iam.PolicyDocument(
                    statements=[
                        iam.PolicyStatement(actions=list(_BUCKET_ACTIONS), resources=[lake.bucket_arn]),
                        iam.PolicyStatement(
                            actions=list(_OBJECT_ACTIONS),
                            resources=[
                                lake.arn_for_objects(f"{feed.table.name}/*"),
                                lake.arn_for_objects("errors/*"),
                            ],
                        ),
                        iam.PolicyStatement(
                            actions=list(_SCHEMA_ACTIONS),
                            resources=[
                                f"{glue_arn}:catalog",
                                f"{glue_arn}:database/{database_name}",
                                f"{glue_arn}:table/{database_name}/{feed.table.name}",
                            ],
                        ),
                        iam.PolicyStatement(actions=list(_KEY_ACTIONS), resources=[key.key_arn]),
                    ]
                )
            },
        )
        for prefix in (feed.table.name, "errors"):
            acknowledge(
                role,
                f"AwsSolutions-IAM5[Resource::<{_logical_id(lake)}.Arn>/{prefix}/*]",
                "Firehose names the objects it writes (by day and time) under the table's own prefix",
            )
        return role

    @staticmethod
    def _destination(
        feed: LakeFeed, lake: s3.IBucket, role: iam.Role, database_name: str, key: kms.IKey
    ) -> firehose.CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty:
        table = feed.table
        stream = firehose.CfnDeliveryStream
        return stream.ExtendedS3DestinationConfigurationProperty(
            bucket_arn=lake.bucket_arn,
            role_arn=role.role_arn,
            prefix=f"{table.name}/{PARTITION}=!{{partitionKeyFromQuery:{PARTITION}}}/",
            error_output_prefix=f"errors/{table.name}/!{{firehose:error-output-type}}/",
            # The largest buffers format conversion allows: fewer, larger Parquet files.
            buffering_hints=stream.BufferingHintsProperty(interval_in_seconds=900, size_in_m_bs=128),
            encryption_configuration=stream.EncryptionConfigurationProperty(
                kms_encryption_config=stream.KMSEncryptionConfigProperty(awskms_key_arn=key.key_arn)
            ),
            dynamic_partitioning_configuration=stream.DynamicPartitioningConfigurationProperty(enabled=True),
            processing_configuration=stream.ProcessingConfigurationProperty(
                enabled=True,
                processors=[
                    stream.ProcessorProperty(
                        type="MetadataExtraction",
                        parameters=[
                            stream.ProcessorParameterProperty(
                                parameter_name="MetadataExtractionQuery",
                                parameter_value=f"{{{PARTITION}: .{table.time_column}[0:10]}}",
                            ),
                            stream.ProcessorParameterProperty(
                                parameter_name="JsonParsingEngine", parameter_value="JQ-1.6"
                            ),
                        ],
                    )
                ],
            ),
            data_format_conversion_configuration=stream.DataFormatConversionConfigurationProperty(
                enabled=True,
                input_format_configuration=stream.InputFormatConfigurationProperty(
                    deserializer=stream.DeserializerProperty(
                        open_x_json_ser_de=stream.OpenXJsonSerDeProperty()
                    )
                ),
                output_format_configuration=stream.OutputFormatConfigurationProperty(
                    serializer=stream.SerializerProperty(
                        parquet_ser_de=stream.ParquetSerDeProperty(compression="SNAPPY")
                    )
                ),
                schema_configuration=stream.SchemaConfigurationProperty(
                    database_name=database_name,
                    table_name=table.name,
                    role_arn=role.role_arn,
                    region=Aws.REGION,
                    catalog_id=Aws.ACCOUNT_ID,
                ),
            ),
        )
