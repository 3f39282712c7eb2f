"""The AWS feeds of the Connect lake tables: a contact trace record (Connect's nested JSON) and
flow-log entries become the rows the reports read, and the Firehose transformation answers in
Firehose's contract (one answer per record; a bad record fails alone)."""

import base64
import gzip
import json
from typing import Any

import pytest

from contactcenter.reports.contact_records import MalformedRecord, contact_record_row, flow_log_row
from contactcenter.reports.lake import CONTACT_RECORDS, FLOW_NODE_EVENTS
from contactcenter.reports.lake_transform import transform
from localcloud.session import LocalSession

INSTANCE = "arn:aws:connect:eu-west-1:111122223333:instance/0f0e4c3a-1b2c-4d5e-8f90-0123456789ab"

# A voice call answered by an agent, with a hold and after-contact work (Connect's shape).
ANSWERED_CALL: dict[str, Any] = {
    "AWSAccountId": "111122223333",
    "AWSContactTraceRecordFormatVersion": "2017-03-10",
    "Agent": {
        "ARN": f"{INSTANCE}/agent/57db30ae-8c01-44e6-abd5-80b7b51944cf",
        "AfterContactWorkDuration": 45,
        "AfterContactWorkEndTimestamp": "2026-11-02T09:13:15Z",
        "AfterContactWorkStartTimestamp": "2026-11-02T09:12:30Z",
        "AgentInteractionDuration": 300,
        "ConnectedToAgentTimestamp": "2026-11-02T09:06:10Z",
        "CustomerHoldDuration": 32,
        "HierarchyGroups": None,
        "LongestHoldDuration": 32,
        "NumberOfHolds": 1,
        "RoutingProfile": {"ARN": f"{INSTANCE}/routing-profile/6e16", "Name": "Billing agents"},
        "Username": "ana",
    },
    "AgentConnectionAttempts": 1,
    "Attributes": {"language": "nl", "customer_name": "Jan de Vries", "tier": "gold"},
    "Channel": "VOICE",
    "ConnectedToSystemTimestamp": "2026-11-02T09:05:01Z",
    "ContactId": "15a5cf14-3212-45a1-9f86-a8e97db8afaf",
    "CustomerEndpoint": {"Address": "+31612345678", "Type": "TELEPHONE_NUMBER"},
    "DisconnectReason": "CUSTOMER_DISCONNECT",
    "DisconnectTimestamp": "2026-11-02T09:12:30Z",
    "InitialContactId": None,
    "InitiationMethod": "INBOUND",
    "InitiationTimestamp": "2026-11-02T09:05:00Z",
    "LastUpdateTimestamp": "2026-11-02T09:14:02Z",
    "Queue": {
        "ARN": f"{INSTANCE}/queue/f0300e43",
        "DequeueTimestamp": "2026-11-02T09:06:10Z",
        "Duration": 40,
        "EnqueueTimestamp": "2026-11-02T09:05:30Z",
        "Name": "Billing",
    },
    "Recording": {"Location": "bucket/connect/recordings/x.wav", "Status": "AVAILABLE", "Type": "AUDIO"},
    "SystemEndpoint": {"Address": "+31201234567", "Type": "TELEPHONE_NUMBER"},
}
# A chat that gave up in the queue: enqueued, dequeued by the customer leaving, no agent.
ABANDONED_CHAT: dict[str, Any] = {
    "AWSContactTraceRecordFormatVersion": "2017-03-10",
    "Agent": None,
    "Attributes": {"language": "zh-CN"},
    "Channel": "CHAT",
    "ContactId": "0c1d2e3f-0000-4000-8000-00000000c4a7",
    "DisconnectReason": "CUSTOMER_DISCONNECT",
    "DisconnectTimestamp": "2026-11-02T09:42:05+00:00",
    "InitiationMethod": "API",
    "InitiationTimestamp": "2026-11-02T09:40:00+00:00",
    "Queue": {
        "DequeueTimestamp": "2026-11-02T09:42:05Z",
        "Duration": 120,
        "EnqueueTimestamp": "2026-11-02T09:40:05Z",
        "Name": "Technical support",
    },
}
# A call the IVR ended (closed: the flow said so and hung up), and one the caller hung up in it.
ENDED_IN_IVR: dict[str, Any] = {
    "Agent": None,
    "Attributes": {"language": "en"},
    "Channel": "VOICE",
    "ContactId": "9a8b7c6d-0000-4000-8000-000000000001",
    "DisconnectReason": "CONTACT_FLOW_DISCONNECT",
    "DisconnectTimestamp": "2026-11-02T22:10:20Z",
    "InitiationMethod": "INBOUND",
    "InitiationTimestamp": "2026-11-02T22:10:00Z",
    "Queue": None,
}


