"""What one Lambda invocation sees of the process: its own environment and its own output.

Functions run in-process on the local cloud, many at once, each with the environment its
deployment gives it. ``os.environ`` and ``sys.stdout``/``sys.stderr`` are replaced, once, by
views that consult a context variable: inside an invocation they show that function's
environment and collect its output (which becomes its CloudWatch log); outside, they are the
process's own. Context variables are per thread, so concurrent invocations never mix.
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


def install() -> None:
    """Put the views in place (idempotent). Call before loading any handler."""
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
    try:
        yield output
    finally:
        _output.reset(out_token)
        _environment.reset(env_token)
