"""Table binding and DynamoDB error translation for the pynamodb models.

Model classes name their table by logical key; a function binds them to the deployed
physical names at cold start (the names arrive in its settings).
"""

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pynamodb.attributes import ListAttribute, UnicodeAttribute
from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

_lock = threading.Lock()
_connection: Connection | None = None


def transaction() -> TransactWrite:
    """A DynamoDB transaction on the process's shared connection (its client is built once)."""
    global _connection
    with _lock:
        if _connection is None:
            _connection = Connection()
    return TransactWrite(connection=_connection)


def reset_connections() -> None:
    """Forget every DynamoDB connection, so the next call connects to the current endpoint.

    In Lambda a process serves one deployment and never needs this; the local cloud calls it
    when it starts on a new endpoint in a process where an earlier one ran.
    """
    global _connection
    with _lock:
        _connection = None
    pending: list[type[Model]] = [Model]
    while pending:
        model = pending.pop()
        model._connection = None
        pending.extend(model.__subclasses__())


def string_list(**options: Any) -> ListAttribute[str]:
    """A list of strings (pynamodb types ``of=`` as the element type, which it is not)."""
    return ListAttribute(of=UnicodeAttribute, **options)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Put:
    """An item a transaction writes, with the condition it must meet."""

    item: Model
    condition: Any = None


def bind_tables(names: Mapping[type[Model], str]) -> None:
    """Point each model at its deployed table."""
    for model, name in names.items():
        model.Meta.table_name = name


def cancellation_codes(error: TransactWriteError) -> list[str | None]:
    """Per item of a cancelled transaction, why it failed (None: it did not)."""
    reasons: Iterable[Any] = error.cancellation_reasons or []
    return [reason.code if reason is not None else None for reason in reasons]


def failed_condition(error: TransactWriteError) -> int | None:
    """The index of the first transaction item whose condition failed, if that is the cause."""
    for index, code in enumerate(cancellation_codes(error)):
        if code == "ConditionalCheckFailed":
            return index
    return None
