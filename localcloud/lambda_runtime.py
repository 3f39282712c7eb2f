"""The local cloud's Lambda service: invoking a function runs its real handler in this process.

moto's Lambda would run code in Docker (not available here) or only echo. This module takes
moto's place at the one point every invocation passes through, ``LambdaFunction._invoke_lambda``,
whoever invokes: the Lambda API, a Step Functions task, an SQS or DynamoDB-stream event
source, an EventBridge rule (see ``eventbridge.py``), the local API or the contact-flow
simulator. So a function behaves as deployed:

- its handler module is loaded from the function's code folder on a cold start, with the
  function's environment (the one moto holds for it, as CDK would set it) and nothing else;
- a busy execution environment is never shared: a concurrent invocation starts another one,
  and a configuration change retires the old ones, as Lambda does;
- its output becomes the function's CloudWatch log, with START/END/REPORT lines;
- an exception becomes a function error with Lambda's error payload, and running past the
  configured timeout is reported as Lambda reports it (the handler cannot be interrupted
  in-process, so it is reported when it returns).

Asynchronous invocations (``dispatch_async``) run on a worker pool with the function's
asynchronous invocation config (retries, default two) and then go to its on-failure
destination; ``wait_idle`` lets tests and the demo wait for them.
"""

import hashlib
import importlib.util
import itertools
import json
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from moto.awslambda.models import LambdaFunction
from moto.core.exceptions import JsonRESTError

from localcloud import iam, isolation

# What the Lambda runtime itself puts in every function's environment, besides the
# function's own variables (the process's PATH and HOME are kept so Python works).
_PROCESS_KEYS_KEPT = ("PATH", "HOME", "LANG", "TMPDIR", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")
_DEFAULT_ASYNC_RETRIES = 2

OnFailure = Callable[[str, Any, dict[str, Any]], None]
"""Receives (function ARN, event, Lambda's on-failure destination record)."""


@dataclass
class _Environment:
    """One execution environment: a loaded handler, used by one invocation at a time."""

    module: ModuleType
    handler: Callable[[Any, Any], Any]
    fresh: bool = True


@dataclass
class LambdaContext:
    """The context object Lambda passes to a handler."""

    function_name: str
    function_version: str
    invoked_function_arn: str
    memory_limit_in_mb: int
    aws_request_id: str
    log_group_name: str
    log_stream_name: str
    deadline: float
    identity: Any = None
    client_context: Any = None

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self.deadline - time.monotonic()) * 1000))


@dataclass
class Invocation:
    """What a finished invocation left behind, for tests and benchmarks."""

    function_name: str
    request_id: str
    cold_start: bool
    duration_ms: float
    errored: bool
    payload: str


class LambdaServiceError(JsonRESTError):
    """An error of the Lambda service itself (throttling, an outage), not of the function."""

    def __init__(self, error: str, message: str, status: int) -> None:
        super().__init__(error, message)
        self.code = status


@dataclass
class Fault:
    """The next ``remaining`` invocations of ``function_name`` whose event contains ``match``
    fail in the Lambda service with ``error`` (e.g. throttling), as AWS's can."""

    function_name: str
    remaining: int
    error: str = "TooManyRequestsException"
    status: int = 429
    match: Mapping[str, Any] = field(default_factory=dict)

    def applies(self, function_name: str, event: Any) -> bool:
        if self.remaining <= 0 or function_name != self.function_name:
            return False
        return isinstance(event, dict) and all(event.get(k) == v for k, v in self.match.items())


