"""Called by the customer-queue flow when a waiting caller asks to be called back: register a
queued callback (Connect keeps the caller's place and dials it; the callback workflow tracks
it), unless the number is on the do-not-call list or has an open callback already."""

from collections.abc import Mapping

from contactcenter.auth import SYSTEM
from contactcenter.callbacks import do_not_call
from contactcenter.callbacks.schemas import CallbackIn
from contactcenter.callbacks.settings import CallbackSettings
from contactcenter.connect_event import ContactFlowEvent
from contactcenter.connect_handler import connect_entry_point
from contactcenter.errors import DomainError
from contactcenter.observability import create_logger, create_metrics
from contactcenter.settings import load_settings

settings = load_settings(CallbackSettings)
logger = create_logger()
metrics = create_metrics()
service = settings.callback_service()
QUEUE_KEYS = {queue.arn: key for key, queue in settings.queues.queues.items()}
LANGUAGES = ("en", "nl", "zh", "ko")


def register(contact: ContactFlowEvent) -> Mapping[str, object]:
    number = contact.caller_number
    if not number:
        return {"result": "no_number"}
    queue = contact.contact.Queue
    attributes = contact.contact.Attributes
    try:
        if do_not_call.is_listed(do_not_call.normalised(number)):
            return {"result": "do_not_call"}
        registered = service.register(
            SYSTEM,
            CallbackIn(
                number=number,
                queue=QUEUE_KEYS.get(queue.ARN or "") if queue else None,
                customer_id=attributes.get("customer_id") or None,
                language=attributes.get("language") if attributes.get("language") in LANGUAGES else None,
                reason="asked for a callback while waiting in the queue",
            ),
            kind="queued",
            contact_id=contact.contact.ContactId,
        )
    except do_not_call.InvalidPhoneNumber:
        return {"result": "invalid_number"}
    except DomainError as error:
        logger.warning("callback not registered", extra={"problem": error.slug})
        return {"result": "error", "error": error.slug}
    callback = registered.callback
    metrics.add_metric(name="QueuedCallbacks", unit="Count", value=0 if registered.merged else 1)
    return {
        "result": "merged" if registered.merged else "registered",
        "callback_id": callback.callback_id,
        "max_attempts": int(callback.max_attempts),
        "retry_delay_seconds": settings.timing.retry_delay_seconds,
    }


handler = connect_entry_point(register, logger=logger, metrics=metrics, tracing=settings.tracing_enabled)
