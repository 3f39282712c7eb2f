"""Sending in batches from a thread of its own, as AWS's pollers and publishers do: what a
producer hands over is queued, and the thread sends up to ``size`` at a time, waiting up to
``window`` seconds for a batch to fill (Lambda's batching window; 0: send what is there)."""

import queue
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
_STOP: Any = object()


class Batches(Generic[Item]):
    def __init__(self, send: Callable[[list[Item]], None], *, size: int, window: float, name: str) -> None:
        self._send, self._size, self._window = send, size, window
        self._pending: queue.Queue[Item] = queue.Queue()
        self._idle = threading.Event()
        self._idle.set()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self.sent = 0

    def start(self) -> None:
        self._thread.start()

    def put(self, item: Item) -> None:
        self._idle.clear()
        self._pending.put(item)

    def stop(self) -> None:
        self._pending.put(_STOP)
        self._thread.join(timeout=5)

    def wait_idle(self, timeout: float = 10.0) -> None:
        """Until everything handed over so far is sent."""
        self._idle.wait(timeout)

    def _run(self) -> None:
        while True:
            batch = [self._pending.get()]
            deadline = time.monotonic() + self._window
            while len(batch) < self._size:
                try:
                    batch.append(self._pending.get(timeout=max(0.0, deadline - time.monotonic())))
                except queue.Empty:
                    break
            items = [item for item in batch if item is not _STOP]
            if items:
                try:
                    self._send(items)
                finally:
                    self.sent += len(items)
            if self._pending.empty():
                self._idle.set()
            if len(items) < len(batch):
                return
