"""A test function for DynamoDB streams: logs each batch's keys; an item asks it to sleep or
to fail (reported as a batch item failure) on its first delivery."""

import json
import time
from typing import Any

_failed_once: set[str] = set()


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    keys = []
    failures = []
    for record in event["Records"]:
        image = record["dynamodb"].get("NewImage", {})
        key = record["dynamodb"]["Keys"]["pk"]["S"]
        if "sleep" in image:
            time.sleep(float(image["sleep"]["N"]))
        if "fail" in image and key not in _failed_once:
            _failed_once.add(key)
            failures.append({"itemIdentifier": record["dynamodb"]["SequenceNumber"]})
            break
        keys.append(key)
    print(json.dumps({"batch": keys, "failed": len(failures)}))
    return {"batchItemFailures": failures}
