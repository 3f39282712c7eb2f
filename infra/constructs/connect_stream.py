"""A Kinesis data stream an Amazon Connect instance writes one of its feeds to (contact trace
records, agent events), and the instance's storage configuration that points the feed at it.

Both resources are made in the caller's scope under the ids it names, so the streams of a
deployed stack keep their logical ids (a named stream cannot be replaced in place).
"""

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_connect as connect
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_kms as kms
from constructs import Construct

from infra.nag import acknowledge


def connect_stream(
    scope: Construct,
    stream_id: str,
    storage_id: str,
    *,
    stream_name: str,
    instance_arn: str,
    resource_type: str,
    what: str,
    encryption_key: kms.IKey,
    removal_policy: RemovalPolicy,
) -> tuple[kinesis.Stream, connect.CfnInstanceStorageConfig]:
    stream = kinesis.Stream(
        scope,
        stream_id,
        stream_name=stream_name,
        stream_mode=kinesis.StreamMode.ON_DEMAND,  # contacts and agents come in bursts: no shards to size
        encryption=kinesis.StreamEncryption.KMS,
        encryption_key=encryption_key,
        retention_period=Duration.hours(24),
        removal_policy=removal_policy,
    )
    acknowledge(
        stream,
        "AwsSolutions-KDS3",
        f"The {what} are encrypted with the product's own data key, as all its data at rest, not the "
        "aws/kinesis key: Connect's service-linked role already holds a grant on the data key (the call "
        "recordings use it), and its key policy, rotation and disabling stay the product's.",
    )
    storage = connect.CfnInstanceStorageConfig(
        scope,
        storage_id,
        instance_arn=instance_arn,
        resource_type=resource_type,
        storage_type="KINESIS_STREAM",
        kinesis_stream_config=connect.CfnInstanceStorageConfig.KinesisStreamConfigProperty(
            stream_arn=stream.stream_arn
        ),
    )
    return stream, storage
