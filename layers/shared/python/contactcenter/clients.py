"""AWS clients, created lazily and cached per process, replaceable in tests.

Clients are never created at import time: the endpoint (AWS or the local cloud) comes from
the environment botocore sees when the first call is made (``AWS_ENDPOINT_URL`` locally).
botocore rather than boto3: the functions only need low-level clients, and boto3 adds
import time to every cold start.
"""

import threading
from typing import Any

import botocore.session
from botocore.config import Config

_lock = threading.Lock()
_session: botocore.session.Session | None = None
_clients: dict[str, Any] = {}

# Fail fast inside Lambda's time budget rather than hang on a slow dependency; standard
# retry mode adds jittered backoff for throttling.
_CONFIG = Config(connect_timeout=2, read_timeout=5, retries={"mode": "standard", "max_attempts": 3})


def client(service: str, endpoint_url: str | None = None) -> Any:
    """The shared client for ``service`` (e.g. ``"events"``); ``endpoint_url`` for a service
    whose endpoint is a resource's own (a WebSocket API's management endpoint)."""
    global _session
    key = f"{service}@{endpoint_url}" if endpoint_url else service
    with _lock:
        if key not in _clients:
            if _session is None:
                _session = botocore.session.get_session()
            _clients[key] = _session.create_client(service, endpoint_url=endpoint_url, config=_CONFIG)
        return _clients[key]


def override(service: str, replacement: Any) -> None:
    """Use ``replacement`` for ``service`` from now on (tests, or a client with other settings)."""
    with _lock:
        _clients[service] = replacement


def reset() -> None:
    """Forget every client, so the next call builds them from the current environment."""
    global _session
    with _lock:
        _clients.clear()
        _session = None
