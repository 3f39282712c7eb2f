import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from localcloud.session import LocalSession

FUNCTIONS = Path(__file__).parent / "functions"


@pytest.fixture
def make_function(local: LocalSession) -> Callable[..., str]:
    """Create a test function on the local cloud, running tests/local/functions/<source>."""

    def make(
        source: str = "echo", *, environment: dict[str, str] | None = None, timeout: int = 10, **config: Any
    ) -> str:
        name = f"test-{source}-{uuid.uuid4().hex[:8]}"
        role = local.cloud.client("iam").get_role(RoleName="contactcenter-local-execution")["Role"]["Arn"]
        local.cloud.client("lambda").create_function(
            FunctionName=name,
            Runtime="python3.12",
            Role=role,
            Handler="handler.handler",
            Code={"ZipFile": b"PK\x05\x06" + b"\x00" * 18},
            Timeout=timeout,
            Environment={"Variables": environment or {}},
            **config,
        )
        assert local.cloud.runtime is not None
        local.cloud.runtime.register(name, FUNCTIONS / source, "handler.handler")
        return name

    return make


def invoke(local: LocalSession, name: str, event: Any) -> tuple[Any, str | None]:
    response = local.cloud.client("lambda").invoke(FunctionName=name, Payload=json.dumps(event).encode())
    return json.loads(response["Payload"].read()), response.get("FunctionError")


def log_messages(local: LocalSession, name: str) -> list[str]:
    events = local.cloud.client("logs").filter_log_events(logGroupName=f"/aws/lambda/{name}")["events"]
    return [event["message"] for event in events]
