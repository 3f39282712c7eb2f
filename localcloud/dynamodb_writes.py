"""DynamoDB's write semantics on the local cloud: atomic, per table, and without copying tables.

DynamoDB evaluates a write's condition and applies the write atomically, so of two concurrent
writes conditional on the same version exactly one succeeds; the product's concurrency control
(ticket versions, the one-open-callback guard, token claims, the ticket sequence, idempotency
records) relies on it. moto checks and writes without a lock, so two concurrent requests can
both pass. Here every write holds its table's lock (a transaction holds the locks of all its
tables, taken in name order, so two transactions never wait for each other in a circle): writes
to different tables never wait for each other, as in DynamoDB, where a write waits for no
other table's.

moto's ``TransactWriteItems`` also deep-copies every table a transaction touches, to roll back
by swapping the copies in: its cost grows with the tables (the audit and timeline tables grow
with every change), and it applies each item before checking the next one's condition. It is
replaced by DynamoDB's order: every condition is evaluated against the state before the
transaction, then, only if all hold, the writes are applied; should applying one fail (a
validation error), the items already written are put back as they were (a copy of each item, not
of the table). Stream records of a transaction's writes are emitted when it commits, all of
them, or none when it is cancelled (``dynamodb_streams`` delivers them).
"""

import copy
import functools
import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from moto.core.exceptions import JsonRESTError
from moto.dynamodb.comparisons import get_filter_expression
from moto.dynamodb.exceptions import (
    ConditionalCheckFailed,
    MockValidationException,
    MultipleTransactionsException,
    TooManyTransactionsException,
    TransactionCanceledException,
    TransactWriteSingleOpException,
)
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import Item
from moto.dynamodb.models.table import StreamShard, Table
from moto.dynamodb.responses import DynamoHandler

from localcloud import dynamodb_streams

_SINGLE_WRITES = ("put_item", "update_item", "delete_item")
_OPERATIONS = frozenset({"ConditionCheck", "Put", "Delete", "Update"})
_guard = threading.Lock()
_locks: dict[str, threading.RLock] = {}
# The stream records of the transaction being applied on this thread (None: none is).
_deferred: ContextVar[list[tuple[StreamShard, Item | None, Item | None]] | None] = ContextVar(
    "transaction_stream_records", default=None
)
_originals: dict[str, Any] = {}
# ClientRequestToken -> (the transaction's items, digested; when it was made)
TOKEN_WINDOW_SECONDS = 600
_tokens: dict[str, tuple[str, float]] = {}
_request_token: ContextVar[str | None] = ContextVar("transaction_client_request_token", default=None)
_Reason = tuple[str | None, str | None, dict[str, Any] | None]  # a cancellation reason: code, message, item


def _table_key(table_name: str) -> str:
    # A table is named by its name or its ARN (arn:aws:dynamodb:region:account:table/name).
    return table_name.rsplit("table/", 1)[-1] if table_name.startswith("arn:") else table_name


def table_lock(table_name: str) -> threading.RLock:
    """The lock every write to ``table_name`` holds (reentrant: a transaction's own writes)."""
    key = _table_key(table_name)
    with _guard:
        lock = _locks.get(key)
        if lock is None:
            lock = _locks[key] = threading.RLock()
        return lock


@contextmanager
def _holding(table_names: set[str]) -> Iterator[None]:
    held: list[threading.RLock] = []
    try:
        for name in sorted({_table_key(name) for name in table_names}):
            lock = table_lock(name)
            lock.acquire()
            held.append(lock)
        yield
    finally:
        for lock in reversed(held):
            lock.release()


