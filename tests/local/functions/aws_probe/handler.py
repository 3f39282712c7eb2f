"""A test function for the local cloud's IAM: makes the AWS call its event names, as a handler
would (a botocore client built from its environment), and reports the outcome."""

from typing import Any

import botocore.session
from botocore.exceptions import ClientError


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    client = botocore.session.get_session().create_client(event["service"])
    try:
        response = getattr(client, event["operation"])(**event.get("params", {}))
    except ClientError as error:
        return {
            "error": error.response["Error"]["Code"],
            "message": error.response["Error"]["Message"],
            "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
            "exception": type(error).__name__,
        }
    response.pop("ResponseMetadata", None)
    return {"ok": True, "keys": sorted(response)}
