"""Callbacks: one open callback per number, calling hours in the customer's time zone, a
do-not-call list checked before every attempt, and every attempt and outcome recorded.

A callback is registered here (by the API or the customer-queue flow) and then driven by its
own state machine (state_machines/callback.asl.json), whose steps are ``CallbackSteps``.
"""

import contextlib
import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError

from contactcenter import clock, executions, ids
from contactcenter.agent_tasks import ConnectQueues, start_agent_task
from contactcenter.audit.records import audit_record, never_overwrite
from contactcenter.auth import WORKFLOW, Caller, Role
from contactcenter.callbacks import do_not_call
from contactcenter.callbacks.models import OPEN_PREFIX, Attempt, Callback, OpenCallback
from contactcenter.callbacks.schemas import CallbackIn, OutcomeIn
from contactcenter.calling_hours import CallingHours, zone_named, zone_of_number
from contactcenter.errors import Conflict, InvalidRequest, NotFound, ValidationFailed
from contactcenter.storage import failed_condition, transaction
from contactcenter.workflow_timing import CallbackTiming, retry_delay, wait_until

# Statuses: waiting (for its moment or calling hours) -> dialing (an agent task, or Connect's
# own queued callback) -> retry_pending -> ... -> one of FINAL.
FINAL = frozenset({"completed", "cancelled", "do_not_call", "exhausted", "wrong_number", "failed"})
# What the workflow reports for a callback that no longer exists: its customer was erased.
ERASED = "erased"
PAST_TOLERANCE = timedelta(minutes=1)
MERGE_ATTEMPTS = 6
CALLERS = (Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.INTEGRATION, Role.PORTAL, Role.CUSTOMER, Role.SYSTEM)


def can_see(caller: Caller, callback: Callback) -> bool:
    """Staff see every callback; an end customer the callbacks for their own record; the
    customer-facing machine client the ones it asked for (which name no customer)."""
    if caller.is_customer:
        return caller.owns(callback.customer_id)
    if caller.customer_facing:
        return callback.requested_by == caller.actor
    return True


def check_request(caller: Caller, data: CallbackIn) -> CallbackIn:
    """What a customer-facing caller may ask for: a callback for themselves, never one filed on
    another customer's record or ticket."""
    if not caller.customer_facing:
        return data
    if data.ticket_id is not None:
        raise ValidationFailed(
            "customer-facing callbacks name no ticket: say what it is about in reason", field="ticket_id"
        )
    if caller.is_customer:
        if data.customer_id not in (None, caller.customer_id):
            raise NotFound(f"no customer {data.customer_id} among yours", field="customer_id")
        return data.model_copy(update={"customer_id": caller.customer_id})
    if data.customer_id is not None:
        raise ValidationFailed(
            "a customer-facing client files no callback on a customer record: the customer signs in",
            field="customer_id",
        )
    return data


class TimeInThePast(InvalidRequest):
    slug = "callback-time-in-the-past"
    title = "The callback time has passed"


class OutsideCallingHours(InvalidRequest):
    slug = "outside-calling-hours"
    title = "The callback time is outside calling hours"


class NotDialing(Conflict):
    slug = "callback-not-dialing"
    title = "No attempt of this callback is waiting for an outcome"


@dataclass(frozen=True)
class Registered:
    callback: Callback
    merged: bool  # an open callback for the number existed; this request was folded into it


@dataclass(frozen=True)
class Directory:
    """What the callbacks need to know about the deployment."""

    queues: ConnectQueues
    timing: CallbackTiming
    state_machine_arn: str
    instance_id: str = ""
    task_flow_arn: str = ""


