"""IAM on the local cloud: a function may call only what its catalog grants allow.

In AWS each function's role holds exactly the statements ``catalog/grants.py`` derives from
its spec. Here every function runs in this process, so this module stands in for IAM at the
one point every AWS call of the process passes through, botocore's
``BaseClient._make_api_call`` (botocore and boto3 clients, and pynamodb's own). For a call
made by a function it works out what AWS would authorize (the service's action and the
resources the request names), checks it against that function's statements with IAM's
wildcard matching, records it in ``calls`` and, when no statement allows it, raises the
``AccessDenied`` error AWS returns, before the request is sent.

Who calls: every function gets an access key of its own (``access_key_id``, derived from its
name like a role session's), in the environment of its invocations. The process shares
library modules, and so cached clients, between functions, so a client's own credentials
may be another function's: the caller is the function whose invocation runs in the calling
thread (its environment's key and name). Calls outside an invocation (tests, the CLI, the
provisioning, moto's Step Functions interpreter, the EventBridge delivery) are not
restricted and not recorded.

What is checked, per request (the resources AWS names in its authorization):

- DynamoDB: the table (or ``/index/<name>`` for a Query or Scan of an index); each table of
  a BatchGetItem or BatchWriteItem; each item of a TransactWriteItems as its own action
  (PutItem, UpdateItem, DeleteItem, ConditionCheckItem) on its table, and of a
  TransactGetItems as GetItem;
- Step Functions: the state machine started, and the state machine whose task token is
  answered (found in moto's running executions; an unknown token is allowed when the
  function may answer some machine, and moto answers that the token is invalid);
- EventBridge PutEvents: each entry's bus; SNS Publish: the topic (a phone number: ``*``);
  SES: the sender's identity, and the template of a templated e-mail;
- Connect: StartTaskContact (the instance and the flow), GetCurrentMetricData (the
  instance and each queue), GetMetricDataV2 (its resource and each queue filtered on),
  GetCurrentUserData (the instance and each queue, routing profile and agent filtered on),
  PutUserStatus (the agent and the agent status), the contact actions (TransferContact,
  MonitorContact, StopContact, UpdateContactRoutingData: the instance, the contact, and a
  transfer's queue and flow); EventBridge Scheduler: the schedule (``schedule/<group>/<name>``),
  ``*`` for ListSchedules, and ``iam:PassRole`` on the target's role when one is set; the live
  channel's management API (``execute-api:ManageConnections`` on the connection);
- S3 objects (GetObject, PutObject, ...), Lambda Invoke (``lambda:InvokeFunction``); any
  other operation as ``<service>:<Operation>`` on ``*``.

Out of reach, by design: calls that go around botocore in the process (a browser's upload
to an S3 presigned URL, which S3 authorizes as the signer; the embedded search engine, which
stands in for the OpenSearch domain's ``es:ESHttp*`` grants), what services do on the
caller's behalf (the KMS grants: local tables and buckets use no customer key), and IAM
conditions, resource policies and explicit denies (the catalog grants none).
"""

import hashlib
import os
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from email.utils import parseaddr
from functools import lru_cache
from typing import Any

from botocore.client import BaseClient

from catalog.grants import Statement
from localcloud.provision import LIVE_CHANNEL_API, LIVE_CHANNEL_STAGE

DEFAULT_ACCOUNT = "123456789012"

# The error each service returns when IAM refuses a call: (code, HTTP status).
_DENIED: Mapping[str, tuple[str, int]] = {
    "s3": ("AccessDenied", 403),
    "sns": ("AuthorizationError", 403),
    "ses": ("AccessDenied", 403),
    "lambda": ("AccessDeniedException", 403),
}
_DEFAULT_DENIED = ("AccessDeniedException", 400)