def test_an_answered_call_with_hold_and_after_contact_work() -> None:
    assert contact_record_row(ANSWERED_CALL) == {
        "contact_id": "15a5cf14-3212-45a1-9f86-a8e97db8afaf",
        "channel": "VOICE",
        "initiation_method": "INBOUND",
        "initiation_timestamp": "2026-11-02T09:05:00.000Z",
        "disconnect_timestamp": "2026-11-02T09:12:30.000Z",
        "queue_name": "Billing",
        "enqueue_timestamp": "2026-11-02T09:05:30.000Z",
        "dequeue_timestamp": "2026-11-02T09:06:10.000Z",
        "agent_username": "ana",
        "connected_to_agent_timestamp": "2026-11-02T09:06:10.000Z",
        "agent_interaction_seconds": 300,
        "customer_hold_seconds": 32,
        "after_contact_work_seconds": 45,
        "disconnect_reason": "CUSTOMER_DISCONNECT",
        "language": "nl",
        "self_service": False,
    }
    row = contact_record_row(ANSWERED_CALL)
    assert set(row) == set(CONTACT_RECORDS.column_names)
    assert "+316" not in json.dumps(row) and "Jan" not in json.dumps(row)  # nothing personal


def test_a_chat_abandoned_in_the_queue() -> None:
    row = contact_record_row(ABANDONED_CHAT)
    assert row["channel"] == "CHAT" and row["initiation_method"] == "API"
    assert row["queue_name"] == "Technical support"
    assert row["enqueue_timestamp"] == "2026-11-02T09:40:05.000Z"
    assert row["dequeue_timestamp"] == "2026-11-02T09:42:05.000Z"
    assert row["agent_username"] is None and row["connected_to_agent_timestamp"] is None
    assert (row["agent_interaction_seconds"], row["customer_hold_seconds"]) == (0, 0)
    assert row["language"] == "zh"  # a locale is cut to its language
    assert row["self_service"] is False


def test_a_contact_ended_in_the_ivr() -> None:
    row = contact_record_row(ENDED_IN_IVR)
    assert row["queue_name"] is None and row["enqueue_timestamp"] is None
    assert row["agent_username"] is None
    assert row["self_service"] is True  # the flow ended it, by design: contained
    hung_up = contact_record_row({**ENDED_IN_IVR, "DisconnectReason": "CUSTOMER_DISCONNECT"})
    assert hung_up["self_service"] is False  # the caller left the IVR: ended in the flow
    # a flow's explicit verdict wins
    told = contact_record_row({**ENDED_IN_IVR, "Attributes": {"self_service": "false"}})
    assert told["self_service"] is False and told["language"] is None


@pytest.mark.parametrize(
    "record",
    [{}, {"ContactId": "c"}, {"ContactId": "c", "InitiationTimestamp": "yesterday"}],
)
def test_a_record_without_its_contact_or_time_is_malformed(record: dict[str, Any]) -> None:
    with pytest.raises(MalformedRecord):
        contact_record_row(record)


FLOW_LOGS = [
    {
        "ContactId": "9a8b7c6d-0000-4000-8000-000000000001",
        "ContactFlowId": f"{INSTANCE}/contact-flow/b1d791cf",
        "ContactFlowName": "inbound_helpdesk",
        "ContactFlowModuleType": "SetLoggingBehavior",
        "Identifier": "Start flow logging",
        "Parameters": {"LoggingBehavior": "Enable"},
        "Timestamp": "2026-11-02T22:10:00.120Z",
    },
    {
        "ContactId": "9a8b7c6d-0000-4000-8000-000000000001",
        "ContactFlowId": f"{INSTANCE}/contact-flow/b1d791cf",
        "ContactFlowName": "inbound_helpdesk",
        "ContactFlowModuleType": "GetUserInput",
        "Identifier": "Ask account number",
        "Parameters": {"Text": "Please key in your account number."},
        "Results": "12345678",  # what the caller keyed: never copied into the lake
        "Timestamp": "2026-11-02T22:10:05.877Z",
    },
]


