"""The Connect API operations the local Connect answers from the contact center, added to
moto's Connect (which knows a handful of instance APIs): the request and response shapes are
botocore's service model's, so boto3 clients (the product's functions, a supervisor's
monitor) parse them as they parse Connect's.

Timestamps go out as epoch seconds, as Connect's REST-JSON protocol sends them.
"""

import json
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from moto.connect import responses as moto_responses
from moto.connect import urls as moto_urls
from moto.core.exceptions import JsonRESTError

from localcloud.contact_center import figures
from localcloud.contact_center.center import ContactCenterError, UnknownResource
from localcloud.contact_center.model import STATUS_TYPES, STATUSES, Agent

if TYPE_CHECKING:
    from localcloud.connect import LocalConnect

CURRENT_METRICS = (
    "AGENTS_ONLINE",
    "AGENTS_AVAILABLE",
    "AGENTS_ON_CONTACT",
    "AGENTS_ON_CALL",
    "AGENTS_AFTER_CONTACT_WORK",
    "AGENTS_NON_PRODUCTIVE",
    "AGENTS_STAFFED",
    "CONTACTS_IN_QUEUE",
    "OLDEST_CONTACT_AGE",
)
_PATHS = {
    "{0}/metrics/userdata/(?P<InstanceId>[^/]+)$": "get_current_user_data",
    "{0}/metrics/data$": "get_metric_data_v2",
    "{0}/users/(?P<InstanceId>[^/]+)/(?P<UserId>[^/]+)/status$": "put_user_status",
    "{0}/agent-status/(?P<InstanceId>[^/]+)$": "list_agent_statuses",
    "{0}/users-summary/(?P<InstanceId>[^/]+)$": "list_users",
    "{0}/contact/transfer$": "transfer_contact",
    "{0}/contact/monitor$": "monitor_contact",
    "{0}/contact/stop$": "stop_contact",
    "{0}/contact/attributes/(?P<InstanceId>[^/]+)/(?P<InitialContactId>[^/]+)$": "get_contact_attributes",
    "{0}/contacts/(?P<InstanceId>[^/]+)/(?P<ContactId>[^/]+)/routing-data$": "update_contact_routing_data",
}


class InvalidRequestException(JsonRESTError):
    code = 400

    def __init__(self, message: str) -> None:
        super().__init__("InvalidRequestException", message)


class ResourceNotFoundException(JsonRESTError):
    code = 404

    def __init__(self, message: str) -> None:
        super().__init__("ResourceNotFoundException", message)


def epoch(moment: datetime | None) -> float | None:
    return None if moment is None else moment.timestamp()


def _moment(value: Any) -> datetime:
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC)
    return datetime.fromisoformat(str(value).replace("Z", "+00:00")).astimezone(UTC)