_TRANSACT_WRITE_ACTIONS = {
    "Put": "PutItem",
    "Update": "UpdateItem",
    "Delete": "DeleteItem",
    "ConditionCheck": "ConditionCheckItem",
}
_S3_ACTIONS = {
    "HeadObject": "GetObject",
    "ListObjects": "ListBucket",
    "ListObjectsV2": "ListBucket",
    "HeadBucket": "ListBucket",
    "CreateMultipartUpload": "PutObject",
    "UploadPart": "PutObject",
    "CompleteMultipartUpload": "PutObject",
    "CopyObject": "PutObject",
    "DeleteObjects": "DeleteObject",
}


def access_key_id(function_name: str) -> str:
    """The access key a function's invocations carry (like its role session's), by its name."""
    return "ASIA" + hashlib.sha256(function_name.encode()).hexdigest()[:16].upper()


@dataclass(frozen=True)
class Request:
    """One authorization AWS makes for a call: an action on a resource."""

    action: str
    resource: str
    allowed: bool = False


@dataclass(frozen=True)
class Call:
    """An AWS call a function made on the local cloud, and what IAM said."""

    function: str  # its physical name
    service: str  # the IAM service prefix (dynamodb, states, events, ...)
    operation: str  # the API operation (TransactWriteItems)
    requests: tuple[Request, ...]  # what was authorized (each item of a transaction)

    @property
    def allowed(self) -> bool:
        return all(request.allowed for request in self.requests)

    @property
    def actions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(request.action for request in self.requests))

    @property
    def resources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(request.resource for request in self.requests))

    @property
    def denied(self) -> tuple[Request, ...]:
        return tuple(request for request in self.requests if not request.allowed)


@lru_cache(maxsize=4096)
def _pattern(text: str, ignore_case: bool) -> re.Pattern[str]:
    """IAM's wildcards: ``*`` any characters (also ``:`` and ``/``), ``?`` any one."""
    body = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in text)
    return re.compile(f"^{body}$", re.IGNORECASE | re.DOTALL if ignore_case else re.DOTALL)


def allows(statements: Iterable[Statement], action: str, resource: str) -> bool:
    """Whether some statement allows ``action`` on ``resource`` (actions ignore case)."""
    return any(
        any(_pattern(a, True).match(action) for a in statement.actions)
        and any(_pattern(r, False).match(resource) for r in statement.resources)
        for statement in statements
    )


TokenLookup = Callable[[str], str | None]
"""A task token -> the ARN of the state machine whose execution waits for it."""


def moto_task_token_machine(token: str) -> str | None:
    """The state machine of the running execution that waits for ``token``, in moto."""
    from moto.stepfunctions.models import stepfunctions_backends
    from moto.stepfunctions.parser.models import stepfunctions_parser_backends

    for backends in (stepfunctions_parser_backends, stepfunctions_backends):
        for _account, _region, backend in backends.iter_backends():
            for machine in getattr(backend, "state_machines", []):
                for execution in getattr(machine, "executions", []):
                    worker = getattr(execution, "exec_worker", None)
                    manager = getattr(getattr(worker, "env", None), "callback_pool_manager", None)
                    if token in getattr(manager, "_pool", {}):
                        return str(machine.arn)
    return None


