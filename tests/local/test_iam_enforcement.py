"""The local cloud enforces IAM as the catalog grants it (localcloud/iam.py): a function's
calls are checked against the statements catalog/grants.py derives from its spec, the same
the CDK app gives its role, and refused with AWS's AccessDenied when none allows them."""

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import catalog
from catalog import Access, FunctionSpec
from catalog.grants import Statement, statements
from contactcenter.constants import BUS_DOMAIN, STATE_MACHINE_CALLBACK, TABLE_AUDIT, TABLE_DEPARTMENTS
from localcloud import iam
from localcloud.provision import LOCAL_SENDER, LOCAL_STAGE
from localcloud.session import LocalSession
from tests.local.conftest import invoke

ACCOUNT, REGION = "123456789012", "eu-central-1"


def _grants(local: LocalSession, **grants: Any) -> list[Statement]:
    spec = FunctionSpec(
        name="probe", stack="test", description="", memory_mb=128, timeout_seconds=10, **grants
    )
    return statements(spec, local.cloud.resources, stage=LOCAL_STAGE, sender_email=LOCAL_SENDER)


@pytest.fixture
def probe(local: LocalSession, make_function: Callable[..., str]) -> Iterator[Callable[..., str]]:
    """A test function (tests/local/functions/aws_probe) with the grants of a temporary spec."""
    names: list[str] = []

    def make(**grants: Any) -> str:
        name = make_function("aws_probe")
        local.cloud.iam.attach(name, _grants(local, **grants))
        names.append(name)
        return name

    yield make
    for name in names:
        local.cloud.iam.detach(name)


def _department(name: str) -> dict[str, Any]:
    key = catalog.TABLES_BY_KEY[TABLE_DEPARTMENTS].definition.partition.name
    return {key: {"S": name}, "name": {"S": name}}


