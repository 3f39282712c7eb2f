"""Logger, metrics and an optional tracer, configured the same way in every function.

The Powertools Tracer imports the X-Ray SDK (~0.4 s of cold start), so it is only imported
when tracing is switched on with ``CC_TRACING_ENABLED=true``; otherwise ``traced`` is a no-op.
"""

import warnings
from collections.abc import Callable
from typing import Any, TypeVar

from aws_lambda_powertools import Logger, Metrics

F = TypeVar("F", bound=Callable[..., Any])


def create_logger() -> Logger:
    """A structured JSON logger for the calling function (service name from the environment)."""
    return Logger(json_default=str)


def create_metrics() -> Metrics:
    # An invocation that records no business metric is normal (a health check, a read).
    warnings.filterwarnings("ignore", message="No application metrics to publish")
    return Metrics()


def traced(enabled: bool) -> Callable[[F], F]:
    """Decorate a handler with the Powertools Tracer when ``enabled``, else leave it untouched."""
    if not enabled:
        return lambda fn: fn
    from aws_lambda_powertools import Tracer  # deferred: see module docstring

    tracer = Tracer()
    return tracer.capture_lambda_handler  # type: ignore[return-value]