@dataclass
class Iam:
    """The local cloud's IAM: each function's statements, and the calls they were checked on."""

    account: str = DEFAULT_ACCOUNT
    policies: dict[str, tuple[Statement, ...]] = field(default_factory=dict)  # physical name ->
    calls: list[Call] = field(default_factory=list)
    task_token_machine: TokenLookup = moto_task_token_machine
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _original: Any = None

    # -- policies -----------------------------------------------------------------------------

    def attach(self, function_name: str, statements: Sequence[Statement]) -> None:
        """``function_name``'s role holds ``statements`` (a function without any may call nothing)."""
        with self._lock:
            self.policies[function_name] = tuple(statements)

    def detach(self, function_name: str) -> None:
        with self._lock:
            self.policies.pop(function_name, None)

    # -- the record -------------------------------------------------------------------------

    def calls_of(self, function_name: str) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if call.function == function_name]

    def denials(self) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if not call.allowed]

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()

    # -- the hook ---------------------------------------------------------------------------

    def install(self) -> None:
        """Check every botocore call of this process (idempotent)."""
        if self._original is not None:
            return
        # Private to botocore (its stubs do not declare it), but the one call every client makes.
        original = getattr(BaseClient, "_make_api_call")  # noqa: B009
        self._original = original
        iam = self

        def _make_api_call(client: BaseClient, operation_name: str, api_params: dict[str, Any]) -> Any:
            iam.check(client, operation_name, api_params)
            return original(client, operation_name, api_params)

        setattr(BaseClient, "_make_api_call", _make_api_call)  # noqa: B010

    def uninstall(self) -> None:
        if self._original is not None:
            setattr(BaseClient, "_make_api_call", self._original)  # noqa: B010
            self._original = None

    @staticmethod
    def caller() -> str | None:
        """The function whose invocation runs in this thread (None: not a function's call)."""
        environment = os.environ  # inside an invocation: the function's own (localcloud.isolation)
        name = environment.get("AWS_LAMBDA_FUNCTION_NAME")
        if name and environment.get("AWS_ACCESS_KEY_ID") == access_key_id(name):
            return name
        return None

    def check(self, client: BaseClient, operation_name: str, params: Mapping[str, Any]) -> Call | None:
        """Record a function's call and refuse it, as AWS would, unless its statements allow it."""
        function = self.caller()
        if function is None:
            return None
        model = client.meta.service_model
        service = str(model.signing_name or model.endpoint_prefix)
        region = str(client.meta.region_name)
        wanted = authorizations(
            service, operation_name, params, region, self.account, self.task_token_machine
        )
        with self._lock:
            policy = self.policies.get(function, ())
        requests = tuple(
            Request(action, resource, self._allows(policy, action, resource)) for action, resource in wanted
        )
        call = Call(function, service, operation_name, requests)
        with self._lock:
            self.calls.append(call)
        if not call.allowed:
            raise self._denied(client, service, function, call.denied[0], operation_name)
        return call

    @staticmethod
    def _allows(policy: Sequence[Statement], action: str, resource: str) -> bool:
        if resource == _ANY_MACHINE:
            # A task token no running execution waits for: moto will say it is invalid.
            return any(allows([s], action, r) for s in policy for r in s.resources)
        return allows(policy, action, resource)

    def _denied(
        self, client: BaseClient, service: str, function: str, request: Request, operation_name: str
    ) -> Exception:
        code, status = _DENIED.get(service, _DEFAULT_DENIED)
        message = (
            f"User: arn:aws:sts::{self.account}:assumed-role/{function}-role/{function} is not authorized "
            f"to perform: {request.action} on resource: {request.resource} because no identity-based "
            f"policy allows the {request.action} action"
        )
        response: Any = {
            "Error": {"Code": code, "Message": message},
            "ResponseMetadata": {"HTTPStatusCode": status, "HTTPHeaders": {}},
        }
        error_class: Any = client.exceptions.from_code(code)
        error: Exception = error_class(response, operation_name)
        return error


_ANY_MACHINE = "arn:aws:states:*:*:stateMachine:*"  # marks a task token of no known machine


