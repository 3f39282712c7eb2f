"""Amazon Connect's contact events from the local contact center, on the default event bus.

Connect publishes an "Amazon Connect Contact Event" to EventBridge as a contact moves
(``QUEUED``, ``CONNECTED_TO_AGENT``, ``DISCONNECTED``, ...); the product's rules act on them as
in AWS (the live monitor evaluates its alerts and pushes the figures at once). Connect sends
them apart from the contact's own path, and so does this: the contact center only hands over an
event, and a thread of its own puts them on the bus, ten to a PutEvents call as EventBridge allows.

One difference, said here: the local contact center finishes a contact once its after-contact
work ends (when its record is due), so ``DISCONNECTED`` comes then, not when the call drops.
"""

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from localcloud.batches import Batches
from localcloud.contact_center import ContactCenter
from localcloud.contact_center.clock import connect_timestamp
from localcloud.contact_center.model import Agent, Finished, Handling, Waiting

DETAIL_TYPE = "Amazon Connect Contact Event"
BATCH = 10  # EventBridge's entries per PutEvents


class ContactEvents:
    def __init__(
        self,
        center: ContactCenter,
        events: Any,
        instance_arn: str,
        queue_arn: Callable[[str], str],
        agent_arn: Callable[[str], str],
    ) -> None:
        self.center, self._events = center, events
        self._instance, self._queue_arn, self._agent_arn = instance_arn, queue_arn, agent_arn
        self._batches: Batches[dict[str, Any]] = Batches(
            self._publish, size=BATCH, window=0, name="connect-contact-events"
        )

    def start(self) -> "ContactEvents":
        self.center.on_queued.append(self._queued)
        self.center.on_connected.append(self._connected)
        self.center.on_finished.append(self._finished)
        self._batches.start()
        return self

    def stop(self) -> None:
        for listeners, listener in (
            (self.center.on_queued, self._queued),
            (self.center.on_connected, self._connected),
            (self.center.on_finished, self._finished),
        ):
            if listener in listeners:
                listeners.remove(listener)  # type: ignore[arg-type]
        self._batches.stop()

    def wait_idle(self, timeout: float = 10.0) -> None:
        """Until every event handed over so far is on the bus."""
        self._batches.wait_idle(timeout)

    # -- the contact center's moments, as Connect describes them ------------------------------

    def _event(self, kind: str, contact_id: str, channel: str, initiation: str, **detail: Any) -> None:
        self._batches.put(
            {
                "eventType": kind,
                "contactId": contact_id,
                "channel": channel,
                "initiationMethod": initiation,
                "instanceArn": self._instance,
                "contactArn": f"{self._instance}/contact/{contact_id}",
                **detail,
            }
        )

    def _queued(self, contact: Waiting) -> None:
        self._event(
            "QUEUED",
            contact.contact_id,
            contact.channel,
            contact.initiation,
            queueInfo={
                "queueArn": self._queue_arn(contact.queue),
                "enqueueTimestamp": connect_timestamp(contact.enqueued_at),
            },
        )

    def _connected(self, agent: Agent, handling: Handling) -> None:
        contact = handling.waiting
        self._event(
            "CONNECTED_TO_AGENT",
            contact.contact_id,
            contact.channel,
            contact.initiation,
            queueInfo={
                "queueArn": self._queue_arn(contact.queue),
                "enqueueTimestamp": connect_timestamp(contact.enqueued_at),
            },
            agentInfo={
                "agentArn": self._agent_arn(agent.user_id),
                "connectedToAgentTimestamp": connect_timestamp(handling.connected_at),
            },
        )

    def _finished(self, done: Finished) -> None:
        self._event(
            "DISCONNECTED",
            done.contact_id,
            done.channel,
            done.initiation,
            disconnectTimestamp=connect_timestamp(done.disconnected_at),
            disconnectReason=done.disconnect_reason,
            **({"queueInfo": {"queueArn": self._queue_arn(done.queue)}} if done.queue else {}),
        )

    # -- onto the bus ------------------------------------------------------------------------

    def _publish(self, details: list[dict[str, Any]]) -> None:
        self._events.put_events(Entries=[self._entry(d) for d in details])

    def _entry(self, detail: Any) -> dict[str, Any]:
        return {
            "Source": "aws.connect",
            "DetailType": DETAIL_TYPE,
            "Resources": [self._instance, detail["contactArn"]],
            "Detail": json.dumps(detail),
            "Time": datetime.now(UTC),
        }
