"""The benchmark's floor: the least a Powertools API function can be.

The Powertools Logger and the REST resolver (imported from its module, not the package),
request validation on, one route with one pydantic response model, and the same DynamoDB
GetItem the baseline makes (through botocore, as the product's functions do). What a handler
of the product costs above this is the product's own code and dependencies.
"""

import os
from typing import Any

import botocore.session
from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler.api_gateway import APIGatewayRestResolver
from aws_lambda_powertools.logging import correlation_paths
from pydantic import BaseModel

logger = Logger()
app = APIGatewayRestResolver(enable_validation=True)
client: Any = botocore.session.get_session().create_client("dynamodb")


class Item(BaseModel):
    item_id: str
    found: bool


@app.get("/floor/<item_id>")
def get_item(item_id: str) -> Item:
    answer = client.get_item(
        TableName=os.environ["TABLE"], Key={"entity": {"S": item_id}, "event_id": {"S": "floor"}}
    )
    return Item(item_id=item_id, found="Item" in answer)


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
def handler(event, context):  # type: ignore[no-untyped-def]
    return app.resolve(event, context)