def authorizations(
    service: str,
    operation: str,
    params: Mapping[str, Any],
    region: str,
    account: str,
    task_token_machine: TokenLookup = moto_task_token_machine,
) -> list[tuple[str, str]]:
    """What AWS authorizes for a call: (action, resource) pairs, in the request's order."""

    def arn(resource: str, svc: str = service) -> str:
        return resource if resource.startswith("arn:") else f"arn:aws:{svc}:{region}:{account}:{resource}"

    action = f"{service}:{operation}"
    if service == "dynamodb":
        return _dynamodb(operation, params, lambda name: arn(f"table/{name}"))
    if service == "states":
        if operation in ("StartExecution", "StartSyncExecution"):
            return [(action, str(params.get("stateMachineArn", "*")))]
        if operation in ("SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat"):
            machine = task_token_machine(str(params.get("taskToken", "")))
            return [(action, machine or _ANY_MACHINE)]
        for key in ("executionArn", "stateMachineArn"):
            if key in params:
                return [(action, str(params[key]))]
    if service == "events" and operation == "PutEvents":
        buses = [str(entry.get("EventBusName") or "default") for entry in params.get("Entries", [])]
        return [(action, arn(f"event-bus/{bus}")) for bus in dict.fromkeys(buses)]
    if service == "sns" and operation == "Publish":
        topic = params.get("TopicArn") or params.get("TargetArn")
        return [(action, str(topic) if topic else "*")]
    if service == "ses" and operation in ("SendEmail", "SendRawEmail", "SendTemplatedEmail"):
        sender = parseaddr(str(params.get("Source", "")))[1]
        wanted = [(action, arn(f"identity/{sender}") if sender else "*")]
        if operation == "SendTemplatedEmail":
            wanted.append((action, arn(f"template/{params.get('Template', '')}")))
        return wanted
    if service == "connect":
        return _connect(operation, params, arn(f"instance/{params.get('InstanceId', '')}"))
    if service == "scheduler":
        return _scheduler(operation, params, arn)
    if service == "s3":
        return _s3(operation, params)
    if service == "cognito-idp" and "UserPoolId" in params:
        return [(action, arn(f"userpool/{params['UserPoolId']}"))]
    if service == "secretsmanager" and "SecretId" in params:
        # By ARN (the functions are given it); a name would need moto to resolve its suffix.
        secret = str(params["SecretId"])
        return [(action, secret if secret.startswith("arn:") else arn(f"secret:{secret}"))]
    if service == "athena":  # a query's calls are authorized on its workgroup
        return [(action, arn(f"workgroup/{_athena_workgroup(params, region, account)}"))]
    if service == "execute-api":  # the live channel's management API (its one local stage)
        method = {"PostToConnection": "POST", "DeleteConnection": "DELETE"}.get(operation, "GET")
        connection = (
            f"{LIVE_CHANNEL_API}/{LIVE_CHANNEL_STAGE}/{method}/@connections/{params.get('ConnectionId', '')}"
        )
        return [("execute-api:ManageConnections", arn(connection))]
    if service == "lambda" and "FunctionName" in params:
        name = str(params["FunctionName"])
        verb = "InvokeFunction" if operation in ("Invoke", "InvokeAsync") else operation
        return [(f"lambda:{verb}", arn(name if name.startswith("arn:") else f"function:{name}"))]
    return [(action, "*")]


def _athena_workgroup(params: Mapping[str, Any], region: str, account: str) -> str:
    """The workgroup a call names, or that of the query execution it names."""
    if "WorkGroup" in params:
        return str(params["WorkGroup"])
    from moto.athena.models import athena_backends

    execution = athena_backends[account][region].executions.get(str(params.get("QueryExecutionId", "")))
    return execution.workgroup.name if execution is not None and execution.workgroup else "primary"


def _dynamodb(
    operation: str, params: Mapping[str, Any], table_arn: Callable[[str], str]
) -> list[tuple[str, str]]:
    if operation == "TransactWriteItems":
        wanted = []
        for item in params.get("TransactItems", []):
            for kind, request in item.items():
                verb = _TRANSACT_WRITE_ACTIONS.get(kind, kind)
                wanted.append((f"dynamodb:{verb}", table_arn(str(request.get("TableName", "")))))
        return wanted
    if operation == "TransactGetItems":
        return [
            ("dynamodb:GetItem", table_arn(str(request.get("TableName", ""))))
            for item in params.get("TransactItems", [])
            for request in item.values()
        ]
    if operation in ("BatchGetItem", "BatchWriteItem"):
        return [(f"dynamodb:{operation}", table_arn(str(name))) for name in params.get("RequestItems", {})]
    if "TableName" not in params:
        return [(f"dynamodb:{operation}", "*")]
    resource = table_arn(str(params["TableName"]))
    if operation in ("Query", "Scan") and params.get("IndexName"):
        resource = f"{resource}/index/{params['IndexName']}"
    return [(f"dynamodb:{operation}", resource)]


