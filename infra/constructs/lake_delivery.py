"""What every Firehose stream into the lake shares: its role (the lake table's prefix, its Glue
schema, the key; named, no wildcards beyond the object prefixes) and its S3 destination
(Parquet with the table's own Glue schema, filed under its day by dynamic partitioning, the
largest buffers format conversion allows). Used by the event-bus feeds (lake_feeds.py) and the
Connect feeds (connect_lake_feeds.py); functions, not a construct, so the resources keep the
logical ids they were deployed with.

A feed names where the day comes from: a JQ query over the row (one JSON row per record, as
EventBridge delivers), or the transformation Lambda's partition key (a CloudWatch Logs batch is
one record with many rows, and Firehose partitions after the Lambda).
"""

from collections.abc import Sequence
from typing import Any

from aws_cdk import Aws
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kinesisfirehose as firehose
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_s3 as s3
from constructs import Construct

from contactcenter.reports.lake import PARTITION, LakeTable
from infra.nag import acknowledge

# What Firehose does with the lake bucket, the Glue schema and the key: named, no wildcards.
_BUCKET_ACTIONS = ("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads")
_OBJECT_ACTIONS = ("s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject")
_SCHEMA_ACTIONS = ("glue:GetTable", "glue:GetTableVersion", "glue:GetTableVersions")
_KEY_ACTIONS = ("kms:GenerateDataKey", "kms:Decrypt")
# Firehose calls its transformation Lambda with the stream's role.
_TRANSFORM_ACTIONS = ("lambda:InvokeFunction", "lambda:GetFunctionConfiguration")

_stream = firehose.CfnDeliveryStream


def _parameter(name: str, value: str) -> firehose.CfnDeliveryStream.ProcessorParameterProperty:
    return _stream.ProcessorParameterProperty(parameter_name=name, parameter_value=value)


def _logical_id(bucket: s3.IBucket) -> str:
    child: Any = bucket.node.default_child
    if child is None:  # a bucket of another stack: cdk-nag sees its ARN as an import
        return ""
    return str(bucket.stack.get_logical_id(child))


def delivery_role(
    scope: Construct,
    construct_id: str,
    *,
    table: LakeTable,
    lake: s3.IBucket,
    database_name: str,
    key: kms.IKey,
    extra: Sequence[iam.PolicyStatement] = (),
    lake_reference: str | None = None,
) -> iam.Role:
    """The role a stream into ``table`` writes with; ``extra`` adds what its source needs.
    ``lake_reference`` is how cdk-nag renders the lake bucket's ARN in this stack (its logical
    id in the data stack, or the import of it in another)."""
    glue_arn = f"arn:{Aws.PARTITION}:glue:{Aws.REGION}:{Aws.ACCOUNT_ID}"
    role = iam.Role(
        scope,
        construct_id,
        assumed_by=iam.ServicePrincipal("firehose.amazonaws.com"),
        description=f"Firehose writes the {table.name} lake table",
        inline_policies={
            "lake": iam.PolicyDocument(
                statements=[
                    iam.PolicyStatement(actions=list(_BUCKET_ACTIONS), resources=[lake.bucket_arn]),
                    iam.PolicyStatement(
                        actions=list(_OBJECT_ACTIONS),
                        resources=[lake.arn_for_objects(f"{table.name}/*"), lake.arn_for_objects("errors/*")],
                    ),
                    iam.PolicyStatement(
                        actions=list(_SCHEMA_ACTIONS),
                        resources=[
                            f"{glue_arn}:catalog",
                            f"{glue_arn}:database/{database_name}",
                            f"{glue_arn}:table/{database_name}/{table.name}",
                        ],
                    ),
                    iam.PolicyStatement(actions=list(_KEY_ACTIONS), resources=[key.key_arn]),
                    *extra,
                ]
            )
        },
    )
    reference = lake_reference or f"<{_logical_id(lake)}.Arn>"
    for prefix in (table.name, "errors"):
        acknowledge(
            role,
            f"AwsSolutions-IAM5[Resource::{reference}/{prefix}/*]",
            "Firehose names the objects it writes (by day and time) under the table's own prefix",
        )
    return role


