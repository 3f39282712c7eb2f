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
from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kinesisfirehose as firehose
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sqs as sqs
from constructs import Construct

import catalog
from catalog.lake_feeds import LAKE_FEEDS
from infra.constructs.encrypted_queue import EncryptedQueue
from infra.constructs.lake_delivery import delivery_role, lake_destination, query_partitioning


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
            role = delivery_role(
                self,
                f"{title}Role",
                table=feed.table,
                lake=lake,
                database_name=database_name,
                key=encryption_key,
            )
            stream = firehose.CfnDeliveryStream(
                self,
                f"{title}Stream",
                delivery_stream_name=catalog.resource_name(stage, f"lake-{feed.key}"),
                delivery_stream_type="DirectPut",
                delivery_stream_encryption_configuration_input=firehose.CfnDeliveryStream.DeliveryStreamEncryptionConfigurationInputProperty(
                    key_type="CUSTOMER_MANAGED_CMK", key_arn=encryption_key.key_arn
                ),
                extended_s3_destination_configuration=lake_destination(
                    feed.table, lake, role, database_name, encryption_key, query_partitioning(feed.table)
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
