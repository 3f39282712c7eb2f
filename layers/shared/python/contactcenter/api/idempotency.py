"""Idempotency-Key on POST: a retried request returns the first answer instead of acting
twice. Powertools idempotency with DynamoDB persistence keeps each answer (a day by default), keyed by
the operation, the caller and the key; the same key with a different body is refused.

An answer about a customer (one naming a ``customer_id``) is stored sealed under that
customer's data key (``contactcenter.data_keys``), so their erasure leaves none of it readable
in this table either; a retry after the erasure is told so (410), not answered with the
customer's data."""

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

from aws_lambda_powertools.event_handler import Depends
from aws_lambda_powertools.event_handler.api_gateway import BaseRouter
from aws_lambda_powertools.event_handler.openapi.params import Header

from contactcenter import data_keys
from contactcenter.api import deps
from contactcenter.auth import Caller
from contactcenter.constants import TABLE_IDEMPOTENCY
from contactcenter.errors import Conflict, InvalidRequest
from contactcenter.settings import FunctionSettings

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer, IdempotencyConfig

HEADER = "Idempotency-Key"
IDEMPOTENCY_KEY_PATTERN = r"^[\x21-\x7e]{1,255}$"
_KEY = re.compile(IDEMPOTENCY_KEY_PATTERN)
_DAY = 24 * 3600


class IdempotencyKeyReused(Conflict):
    slug = "idempotency-key-reused"
    status = 422
    title = "This Idempotency-Key was used for a different request"


class AnswerErased(Conflict):
    slug = "answer-erased"
    status = 410
    title = "The first answer to this request was erased with the customer's personal data"


def _sealed(operation: str, answer: dict[str, Any]) -> dict[str, Any]:
    customer_id = answer.get("customer_id")
    if not isinstance(customer_id, str) or not customer_id:
        return {"answer": answer}
    subject = data_keys.customer_subject(customer_id)
    return {"subject": subject, "sealed": data_keys.seal(subject, f"idempotency/{operation}", answer)}


def _unsealed(operation: str, stored: dict[str, Any]) -> dict[str, Any]:
    if "sealed" not in stored:
        # In the clear; or stored before answers were sealed (such a record lives a day).
        answer: dict[str, Any] = stored.get("answer", stored)
        return answer
    opened = data_keys.unseal(stored["subject"], f"idempotency/{operation}", stored["sealed"])
    if opened is None:
        raise AnswerErased(
            f"the request with this {HEADER} was answered, and its answer erased since", field=HEADER
        )
    return opened


class Idempotency:
    """Built at cold start; Powertools' idempotency (and boto3 with it, ~40 ms of imports) is
    loaded with the first request that carries a key."""

    def __init__(self, table_name: str, expires_after_seconds: int = _DAY) -> None:
        self._table_name = table_name
        self._expires_after_seconds = expires_after_seconds
        self._store: DynamoDBPersistenceLayer | None = None
        self._config: IdempotencyConfig | None = None

    @classmethod
    def from_settings(cls, settings: FunctionSettings) -> "Idempotency":
        """The function's idempotency table, keeping answers as long as it is configured to
        (context idempotencyRetentionHours)."""
        return cls(settings.table(TABLE_IDEMPOTENCY), settings.idempotency_hours * 3600)

    def run(
        self,
        operation: str,
        caller: Caller,
        key: str | None,
        request: Any,
        action: Callable[[], dict[str, Any]],
    ) -> dict[str, Any]:
        """``action()`` once per (operation, caller, key); without a key, every time."""
        if key is None:
            return action()
        if not _KEY.match(key):
            raise InvalidRequest("Idempotency-Key must be 1-255 visible ASCII characters", field=HEADER)

        from aws_lambda_powertools.utilities.idempotency import (
            DynamoDBPersistenceLayer,
            IdempotencyConfig,
            idempotent_function,
        )
        from aws_lambda_powertools.utilities.idempotency.exceptions import (
            IdempotencyAlreadyInProgressError,
            IdempotencyValidationError,
        )

        if self._store is None or self._config is None:
            self._store = DynamoDBPersistenceLayer(table_name=self._table_name)
            self._config = IdempotencyConfig(
                event_key_jmespath="[operation, caller, key]",
                payload_validation_jmespath="request",
                expires_after_seconds=self._expires_after_seconds,
            )
        context = getattr(BaseRouter, "lambda_context", None)
        if context is not None:
            # An in-progress record then expires with the invocation, so a crash mid-request
            # does not block the client's retry until the record's expiry.
            self._config.register_lambda_context(context)

        first: list[dict[str, Any]] = []  # this call's own answer, when this call acts

        @idempotent_function(data_keyword_argument="data", persistence_store=self._store, config=self._config)
        def once(data: dict[str, Any]) -> dict[str, Any]:
            first.append(action())
            return _sealed(operation, first[0])

        try:
            stored: dict[str, Any] = once(
                data={"operation": operation, "caller": caller.subject, "key": key, "request": request}
            )
        except IdempotencyValidationError:
            raise IdempotencyKeyReused(
                f"{HEADER} {key!r} was first used with a different request body", field=HEADER
            ) from None
        except IdempotencyAlreadyInProgressError:
            raise Conflict(
                f"a request with {HEADER} {key!r} is still being processed; retry shortly", field=HEADER
            ) from None
        return first[0] if first else _unsealed(operation, stored)


# What a route declares: ``idempotent: Idempotent, key: IdempotencyKey = None``.
Idempotent = Annotated[Idempotency, Depends(deps.idempotency)]
IdempotencyKey = Annotated[
    str | None, Header(alias=HEADER, pattern=IDEMPOTENCY_KEY_PATTERN, description="Makes a retried POST safe")
]