def transform_statement(function: lambda_.IFunction) -> iam.PolicyStatement:
    """Firehose may call its transformation function, and nothing else in Lambda."""
    return iam.PolicyStatement(actions=list(_TRANSFORM_ACTIONS), resources=[function.function_arn])


def query_partitioning(table: LakeTable) -> list[firehose.CfnDeliveryStream.ProcessorProperty]:
    """The day from the row itself (a JQ query over its time column)."""
    return [
        _stream.ProcessorProperty(
            type="MetadataExtraction",
            parameters=[
                _stream.ProcessorParameterProperty(
                    parameter_name="MetadataExtractionQuery",
                    parameter_value=f"{{{PARTITION}: .{table.time_column}[0:10]}}",
                ),
                _stream.ProcessorParameterProperty(
                    parameter_name="JsonParsingEngine", parameter_value="JQ-1.6"
                ),
            ],
        )
    ]


def lambda_partitioning(function: lambda_.IFunction) -> list[firehose.CfnDeliveryStream.ProcessorProperty]:
    """The rows, and their day, from a transformation function (contactcenter.reports.lake_transform)."""
    return [
        _stream.ProcessorProperty(
            type="Lambda",
            parameters=[
                _stream.ProcessorParameterProperty(
                    parameter_name="LambdaArn", parameter_value=function.function_arn
                ),
                # A batch of CloudWatch Logs or Kinesis records well under Lambda's 6 MB payload.
                _parameter("BufferSizeInMBs", "1"),
                _stream.ProcessorParameterProperty(
                    parameter_name="BufferIntervalInSeconds", parameter_value="60"
                ),
            ],
        )
    ]


def lake_destination(
    table: LakeTable,
    lake: s3.IBucket,
    role: iam.Role,
    database_name: str,
    key: kms.IKey,
    processors: list[firehose.CfnDeliveryStream.ProcessorProperty],
    *,
    from_lambda: bool = False,
) -> firehose.CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty:
    """Parquet under ``<table>/dt=<day>/``, the day from the row (JQ) or from the Lambda."""
    source = "partitionKeyFromLambda" if from_lambda else "partitionKeyFromQuery"
    return _stream.ExtendedS3DestinationConfigurationProperty(
        bucket_arn=lake.bucket_arn,
        role_arn=role.role_arn,
        prefix=f"{table.name}/{PARTITION}=!{{{source}:{PARTITION}}}/",
        error_output_prefix=f"errors/{table.name}/!{{firehose:error-output-type}}/",
        # The largest buffers format conversion allows: fewer, larger Parquet files.
        buffering_hints=_stream.BufferingHintsProperty(interval_in_seconds=900, size_in_m_bs=128),
        encryption_configuration=_stream.EncryptionConfigurationProperty(
            kms_encryption_config=_stream.KMSEncryptionConfigProperty(awskms_key_arn=key.key_arn)
        ),
        dynamic_partitioning_configuration=_stream.DynamicPartitioningConfigurationProperty(enabled=True),
        processing_configuration=_stream.ProcessingConfigurationProperty(enabled=True, processors=processors),
        data_format_conversion_configuration=_stream.DataFormatConversionConfigurationProperty(
            enabled=True,
            input_format_configuration=_stream.InputFormatConfigurationProperty(
                deserializer=_stream.DeserializerProperty(open_x_json_ser_de=_stream.OpenXJsonSerDeProperty())
            ),
            output_format_configuration=_stream.OutputFormatConfigurationProperty(
                serializer=_stream.SerializerProperty(
                    parquet_ser_de=_stream.ParquetSerDeProperty(compression="SNAPPY")
                )
            ),
            schema_configuration=_stream.SchemaConfigurationProperty(
                database_name=database_name,
                table_name=table.name,
                role_arn=role.role_arn,
                region=Aws.REGION,
                catalog_id=Aws.ACCOUNT_ID,
            ),
        ),
    )
