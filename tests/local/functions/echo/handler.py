"""A test function for the local Lambda runtime: echoes, raises, sleeps or prints on request."""

import json
import os
import time
from typing import Any


def handler(event: Any, context: Any) -> dict[str, Any]:
    records = event.get("Records", []) if isinstance(event, dict) else []
    action = event.get("action") if isinstance(event, dict) else None
    if records:
        action = json.loads(records[0]["body"]).get("action") if "body" in records[0] else None
    if action == "raise":
        raise ValueError("asked to fail")
    if action == "sleep":
        time.sleep(float(event["seconds"]))
    print(json.dumps({"received": event}))
    return {
        "echo_value": os.environ.get("ECHO_VALUE"),
        "sees_process_only_variable": "CC_TEST_PROCESS_ONLY" in os.environ,
        "function_name": context.function_name,
        "remaining_ms": context.get_remaining_time_in_millis(),
        "event": event,
    }