def _single_write(original: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(original)
    def locked(self: DynamoDBBackend, *args: Any, **kwargs: Any) -> Any:
        table_name = args[0] if args else kwargs["table_name"]
        with _holding({table_name}):
            return original(self, *args, **kwargs)

    return locked


def _table_name(transact_item: dict[str, Any]) -> str | None:
    _, operation = next(iter(transact_item.items()))
    name = operation.get("TableName") if isinstance(operation, dict) else None
    return name if isinstance(name, str) else None


def transact_write_items(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> None:
    """TransactWriteItems as DynamoDB runs it: all conditions first, then all writes, or none;
    a repeated ClientRequestToken (botocore sends one with every call and keeps it for its
    retries) within ten minutes succeeds without writing again."""
    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    token = _request_token.get()
    digest = hashlib.sha256(json.dumps(transact_items, sort_keys=True, default=str).encode()).hexdigest()
    names = {name for item in transact_items if (name := _table_name(item)) is not None}
    with _holding(names):
        if token is not None and _repeated(token, digest):
            return
        planned = _check(self, transact_items)
        _apply(self, planned)
        if token is not None:
            with _guard:
                _tokens[token] = (digest, time.monotonic())


def _repeated(token: str, digest: str) -> bool:
    """True: this token's transaction was made (within the window) with the same items."""
    now = time.monotonic()
    with _guard:
        for expired in [t for t, (_, at) in _tokens.items() if now - at > TOKEN_WINDOW_SECONDS]:
            del _tokens[expired]
        made = _tokens.get(token)
    if made is None:
        return False
    if made[0] != digest:
        raise JsonRESTError(
            "IdempotentParameterMismatchException",
            "The request uses the same client token as a previous, but non-identical request.",
        )
    return True


def _transact_request(original: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(original)
    def with_token(self: DynamoHandler) -> Any:
        token = _request_token.set(self.body.get("ClientRequestToken"))
        try:
            return original(self)
        finally:
            _request_token.reset(token)

    return with_token


def _check(
    self: DynamoDBBackend, transact_items: list[dict[str, Any]]
) -> list[tuple[str, dict[str, Any], Any]]:
    """Every item's condition against the state before the transaction; raises if one fails."""
    targets: set[tuple[str, str]] = set()
    errors: list[_Reason] = []
    planned: list[tuple[str, dict[str, Any], Any]] = []
    for transact_item in transact_items:
        if len(transact_item) > 1:
            raise TransactWriteSingleOpException
        op_type, op = next(iter(transact_item.items()))
        original_item: dict[str, Any] | None = None
        try:
            if op_type not in _OPERATIONS:
                raise ValueError("Unsupported transaction operation")
            table_name = op["TableName"]
            if op_type == "Put":
                table = self.get_table(table_name)
                attrs = op["Item"]
                key = {table.hash_key_attr: attrs[table.hash_key_attr]}
                if table.range_key_attr is not None:
                    key[table.range_key_attr] = attrs[table.range_key_attr]
            else:
                key = op["Key"]
            target = (str(table_name), str(dict(sorted(key.items()))))
            if target in targets:
                raise MultipleTransactionsException()
            targets.add(target)
            current = self.get_item(table_name, key)
            condition = op.get("ConditionExpression")
            if condition is not None:
                expression = get_filter_expression(
                    condition, op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues")
                )
                if not expression.expr(current):
                    if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current:
                        original_item = current.to_json()["Attributes"]
                    raise ConditionalCheckFailed(item=original_item)
            planned.append((op_type, op, key))
            errors.append((None, None, None))
        except (MultipleTransactionsException, MockValidationException):
            raise
        except ConditionalCheckFailed as failed:
            errors.append(("ConditionalCheckFailed", str(failed.message), original_item))
        except Exception as error:  # noqa: BLE001 - moto reports any other failure as the item's reason
            errors.append((type(error).__name__, str(error), original_item))
    if any(code is not None for code, _, _ in errors):
        raise TransactionCanceledException(errors)
    return planned


def _apply(self: DynamoDBBackend, planned: list[tuple[str, dict[str, Any], Any]]) -> None:
    records: list[tuple[StreamShard, Item | None, Item | None]] = []
    token = _deferred.set(records)
    undo: list[tuple[Table, Any, Any, Item | None]] = []
    position = 0
    try:
        for index, (op_type, op, key) in enumerate(planned):
            position = index
            if op_type == "ConditionCheck":
                continue
            table = self.get_table(op["TableName"])
            hash_value, range_value = self.get_keys_value(table, key)
            before = table.get_item(hash_value, range_value)
            undo.append((table, hash_value, range_value, copy.deepcopy(before)))
            names: Any = op.get("ExpressionAttributeNames")
            values: Any = op.get("ExpressionAttributeValues")
            # The conditions held before the transaction, and no other write ran since.
            if op_type == "Put":
                self.put_item(
                    op["TableName"],
                    op["Item"],
                    expression_attribute_names=names,
                    expression_attribute_values=values,
                )
            elif op_type == "Delete":
                self.delete_item(
                    op["TableName"], key, expression_attribute_names=names, expression_attribute_values=values
                )
            else:
                self.update_item(
                    op["TableName"],
                    key,
                    update_expression=op["UpdateExpression"],
                    expression_attribute_names=names,
                    expression_attribute_values=values,
                )
    except Exception as error:
        for table, hash_value, range_value, before in reversed(undo):
            _restore(table, hash_value, range_value, before)
        if isinstance(error, MockValidationException):
            raise
        reasons: list[_Reason] = [(None, None, None)] * len(planned)
        reasons[position] = (type(error).__name__, str(error), None)
        raise TransactionCanceledException(reasons) from error
    finally:
        _deferred.reset(token)
    for shard, old, new in records:
        _emit(shard, old, new)


def _restore(table: Table, hash_value: Any, range_value: Any, before: Item | None) -> None:
    """Put one item back as it was before the transaction (no stream record: nothing changed)."""
    stored: Any = table.items  # {hash: item} or {hash: {range: item}}
    if table.range_key_attr is not None:
        partition = stored[hash_value]
        if before is None:
            partition.pop(range_value, None)
        else:
            partition[range_value] = before
    elif before is None:
        stored.pop(hash_value, None)
    else:
        stored[hash_value] = before


def _stream_add(shard: StreamShard, old: Item | None, new: Item | None) -> None:
    records = _deferred.get()
    if records is not None:
        records.append((shard, old, new))  # emitted when the transaction commits
        return
    _emit(shard, old, new)


def _emit(shard: StreamShard, old: Item | None, new: Item | None) -> None:
    if not dynamodb_streams.record(shard, old, new):
        _originals["stream_add"](shard, old, new)


def _all_items(self: Table) -> list[Item]:
    # moto iterates the table's dictionaries while a concurrent write may add to them
    # ("dictionary changed size during iteration"); a read works on a copy of them (taken
    # without releasing the GIL), as a DynamoDB read sees each item whole.
    items: list[Item] = []
    stored: Any = self.items
    for partition in list(stored.values()):
        if self.range_key_attr:
            items.extend(list(partition.values()))
        else:
            items.append(partition)
    return sorted(items, key=lambda x: (x.hash_key, x.range_key) if x.range_key else x.hash_key)


def _has_idx_items(self: Table, index_name: str) -> list[Item]:
    wanted = {key["AttributeName"] for key in self.get_index(index_name).schema}
    return [item for item in _all_items(self) if wanted.issubset(set(item.attrs))]


def install() -> None:
    """Put the per-table locks and DynamoDB's transactions in place (idempotent)."""
    if _originals:
        return
    for name in _SINGLE_WRITES:
        _originals[name] = getattr(DynamoDBBackend, name)
        setattr(DynamoDBBackend, name, _single_write(_originals[name]))
    _originals["transact_write_items"] = DynamoDBBackend.transact_write_items
    _originals["transact_request"] = DynamoHandler.transact_write_items
    DynamoHandler.transact_write_items = _transact_request(DynamoHandler.transact_write_items)  # type: ignore[method-assign]
    DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]
    _originals["stream_add"] = StreamShard.add
    StreamShard.add = _stream_add  # type: ignore[method-assign,assignment]
    _originals["all_items"] = Table.all_items
    Table.all_items = _all_items  # type: ignore[method-assign]
    _originals["has_idx_items"] = Table.has_idx_items
    Table.has_idx_items = _has_idx_items  # type: ignore[method-assign]
