"""/callbacks and /do-not-call: callbacks requested by web forms, the chatbot and integrators,
and the numbers never to dial."""

from typing import Annotated

from aws_lambda_powertools.event_handler import Depends, Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Path

from contactcenter.api.answers import json_response
from contactcenter.api.deps import CallerDep, callback_service
from contactcenter.api.idempotency import IdempotencyKey, Idempotent
from contactcenter.api.responses import documented
from contactcenter.api.security import signed_in
from contactcenter.auth import SCOPE_API, SCOPE_CUSTOMER, SCOPE_PORTAL
from contactcenter.callbacks import do_not_call
from contactcenter.callbacks.models import Callback, DoNotCall
from contactcenter.callbacks.schemas import (
    AttemptOut,
    CallbackIn,
    CallbackOut,
    DoNotCallIn,
    DoNotCallOut,
    OutcomeIn,
)
from contactcenter.callbacks.service import CallbackService, can_see

router = Router()

Service = Annotated[CallbackService, Depends(callback_service)]
CallbackIdPath = Annotated[str, Path(pattern=r"^cb_[0-9a-z]{26}$")]
NumberPath = Annotated[str, Path(pattern=r"^\+[0-9]{6,15}$", description="E.164, e.g. +31201234567")]
BOTH = signed_in(SCOPE_API, SCOPE_PORTAL, SCOPE_CUSTOMER)  # customer-facing: their own callbacks only
STAFF = signed_in(SCOPE_API)


def to_out(callback: Callback) -> CallbackOut:
    return CallbackOut(
        callback_id=callback.callback_id,
        kind=callback.kind,
        number=callback.number,
        queue=callback.queue,
        time_zone=callback.time_zone,
        not_before=callback.not_before,
        status=callback.status,
        reason=callback.reason,
        customer_id=callback.customer_id,
        ticket_id=callback.ticket_id,
        language=callback.language,
        max_attempts=int(callback.max_attempts),
        attempts=[AttemptOut(at=a.at, outcome=a.outcome, by=a.by, note=a.note) for a in callback.attempts],
        merged_requests=int(callback.merged_requests),
        created_at=callback.created_at,
        updated_at=callback.updated_at,
    )


def merged_view(out: CallbackOut) -> CallbackOut:
    """A request merged into someone else's open callback for the number learns that a call is
    planned, and nothing of that callback: not whose it is, why, or how its attempts went."""
    return out.model_copy(
        update={"reason": "", "customer_id": None, "ticket_id": None, "attempts": [], "language": None}
    )


@router.post(
    "/callbacks",
    summary="Ask for a callback",
    tags=["callbacks"],
    description="One open callback per number: a request for a number with an open callback is merged into "
    "it (200, merged_requests counts them) instead of dialled twice. The call is made within the queue's "
    "calling hours in the customer's time zone (given, or the number's), never to a number on the "
    "do-not-call list. 400 invalid-phone-number, callback-time-in-the-past, outside-calling-hours.",
    responses=documented(201, "Created (200: merged into the open callback for the number)", 400),
    security=BOTH,
)
def request_callback(
    body: CallbackIn, caller: CallerDep, service: Service, idempotent: Idempotent, key: IdempotencyKey = None
) -> Response[CallbackOut]:
    def register() -> dict[str, object]:
        registered = service.register(caller, body)
        out = to_out(registered.callback)
        if not can_see(caller, registered.callback):
            out = merged_view(out)
        return {"merged": registered.merged, "callback": out.model_dump(mode="json")}

    answer = idempotent.run("request_callback", caller, key, body.model_dump(mode="json"), register)
    out = CallbackOut.model_validate(answer["callback"])
    if answer["merged"]:
        return json_response(out, status=200)
    return json_response(out, status=201, location=f"/callbacks/{out.callback_id}")


@router.get(
    "/callbacks/<callback_id>",
    summary="Read a callback, with every attempt and its outcome",
    tags=["callbacks"],
    responses=documented(200, "The callback", 404),
    security=BOTH,
)
def get_callback(callback_id: CallbackIdPath, caller: CallerDep, service: Service) -> CallbackOut:
    return to_out(service.get(caller, callback_id))


@router.delete(
    "/callbacks/<callback_id>",
    summary="Cancel a callback",
    tags=["callbacks"],
    description="Nothing more is dialled; 409 when the callback has ended already.",
    responses=documented(200, "The cancelled callback", 404, 409),
    security=BOTH,
)
def cancel_callback(callback_id: CallbackIdPath, caller: CallerDep, service: Service) -> CallbackOut:
    return to_out(service.cancel(caller, callback_id))


@router.post(
    "/callbacks/<callback_id>/outcome",
    summary="Record how a callback attempt went",
    tags=["callbacks"],
    description="The agent who made the call: connected ends the callback; no_answer, busy and voicemail "
    "plan another attempt (after the retry delay, within calling hours) until the attempts run out; "
    "wrong_number ends it. 409 callback-not-dialing when no attempt waits for an outcome.",
    responses=documented(202, "Accepted by the callback's workflow", 404, 409),
    security=STAFF,
)
def record_outcome(
    callback_id: CallbackIdPath,
    body: OutcomeIn,
    caller: CallerDep,
    service: Service,
    idempotent: Idempotent,
    key: IdempotencyKey = None,
) -> Response[CallbackOut]:
    answer = idempotent.run(
        f"callback_outcome:{callback_id}",
        caller,
        key,
        body.model_dump(mode="json"),
        lambda: to_out(service.record_outcome(caller, callback_id, body)).model_dump(mode="json"),
    )
    return json_response(CallbackOut.model_validate(answer), status=202)


def _listed(entry: DoNotCall) -> DoNotCallOut:
    return DoNotCallOut(
        number=entry.number, reason=entry.reason, added_by=entry.added_by, added_at=entry.added_at
    )


@router.put(
    "/do-not-call/<number>",
    summary="Put a number on the do-not-call list",
    tags=["callbacks"],
    description="Checked before every callback attempt and follow-up call. Audited.",
    responses=documented(200, "Listed", 400),
    security=STAFF,
)
def add_do_not_call(number: NumberPath, body: DoNotCallIn, caller: CallerDep) -> DoNotCallOut:
    return _listed(do_not_call.add(caller, number, body.reason))


@router.get(
    "/do-not-call/<number>",
    summary="Is a number on the do-not-call list?",
    tags=["callbacks"],
    responses=documented(200, "Listed", 400, 404),
    security=STAFF,
)
def get_do_not_call(number: NumberPath, caller: CallerDep) -> DoNotCallOut:
    return _listed(do_not_call.get(caller, number))


@router.delete(
    "/do-not-call/<number>",
    summary="Take a number off the do-not-call list",
    tags=["callbacks"],
    description="Supervisors and admins only. Audited.",
    responses=documented(204, "Removed", 400, 404),
    security=STAFF,
)
def remove_do_not_call(number: NumberPath, caller: CallerDep) -> Response[None]:
    do_not_call.remove(caller, number)
    return Response(status_code=204)
