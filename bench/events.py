"""A representative event for each function, as its caller sends it."""

import base64
import json
from typing import Any

from localcloud.connect import contact_flow_event
from localcloud.flow_simulator import lex_event

INSTANCE_ARN = "arn:aws:connect:eu-central-1:123456789012:instance/bench"

CLAIMS = {"sub": "bench", "username": "bench", "cognito:groups": "agent", "scope": "contactcenter/api"}


def api_event(
    method: str,
    path: str,
    query: dict[str, str] | None = None,
    body: str | None = None,
    resource: str | None = None,
    path_parameters: dict[str, str] | None = None,
) -> dict[str, Any]:
    return {
        "resource": resource or path,
        "path": path,
        "httpMethod": method,
        "headers": {"Accept": "application/json"},
        "multiValueHeaders": {"Accept": ["application/json"]},
        "queryStringParameters": query,
        "multiValueQueryStringParameters": {k: [v] for k, v in (query or {}).items()} or None,
        "pathParameters": path_parameters,
        "stageVariables": None,
        "requestContext": {
            "requestId": "bench",
            "resourcePath": resource or path,
            "httpMethod": method,
            "stage": "bench",
            "authorizer": {"claims": CLAIMS},
        },
        "body": body,
        "isBase64Encoded": False,
    }


TIMELINE_RECORD = {
    "eventName": "INSERT",
    "dynamodb": {
        "SequenceNumber": "1",
        "NewImage": {
            "ticket_id": {"S": "T-000001"},
            "event_id": {"S": "01JBENCH"},
            "kind": {"S": "created"},
            "at": {"S": "2026-11-22T12:00:00.000Z"},
            "actor": {"S": "bench"},
            "summary": {"S": "bench"},
            "visibility": {"S": "public"},
            "snapshot": {"S": '{"ticket_id": "T-000001"}'},
        },
    },
}

CALLBACK_RECORD = {  # a callback just requested: one callback.requested event
    "eventName": "INSERT",
    "dynamodb": {
        "SequenceNumber": "1",
        "NewImage": {
            "callback_id": {"S": "cb_01aaaaaaaaaaaaaaaaaaaaaaaa"},
            "kind": {"S": "scheduled"},
            "number": {"S": "+31201234567"},
            "queue": {"S": "general"},
            "time_zone": {"S": "Europe/Amsterdam"},
            "not_before": {"S": "2026-11-22T12:00:00Z"},
            "status": {"S": "waiting"},
            "max_attempts": {"N": "3"},
            "attempts": {"L": []},
            "requested_by": {"S": "bench"},
            "created_at": {"S": "2026-11-22T12:00:00Z"},
            "updated_at": {"S": "2026-11-22T12:00:00Z"},
            "version": {"N": "1"},
        },
    },
}

CHAT_SESSION_RECORD = {  # a bot turn that answered with an article: one chat.turn event
    "eventName": "MODIFY",
    "dynamodb": {
        "SequenceNumber": "1",
        "NewImage": {
            "session_id": {"S": "contact-bench"},
            "language": {"S": "en"},
            "state": {"S": "feedback"},
            "turns": {"S": "[]"},
            "retries": {"N": "0"},
            "last_turn": {
                "S": '{"at": "2026-11-22T12:00:00Z", "outcome": "answered", "article_id": "kb-bench"}'
            },
            "expires_at": {"N": "1795000000"},
        },
    },
}

# A domain event as the rules deliver it (for a ticket that does not exist: nothing to do).
TICKET_EVENT = {
    "source": "contactcenter.tickets",
    "detail-type": "ticket.created",
    "detail": {"ticket_id": "T-0000000", "ticket": {"ticket_id": "T-0000000", "ticket_type": "complaint"}},
}

# Firehose's transformation request: one contact trace record from the Kinesis stream.
FIREHOSE_EVENT = {
    "invocationId": "bench",
    "deliveryStreamArn": "arn:aws:firehose:eu-central-1:123456789012:deliverystream/bench",
    "region": "eu-central-1",
    "records": [
        {
            "recordId": "1",
            "approximateArrivalTimestamp": 1793000000000,
            "data": base64.b64encode(
                json.dumps(
                    {
                        "ContactId": "bench",
                        "Channel": "VOICE",
                        "InitiationMethod": "INBOUND",
                        "InitiationTimestamp": "2026-11-02T09:05:00Z",
                        "DisconnectTimestamp": "2026-11-02T09:06:00Z",
                        "DisconnectReason": "CONTACT_FLOW_DISCONNECT",
                        "Attributes": {"language": "en"},
                    }
                ).encode()
            ).decode(),
        }
    ],
}
PRE_TOKEN_EVENT = {
    "version": "2",
    "triggerSource": "TokenGeneration_Authentication",
    "request": {
        "userAttributes": {"custom:department": "billing"},
        "groupConfiguration": {"groupsToOverride": ["department"]},
        "scopes": [],
    },
    "response": {"claimsAndScopeOverrideDetails": None},
}

