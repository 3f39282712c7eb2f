"""Work for an agent in Amazon Connect: a task contact ("call this customer back") routed to a
queue by the task flow (contact_flows/agent_task.json), which reads ``queue_arn`` from the
task's attributes.

The client token makes a retried request create the task once (Connect keeps it for 7 days).
"""

from typing import Any

from pydantic import BaseModel

from contactcenter import clients
from contactcenter.calling_hours import DEFAULT_WINDOW


class QueueInfo(BaseModel):
    arn: str
    name: str
    calling_hours: tuple[str, str] = DEFAULT_WINDOW
    time_zone: str = "Europe/Amsterdam"  # the queue's hours, and callers whose zone is unknown


class ConnectQueues(BaseModel):
    """The Connect queues agent tasks go to (configuration: ``CC_CONNECT_QUEUES``)."""

    queues: dict[str, QueueInfo]
    general: str

    def get(self, key: str | None) -> tuple[str, QueueInfo]:
        chosen = key if key in self.queues else self.general
        return chosen, self.queues[chosen]


def start_agent_task(
    *,
    instance_id: str,
    task_flow_arn: str,
    queue: QueueInfo,
    name: str,
    description: str,
    attributes: dict[str, str],
    client_token: str,
) -> str:
    """Create the task; its contact id."""
    response: dict[str, Any] = clients.client("connect").start_task_contact(
        InstanceId=instance_id,
        ContactFlowId=task_flow_arn.rsplit("/", 1)[-1],
        Name=name[:512],
        Description=description[:4096],
        Attributes={**attributes, "queue_arn": queue.arn},
        ClientToken=client_token[:500],
    )
    return str(response["ContactId"])