class CallbackService:
    def __init__(self, directory: Directory) -> None:
        self.directory = directory

    # -- requests -------------------------------------------------------------------------

    def register(
        self, caller: Caller, data: CallbackIn, *, kind: str = "scheduled", contact_id: str | None = None
    ) -> Registered:
        caller.require(*CALLERS)
        data = check_request(caller, data)
        number = do_not_call.normalised(data.number)
        queue_key, queue = self.directory.queues.get(data.queue)
        if data.queue and data.queue != queue_key:
            raise InvalidRequest(f"no queue {data.queue!r}", field="queue")
        try:
            zone_name = data.time_zone or zone_of_number(number, queue.time_zone)
            zone = zone_named(zone_name)
        except ValueError as error:
            raise InvalidRequest(str(error), field="time_zone") from None
        now = clock.now()
        hours = CallingHours.parse(queue.calling_hours)
        if data.at is not None:
            if data.at < now - PAST_TOLERANCE:
                raise TimeInThePast(
                    f"{clock.iso(data.at)} has passed (it is now {clock.iso(now)})", field="at"
                )
            if not hours.allows(data.at, zone):
                raise OutsideCallingHours(
                    f"{data.at.astimezone(zone).strftime('%H:%M')} in {zone_name} is outside the calling "
                    f"hours {hours.describe()}",
                    field="at",
                    calling_hours=hours.describe(),
                    time_zone=zone_name,
                )
        existing = self._open_for(number)
        if existing is not None:
            return Registered(self._merge(caller, existing), merged=True)
        callback = Callback(
            callback_id=ids.new_id("cb"),
            kind=kind,
            number=number,
            queue=queue_key,
            time_zone=zone_name,
            not_before=clock.iso(max(data.at or now, now)),
            status="waiting",
            reason=data.reason,
            customer_id=data.customer_id,
            ticket_id=data.ticket_id,
            contact_id=contact_id,
            language=data.language,
            max_attempts=self.directory.timing.max_attempts,
            requested_by=caller.actor,
            created_at=clock.iso(now),
            updated_at=clock.iso(now),
        )
        try:
            with transaction() as write:
                write.save(callback, condition=Callback.callback_id.does_not_exist())
                guard = OpenCallback(
                    callback_id=f"{OPEN_PREFIX}{number}", open_callback_id=callback.callback_id
                )
                write.save(guard, condition=OpenCallback.callback_id.does_not_exist())
                write.save(
                    self._audit(caller, callback, "callback.requested", None), condition=never_overwrite()
                )
        except TransactWriteError as error:
            if failed_condition(error) == 1:  # another request for the number won the race
                raced = self._open_for(number)
                if raced is not None:
                    return Registered(self._merge(caller, raced), merged=True)
            raise
        self._start(callback)
        return Registered(callback, merged=False)

    def get(self, caller: Caller, callback_id: str) -> Callback:
        caller.require(*CALLERS)
        try:
            callback = Callback.get(callback_id)
        except DoesNotExist:
            raise NotFound(f"no callback {callback_id}", field="callback_id") from None
        # Customer-facing callers see their own callbacks, and no others.
        if not can_see(caller, callback):
            raise NotFound(f"no callback {callback_id}", field="callback_id")
        return callback

    def cancel(self, caller: Caller, callback_id: str, attempts: int = 3) -> Callback:
        # A cancel takes no If-Match: when the callback's own workflow wrote it meanwhile (it
        # plans and dials on its own), the cancel reads it again and still wins.
        for attempt in range(attempts):
            callback = self.get(caller, callback_id)
            if callback.status in FINAL:
                raise Conflict(
                    f"the callback is {callback.status} already",
                    field="callback_id",
                    callback_status=callback.status,
                )
            token = callback.task_token
            try:
                self._finish(caller, callback, "cancelled")
                break
            except Conflict:
                if attempt == attempts - 1:
                    raise
        if token:  # an attempt was waiting for its outcome: let the workflow end now
            # If the workflow moved on meanwhile, its next step sees the cancellation.
            with contextlib.suppress(executions.WorkflowTaskExpired):
                executions.answer(token, {"outcome": "cancelled", "by": caller.actor}, field="callback_id")
        return callback

    def record_outcome(self, caller: Caller, callback_id: str, data: OutcomeIn) -> Callback:
        """An agent's account of an attempt; the waiting workflow records it and carries on."""
        caller.require(Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.INTEGRATION)
        callback = self.get(caller, callback_id)
        if callback.status != "dialing" or not callback.task_token:
            raise NotDialing(
                f"callback {callback_id} is {callback.status}; no attempt waits for an outcome",
                field="callback_id",
                callback_status=callback.status,
            )
        output = {"outcome": data.outcome, "note": data.note, "by": caller.actor}
        executions.answer(callback.task_token, output, field="callback_id")
        return callback

    # -- the state machine's steps ----------------------------------------------------------

    def plan(self, callback_id: str) -> dict[str, Any]:
        """What the workflow does next: dial now, wait until a moment, or stop."""
        callback = _existing(callback_id)
        if callback is None:
            return _plan("stop", ERASED)
        if callback.status in FINAL:
            return _plan("stop", callback.status)
        if do_not_call.is_listed(callback.number):
            self._finish(WORKFLOW, callback, "do_not_call")
            return _plan("stop", "do_not_call")
        done = len(callback.attempts)
        if done >= int(callback.max_attempts):
            self._finish(WORKFLOW, callback, "exhausted")
            return _plan("stop", "exhausted")
        now = clock.now()
        if callback.kind == "queued" and done == 0:
            return _plan("dial", callback.status)  # Connect holds the caller's place and dials it itself
        earliest = datetime.fromisoformat(callback.not_before)
        if done:
            timing = self.directory.timing
            last = datetime.fromisoformat(callback.attempts[-1].at)
            earliest = max(
                earliest,
                last + timedelta(seconds=retry_delay(timing.retry_delay_seconds, timing.backoff, done)),
            )
        _, queue = self.directory.queues.get(callback.queue)
        moment = CallingHours.parse(queue.calling_hours).next_allowed(
            max(now, earliest), zone_named(callback.time_zone)
        )
        if moment > now:
            if callback.status != "waiting":
                self._save(callback, status="waiting")
            return _plan("wait", "waiting", wait_until(moment))
        return _plan("dial", callback.status)

    def dial(self, callback_id: str, token: str) -> dict[str, Any]:
        """Start an attempt (an agent task to call, unless Connect dials a queued callback) and
        keep the workflow's token on the callback for the outcome."""
        callback = _existing(callback_id)
        if callback is None or callback.status in FINAL:  # cancelled (or erased) since planning
            status = callback.status if callback else ERASED
            executions.answer(token, {"outcome": status, "by": "workflow"}, field="callback_id")
            return {}
        attempt = len(callback.attempts) + 1
        if not (callback.kind == "queued" and attempt == 1):
            _, queue = self.directory.queues.get(callback.queue)
            start_agent_task(
                instance_id=self.directory.instance_id,
                task_flow_arn=self.directory.task_flow_arn,
                queue=queue,
                name=f"Call back {callback.number}",
                description=callback.reason or "A customer asked to be called back.",
                attributes={
                    "callback_id": callback.callback_id,
                    "number": callback.number,
                    "attempt": str(attempt),
                    "language": callback.language or "",
                    "ticket_id": callback.ticket_id or "",
                },
                client_token=f"{callback.callback_id}-{attempt}",
            )
        self._save(callback, status="dialing", task_token=token)
        return {"attempt": attempt}

    def record(self, callback_id: str, attempt: dict[str, Any]) -> dict[str, Any]:
        callback = _existing(callback_id)
        if callback is None:
            return {"status": ERASED}
        outcome = str(attempt.get("outcome", "no_outcome"))
        if outcome in FINAL:  # cancelled (or otherwise ended) while the attempt waited
            return {"status": callback.status}
        callback.attempts = [
            *callback.attempts,
            Attempt(  # type: ignore[no-untyped-call]  # pynamodb MapAttribute
                at=clock.iso(clock.now()),
                outcome=outcome,
                by=str(attempt.get("by", "workflow")),
                note=attempt.get("note"),
            ),
        ]
        if outcome == "connected":
            self._finish(WORKFLOW, callback, "completed")
        elif outcome == "wrong_number":
            self._finish(WORKFLOW, callback, "wrong_number")
        else:
            self._save(callback, status="retry_pending", task_token=None, action="callback.attempt_failed")
        return {"status": callback.status}

    def mark_failed(self, callback_id: str, error: dict[str, Any]) -> dict[str, Any]:
        callback = _existing(callback_id)
        if callback is None:
            return {"status": ERASED}
        callback.reason = f"{callback.reason} [workflow failed: {error.get('Error', 'unknown')}]".strip()
        self._finish(WORKFLOW, callback, "failed")
        return {"status": "failed"}

    # -- internals ------------------------------------------------------------------------

    @staticmethod
    def _open_for(number: str) -> Callback | None:
        try:
            guard = OpenCallback.get(f"{OPEN_PREFIX}{number}")
            return Callback.get(guard.open_callback_id)
        except DoesNotExist:
            return None

    def _merge(self, caller: Caller, callback: Callback) -> Callback:
        """Fold a request into the open callback; concurrent requests retry on its version."""
        for attempt in range(MERGE_ATTEMPTS):
            try:
                self._save(
                    callback,
                    action="callback.merged",
                    actor=caller,
                    merged_requests=int(callback.merged_requests) + 1,
                )
                break
            except TransactWriteError:
                if attempt == MERGE_ATTEMPTS - 1:
                    raise
                time.sleep(random.uniform(0, 0.05 * 2**attempt))  # noqa: S311 - jitter, not secrecy
                callback = Callback.get(callback.callback_id)
        self._start(callback)  # in case the first request's start was lost
        return callback

    def _start(self, callback: Callback) -> None:
        executions.start(
            self.directory.state_machine_arn,
            callback.callback_id,
            {"callback_id": callback.callback_id, "timing": self.directory.timing.model_dump()},
        )

    def _finish(self, caller: Caller, callback: Callback, status: str) -> None:
        """End the callback and free its number for the next one."""
        guard = OpenCallback(callback_id=f"{OPEN_PREFIX}{callback.number}")
        before = _view(callback)
        callback.status, callback.task_token = status, None
        callback.updated_at = clock.iso(clock.now())
        record = audit_record(
            f"callback#{callback.callback_id}",
            f"callback.{status}",
            caller,
            before=before,
            after=_view(callback),
            customer_id=callback.customer_id,
        )
        try:
            with transaction() as write:
                write.save(callback)  # conditional on the version read
                write.delete(guard, condition=OpenCallback.open_callback_id == callback.callback_id)
                write.save(record, condition=never_overwrite())
        except TransactWriteError:
            raise Conflict(
                f"callback {callback.callback_id} changed meanwhile; read it again", field="callback_id"
            ) from None

    def _save(
        self, callback: Callback, *, action: str | None = None, actor: Caller = WORKFLOW, **changes: Any
    ) -> None:
        before = _view(callback)
        for name, value in changes.items():
            setattr(callback, name, value)
        callback.updated_at = clock.iso(clock.now())
        with transaction() as write:
            write.save(callback)
            write.save(
                audit_record(
                    f"callback#{callback.callback_id}",
                    action or f"callback.{callback.status}",
                    actor,
                    before=before,
                    after=_view(callback),
                    customer_id=callback.customer_id,
                ),
                condition=never_overwrite(),
            )

    @staticmethod
    def _audit(caller: Caller, callback: Callback, action: str, before: dict[str, Any] | None) -> Any:
        return audit_record(
            f"callback#{callback.callback_id}",
            action,
            caller,
            before=before,
            after=_view(callback),
            customer_id=callback.customer_id,
        )


def _existing(callback_id: str) -> Callback | None:
    """The callback, or None once its customer's erasure deleted it (privacy.erasure): its
    workflow then stops instead of failing."""
    try:
        return Callback.get(callback_id)
    except Callback.DoesNotExist:
        return None


def _plan(action: str, status: str, until: str = "") -> dict[str, Any]:
    """What the state machine's choice reads: every key, always (its paths must exist)."""
    return {"action": action, "status": status, "wait_until": until}


def _view(callback: Callback) -> dict[str, Any]:
    data = callback.to_simple_dict()
    data.pop("task_token", None)  # a credential
    return data
