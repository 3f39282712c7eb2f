"""When a contact's record is due: Connect writes a contact trace record once the contact is
over (after-contact work included). A contact the flow ended has its record at once; one the
contact center holds (waiting, with an agent) has it when the contact center finishes it,
and so do the callback or transfer contacts that continue it (with the first contact's
attributes)."""

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from localcloud.contact_center.center import ContactCenter
from localcloud.contact_center.model import Finished

Result = TypeVar("Result")  # the flow's result of the contact (localcloud.flow_run.CallResult)


class DueRecords(Generic[Result]):
    def __init__(self, center: ContactCenter, write: Callable[[Result, Finished | None], None]) -> None:
        self.center = center
        self.write = write
        self.pending: dict[str, Result] = {}  # contact id -> the flow's result it continues
        self._lock = threading.Lock()
        center.on_finished.append(self._finished)

    def contact_ended_flow(self, contact_id: str, result: Result) -> None:
        """The flow is done with the contact: write its record now, or once it is finished."""
        done = next((f for f in reversed(self.center.finished) if f.contact_id == contact_id), None)
        if done is not None:  # left the queue in the flow (a callback, a flow disconnect)
            self._write(result, done)
            return
        if self.center.knows(contact_id):
            with self._lock:
                self.pending[contact_id] = result
            return
        self.write(result, None)

    def _finished(self, done: Finished) -> None:
        with self._lock:
            result = self.pending.pop(done.contact_id, None)
        if result is not None:
            self._write(result, done)

    def _write(self, result: Result, done: Finished) -> None:
        if done.next_contact_id is not None:
            with self._lock:
                self.pending[done.next_contact_id] = result
        self.write(result, done)
