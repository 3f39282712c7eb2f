"""The Connect lake feeds in AWS: the instance's contact records into an encrypted Kinesis
stream, its flow logs through a subscription filter, each into a Firehose stream that runs the
lake_transform function and writes Parquet under the day it answers; every role named."""

import json
from typing import Any

from tests.infra.conftest import Synthesized


def _one(synthesized: Synthesized, resource_type: str, **properties: Any) -> dict[str, Any]:
    (found,) = [
        r["Properties"]
        for r in synthesized.resources(resource_type).values()
        if all(r["Properties"].get(k) == v for k, v in properties.items())
    ]
    return found


def _role_statements(synthesized: Synthesized, role_ref: dict[str, Any]) -> list[dict[str, Any]]:
    logical_id = role_ref["Fn::GetAtt"][0]
    (role,) = [r for k, r in synthesized.resources("AWS::IAM::Role").items() if k.endswith(f"/{logical_id}")]
    return [s for p in role["Properties"]["Policies"] for s in p["PolicyDocument"]["Statement"]]


def _actions(statements: list[dict[str, Any]]) -> set[str]:
    return {a for s in statements for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])}


def test_contact_records_go_to_an_encrypted_stream_the_instance_writes(synthesized: Synthesized) -> None:
    storage = _one(synthesized, "AWS::Connect::InstanceStorageConfig", ResourceType="CONTACT_TRACE_RECORDS")
    assert storage["StorageType"] == "KINESIS_STREAM"
    stream = _one(synthesized, "AWS::Kinesis::Stream", Name="contactcenter-dev-contact-records")
    assert stream["StreamEncryption"]["EncryptionType"] == "KMS"
    assert "DataKey" in json.dumps(stream["StreamEncryption"]["KeyId"])  # the data stack's key
    assert "ContactRecords" in json.dumps(storage["KinesisStreamConfig"]["StreamArn"])
    instance = _one(synthesized, "AWS::Connect::Instance")
    assert instance["Attributes"]["ContactflowLogs"] is True


def _lambda_destination(delivery: dict[str, Any], table: str) -> dict[str, Any]:
    destination: dict[str, Any] = delivery["ExtendedS3DestinationConfiguration"]
    assert destination["Prefix"] == f"{table}/dt=!{{partitionKeyFromLambda:dt}}/"
    (processor,) = destination["ProcessingConfiguration"]["Processors"]
    assert processor["Type"] == "Lambda"
    arn = next(p["ParameterValue"] for p in processor["Parameters"] if p["ParameterName"] == "LambdaArn")
    assert "LakeTransform" in json.dumps(arn)
    conversion = destination["DataFormatConversionConfiguration"]
    assert conversion["SchemaConfiguration"]["TableName"] == table
    assert "ParquetSerDe" in conversion["OutputFormatConfiguration"]["Serializer"]
    return destination


def test_each_feed_runs_the_transformation_into_parquet_by_day(synthesized: Synthesized) -> None:
    records = _one(
        synthesized,
        "AWS::KinesisFirehose::DeliveryStream",
        DeliveryStreamName="contactcenter-dev-lake-contact_records",
    )
    assert records["DeliveryStreamType"] == "KinesisStreamAsSource"
    destination = _lambda_destination(records, "contact_records")
    statements = _role_statements(synthesized, destination["RoleARN"])
    assert {"kinesis:GetRecords", "lambda:InvokeFunction", "s3:PutObject", "glue:GetTable"} <= _actions(
        statements
    )
    events = _one(
        synthesized,
        "AWS::KinesisFirehose::DeliveryStream",
        DeliveryStreamName="contactcenter-dev-lake-flow_node_events",
    )
    assert events["DeliveryStreamType"] == "DirectPut"
    assert events["DeliveryStreamEncryptionConfigurationInput"]["KeyType"] == "CUSTOMER_MANAGED_CMK"
    destination = _lambda_destination(events, "flow_node_events")
    statements = _role_statements(synthesized, destination["RoleARN"])
    assert "kinesis:GetRecords" not in _actions(statements)
    for statement in statements:  # named actions; objects only under the table's own prefix
        assert not any(a.endswith("*") for a in _actions([statement]))
        if "s3:PutObject" in _actions([statement]):
            assert all(
                "/flow_node_events/*" in json.dumps(r) or "/errors/*" in json.dumps(r)
                for r in statement["Resource"]
            )


def test_the_flow_logs_are_subscribed_to_their_stream(synthesized: Synthesized) -> None:
    group = _one(synthesized, "AWS::Logs::LogGroup", LogGroupName="/aws/connect/contactcenter-dev")
    assert group["RetentionInDays"] > 0
    subscription = _one(synthesized, "AWS::Logs::SubscriptionFilter")
    assert subscription["FilterPattern"] == ""
    assert "FlowLogsDelivery" in json.dumps(subscription["DestinationArn"])
    statements = _role_statements(synthesized, subscription["RoleArn"])
    assert _actions(statements) == {"firehose:PutRecord", "firehose:PutRecordBatch"}
    assert "FlowLogsDelivery" in json.dumps(statements)
