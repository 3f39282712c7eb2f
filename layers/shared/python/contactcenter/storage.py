"""Table binding and DynamoDB error translation for the pynamodb models.

Model classes name their table by logical key; a function binds them to the deployed
physical names through ``TableModel`` (the names arrive in its environment).
"""

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pynamodb.attributes import ListAttribute, UnicodeAttribute
from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from contactcenter import clients, table_names

_lock = threading.Lock()
_connection: Connection | None = None


def _share_client(connection: Connection) -> Connection:
    # pynamodb builds a botocore session and client of its own per model connection (and
    # thread): 100-300 ms of cold start for each table a function touches. The function's one
    # DynamoDB client (contactcenter.clients: built once under a lock, safe to share between
    # threads) serves every model instead.
    if connection._client is None:
        connection._client = clients.client("dynamodb")
    return connection


def transaction() -> TransactWrite:
    """A DynamoDB transaction on the process's shared connection (its client is built once)."""
    global _connection
    with _lock:
        if _connection is None:
            _connection = _share_client(Connection())
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


class TableModel(Model):
    """The base of every table model: its ``Meta.table_name`` is the table's logical key, and it
    connects to the table the function's environment names for that key (``table_names``).

    A model whose table the function was not given keeps its logical name, so using it fails
    as it does in AWS, where no such table exists.
    """

    _logical_table: str

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Recorded when the class is defined, from its own Meta: a subclass that inherits its
        # parent's Meta (the same object, whose table_name binding rewrites) keeps the parent's
        # logical name, even when it is defined after the parent first connected.
        super().__init_subclass__(**kwargs)
        if "Meta" in cls.__dict__:
            cls._logical_table = cls.Meta.table_name

    @classmethod
    def _get_connection(cls) -> Any:
        name = table_names.physical(logical_name(cls))
        if name is not None:
            cls.Meta.table_name = name
        table = super()._get_connection()
        _share_client(table.connection)
        return table


def table_models() -> list[type[Model]]:
    """Every table model loaded in this process."""
    found: list[type[Model]] = []
    pending = list(TableModel.__subclasses__())
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        found.append(model)
    return found


def logical_name(model: type[Model]) -> str:
    """The table key the model was declared with (its ``Meta.table_name`` before binding)."""
    return str(getattr(model, "_logical_table", model.Meta.table_name))


def reset_tables() -> None:
    """Every loaded model back to its logical table name (tests: a fresh process)."""
    for model in table_models():
        model.Meta.table_name = logical_name(model)
        model._connection = None


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
