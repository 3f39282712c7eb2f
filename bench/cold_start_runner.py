"""Run in a fresh interpreter by cold_start.py: import a handler, invoke it once, report.

Prints one JSON line: milliseconds from before the import to after the first invocation,
and the AWS API calls made, counted with botocore's before-call event hook on every client.
"""

import importlib.util
import json
import sys
import time

_started = time.perf_counter()

import botocore.session  # noqa: E402 - counted from the start, like Lambda's init

_calls: list[str] = []
_create_client = botocore.session.Session.create_client


def _counting_create_client(self, *args, **kwargs):  # type: ignore[no-untyped-def]
    client = _create_client(self, *args, **kwargs)
    service = client.meta.service_model.service_name
    client.meta.events.register(
        "before-call.*.*", lambda model, **_: _calls.append(f"{service}:{model.name}")
    )
    return client


botocore.session.Session.create_client = _counting_create_client  # type: ignore[method-assign]


class _Context:
    function_name = "bench"
    function_version = "$LATEST"
    invoked_function_arn = "arn:aws:lambda:eu-central-1:123456789012:function:bench"
    memory_limit_in_mb = 256
    aws_request_id = "bench-request"
    log_group_name = "/aws/lambda/bench"
    log_stream_name = "bench"

    @staticmethod
    def get_remaining_time_in_millis() -> int:
        return 10_000


def main() -> None:
    handler_file, event_json = sys.argv[1], sys.argv[2]
    spec = importlib.util.spec_from_file_location("bench_handler", handler_file)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    imported = time.perf_counter()
    try:
        result = module.handler(json.loads(event_json), _Context())
    except Exception as error:  # noqa: BLE001 - a workflow step raises on a missing item: that is its answer
        result = {"result": f"error:{type(error).__name__}"}
    done = time.perf_counter()
    # An API answer's HTTP status, a Connect function's result code, or the error a step raised.
    status = result.get("statusCode", result.get("result")) if isinstance(result, dict) else None
    print(
        json.dumps(
            {
                "cold_ms": (done - _started) * 1000,
                "import_ms": (imported - _started) * 1000,
                "calls": _calls,
                "status": status,
            }
        )
    )


if __name__ == "__main__":
    main()