def test_a_function_may_read_a_table_it_is_granted_read(
    local: LocalSession, probe: Callable[..., str]
) -> None:
    name = probe(tables={TABLE_DEPARTMENTS: Access.READ})
    table = local.cloud.resources.table_name(TABLE_DEPARTMENTS)
    key = catalog.TABLES_BY_KEY[TABLE_DEPARTMENTS].definition.partition.name

    result, error = invoke(
        local,
        name,
        {
            "service": "dynamodb",
            "operation": "get_item",
            "params": {"TableName": table, "Key": {key: {"S": "x"}}},
        },
    )

    assert error is None and result == {"ok": True, "keys": []}
    (call,) = local.cloud.iam.calls_of(name)
    assert call.allowed
    assert (call.service, call.operation, call.actions) == ("dynamodb", "GetItem", ("dynamodb:GetItem",))
    assert call.resources == (f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{table}",)


def test_writing_to_a_table_granted_read_is_access_denied(
    local: LocalSession, probe: Callable[..., str]
) -> None:
    name = probe(tables={TABLE_DEPARTMENTS: Access.READ})
    table = local.cloud.resources.table_name(TABLE_DEPARTMENTS)
    department = f"denied-{uuid.uuid4().hex[:8]}"

    result, error = invoke(
        local,
        name,
        {
            "service": "dynamodb",
            "operation": "put_item",
            "params": {"TableName": table, "Item": _department(department)},
        },
    )

    assert error is None  # the handler caught the ClientError, as a handler could
    arn = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{table}"
    assert result["error"] == "AccessDeniedException"
    assert result["status"] == 400
    assert result["message"].startswith(f"User: arn:aws:sts::{ACCOUNT}:assumed-role/{name}-role/{name} ")
    assert f"is not authorized to perform: dynamodb:PutItem on resource: {arn}" in result["message"]
    (call,) = local.cloud.iam.calls_of(name)
    assert not call.allowed and call.denied[0].action == "dynamodb:PutItem"
    # Refused before it reached the table.
    key = catalog.TABLES_BY_KEY[TABLE_DEPARTMENTS].definition.partition.name
    stored = local.cloud.client("dynamodb").get_item(TableName=table, Key={key: {"S": department}})
    assert "Item" not in stored


def test_a_transaction_touching_a_table_the_function_lacks_is_refused(
    local: LocalSession, probe: Callable[..., str]
) -> None:
    name = probe(tables={TABLE_DEPARTMENTS: Access.READ_WRITE})
    departments = local.cloud.resources.table_name(TABLE_DEPARTMENTS)
    audit = local.cloud.resources.table_name(TABLE_AUDIT)
    audit_definition = catalog.TABLES_BY_KEY[TABLE_AUDIT].definition
    audit_item = {audit_definition.partition.name: {"S": "x"}}
    if audit_definition.sort is not None:
        audit_item[audit_definition.sort.name] = {"S": "y"}
    department = f"txn-{uuid.uuid4().hex[:8]}"

    result, _ = invoke(
        local,
        name,
        {
            "service": "dynamodb",
            "operation": "transact_write_items",
            "params": {
                "TransactItems": [
                    {"Put": {"TableName": departments, "Item": _department(department)}},
                    {"Put": {"TableName": audit, "Item": audit_item}},
                ]
            },
        },
    )

    audit_arn = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{audit}"
    assert result["error"] == "AccessDeniedException"
    assert f"dynamodb:PutItem on resource: {audit_arn}" in result["message"]
    (call,) = local.cloud.iam.calls_of(name)
    assert call.operation == "TransactWriteItems"
    assert [(r.action, r.resource, r.allowed) for r in call.requests] == [
        ("dynamodb:PutItem", f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{departments}", True),
        ("dynamodb:PutItem", audit_arn, False),
    ]
    key = catalog.TABLES_BY_KEY[TABLE_DEPARTMENTS].definition.partition.name
    stored = local.cloud.client("dynamodb").get_item(TableName=departments, Key={key: {"S": department}})
    assert "Item" not in stored  # nothing of the transaction was written


def test_a_function_without_grants_may_call_nothing(
    local: LocalSession, make_function: Callable[..., str]
) -> None:
    name = make_function("aws_probe")  # not a catalog function, and nothing attached

    result, _ = invoke(local, name, {"service": "sns", "operation": "list_topics"})

    assert result["error"] == "AuthorizationError" and result["status"] == 403
    assert "sns:ListTopics on resource: *" in result["message"]


def test_calls_with_other_credentials_are_not_restricted(local: LocalSession) -> None:
    before = len(local.cloud.iam.calls)
    table = local.cloud.resources.table_name(TABLE_AUDIT)

    local.cloud.client("dynamodb").describe_table(TableName=table)  # the tests', not a function's

    assert len(local.cloud.iam.calls) == before


def test_every_catalog_function_runs_with_its_own_key_and_catalog_grants(local: LocalSession) -> None:
    response = local.http("GET", "/health?deep=true")

    assert response.status_code == 200, response.text
    health = "contactcenter-health"
    assert local.cloud.iam.policies[health] == tuple(_catalog_grants(local, "health"))
    calls = local.cloud.iam.calls_of(health)
    audit = local.cloud.resources.table_arn(TABLE_AUDIT)
    assert any(
        c.allowed and c.requests[0].action == "dynamodb:DescribeTable" and c.resources == (audit,)
        for c in calls
    )
    assert iam.access_key_id(health) != iam.access_key_id("contactcenter-routing")


def _catalog_grants(local: LocalSession, name: str) -> list[Statement]:
    spec = catalog.FUNCTIONS_BY_NAME[name]
    return statements(spec, local.cloud.resources, stage=LOCAL_STAGE, sender_email=LOCAL_SENDER)


def test_what_each_call_authorizes() -> None:
    def auth(service: str, operation: str, params: dict[str, Any]) -> list[tuple[str, str]]:
        return iam.authorizations(service, operation, params, REGION, ACCOUNT, lambda token: None)

    arn = f"arn:aws:{{}}:{REGION}:{ACCOUNT}:{{}}"
    assert auth("dynamodb", "Query", {"TableName": "t", "IndexName": "by_x"}) == [
        ("dynamodb:Query", arn.format("dynamodb", "table/t/index/by_x"))
    ]
    assert auth("dynamodb", "BatchGetItem", {"RequestItems": {"a": {}, "b": {}}}) == [
        ("dynamodb:BatchGetItem", arn.format("dynamodb", "table/a")),
        ("dynamodb:BatchGetItem", arn.format("dynamodb", "table/b")),
    ]
    assert auth("dynamodb", "TransactGetItems", {"TransactItems": [{"Get": {"TableName": "a"}}]}) == [
        ("dynamodb:GetItem", arn.format("dynamodb", "table/a"))
    ]
    assert auth("events", "PutEvents", {"Entries": [{"EventBusName": "bus"}, {}]}) == [
        ("events:PutEvents", arn.format("events", "event-bus/bus")),
        ("events:PutEvents", arn.format("events", "event-bus/default")),
    ]
    assert auth("sns", "Publish", {"PhoneNumber": "+49"}) == [("sns:Publish", "*")]
    assert auth("ses", "SendTemplatedEmail", {"Source": "Desk <d@x.org>", "Template": "t1"}) == [
        ("ses:SendTemplatedEmail", arn.format("ses", "identity/d@x.org")),
        ("ses:SendTemplatedEmail", arn.format("ses", "template/t1")),
    ]
    role = f"arn:aws:iam::{ACCOUNT}:role/r"
    assert auth(
        "scheduler", "CreateSchedule", {"Name": "n", "GroupName": "g", "Target": {"RoleArn": role}}
    ) == [
        ("scheduler:CreateSchedule", arn.format("scheduler", "schedule/g/n")),
        ("iam:PassRole", role),
    ]
    assert auth("scheduler", "ListSchedules", {"GroupName": "g"}) == [("scheduler:ListSchedules", "*")]
    instance = arn.format("connect", "instance/i")
    assert auth("connect", "StartTaskContact", {"InstanceId": "i", "ContactFlowId": "f"}) == [
        ("connect:StartTaskContact", instance),
        ("connect:StartTaskContact", f"{instance}/contact-flow/f"),
    ]
    assert auth("s3", "HeadObject", {"Bucket": "b", "Key": "k"}) == [("s3:GetObject", "arn:aws:s3:::b/k")]
    assert auth("lambda", "Invoke", {"FunctionName": "f"}) == [
        ("lambda:InvokeFunction", arn.format("lambda", "function:f"))
    ]


def test_statements_match_as_iam_matches() -> None:
    grants = [
        Statement("x", ("scheduler:GetSchedule",), (f"arn:aws:scheduler:{REGION}:{ACCOUNT}:schedule/g/*",))
    ]

    assert iam.allows(grants, "scheduler:getschedule", f"arn:aws:scheduler:{REGION}:{ACCOUNT}:schedule/g/t-1")
    assert not iam.allows(
        grants, "scheduler:GetSchedule", f"arn:aws:scheduler:{REGION}:{ACCOUNT}:schedule/h/t"
    )
    assert not iam.allows(
        grants, "scheduler:DeleteSchedule", f"arn:aws:scheduler:{REGION}:{ACCOUNT}:schedule/g/t"
    )
    assert not iam.allows(grants, "scheduler:GetSchedule", "*")  # a named resource never allows "*"


def test_the_catalog_grants_are_the_roles_grants(local: LocalSession) -> None:
    """Spot checks of what the local cloud enforces (tests/infra compares the templates)."""
    resources = local.cloud.resources
    starter = {a for s in _catalog_grants(local, "callback_register") for a in s.actions}
    assert "states:StartExecution" in starter
    (start,) = [s for s in _catalog_grants(local, "callback_register") if s.grant == "starts"]
    assert start.resources == (resources.state_machine_arn(STATE_MACHINE_CALLBACK),)
    (bus,) = [s for s in _catalog_grants(local, "events_publisher") if s.grant == "publishes_to"]
    assert bus.resources == (resources.bus_arn(BUS_DOMAIN),)
