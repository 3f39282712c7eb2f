"""The lake's Firehose data transformation for what Connect writes: contact trace records (from
the instance's Kinesis stream, one record per CTR) and flow logs (from a CloudWatch Logs
subscription: gzipped batches of log events), flattened into lake rows.

Firehose's contract: one answer per record it sent, with its ``recordId``; ``result`` is
``Ok`` (``data`` holds the rows), ``Dropped`` (nothing to deliver: CloudWatch Logs' control
messages) or ``ProcessingFailed`` (``data`` is the record as it came; Firehose files it under
the error prefix), so one malformed record never costs the others. Each ``Ok`` answer carries
its day as the partition key (``partitionKeyFromLambda:dt``): a batch of log events is one
record, and Firehose partitions after the transformation.
"""

import base64
import binascii
import gzip
import json
from collections.abc import Iterable, Mapping
from typing import Any

from contactcenter.reports.contact_records import MalformedRecord, contact_record_row, flow_log_row
from contactcenter.reports.lake import PARTITION

_GZIP_MAGIC = b"\x1f\x8b"


def _rows(data: bytes) -> tuple[list[dict[str, Any]], str] | None:
    """The rows in one record and their day; None when there is nothing to deliver."""
    if data.startswith(_GZIP_MAGIC):  # a CloudWatch Logs subscription's batch: flow logs
        batch = json.loads(gzip.decompress(data))
        if batch.get("messageType") != "DATA_MESSAGE":
            return None  # CONTROL_MESSAGE: CloudWatch Logs checking that the destination is reachable
        rows = [flow_log_row(json.loads(event["message"])) for event in batch.get("logEvents", [])]
        if not rows:
            return None
        # One record is one partition: a batch (seconds of events) that spans midnight is filed
        # under its first event's day.
        return rows, str(rows[0]["entered_at"])[:10]
    record = json.loads(data)
    if not isinstance(record, Mapping):
        raise MalformedRecord("a contact trace record is a JSON object")
    row = contact_record_row(record)
    return [row], str(row["initiation_timestamp"])[:10]


def _encode(rows: Iterable[Mapping[str, Any]]) -> str:
    # Newline-delimited JSON: Firehose's Parquet conversion reads each object as one row.
    text = "".join(json.dumps(row, separators=(",", ":")) + "\n" for row in rows)
    return base64.b64encode(text.encode()).decode()


def transform(records: Iterable[Mapping[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """Firehose's answers for ``records``, in order, and how many failed."""
    answers: list[dict[str, Any]] = []
    failed = 0
    for record in records:
        record_id = record["recordId"]
        try:
            found = _rows(base64.b64decode(record["data"], validate=True))
        except (MalformedRecord, ValueError, KeyError, TypeError, OSError, EOFError, binascii.Error):
            # json and gzip errors are ValueError / OSError / EOFError; a missing field KeyError
            failed += 1
            answers.append(
                {"recordId": record_id, "result": "ProcessingFailed", "data": record.get("data", "")}
            )
            continue
        if found is None:
            answers.append({"recordId": record_id, "result": "Dropped", "data": record["data"]})
            continue
        rows, day = found
        answers.append(
            {
                "recordId": record_id,
                "result": "Ok",
                "data": _encode(rows),
                "metadata": {"partitionKeys": {PARTITION: day}},
            }
        )
    return answers, failed
