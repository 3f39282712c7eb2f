"""What a supervisor may do to agents and waiting contacts, as Amazon Connect allows it, each
audited: change an agent's status (PutUserStatus), change a waiting contact's priority
(UpdateContactRoutingData), move a task or e-mail to another queue (TransferContact: Connect
moves no voice or chat contact between queues through its API), and listen in on or barge into
a contact (MonitorContact, for the supervisor's own Connect user).
"""

from functools import cache
from typing import Any, Literal

from botocore.exceptions import ClientError
from pydantic import Field

from contactcenter import clients
from contactcenter.api.models import Strict
from contactcenter.audit.records import audit_record, never_overwrite
from contactcenter.auth import Caller, Role
from contactcenter.errors import Conflict, DomainError, NotFound, ValidationFailed

SUPERVISORS = (Role.SUPERVISOR, Role.ADMIN)


class StatusIn(Strict):
    status: str = Field(
        min_length=1, max_length=127, description="An agent status's name: Available, Break, Offline"
    )


class PriorityIn(Strict):
    priority: int = Field(ge=1, le=5, description="1 is served first (Connect's queue priority)")


class TransferIn(Strict):
    queue: str = Field(min_length=1, max_length=64, description="The product's queue key")
    contact_flow_id: str = Field(pattern=r"^[A-Za-z0-9-]{1,100}$", description="The transfer flow")


class MonitorIn(Strict):
    user_id: str = Field(pattern=r"^[A-Za-z0-9-]{1,100}$", description="The supervisor's own Connect user id")
    capability: Literal["SILENT_MONITOR", "BARGE"] = "SILENT_MONITOR"


class ConnectUnavailable(DomainError):
    """Connect failed in a way the supervisor cannot fix (throttled, down, or a role that may
    not call it): the action did not happen and may be tried again later."""

    slug = "connect-unavailable"
    status = 503
    title = "Amazon Connect is unavailable"


def _connect_error(error: ClientError, what: str) -> DomainError:
    code = error.response.get("Error", {}).get("Code", "")
    message = error.response.get("Error", {}).get("Message", "")
    if code == "ResourceNotFoundException":
        return NotFound(f"no {what} on the Connect instance")
    if code in ("InvalidRequestException", "InvalidParameterException", "ResourceConflictException"):
        return Conflict(f"Connect refused it: {message or code}")
    # Any other error's message is Connect's internals (an AccessDenied names the role's ARN):
    # the caller learns which operation failed, not why.
    return ConnectUnavailable(f"Amazon Connect's {error.operation_name} failed; try again later")


def _audited(caller: Caller, entity: str, action: str, what: dict[str, Any]) -> None:
    audit_record(entity, action, caller, before=None, after=what).save(condition=never_overwrite())


class SupervisorActions:
    def __init__(self, instance_id: str, queues: dict[str, str]) -> None:
        self.instance_id, self.queues = instance_id, queues  # queue key -> ARN

    @staticmethod
    @cache
    def _statuses(instance_id: str) -> dict[str, str]:
        """Agent status name (case-blind) -> id; statuses change rarely: once per environment."""
        found, token = {}, None
        while True:
            page = clients.client("connect").list_agent_statuses(
                InstanceId=instance_id, MaxResults=100, **({"NextToken": token} if token else {})
            )
            found.update({s["Name"].lower(): s["Id"] for s in page.get("AgentStatusSummaryList", [])})
            token = page.get("NextToken")
            if not token:
                return found

    def set_status(self, caller: Caller, user_id: str, data: StatusIn) -> None:
        caller.require(*SUPERVISORS)
        try:
            statuses = self._statuses(self.instance_id)
        except ClientError as error:
            raise _connect_error(error, "agent statuses") from error
        status_id = statuses.get(data.status.lower())
        if status_id is None:
            raise ValidationFailed(
                f"no agent status {data.status!r}; the instance has {', '.join(sorted(statuses))}",
                field="status",
            )
        try:
            clients.client("connect").put_user_status(
                InstanceId=self.instance_id, UserId=user_id, AgentStatusId=status_id
            )
        except ClientError as error:
            raise _connect_error(error, f"agent {user_id}") from error
        _audited(caller, f"agent#{user_id}", "agent.status_set", {"status": data.status})

    def set_priority(self, caller: Caller, contact_id: str, data: PriorityIn) -> None:
        caller.require(*SUPERVISORS)
        try:
            clients.client("connect").update_contact_routing_data(
                InstanceId=self.instance_id, ContactId=contact_id, QueuePriority=data.priority
            )
        except ClientError as error:
            raise _connect_error(error, f"waiting contact {contact_id}") from error
        _audited(caller, f"contact#{contact_id}", "contact.priority_set", {"priority": data.priority})

    def transfer(self, caller: Caller, contact_id: str, data: TransferIn) -> None:
        caller.require(*SUPERVISORS)
        if data.queue not in self.queues:
            raise ValidationFailed(
                f"no queue {data.queue!r}; the queues are {', '.join(sorted(self.queues))}", field="queue"
            )
        try:
            clients.client("connect").transfer_contact(
                InstanceId=self.instance_id,
                ContactId=contact_id,
                QueueId=self.queues[data.queue].rsplit("/", 1)[-1],
                ContactFlowId=data.contact_flow_id,
            )
        except ClientError as error:
            raise _connect_error(error, f"contact {contact_id}") from error
        _audited(caller, f"contact#{contact_id}", "contact.transferred", {"queue": data.queue})

    def monitor(self, caller: Caller, contact_id: str, data: MonitorIn) -> dict[str, str]:
        caller.require(*SUPERVISORS)
        try:
            answer = clients.client("connect").monitor_contact(
                InstanceId=self.instance_id,
                ContactId=contact_id,
                UserId=data.user_id,
                AllowedMonitorCapabilities=[data.capability]
                if data.capability == "SILENT_MONITOR"
                else ["SILENT_MONITOR", "BARGE"],
            )
        except ClientError as error:
            raise _connect_error(error, f"contact {contact_id}") from error
        _audited(
            caller,
            f"contact#{contact_id}",
            "contact.monitored",
            {"user_id": data.user_id, "capability": data.capability},
        )
        return {"contact_id": str(answer["ContactId"]), "contact_arn": str(answer["ContactArn"])}
