"""``GET /agent/contact``: the signed-in agent's contact now, for the workspace's screen pop.

The agent's Connect user is the one whose user name is the caller's (the staff pool's
username is the Connect user name: the directory and the local contact center name agents
the same way). Connect answers with the function's grants: ListUsers (the user's id),
GetCurrentUserData filtered on that agent (their status and contact), GetContactAttributes
(what the IVR and routing set: the authenticated customer, intent, language, queue). Only the
attributes a screen pop shows are returned (the flow's prompt texts stay in Connect).

In AWS the workspace's embedded CCP (amazon-connect-streams) reads the same attributes in the
browser; this route serves the local cloud, which has no CCP, and any client without one.
"""

from datetime import UTC, datetime
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Depends
from aws_lambda_powertools.event_handler.api_gateway import Router
from botocore.exceptions import ClientError

from contactcenter import clients
from contactcenter.api.deps import CallerDep, agent_contacts
from contactcenter.api.models import Out
from contactcenter.api.responses import documented
from contactcenter.api.security import signed_in
from contactcenter.auth import SCOPE_API, Caller, Role

router = Router()
TAGS = ["agent"]
AGENTS = (Role.AGENT, Role.SUPERVISOR, Role.ADMIN)

# The contact attributes a screen pop shows (contact_flows/inbound_helpdesk.json sets them).
SCREEN_POP = (
    "customer_id",
    "customer_name",
    "account_number",
    "authenticated",
    "auth_level",
    "intent",
    "language",
    "queue_name",
    "routing_reason",
    "tier",
    "company",
    "products",
    "open_ticket_count",
    "latest_ticket_id",
    "latest_ticket_subject",
    "latest_ticket_status",
)


class ContactNow(Out):
    contact_id: str
    channel: str
    state: str  # Connect's AgentContactState: CONNECTING, CONNECTED, CONNECTED_ONHOLD, ENDED, ...
    initiation: str
    queue: str
    state_since: str | None
    connected_at: str | None
    attributes: dict[str, str]


class AgentContact(Out):
    user_id: str | None  # None: the caller has no Connect user (or is not logged in to Connect)
    status: str | None  # Available, Break, Offline, ... (None when not logged in)
    contact: ContactNow | None


def _iso(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return None


class AgentContacts:
    def __init__(self, instance_id: str) -> None:
        self.instance_id = instance_id

    def _user_id(self, connect: Any, username: str) -> str | None:
        token = None
        while True:
            page = connect.list_users(
                InstanceId=self.instance_id, MaxResults=1000, **({"NextToken": token} if token else {})
            )
            for user in page.get("UserSummaryList", []):
                if user.get("Username") == username:
                    return str(user["Id"])
            token = page.get("NextToken")
            if not token:
                return None

    def current(self, caller: Caller) -> AgentContact:
        caller.require(*AGENTS)
        connect = clients.client("connect")
        user_id = self._user_id(connect, caller.username)
        if user_id is None:
            return AgentContact(user_id=None, status=None, contact=None)
        data = connect.get_current_user_data(InstanceId=self.instance_id, Filters={"Agents": [user_id]})
        found = data.get("UserDataList", [])
        if not found:
            return AgentContact(user_id=user_id, status=None, contact=None)
        mine = found[0]
        status = str(mine.get("Status", {}).get("StatusName") or "") or None
        contacts = mine.get("Contacts", [])
        if not contacts:
            return AgentContact(user_id=user_id, status=status, contact=None)
        contact = contacts[0]
        contact_id = str(contact["ContactId"])
        try:
            every = connect.get_contact_attributes(InstanceId=self.instance_id, InitialContactId=contact_id)
            attributes = {k: str(v) for k, v in every.get("Attributes", {}).items() if k in SCREEN_POP}
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") != "ResourceNotFoundException":
                raise
            attributes = {}
        return AgentContact(
            user_id=user_id,
            status=status,
            contact=ContactNow(
                contact_id=contact_id,
                channel=str(contact.get("Channel", "")),
                state=str(contact.get("AgentContactState", "")),
                initiation=str(contact.get("InitiationMethod", "")),
                queue=str(contact.get("Queue", {}).get("Id", "")),
                state_since=_iso(contact.get("StateStartTimestamp")),
                connected_at=_iso(contact.get("ConnectedToAgentTimestamp")),
                attributes=attributes,
            ),
        )


Contacts = Annotated[AgentContacts, Depends(agent_contacts)]


@router.get(
    "/agent/contact",
    summary="The signed-in agent's contact now, with the attributes its screen pop shows",
    tags=TAGS,
    responses=documented(200, "The agent's status and contact (null when they have none)"),
    security=signed_in(SCOPE_API),
)
def agent_contact(caller: CallerDep, contacts: Contacts) -> AgentContact:
    return contacts.current(caller)
