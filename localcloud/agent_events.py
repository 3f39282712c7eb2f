"""Connect's agent event stream from the local contact center, read as Lambda reads a Kinesis
stream: every change of an agent's state becomes an agent event record (Connect's format,
``STATE_CHANGE`` with the agent's current snapshot), and the function subscribed to the stream
(the catalog's ``agent_events`` spec) is invoked with batches of them in Lambda's Kinesis event
shape, one batch at a time, gathered over the batching window, as the event source mapping does.
"""

import base64
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from localcloud.batches import Batches
from localcloud.contact_center import ContactCenter
from localcloud.contact_center.clock import connect_timestamp
from localcloud.contact_center.model import Agent

BATCH_SIZE = 100
WINDOW_SECONDS = 1.0  # the local cloud's snapshot age (AWS: 5 s, as the snapshot's)
VERSION = "2019-05-25"  # the agent event stream's format


class AgentEvents:
    def __init__(
        self,
        center: ContactCenter,
        invoke: Callable[[dict[str, Any]], None],
        instance_arn: str,
        stream_arn: str,
        queue_arn: Callable[[str], str],
    ) -> None:
        self.center, self._invoke = center, invoke
        self._instance, self._stream, self._queue_arn = instance_arn, stream_arn, queue_arn
        self._sequence = 0
        self._batches: Batches[dict[str, Any]] = Batches(
            self._deliver, size=BATCH_SIZE, window=WINDOW_SECONDS, name="connect-agent-events"
        )

    def start(self) -> "AgentEvents":
        self.center.on_agent_changed.append(self._changed)
        self._batches.start()
        return self

    def stop(self) -> None:
        if self._changed in self.center.on_agent_changed:
            self.center.on_agent_changed.remove(self._changed)
        self._batches.stop()

    def wait_idle(self, timeout: float = 10.0) -> None:
        self._batches.wait_idle(timeout)

    def _changed(self, agent: Agent, now: datetime) -> None:
        contact = agent.contact
        contacts = []
        if contact is not None:
            waiting = contact.waiting
            contacts.append(
                {
                    "ContactId": waiting.contact_id,
                    "Channel": waiting.channel,
                    "InitiationMethod": waiting.initiation,
                    "State": contact.state,
                    "StateStartTimestamp": connect_timestamp(now),
                    "Queue": {"ARN": self._queue_arn(waiting.queue)},
                }
            )
        agent_arn = f"{self._instance}/agent/{agent.user_id}"
        self._batches.put(
            {
                "AgentARN": agent_arn,
                "EventId": str(uuid.uuid4()),
                "EventTimestamp": connect_timestamp(now),
                "EventType": "STATE_CHANGE",
                "InstanceARN": self._instance,
                "Version": VERSION,
                "CurrentAgentSnapshot": {
                    "AgentStatus": {
                        "Name": agent.status,
                        "StartTimestamp": connect_timestamp(agent.status_since),
                    },
                    "Configuration": {"Username": agent.username, "RoutingProfile": {"Name": agent.profile}},
                    "Contacts": contacts,
                },
            }
        )

    def _deliver(self, records: list[dict[str, Any]]) -> None:
        self._invoke({"Records": [self._record(r) for r in records]})

    def _record(self, event: dict[str, Any]) -> dict[str, Any]:
        self._sequence += 1
        sequence = f"{self._sequence:056d}"
        return {
            "kinesis": {
                "kinesisSchemaVersion": "1.0",
                "partitionKey": event["AgentARN"],
                "sequenceNumber": sequence,
                "data": base64.b64encode(json.dumps(event).encode()).decode(),
                "approximateArrivalTimestamp": datetime.now(UTC).timestamp(),
            },
            "eventSource": "aws:kinesis",
            "eventVersion": "1.0",
            "eventID": f"shardId-000000000000:{sequence}",
            "eventName": "aws:kinesis:record",
            "awsRegion": self._stream.split(":")[3],
            "eventSourceARN": self._stream,
        }