def test_flow_log_entries_become_flow_node_events() -> None:
    rows = [flow_log_row(entry) for entry in FLOW_LOGS]
    assert rows == [
        {
            "contact_id": "9a8b7c6d-0000-4000-8000-000000000001",
            "flow_name": "inbound_helpdesk",
            "block_id": "Start flow logging",
            "block_type": "SetLoggingBehavior",
            "entered_at": "2026-11-02T22:10:00.120Z",
        },
        {
            "contact_id": "9a8b7c6d-0000-4000-8000-000000000001",
            "flow_name": "inbound_helpdesk",
            "block_id": "Ask account number",
            "block_type": "GetUserInput",
            "entered_at": "2026-11-02T22:10:05.877Z",
        },
    ]
    assert all(set(row) == set(FLOW_NODE_EVENTS.column_names) for row in rows)
    assert "12345678" not in json.dumps(rows)


def _firehose(record_id: str, data: bytes) -> dict[str, Any]:
    return {
        "recordId": record_id,
        "approximateArrivalTimestamp": 1793000000000,
        "data": base64.b64encode(data).decode(),
    }


def _subscription(message_type: str, entries: list[dict[str, Any]]) -> bytes:
    """What a CloudWatch Logs subscription hands Firehose: one gzipped batch of log events."""
    batch = {
        "messageType": message_type,
        "owner": "111122223333",
        "logGroup": "/aws/connect/contactcenter-prod",
        "logStream": "2026/11/02/22/stream-1",
        "subscriptionFilters": ["contactcenter-prod-flow-logs"],
        "logEvents": [
            {"id": str(i), "timestamp": 1793000000000 + i, "message": json.dumps(entry)}
            for i, entry in enumerate(entries)
        ],
    }
    return gzip.compress(json.dumps(batch).encode())


def _rows(answer: dict[str, Any]) -> list[dict[str, Any]]:
    text = base64.b64decode(answer["data"]).decode()
    return [json.loads(line) for line in text.splitlines()]


def _event() -> dict[str, Any]:
    return {
        "invocationId": "inv-1",
        "deliveryStreamArn": "arn:aws:firehose:eu-west-1:111122223333:deliverystream/x",
        "region": "eu-west-1",
        "records": [
            _firehose("r1", json.dumps(ANSWERED_CALL).encode()),
            _firehose("r2", b'{"ContactId": "broken", "Channel": "VOICE"'),  # cut off
            _firehose("r3", _subscription("DATA_MESSAGE", FLOW_LOGS)),
            _firehose("r4", _subscription("CONTROL_MESSAGE", [])),
            _firehose("r5", json.dumps(ABANDONED_CHAT).encode()),
            _firehose("r6", json.dumps({"Channel": "VOICE"}).encode()),  # no contact
        ],
    }


def test_the_transformation_answers_every_record_in_firehoses_contract() -> None:
    event = _event()
    answers, failed = transform(event["records"])
    assert [(a["recordId"], a["result"]) for a in answers] == [
        ("r1", "Ok"),
        ("r2", "ProcessingFailed"),
        ("r3", "Ok"),
        ("r4", "Dropped"),
        ("r5", "Ok"),
        ("r6", "ProcessingFailed"),
    ]
    assert failed == 2
    assert _rows(answers[0]) == [contact_record_row(ANSWERED_CALL)]
    assert answers[0]["metadata"] == {"partitionKeys": {"dt": "2026-11-02"}}
    assert _rows(answers[2]) == [flow_log_row(entry) for entry in FLOW_LOGS]  # a batch: one row each
    assert answers[2]["metadata"] == {"partitionKeys": {"dt": "2026-11-02"}}
    assert answers[1]["data"] == event["records"][1]["data"]  # a failure goes back as it came
    assert "metadata" not in answers[1]


def test_the_deployed_handler_answers_firehose(local: LocalSession) -> None:
    """The catalog's function, as Firehose invokes it (its real handler, on the local cloud)."""
    response = local.cloud.client("lambda").invoke(
        FunctionName="contactcenter-lake_transform", Payload=json.dumps(_event()).encode()
    )
    assert "FunctionError" not in response
    answer = json.loads(response["Payload"].read())
    assert [a["result"] for a in answer["records"]] == [
        "Ok",
        "ProcessingFailed",
        "Ok",
        "Dropped",
        "Ok",
        "ProcessingFailed",
    ]
    assert all(set(a) >= {"recordId", "result", "data"} for a in answer["records"])