def _connect(operation: str, params: Mapping[str, Any], instance: str) -> list[tuple[str, str]]:
    action = f"connect:{operation}"

    def child(kind: str, reference: str) -> str:
        return reference if reference.startswith("arn:") else f"{instance}/{kind}/{reference}"

    if operation == "StartTaskContact":
        return [(action, instance), (action, child("contact-flow", str(params.get("ContactFlowId", ""))))]
    if operation == "GetCurrentMetricData":
        queues = params.get("Filters", {}).get("Queues", [])
        return [(action, instance), *((action, child("queue", str(q))) for q in queues)]
    if operation == "GetMetricDataV2":  # named by the instance's ARN, filtered by queue
        target = str(params.get("ResourceArn", "*"))
        filters = {f.get("FilterKey"): f.get("FilterValues", []) for f in params.get("Filters", [])}
        queues = [q if str(q).startswith("arn:") else f"{target}/queue/{q}" for q in filters.get("QUEUE", [])]
        return [(action, target), *((action, str(q)) for q in queues)]
    if operation == "GetCurrentUserData":
        filters = params.get("Filters", {})
        named = [
            *(child("queue", str(q)) for q in filters.get("Queues", [])),
            *(child("routing-profile", str(p)) for p in filters.get("RoutingProfiles", [])),
            *(child("agent", str(a)) for a in filters.get("Agents", [])),
        ]
        return [(action, instance), *((action, resource) for resource in named)]
    if operation == "PutUserStatus":
        return [
            (action, child("agent", str(params.get("UserId", "")))),
            (action, child("agent-state", str(params.get("AgentStatusId", "")))),
        ]
    if operation in ("ListUsers", "ListAgentStatuses"):
        return [(action, instance)]
    if operation in ("TransferContact", "MonitorContact", "StopContact", "UpdateContactRoutingData"):
        wanted = [(action, instance), (action, child("contact", str(params.get("ContactId", ""))))]
        if params.get("QueueId"):
            wanted.append((action, child("queue", str(params["QueueId"]))))
        if params.get("ContactFlowId"):
            wanted.append((action, child("contact-flow", str(params["ContactFlowId"]))))
        return wanted
    return [(action, instance if "InstanceId" in params else "*")]


def _scheduler(operation: str, params: Mapping[str, Any], arn: Callable[[str], str]) -> list[tuple[str, str]]:
    action = f"scheduler:{operation}"
    if operation not in ("CreateSchedule", "UpdateSchedule", "DeleteSchedule", "GetSchedule"):
        return [(action, "*")]
    group = params.get("GroupName") or "default"
    wanted = [(action, arn(f"schedule/{group}/{params.get('Name', '')}"))]
    role = params.get("Target", {}).get("RoleArn")
    if role:
        wanted.append(("iam:PassRole", str(role)))
    return wanted


def _s3(operation: str, params: Mapping[str, Any]) -> list[tuple[str, str]]:
    action = f"s3:{_S3_ACTIONS.get(operation, operation)}"
    bucket = params.get("Bucket")
    if not bucket:
        return [(action, "*")]
    if operation == "DeleteObjects":
        objects = params.get("Delete", {}).get("Objects", [])
        return [(action, f"arn:aws:s3:::{bucket}/{o.get('Key', '')}") for o in objects]
    key = params.get("Key")
    return [(action, f"arn:aws:s3:::{bucket}/{key}" if key is not None else f"arn:aws:s3:::{bucket}")]
