"""DynamoDB streams into Lambda as an event source mapping delivers them.

moto invokes a stream's function inside the write that made the record: the writer (an API
request, holding its table's lock) waits while the function runs, every record is an
invocation of its own, records of a cancelled transaction are delivered all the same, and a
batch the function fails is dropped. In AWS a poller reads the stream after the write: the
writer never waits, records reach the function in order, in batches (the mapping's BatchSize),
one batch at a time per shard, and a failed batch is retried (from the first failed record when
the function reports batch item failures) instead of lost.

Here each mapping of a stream has such a poller: a record is queued when its write commits
(``dynamodb_writes`` emits a transaction's records when it commits, none when it is cancelled),
and the poller delivers the queue on the Lambda runtime's worker pool, so ``wait_idle`` waits
for it. A batch is retried up to the mapping's MaximumRetryAttempts; AWS's default (retry until
the records expire, a day) would block a test for a day, so locally it is ``LOCAL_RETRIES``,
after which the batch is skipped with a line on stderr, as a mapping without an on-failure
destination skips it.
"""

import itertools
import json
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from moto.core.utils import unix_time
from moto.dynamodb.models.dynamo_type import Item
from moto.dynamodb.models.table import StreamRecord, StreamShard

if TYPE_CHECKING:
    from localcloud.lambda_runtime import LambdaRuntime

LOCAL_RETRIES = 5
DEFAULT_BATCH_SIZE = 100
_runtime: "LambdaRuntime | None" = None
_guard = threading.Lock()


@dataclass
class _Poller:
    """One event source mapping's delivery of one shard: in order, one batch at a time."""

    runtime: "LambdaRuntime"
    mapping: Any  # moto's EventSourceMapping
    pending: list[StreamRecord] = field(default_factory=list)
    running: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, record: StreamRecord) -> None:
        with self.lock:
            self.pending.append(record)
            if self.running:
                return
            self.running = True
        self.runtime.dispatch(self._drain)

    def _drain(self) -> None:
        attempts = 0
        batch_size = int(self.mapping.batch_size or DEFAULT_BATCH_SIZE)
        configured = self.mapping.max_retry_attempts
        retries = int(configured) if configured is not None and int(configured) >= 0 else LOCAL_RETRIES
        while True:
            with self.lock:
                if not self.pending:
                    self.running = False
                    return
                batch = self.pending[:batch_size]
            done = self._deliver(batch)
            if done < len(batch):
                attempts += 1
                if attempts > retries:
                    print(
                        f"{self.mapping.function_arn}: {len(batch) - done} stream records skipped "
                        f"after {retries} retries",
                        file=sys.stderr,
                    )
                    done, attempts = len(batch), 0
                else:
                    time.sleep(min(0.05 * 2**attempts, 1.0))
            else:
                attempts = 0
            with self.lock:
                del self.pending[:done]

    def _deliver(self, batch: list[StreamRecord]) -> int:
        """Invoke the function with ``batch``; how many leading records it processed."""
        from moto.awslambda.utils import get_backend

        arn = self.mapping.function_arn
        account, region = arn.split(":")[4], arn.split(":")[3]
        event = {
            "Records": [_event_record(record, region, self.mapping.event_source_arn) for record in batch]
        }
        headers: dict[str, str] = {}
        try:
            function = get_backend(account, region).get_function(arn)
            payload = function.invoke(
                json.dumps(event), {"x-amz-invocation-type": "RequestResponse"}, headers
            )
        except Exception as error:  # noqa: BLE001 - the Lambda service failed (throttled): retried
            print(f"{arn}: stream batch not delivered: {error}", file=sys.stderr)
            return 0
        if "x-amz-function-error" in headers:
            return 0
        if "ReportBatchItemFailures" not in (self.mapping.function_response_types or []):
            return len(batch)
        try:
            answer = json.loads(payload)
        except (TypeError, ValueError):
            return len(batch)
        failures = answer.get("batchItemFailures") if isinstance(answer, dict) else None
        if not failures:
            return len(batch)
        sequence = [record.record["dynamodb"]["SequenceNumber"] for record in batch]
        failed = [item.get("itemIdentifier") if isinstance(item, dict) else None for item in failures]
        if any(identifier not in sequence for identifier in failed):
            return 0  # an identifier that is no record of the batch fails the whole batch
        return min(sequence.index(identifier) for identifier in failed)


def _event_record(record: StreamRecord, region: str, source_arn: str) -> dict[str, Any]:
    data = record.to_json()
    dynamodb = dict(data["dynamodb"])
    if isinstance(dynamodb.get("ApproximateCreationDateTime"), datetime):
        dynamodb["ApproximateCreationDateTime"] = unix_time(dynamodb["ApproximateCreationDateTime"])
    return {
        "eventID": data["eventID"],
        "eventName": data["eventName"],
        "eventVersion": data["eventVersion"],
        "eventSource": data["eventSource"],
        "awsRegion": region,
        "dynamodb": dynamodb,
        "eventSourceARN": source_arn,
    }


def record(shard: StreamShard, old: Item | None, new: Item | None) -> bool:
    """Queue the stream record of a committed write for the stream's functions; False when
    nothing here delivers it (no runtime, or no function reads the stream: moto keeps it)."""
    runtime = _runtime
    mappings = [m for m in shard.table.lambda_event_source_mappings.values() if m.enabled]
    if runtime is None or not mappings:
        return False
    with _guard:
        state: dict[str, Any] = shard.__dict__.setdefault("_local_delivery", {})
        counter = state.setdefault("sequence", itertools.count(shard.starting_sequence_number))
        pollers: dict[str, _Poller] = state.setdefault("pollers", {})
        for mapping in mappings:
            if mapping.uuid not in pollers or pollers[mapping.uuid].runtime is not runtime:
                pollers[mapping.uuid] = _Poller(runtime, mapping)
        event_name = "INSERT" if old is None else "REMOVE" if new is None else "MODIFY"
        stream_type = shard.table.stream_specification["StreamViewType"]  # type: ignore[index]
        made = StreamRecord(shard.table, stream_type, event_name, old, new, next(counter))
        active = [pollers[mapping.uuid] for mapping in mappings]
    for poller in active:
        poller.add(made)
    return True


def install(runtime: "LambdaRuntime") -> None:
    """Deliver stream records through ``runtime`` (the local cloud's)."""
    global _runtime
    _runtime = runtime


def uninstall() -> None:
    global _runtime
    _runtime = None
