"""What one Lambda invocation sees of the process: its own environment and its own output.

Functions run in-process on the local cloud, many at once, each with the environment its
deployment gives it. ``os.environ`` and ``sys.stdout``/``sys.stderr`` are replaced, once, by
views that consult a context variable: inside an invocation they show that function's
environment and collect its output (which becomes its CloudWatch log); outside, they are the
process's own. Context variables are per thread, so concurrent invocations never mix.

The same goes for the one piece of per-request state a library keeps process-wide: Powertools'
event handler stores the event being resolved (and its Lambda context) on the class
``BaseRouter``, which is harmless in Lambda (one request per process at a time) and, shared by
every execution environment of this process, would let one request read another's event: its
body, headers and caller. ``install`` makes those two attributes per invocation too.
"""

import io
import os
import sys
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TextIO

_environment: ContextVar[dict[str, str] | None] = ContextVar("lambda_environment", default=None)
_output: ContextVar[io.StringIO | None] = ContextVar("lambda_output", default=None)
_ROUTER_STATE = ("current_event", "lambda_context")
_router_state: dict[str, ContextVar[Any]] = {
    name: ContextVar(f"powertools_{name}", default=None) for name in _ROUTER_STATE
}


class _Environ(MutableMapping[str, str]):
    def __init__(self, process: MutableMapping[str, str]) -> None:
        self.process = process

    def _current(self) -> MutableMapping[str, str]:
        invocation = _environment.get()
        return self.process if invocation is None else invocation

    def __getitem__(self, key: str) -> str:
        return self._current()[key]

    def __setitem__(self, key: str, value: str) -> None:
        self._current()[key] = value

    def __delitem__(self, key: str) -> None:
        del self._current()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._current()))

    def __len__(self) -> int:
        return len(self._current())

    def copy(self) -> dict[str, str]:
        return dict(self._current())


class _Stream(io.TextIOBase):
    def __init__(self, process: TextIO) -> None:
        self.process = process

    def _current(self) -> TextIO:
        return _output.get() or self.process

    def write(self, text: str) -> int:
        return self._current().write(text)

    def flush(self) -> None:
        self._current().flush()

    def isatty(self) -> bool:
        return self.process.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def fileno(self) -> int:
        return self.process.fileno()


def _state_property(name: str) -> property:
    variable = _router_state[name]

    def get(_owner: object) -> Any:
        return variable.get()

    def set_(_owner: object, value: Any) -> None:
        variable.set(value)

    return property(get, set_)


def _isolate_powertools() -> None:
    """``BaseRouter.current_event`` and ``.lambda_context`` per invocation (see the module doc)."""
    from aws_lambda_powertools.event_handler.api_gateway import BaseRouter

    metaclass = type(BaseRouter)
    if getattr(metaclass, "_per_invocation", False):
        return
    # Instances read the state through a property on the class; the resolver assigns it on the
    # class itself (``BaseRouter.current_event = ...``), which a data descriptor on the
    # metaclass intercepts.
    for name in _ROUTER_STATE:
        setattr(BaseRouter, name, _state_property(name))
    namespace: dict[str, Any] = {name: _state_property(name) for name in _ROUTER_STATE}
    namespace["_per_invocation"] = True
    BaseRouter.__class__ = type("PerInvocationRouterMeta", (metaclass,), namespace)  # type: ignore[method-assign]


def install() -> None:
    """Put the views in place (idempotent). Call before loading any handler."""
    _isolate_powertools()
    if not isinstance(os.environ, _Environ):
        os.environ = _Environ(os.environ)  # type: ignore[assignment]  # noqa: B003 - a view, nothing is lost
    if not isinstance(sys.stdout, _Stream):
        sys.stdout = _Stream(sys.stdout)
    if not isinstance(sys.stderr, _Stream):
        sys.stderr = _Stream(sys.stderr)


def process_environment() -> MutableMapping[str, str]:
    """The process's own environment, whatever invocation is running."""
    environ: Any = os.environ
    return environ.process if isinstance(environ, _Environ) else environ


@contextmanager
def invocation(environment: dict[str, str]) -> Iterator[io.StringIO]:
    """Run a block as a Lambda invocation: ``environment`` is all it sees; yields its output."""
    install()
    output = io.StringIO()
    env_token = _environment.set(dict(environment))
    out_token = _output.set(output)
    state_tokens = [(variable, variable.set(None)) for variable in _router_state.values()]
    try:
        yield output
    finally:
        for variable, token in state_tokens:
            variable.reset(token)
        _output.reset(out_token)
        _environment.reset(env_token)
