"""The benchmark's baseline: a bare boto3 handler doing one DynamoDB GetItem."""

import os

import boto3

client = boto3.client("dynamodb")


def handler(event, context):  # type: ignore[no-untyped-def]
    return client.get_item(TableName=os.environ["TABLE"], Key={"entity": {"S": "x"}, "event_id": {"S": "y"}})