@dataclass
class LambdaRuntime:
    """Registry of local function sources, and the hook into moto."""

    endpoint_url: str
    region: str
    sources: dict[str, tuple[Path, str]] = field(default_factory=dict)
    history: list[Invocation] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    _idle: dict[str, list[_Environment]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _counter: Iterator[int] = field(default_factory=itertools.count)
    _pool: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(8, "lambda-async"))
    _pending: int = 0
    _idle_condition: threading.Condition = field(default_factory=threading.Condition)
    _original: Any = None

    # -- registration and the moto hook ---------------------------------------------------

    def register(self, function_name: str, code_dir: Path, handler: str) -> None:
        """``function_name`` runs ``handler`` ("module.attribute") from ``code_dir``."""
        module, _, _attribute = handler.rpartition(".")
        if not module or not (code_dir / f"{module}.py").is_file():
            raise FileNotFoundError(f"{function_name}: no {module or handler}.py in {code_dir}")
        self.sources[function_name] = (code_dir, handler)

    def install(self) -> None:
        """Route every moto Lambda invocation in this process to this runtime."""
        isolation.install()
        if self._original is not None:
            return
        self._original = LambdaFunction._invoke_lambda
        runtime = self

        # Named ``self`` as in moto's method, so mypy sees the same signature.
        def _invoke_lambda(self: LambdaFunction, event: Any = None) -> tuple[str, bool, str]:
            return runtime.invoke(self, event)

        LambdaFunction._invoke_lambda = _invoke_lambda  # type: ignore[method-assign]

    def uninstall(self) -> None:
        if self._original is not None:
            LambdaFunction._invoke_lambda = self._original  # type: ignore[method-assign]
            self._original = None
        self._pool.shutdown(wait=True, cancel_futures=True)

    # -- fault injection --------------------------------------------------------------------

    def inject_fault(self, function_name: str, times: int, **options: Any) -> Fault:
        """Make the Lambda service fail the next ``times`` matching invocations (see ``Fault``)."""
        fault = Fault(function_name, times, **options)
        with self._lock:
            self.faults.append(fault)
        return fault

    def _fail_if_faulted(self, function_name: str, event: Any) -> None:
        with self._lock:
            fault = next((f for f in self.faults if f.applies(function_name, event)), None)
            if fault is None:
                return
            fault.remaining -= 1
        raise LambdaServiceError(fault.error, f"Rate exceeded (injected: {fault.error})", fault.status)

    # -- synchronous invocation -------------------------------------------------------------

    def invoke(self, fn: LambdaFunction, event: Any) -> tuple[str, bool, str]:
        """Run ``fn``'s handler with ``event``; returns (payload, errored, log text) as moto expects."""
        self._fail_if_faulted(fn.function_name, event)
        request_id = str(uuid.uuid4())
        source = self.sources.get(fn.function_name)
        if source is None:
            payload = _error_payload(
                "Runtime.NoLocalSource",
                f"{fn.function_name} has no registered source folder on the local cloud",
                request_id,
            )
            return payload, True, ""
        environment = self._environment_for(fn)
        key = self._environment_key(fn.function_name, source, environment)
        timeout = float(fn.timeout or 3)
        context = LambdaContext(
            function_name=fn.function_name,
            function_version=str(fn.version),
            invoked_function_arn=fn.function_arn,
            memory_limit_in_mb=int(fn.memory_size or 128),
            aws_request_id=request_id,
            log_group_name=fn.logs_group_name,
            log_stream_name=f"local/{request_id}",
            deadline=time.monotonic() + timeout,
        )
        with isolation.invocation(environment) as output:
            started = time.perf_counter()
            init_ms = 0.0
            errored = cold = True
            execution: _Environment | None = None
            try:
                execution = self._acquire(key, fn.function_name, source)
                cold = execution.fresh
                execution.fresh = False
                if cold:
                    # Lambda's init phase (the handler's module loading) has a limit of its own
                    # and is not part of the invocation's duration or its timeout.
                    init_ms = (time.perf_counter() - started) * 1000
                    started = time.perf_counter()
                    context.deadline = time.monotonic() + timeout
                result = execution.handler(event if event is not None else {}, context)
                payload = json.dumps(result, ensure_ascii=False) if result is not None else "null"
                errored = False
            except Exception as exc:  # noqa: BLE001 - a handler's exception is the function's error
                payload = _error_payload(type(exc).__name__, str(exc), request_id, exc)
                traceback.print_exc(file=output)
            duration_ms = (time.perf_counter() - started) * 1000
            if execution is not None:
                self._release(key, execution)
            if duration_ms > timeout * 1000:
                errored = True
                payload = _error_payload(
                    "Sandbox.Timedout", f"Task timed out after {timeout:.2f} seconds", request_id
                )
        log = (
            f"START RequestId: {request_id} Version: {fn.version}\n{output.getvalue()}"
            f"END RequestId: {request_id}\n"
            f"REPORT RequestId: {request_id}\tDuration: {duration_ms:.2f} ms\t"
            f"Memory Size: {context.memory_limit_in_mb} MB"
            f"{f'{chr(9)}Init Duration: {init_ms:.2f} ms{chr(9)}Init: cold' if cold else ''}\n"
        )
        fn.logs_backend.ensure_log_group(fn.logs_group_name)
        fn.save_logs(log)
        self.history.append(Invocation(fn.function_name, request_id, cold, duration_ms, errored, payload))
        return payload, errored, log

    def _environment_for(self, fn: LambdaFunction) -> dict[str, str]:
        process = isolation.process_environment()
        environment = {key: process[key] for key in _PROCESS_KEYS_KEPT if key in process}
        environment.update(
            {
                "AWS_REGION": self.region,
                "AWS_DEFAULT_REGION": self.region,
                "AWS_LAMBDA_FUNCTION_NAME": fn.function_name,
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(fn.memory_size),
                "AWS_LAMBDA_FUNCTION_VERSION": str(fn.version),
                "AWS_LAMBDA_LOG_GROUP_NAME": fn.logs_group_name,
                "AWS_EXECUTION_ENV": f"AWS_Lambda_{fn.run_time}",
                "_HANDLER": fn.handler or "",  # moto's is None only for container images
                "TZ": ":UTC",
                # The function's role, locally: a key of its own (localcloud/iam.py checks its
                # calls against its catalog grants) and a dummy secret.
                "AWS_ACCESS_KEY_ID": iam.access_key_id(fn.function_name),
                "AWS_SECRET_ACCESS_KEY": "local",
                "AWS_ENDPOINT_URL": self.endpoint_url,
            }
        )
        environment.update({k: str(v) for k, v in (fn.environment_vars or {}).items()})
        return environment

    @staticmethod
    def _environment_key(name: str, source: tuple[Path, str], environment: Mapping[str, str]) -> str:
        # A new configuration (environment, code, handler) means new execution environments.
        digest = hashlib.sha256(json.dumps([str(source[0]), source[1], sorted(environment.items())]).encode())
        return f"{name}:{digest.hexdigest()[:16]}"

    def _acquire(self, key: str, name: str, source: tuple[Path, str]) -> _Environment:
        with self._lock:
            idle = self._idle.get(key)
            if idle:
                return idle.pop()
            for stale in [k for k in self._idle if k.startswith(f"{name}:") and k != key]:
                del self._idle[stale]
            number = next(self._counter)
        return self._cold_start(name, source, number)

    def _release(self, key: str, execution: _Environment) -> None:
        with self._lock:
            self._idle.setdefault(key, []).append(execution)

    @staticmethod
    def _cold_start(name: str, source: tuple[Path, str], number: int) -> _Environment:
        code_dir, handler = source
        module_name, _, attribute = handler.rpartition(".")
        unique = f"_lambda_{name.replace('-', '_')}_{number}_{module_name}"
        spec = importlib.util.spec_from_file_location(unique, code_dir / f"{module_name}.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[unique] = module
        try:
            spec.loader.exec_module(module)
        except Exception:
            del sys.modules[unique]
            raise
        entry = getattr(module, attribute, None)
        if not callable(entry):
            raise AttributeError(f"Runtime.HandlerNotFound: {handler} is not a function in {code_dir}")
        return _Environment(module=module, handler=entry)

    # -- asynchronous invocation ------------------------------------------------------------

    def dispatch(self, work: Callable[[], Any]) -> None:
        """Run ``work`` later on the worker pool; ``wait_idle`` waits for it."""
        with self._idle_condition:
            self._pending += 1

        def run() -> None:
            try:
                work()
            except Exception:  # noqa: BLE001 - a failed delivery must not stop the pool; it is logged
                traceback.print_exc()
            finally:
                with self._idle_condition:
                    self._pending -= 1
                    self._idle_condition.notify_all()

        self._pool.submit(run)

    def dispatch_async(self, function_arn: str, event: Any, on_failure: OnFailure) -> None:
        """Invoke as Lambda's async path does: run later, retry, then ``on_failure``."""
        self.dispatch(lambda: self._invoke_with_retries(function_arn, event, on_failure))

    @staticmethod
    def _invoke_with_retries(function_arn: str, event: Any, on_failure: OnFailure) -> None:
        from moto.awslambda.utils import get_backend

        account, region = function_arn.split(":")[4], function_arn.split(":")[3]
        fn = get_backend(account, region).get_function(function_arn)
        config = fn.event_invoke_config[0].config if fn.event_invoke_config else {}
        attempts = 1 + int(config.get("MaximumRetryAttempts", _DEFAULT_ASYNC_RETRIES))
        body = json.dumps(event)
        for _ in range(attempts):
            headers: dict[str, str] = {}
            payload = fn.invoke(body, {"x-amz-invocation-type": "RequestResponse"}, headers)
            if "x-amz-function-error" not in headers:
                return
        text = payload.decode() if isinstance(payload, bytes) else str(payload)
        on_failure(
            function_arn,
            event,
            {
                "version": "1.0",
                "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
                "requestContext": {
                    "requestId": str(uuid.uuid4()),
                    "functionArn": f"{function_arn}:$LATEST",
                    "condition": "RetriesExhausted",
                    "approximateInvokeCount": attempts,
                },
                "requestPayload": event,
                "responseContext": {
                    "statusCode": 200,
                    "executedVersion": "$LATEST",
                    "functionError": "Unhandled",
                },
                "responsePayload": json.loads(text),
            },
        )

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Block until every asynchronous invocation dispatched so far has finished."""
        deadline = time.monotonic() + timeout
        with self._idle_condition:
            while self._pending:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"{self._pending} asynchronous invocations still running")
                self._idle_condition.wait(remaining)


def _error_payload(error_type: str, message: str, request_id: str, exc: BaseException | None = None) -> str:
    body: dict[str, Any] = {"errorMessage": message, "errorType": error_type, "requestId": request_id}
    if exc is not None:
        body["stackTrace"] = traceback.format_tb(exc.__traceback__)
    return json.dumps(body)