# Reads of something that does not exist still take the whole path: claims, validation,
# one DynamoDB call, a problem response. Each event names the status the function must answer.
# Connect functions answer a flat map whose "result" is checked instead of an HTTP status.
EVENTS: dict[str, tuple[dict[str, Any], int | str | None]] = {
    "health": (api_event("GET", "/health", {"deep": "true"}), 200),
    "openapi": (api_event("GET", "/openapi.json"), 200),
    "api_customers": (
        api_event(
            "GET",
            "/customers/cus_01aaaaaaaaaaaaaaaaaaaaaaaa",
            resource="/customers/{customer_id}",
            path_parameters={"customer_id": "cus_01aaaaaaaaaaaaaaaaaaaaaaaa"},
        ),
        404,
    ),
    "api_tickets": (
        api_event(
            "GET",
            "/tickets/T-000001",
            resource="/tickets/{ticket_id}",
            path_parameters={"ticket_id": "T-000001"},
        ),
        404,
    ),
    "api_directory": (
        api_event("GET", "/agents/ana", resource="/agents/{agent_id}", path_parameters={"agent_id": "ana"}),
        404,
    ),
    "events_publisher": ({"Records": [TIMELINE_RECORD]}, None),
    "callback_events_publisher": ({"Records": [CALLBACK_RECORD]}, None),
    "chat_events_publisher": ({"Records": [CHAT_SESSION_RECORD]}, None),
    "auth_claims": (PRE_TOKEN_EVENT, None),
    "lake_transform": (FIREHOSE_EVENT, None),
    "ivr_auth": (
        contact_flow_event(
            {"action": "lookup_account", "account_number": "99999999"},
            caller="+31201234567",
            instance_arn=INSTANCE_ARN,
        ),
        "not_found",
    ),
    "api_callbacks": (
        api_event(
            "GET",
            "/callbacks/cb_01aaaaaaaaaaaaaaaaaaaaaaaa",
            resource="/callbacks/{callback_id}",
            path_parameters={"callback_id": "cb_01aaaaaaaaaaaaaaaaaaaaaaaa"},
        ),
        404,
    ),
    "api_sla": (
        api_event(
            "GET", "/calendars/nope", resource="/calendars/{config_id}", path_parameters={"config_id": "nope"}
        ),
        404,
    ),
    "api_reports": (
        api_event(
            "GET",
            "/reports/nope",
            query={"from": "2026-11-01", "to": "2026-11-02"},
            resource="/reports/{name}",
            path_parameters={"name": "nope"},
        ),
        403,  # the bench's caller is an agent: reports are for supervisors
    ),
    "report_exporter": ({"Records": []}, None),
    "api_monitor": (
        api_event("GET", "/monitor/alert-rules"),
        403,  # the bench's caller is an agent: the live figures are for supervisors
    ),
    # The every-minute rule's event: the live snapshot against the rules (none on the bench's cloud).
    "monitor_alerts": (
        {
            "detail-type": "Scheduled Event",
            "source": "aws.events",
            "time": "2026-11-10T06:15:00Z",
            "detail": {},
        },
        None,
    ),
    # A $connect without a ticket: refused (401), as API Gateway then refuses the connection.
    "live_channel": ({"requestContext": {"routeKey": "$connect", "connectionId": "bench="}}, 401),
    # The hourly rule's event: what is due as of its time (nothing, on the bench's cloud).
    "report_scheduler": (
        {
            "detail-type": "Scheduled Event",
            "source": "aws.events",
            "time": "2026-11-10T06:15:00Z",
            "detail": {},
        },
        None,
    ),
    "callback_register": (contact_flow_event({}, caller="", instance_arn=INSTANCE_ARN), "no_number"),
    "workflow_starter": (TICKET_EVENT, None),
    "api_privacy": (
        api_event(
            "GET",
            "/customers/cus_01aaaaaaaaaaaaaaaaaaaaaaaa/export",
            resource="/customers/{customer_id}/export",
            path_parameters={"customer_id": "cus_01aaaaaaaaaaaaaaaaaaaaaaaa"},
        ),
        403,  # an agent's claims: exports are for supervisors, admins and the customer
    ),
    "customer_erasure": (
        {"step": "customer", "customer_id": "cus_01aaaaaaaaaaaaaaaaaaaaaaaa"},
        "error:NotFound",
    ),
    "complaint_steps": ({"step": "dispatch", "ticket_id": "T-0000000", "timing": {}}, "error:DoesNotExist"),
    "callback_steps": (
        {"step": "plan", "callback_id": "cb_01aaaaaaaaaaaaaaaaaaaaaaaa"},
        "error:DoesNotExist",
    ),
    "sla_timers": (TICKET_EVENT, None),
    "sla_escalations": ({"ticket_id": "T-0000000", "marker": "bench:breach"}, None),
    "api_knowledge": (
        api_event(
            "GET",
            "/knowledge/search",
            {"q": "I forgot my password", "lang": "en"},
            resource="/knowledge/search",
        ),
        200,
    ),
    # A deployment's trigger: the embedded engine has nothing to prepare.
    "knowledge_indexer": ({}, None),
    "chat_bot": (lex_event("bench", "I forgot my password", "en_US", {}), None),
    "routing": (
        contact_flow_event(
            {"customer_id": "", "products": "", "tier": "", "intent": "new", "auth_level": "none"},
            caller="+31201234567",
            instance_arn=INSTANCE_ARN,
        ),
        "routed",
    ),
}
