"""The lake's feeds from Amazon Connect: the instance's contact trace records and its flow logs
into the ``contact_records`` and ``flow_node_events`` lake tables.

- Contact records: Connect writes each CTR to a Kinesis data stream (the instance's storage
  config), encrypted with the data key, the key the instance's recordings already use, so
  Connect's service-linked role already holds a grant on it. A Firehose stream reads it.
- Flow logs: Connect writes them to the log group ``/aws/connect/<alias>`` (made here, with a
  retention period, before Connect would make one without); a subscription filter sends every
  entry to a Firehose stream (direct put, encrypted with the data key).

Both streams run the ``lake_transform`` function (catalog) over their records, which flattens
them with the same code the local cloud's flow simulator files its contacts through, and takes
each record's day from it (dynamic partitioning); then Parquet, as every lake feed
(lake_delivery.py). This sits in the contact-center stack beside the instance; it refers to the
data stack's key and to the lake bucket by its name, so no reference points back.
"""

from aws_cdk import Aws, RemovalPolicy, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kinesisfirehose as firehose
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from constructs import Construct

import catalog
from contactcenter.constants import BUCKET_LAKE
from contactcenter.reports.lake import CONTACT_RECORDS, FLOW_NODE_EVENTS
from infra.constructs.connect_stream import connect_stream
from infra.constructs.lake_delivery import (
    delivery_role,
    lake_destination,
    lambda_partitioning,
    transform_statement,
)
from infra.nag import acknowledge

# What Firehose does with its source stream: named, no wildcards.
_STREAM_READ_ACTIONS = (
    "kinesis:DescribeStream",
    "kinesis:DescribeStreamSummary",
    "kinesis:GetShardIterator",
    "kinesis:GetRecords",
    "kinesis:ListShards",
)
_FIREHOSE_PUT_ACTIONS = ("firehose:PutRecord", "firehose:PutRecordBatch")


class ConnectLakeFeeds(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        stage: str,
        instance_arn: str,
        instance_alias: str,
        transform: lambda_.IFunction,
        database_name: str,
        encryption_key: kms.IKey,
        log_retention: logs.RetentionDays,
        removal_policy: RemovalPolicy,
    ) -> None:
        super().__init__(scope, construct_id)
        region = Stack.of(self).region
        # By name (known in advance), as the functions refer to it: no reference to the data stack.
        lake_name = catalog.bucket_name(stage, BUCKET_LAKE, Aws.ACCOUNT_ID, region)
        lake = s3.Bucket.from_bucket_arn(self, "Lake", f"arn:{Aws.PARTITION}:s3:::{lake_name}")
        rendered = catalog.bucket_name(stage, BUCKET_LAKE, "<AWS::AccountId>", region)
        lake_reference = f"arn:<AWS::Partition>:s3:::{rendered}"

        self.records, self.storage = connect_stream(
            self,
            "ContactRecords",
            "ContactRecordStorage",
            stream_name=catalog.resource_name(stage, "contact-records"),
            instance_arn=instance_arn,
            resource_type="CONTACT_TRACE_RECORDS",
            what="contact records",
            encryption_key=encryption_key,
            removal_policy=removal_policy,
        )
        records_role = delivery_role(
            self,
            "ContactRecordsRole",
            table=CONTACT_RECORDS,
            lake=lake,
            database_name=database_name,
            key=encryption_key,
            extra=[
                iam.PolicyStatement(actions=list(_STREAM_READ_ACTIONS), resources=[self.records.stream_arn]),
                transform_statement(transform),
            ],
            lake_reference=lake_reference,
        )
        self.records_delivery = firehose.CfnDeliveryStream(
            self,
            "ContactRecordsDelivery",
            delivery_stream_name=catalog.resource_name(stage, "lake-contact_records"),
            # Encrypted at rest by its source: a stream fed by Kinesis takes no SSE of its own.
            delivery_stream_type="KinesisStreamAsSource",
            kinesis_stream_source_configuration=firehose.CfnDeliveryStream.KinesisStreamSourceConfigurationProperty(
                kinesis_stream_arn=self.records.stream_arn, role_arn=records_role.role_arn
            ),
            extended_s3_destination_configuration=lake_destination(
                CONTACT_RECORDS,
                lake,
                records_role,
                database_name,
                encryption_key,
                lambda_partitioning(transform),
                from_lambda=True,
            ),
        )
        self.records_delivery.node.add_dependency(records_role)
        acknowledge(
            self.records_delivery,
            "AwsSolutions-KDF1",
            "Firehose takes no server-side encryption setting on a stream whose source is a Kinesis data "
            "stream; its source is encrypted with the data key, and what it writes to the lake is too.",
        )

        self.flow_logs = logs.LogGroup(
            self,
            "FlowLogs",
            log_group_name=f"/aws/connect/{instance_alias}",  # where Connect writes them
            retention=log_retention,
            removal_policy=removal_policy,
        )
        events_role = delivery_role(
            self,
            "FlowLogsRole",
            table=FLOW_NODE_EVENTS,
            lake=lake,
            database_name=database_name,
            key=encryption_key,
            extra=[transform_statement(transform)],
            lake_reference=lake_reference,
        )
        self.events_delivery = firehose.CfnDeliveryStream(
            self,
            "FlowLogsDelivery",
            delivery_stream_name=catalog.resource_name(stage, "lake-flow_node_events"),
            delivery_stream_type="DirectPut",
            delivery_stream_encryption_configuration_input=firehose.CfnDeliveryStream.DeliveryStreamEncryptionConfigurationInputProperty(
                key_type="CUSTOMER_MANAGED_CMK", key_arn=encryption_key.key_arn
            ),
            extended_s3_destination_configuration=lake_destination(
                FLOW_NODE_EVENTS,
                lake,
                events_role,
                database_name,
                encryption_key,
                lambda_partitioning(transform),
                from_lambda=True,
            ),
        )
        self.events_delivery.node.add_dependency(events_role)
        subscriber = iam.Role(
            self,
            "FlowLogsSubscriptionRole",
            assumed_by=iam.ServicePrincipal(
                "logs.amazonaws.com",
                conditions={"ArnLike": {"aws:SourceArn": self.flow_logs.log_group_arn}},
            ),
            description="CloudWatch Logs sends the Connect flow logs to their lake stream",
            inline_policies={
                "deliver": iam.PolicyDocument(
                    statements=[
                        iam.PolicyStatement(
                            actions=list(_FIREHOSE_PUT_ACTIONS), resources=[self.events_delivery.attr_arn]
                        )
                    ]
                )
            },
        )
        self.subscription = logs.CfnSubscriptionFilter(
            self,
            "FlowLogsSubscription",
            filter_name=catalog.resource_name(stage, "flow-logs-to-lake"),
            log_group_name=self.flow_logs.log_group_name,
            filter_pattern="",  # every entry: each is a block a contact entered
            destination_arn=self.events_delivery.attr_arn,
            role_arn=subscriber.role_arn,
        )
        self.subscription.node.add_dependency(subscriber)