def status_id(name: str) -> str:
    """An agent status's id: the same on every local instance, like a seeded resource."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"agent-status:{name}"))


def status_name(identifier: str) -> str:
    key = identifier.rsplit("/", 1)[-1]
    for name in STATUSES:
        if key in (status_id(name), name):
            return name
    raise ResourceNotFoundException(f"no agent status {identifier!r}")


class Api:
    """The operations, on one local Connect instance."""

    def __init__(self, connect: "LocalConnect") -> None:
        self.connect = connect
        self.center = connect.center

    # -- names --------------------------------------------------------------------------

    def user_arn(self, agent: Agent) -> str:
        return f"{self.connect.instance_arn}/agent/{agent.user_id}"

    def profile_arn(self, key: str) -> str:
        return f"{self.connect.instance_arn}/routing-profile/{key}"

    def status_arn(self, name: str) -> str:
        return f"{self.connect.instance_arn}/agent-state/{status_id(name)}"

    def contact_arn(self, contact_id: str) -> str:
        return f"{self.connect.instance_arn}/contact/{contact_id}"

    def _queue(self, reference: str) -> str:
        try:
            return self.connect.queue_key(str(reference))
        except KeyError as error:
            raise ResourceNotFoundException(str(error)) from None

    def _agent(self, reference: str) -> Agent:
        try:
            return self.center.agent(str(reference))
        except UnknownResource as error:
            raise ResourceNotFoundException(str(error)) from None

    # -- real-time ------------------------------------------------------------------------

    def get_current_metric_data(self, body: dict[str, Any]) -> dict[str, Any]:
        filters = body.get("Filters") or {}
        queues = [self._queue(q) for q in filters.get("Queues") or []]
        if not queues:
            raise InvalidRequestException("Filters.Queues is required")
        groupings = body.get("Groupings") or []
        channels: list[str | None] = list(filters.get("Channels") or []) or [None]
        wanted = body.get("CurrentMetrics") or []
        for metric in wanted:
            if metric.get("Name") not in CURRENT_METRICS:
                raise InvalidRequestException(f"the local Connect does not serve {metric.get('Name')}")
        by_queue = "QUEUE" in groupings
        by_channel = "CHANNEL" in groupings
        queue_groups = [[q] for q in queues] if by_queue else [queues]
        # without a CHANNEL grouping: the one channel filtered on, or every channel
        whole = channels[0] if len(channels) == 1 else None
        groups = [(group, c) for group in queue_groups for c in (channels if by_channel else [whole])]
        results = []
        for group_queues, channel in groups:
            values = self.connect.figures(group_queues, channel)
            dimensions: dict[str, Any] = {}
            if by_queue:
                key = group_queues[0]
                dimensions["Queue"] = {"Id": key, "Arn": self.connect.queue_arn(key)}
            if by_channel and channel:
                dimensions["Channel"] = channel
            collections = []
            for metric in wanted:
                value: float = values.metric(metric["Name"])
                if metric["Name"] == "OLDEST_CONTACT_AGE" and not groupings:
                    value *= 1000  # Connect: milliseconds without groupings, despite the unit
                collections.append(
                    {"Metric": {"Name": metric["Name"], "Unit": metric.get("Unit", "COUNT")}, "Value": value}
                )
            results.append({"Dimensions": dimensions, "Collections": collections})
        return {
            "MetricResults": results,
            "DataSnapshotTime": epoch(self.center.clock.now()),
            "ApproximateTotalCount": len(results),
        }

    def get_current_user_data(self, body: dict[str, Any]) -> dict[str, Any]:
        filters = body.get("Filters") or {}
        queues = {self._queue(q) for q in filters.get("Queues") or []}
        profiles = {str(p).rsplit("/", 1)[-1] for p in filters.get("RoutingProfiles") or []}
        agents = {self._agent(a).user_id for a in filters.get("Agents") or []}
        if not (queues or profiles or agents):
            raise InvalidRequestException("give Filters.Queues, RoutingProfiles or Agents")
        states = set((filters.get("ContactFilter") or {}).get("ContactStates") or [])
        users = []
        with self.center.lock:
            for agent in sorted(self.center.agents.values(), key=lambda a: a.username):
                if agent.profile is None:
                    continue  # Connect reports agents who are logged in
                profile = self.center.profiles[agent.profile]
                if queues and not any(q in profile.queues for q in queues):
                    continue
                if (profiles and agent.profile not in profiles) or (agents and agent.user_id not in agents):
                    continue
                data = self._user_data(agent)
                if states and not any(c["AgentContactState"] in states for c in data["Contacts"]):
                    continue
                users.append(data)
        return {"UserDataList": users, "ApproximateTotalCount": len(users)}

    def _user_data(self, agent: Agent) -> dict[str, Any]:
        assert agent.profile is not None
        channels = ("VOICE", "CHAT", "TASK")
        contact = agent.contact
        contacts = []
        if contact is not None:
            waiting = contact.waiting
            contacts.append(
                {
                    "ContactId": waiting.contact_id,
                    "Channel": waiting.channel,
                    "InitiationMethod": waiting.initiation,
                    "AgentContactState": contact.state,
                    "StateStartTimestamp": epoch(agent.activity_since),
                    "ConnectedToAgentTimestamp": epoch(contact.connected_at),
                    "Queue": {"Id": waiting.queue, "Arn": self.connect.queue_arn(waiting.queue)},
                }
            )
        data: dict[str, Any] = {
            "User": {"Id": agent.user_id, "Arn": self.user_arn(agent)},
            "RoutingProfile": {"Id": agent.profile, "Arn": self.profile_arn(agent.profile)},
            "Status": {
                "StatusName": agent.status,
                "StatusStartTimestamp": epoch(agent.status_since),
                "StatusArn": self.status_arn(agent.status),
            },
            "AvailableSlotsByChannel": dict.fromkeys(channels, 1 if agent.routable else 0),
            "MaxSlotsByChannel": dict.fromkeys(channels, 1),  # one contact at a time (the model's)
            "ActiveSlotsByChannel": {
                c: int(contact is not None and contact.waiting.channel == c) for c in channels
            },
            "Contacts": contacts,
        }
        if agent.next_status:
            data["NextStatus"] = agent.next_status
        return data

    # -- historical ---------------------------------------------------------------------

    def get_metric_data_v2(self, body: dict[str, Any]) -> dict[str, Any]:
        if str(body.get("ResourceArn", "")).rsplit("/", 1)[-1] != self.connect.instance_id:
            raise ResourceNotFoundException(f"no instance {body.get('ResourceArn')!r}")
        start, end = _moment(body["StartTime"]), _moment(body["EndTime"])
        if end <= start:
            raise InvalidRequestException("EndTime must be after StartTime")
        filters = {f["FilterKey"]: list(f.get("FilterValues") or []) for f in body.get("Filters") or []}
        if "QUEUE" not in filters:
            raise InvalidRequestException("the local Connect filters historical metrics by QUEUE")
        queues = [self._queue(q) for q in filters["QUEUE"]]
        channels: list[str | None] = list(filters.get("CHANNEL") or []) or [None]
        groupings = body.get("Groupings") or []
        metrics = body.get("Metrics") or []
        for metric in metrics:
            if metric.get("Name") not in figures.HISTORICAL_METRICS:
                raise InvalidRequestException(f"the local Connect does not serve {metric.get('Name')}")
        queue_groups = [[q] for q in queues] if "QUEUE" in groupings else [queues]
        channel_groups = [[c] for c in channels] if "CHANNEL" in groupings else [channels]
        results = []
        for group_queues in queue_groups:
            for group_channels in channel_groups:
                done = [
                    f
                    for q in group_queues
                    for c in group_channels
                    for f in figures.finished_in(self.center, q, start, end, c)
                ]
                dimensions = {}
                if "QUEUE" in groupings:
                    dimensions["QUEUE"] = group_queues[0]
                    dimensions["QUEUE_ARN"] = self.connect.queue_arn(group_queues[0])
                if "CHANNEL" in groupings and group_channels[0]:
                    dimensions["CHANNEL"] = str(group_channels[0])
                results.append(
                    {
                        "Dimensions": dimensions,
                        "MetricInterval": {
                            "Interval": "TOTAL",
                            "StartTime": epoch(start),
                            "EndTime": epoch(end),
                        },
                        "Collections": [self._historical(metric, done) for metric in metrics],
                    }
                )
        return {"MetricResults": results}

    @staticmethod
    def _historical(metric: dict[str, Any], done: list[Any]) -> dict[str, Any]:
        threshold = (metric.get("Threshold") or [{}])[0]
        try:
            value = figures.historical(
                metric["Name"],
                done,
                threshold.get("ThresholdValue"),
                str(threshold.get("Comparison") or "LT"),
            )
        except ValueError as error:
            raise InvalidRequestException(str(error)) from None
        answer: dict[str, Any] = {"Metric": {"Name": metric["Name"]}}
        if metric.get("Threshold"):
            answer["Metric"]["Threshold"] = metric["Threshold"]
        if value is not None:  # Connect leaves out a value it has nothing to compute from
            answer["Value"] = value
        return answer

    # -- supervisors' actions -----------------------------------------------------------

    def list_agent_statuses(self, query: dict[str, list[str]]) -> dict[str, Any]:
        types = set(query.get("AgentStatusTypes") or [])
        return {
            "AgentStatusSummaryList": [
                {
                    "Id": status_id(name),
                    "Arn": self.status_arn(name),
                    "Name": name,
                    "Type": STATUS_TYPES[name],
                }
                for name in STATUSES
                if not types or STATUS_TYPES[name] in types
            ]
        }

    def put_user_status(self, user_id: str, body: dict[str, Any]) -> dict[str, Any]:
        agent = self._agent(user_id)
        name = status_name(str(body.get("AgentStatusId", "")))
        with self.center.lock:
            self._do(lambda: self.center.set_status(agent.user_id, name))
        return {}

    def list_users(self) -> dict[str, Any]:
        agents = sorted(self.center.agents.values(), key=lambda a: a.username)
        return {
            "UserSummaryList": [
                {"Id": a.user_id, "Arn": self.user_arn(a), "Username": a.username} for a in agents
            ]
        }

    def get_contact_attributes(self, contact_id: str) -> dict[str, Any]:
        """The attributes the contact's flows set (the simulator's contacts)."""
        attributes = self.connect.contact_attributes.get(contact_id)
        if attributes is None:
            raise ResourceNotFoundException(f"no contact {contact_id!r}")
        return {"Attributes": dict(attributes)}

    def transfer_contact(self, body: dict[str, Any]) -> dict[str, Any]:
        """Connect transfers only TASK (and EMAIL) contacts this way; a call's or chat's place in
        its queue changes with UpdateContactRoutingData."""
        contact_id = str(body.get("ContactId", ""))
        if body.get("UserId"):
            raise InvalidRequestException("transfer to an agent is not emulated: give a QueueId")
        if not body.get("QueueId"):
            raise InvalidRequestException("give a QueueId")
        queue = self._queue(str(body["QueueId"]))
        with self.center.lock:
            waiting = self.center.waiting_contact(contact_id)
            agent = self.center.agent_with(contact_id)
            channel = (
                waiting.channel
                if waiting
                else agent.contact.waiting.channel
                if agent and agent.contact
                else None
            )
            if channel is None:
                raise ResourceNotFoundException(f"no active contact {contact_id}")
            if channel not in ("TASK", "EMAIL"):
                raise InvalidRequestException(
                    f"TransferContact supports TASK and EMAIL contacts, not {channel}"
                )
            if waiting is not None:
                new_id = self._do(lambda: self.center.move(contact_id, queue))
            else:
                assert agent is not None
                new_id = self._do(lambda: self.center.transfer(agent.user_id, queue))
        return {"ContactId": new_id, "ContactArn": self.contact_arn(new_id)}

    def update_contact_routing_data(self, contact_id: str, body: dict[str, Any]) -> dict[str, Any]:
        priority, adjustment = body.get("QueuePriority"), body.get("QueueTimeAdjustmentSeconds")
        if body.get("RoutingCriteria"):
            raise InvalidRequestException("routing criteria (proficiencies) are not emulated")
        if (priority is None) == (adjustment is None):
            raise InvalidRequestException("give either QueuePriority or QueueTimeAdjustmentSeconds")
        try:
            self.center.update_routing(contact_id, priority, adjustment)
        except UnknownResource as error:
            raise ResourceNotFoundException(str(error)) from None
        return {}

    def monitor_contact(self, body: dict[str, Any]) -> dict[str, Any]:
        capabilities = list(body.get("AllowedMonitorCapabilities") or ["SILENT_MONITOR"])
        if not set(capabilities) <= {"SILENT_MONITOR", "BARGE"}:
            raise InvalidRequestException(f"unknown monitor capabilities {capabilities}")
        contact_id = str(body.get("ContactId", ""))
        if not self.center.knows(contact_id):
            raise ResourceNotFoundException(f"no active contact {contact_id}")
        session = self._do(lambda: self.center.monitor(contact_id, str(body.get("UserId", "")), capabilities))
        return {"ContactId": session, "ContactArn": self.contact_arn(session)}

    def stop_contact(self, body: dict[str, Any]) -> dict[str, Any]:
        contact_id = str(body.get("ContactId", ""))
        try:
            self.center.stop(contact_id, "API")
        except UnknownResource as error:
            raise ResourceNotFoundException(str(error)) from None
        except ContactCenterError as error:
            raise InvalidRequestException(str(error)) from None
        return {}

    @staticmethod
    def _do(action: Callable[[], Any]) -> Any:
        try:
            return action()
        except UnknownResource as error:
            raise ResourceNotFoundException(str(error)) from None
        except ContactCenterError as error:
            raise InvalidRequestException(str(error)) from None


def install(current: Callable[[], "LocalConnect | None"]) -> None:
    """Add the operations to moto's Connect (before moto builds its routes)."""
    for path in _PATHS:
        moto_urls.url_paths.setdefault(path, moto_responses.ConnectResponse.dispatch)

    def api() -> Api:
        connect = current()
        if connect is None:
            raise RuntimeError("no local Connect instance")
        return Api(connect)

    def body(response: Any) -> dict[str, Any]:
        return dict(json.loads(response.body or "{}"))

    def path_part(response: Any, pattern: str) -> str:
        match = re.search(pattern, str(response.path))
        return match.group(1) if match else ""

    handlers: dict[str, Callable[[Any], dict[str, Any]]] = {
        "get_current_metric_data": lambda r: api().get_current_metric_data(body(r)),
        "get_current_user_data": lambda r: api().get_current_user_data(body(r)),
        "get_metric_data_v2": lambda r: api().get_metric_data_v2(body(r)),
        "put_user_status": lambda r: api().put_user_status(
            path_part(r, r"/users/[^/]+/([^/]+)/status"), body(r)
        ),
        "list_agent_statuses": lambda r: api().list_agent_statuses(dict(r.querystring)),
        "list_users": lambda r: api().list_users(),
        "transfer_contact": lambda r: api().transfer_contact(body(r)),
        "monitor_contact": lambda r: api().monitor_contact(body(r)),
        "stop_contact": lambda r: api().stop_contact(body(r)),
        "get_contact_attributes": lambda r: api().get_contact_attributes(
            path_part(r, r"/contact/attributes/[^/]+/([^/?]+)")
        ),
        "update_contact_routing_data": lambda r: api().update_contact_routing_data(
            path_part(r, r"/contacts/[^/]+/([^/]+)/routing-data"), body(r)
        ),
    }
    for name, handler in handlers.items():
        setattr(moto_responses.ConnectResponse, name, _method(handler))


def _method(handler: Callable[[Any], dict[str, Any]]) -> Callable[[Any], str]:
    def answer(response: Any) -> str:
        return json.dumps(handler(response))

    return answer
