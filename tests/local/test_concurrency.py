"""The local cloud under concurrency: DynamoDB's write semantics per table, stream records
delivered after the write as an event source mapping delivers them, and ticket creation that
neither loses nor doubles a ticket when requests race."""

import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests
from botocore.exceptions import ClientError

from catalog.api_routes import ApiRoute
from localcloud import dynamodb_writes
from localcloud.api_gateway import LocalApi
from localcloud.provision import physical_name
from localcloud.session import LocalSession
from tests.local.conftest import FUNCTIONS, log_messages

pytestmark = pytest.mark.local_cloud


@pytest.fixture
def streamed_table(local: LocalSession, make_function: Callable[..., str]) -> Iterator[tuple[str, str]]:
    """A table whose stream invokes tests/local/functions/stream_probe: (table, function)."""
    dynamodb = local.cloud.client("dynamodb")
    table = f"test-streamed-{uuid.uuid4().hex[:8]}"
    stream_arn = dynamodb.create_table(
        TableName=table,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    )["TableDescription"]["LatestStreamArn"]
    function = make_function("stream_probe")
    local.cloud.client("lambda").create_event_source_mapping(
        EventSourceArn=stream_arn,
        FunctionName=function,
        StartingPosition="TRIM_HORIZON",
        BatchSize=10,
        FunctionResponseTypes=["ReportBatchItemFailures"],
    )
    yield table, function
    local.cloud.wait_idle()
    dynamodb.delete_table(TableName=table)


def _batches(local: LocalSession, function: str) -> list[list[str]]:
    found = []
    for message in log_messages(local, function):
        if message.startswith('{"batch"'):
            found.append(json.loads(message)["batch"])
    return found


def test_a_cancelled_transaction_writes_nothing_and_streams_nothing(
    local: LocalSession, streamed_table: tuple[str, str]
) -> None:
    table, function = streamed_table
    dynamodb = local.cloud.client("dynamodb")
    dynamodb.put_item(TableName=table, Item={"pk": {"S": "existing"}, "v": {"N": "1"}})
    local.cloud.wait_idle()
    with pytest.raises(ClientError) as cancelled:
        dynamodb.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": table, "Item": {"pk": {"S": "new"}}}},
                {
                    "Update": {
                        "TableName": table,
                        "Key": {"pk": {"S": "existing"}},
                        "UpdateExpression": "SET v = :two",
                        "ConditionExpression": "v = :zero",
                        "ExpressionAttributeValues": {":two": {"N": "2"}, ":zero": {"N": "0"}},
                    }
                },
            ]
        )
    reasons = [reason["Code"] for reason in cancelled.value.response["CancellationReasons"]]
    assert reasons == ["None", "ConditionalCheckFailed"]
    local.cloud.wait_idle()
    assert "Item" not in dynamodb.get_item(TableName=table, Key={"pk": {"S": "new"}})
    item = dynamodb.get_item(TableName=table, Key={"pk": {"S": "existing"}})["Item"]
    assert item["v"] == {"N": "1"}
    assert [key for batch in _batches(local, function) for key in batch] == ["existing"]


def test_a_committed_transactions_records_arrive_in_order_after_the_write(
    local: LocalSession, streamed_table: tuple[str, str]
) -> None:
    table, function = streamed_table
    dynamodb = local.cloud.client("dynamodb")
    started = time.perf_counter()
    # The first record makes the function sleep: the writer does not wait for it.
    dynamodb.transact_write_items(
        TransactItems=[
            {"Put": {"TableName": table, "Item": {"pk": {"S": "a"}, "sleep": {"N": "1.5"}}}},
            {"Put": {"TableName": table, "Item": {"pk": {"S": "b"}}}},
        ]
    )
    for key in ("c", "d", "e"):
        dynamodb.put_item(TableName=table, Item={"pk": {"S": key}})
    assert time.perf_counter() - started < 1.5
    local.cloud.wait_idle()
    assert [key for batch in _batches(local, function) for key in batch] == ["a", "b", "c", "d", "e"]


def test_a_reported_batch_item_failure_is_retried_from_that_record(
    local: LocalSession, streamed_table: tuple[str, str]
) -> None:
    table, function = streamed_table
    dynamodb = local.cloud.client("dynamodb")
    items: list[dict[str, Any]] = [
        {"pk": {"S": "x"}},
        {"pk": {"S": "y"}, "fail": {"BOOL": True}},
        {"pk": {"S": "z"}},
    ]
    dynamodb.transact_write_items(
        TransactItems=[{"Put": {"TableName": table, "Item": item}} for item in items]
    )
    local.cloud.wait_idle()
    delivered = [key for batch in _batches(local, function) for key in batch]
    assert delivered == ["x", "y", "z"]  # y failed once; x is not delivered again


def test_writes_to_different_tables_do_not_wait_for_each_other(
    local: LocalSession, streamed_table: tuple[str, str]
) -> None:
    table, _function = streamed_table
    dynamodb = local.cloud.client("dynamodb")
    other = local.cloud.resources.tables["audit"]
    written = threading.Event()

    def write_to(name: str, item: dict[str, Any]) -> None:
        dynamodb.put_item(TableName=name, Item=item)
        written.set()

    with dynamodb_writes.table_lock(table):  # as a long write to ``table`` would hold it
        audit = {"entity": {"S": "test#lock"}, "event_id": {"S": uuid.uuid4().hex}}
        threading.Thread(target=write_to, args=(other, audit)).start()
        assert written.wait(10), "a write to another table waited for this table's lock"
        written.clear()
        blocked = threading.Thread(target=write_to, args=(table, {"pk": {"S": "waits"}}))
        blocked.start()
        assert not written.wait(0.5), "a write to the same table did not wait for its lock"
    assert written.wait(10)
    blocked.join()


def test_racing_creations_with_one_idempotency_key_make_one_ticket(local: LocalSession) -> None:
    token = local.token("agent", username="ana")
    customer = local.http("POST", "/customers", token=token, json={"name": "Race", "language": "en"}).json()[
        "customer_id"
    ]
    key = str(uuid.uuid4())
    body = {"type": "request", "subject": f"Race {key}", "customer_id": customer}

    def create(_: int) -> tuple[int, dict[str, Any]]:
        response = local.http("POST", "/tickets", token=token, json=body, headers={"Idempotency-Key": key})
        return response.status_code, response.json()

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(create, range(6)))
    # Each racer gets the ticket, or is told the first request is still being processed.
    assert {status for status, _ in answers} <= {201, 409}
    tickets = {answer["ticket_id"] for status, answer in answers if status == 201}
    assert len(tickets) == 1
    status, again = create(0)  # the client's retry, once the first request has finished
    assert (status, again["ticket_id"]) == (201, *tickets)
    listed = local.http("GET", f"/tickets?customer={customer}&limit=100", token=token).json()
    assert [ticket["ticket_id"] for ticket in listed["items"]] == list(tickets)


def test_racing_creations_each_get_their_own_ticket(local: LocalSession) -> None:
    token = local.token("agent", username="ana")
    customer = local.http("POST", "/customers", token=token, json={"name": "Rush", "language": "en"}).json()[
        "customer_id"
    ]

    def create(index: int) -> tuple[int, str]:
        response = local.http(
            "POST",
            "/tickets",
            token=token,
            json={"type": "request", "subject": f"Rush {index}", "customer_id": customer},
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        return response.status_code, response.json().get("ticket_id", response.text)

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(create, range(16)))
    assert [status for status, _ in answers] == [201] * 16, answers
    assert len({ticket for _, ticket in answers}) == 16


def test_a_retried_transaction_with_its_client_request_token_is_not_made_twice(
    local: LocalSession, streamed_table: tuple[str, str]
) -> None:
    # botocore sends a ClientRequestToken with every TransactWriteItems and keeps it when it
    # retries (after a read timeout, say): DynamoDB then answers success without writing again.
    table, _function = streamed_table
    dynamodb = local.cloud.client("dynamodb")
    token = str(uuid.uuid4())
    once: list[dict[str, Any]] = [
        {
            "Put": {
                "TableName": table,
                "Item": {"pk": {"S": "once"}},
                "ConditionExpression": "attribute_not_exists(pk)",
            }
        },
        {
            "Update": {
                "TableName": table,
                "Key": {"pk": {"S": "counter"}},
                "UpdateExpression": "ADD n :one",
                "ExpressionAttributeValues": {":one": {"N": "1"}},
            }
        },
    ]
    dynamodb.transact_write_items(TransactItems=once, ClientRequestToken=token)
    dynamodb.transact_write_items(TransactItems=once, ClientRequestToken=token)
    assert dynamodb.get_item(TableName=table, Key={"pk": {"S": "counter"}})["Item"]["n"] == {"N": "1"}
    with pytest.raises(ClientError) as mismatch:
        dynamodb.transact_write_items(TransactItems=once[1:], ClientRequestToken=token)
    assert mismatch.value.response["Error"]["Code"] == "IdempotentParameterMismatchException"
    # Without the token it is a new transaction, whose condition now fails.
    with pytest.raises(ClientError) as cancelled:
        dynamodb.transact_write_items(TransactItems=once)
    assert cancelled.value.response["Error"]["Code"] == "TransactionCanceledException"


def test_the_api_answers_when_the_function_times_out_not_when_the_handler_returns(
    local: LocalSession,
) -> None:
    # Lambda stops a handler at its timeout and API Gateway answers 502 then; the local runtime
    # cannot stop it, but the local API answers at the same moment, and the slot stays taken
    # until the handler returns.
    name = f"slow-api-{uuid.uuid4().hex[:8]}"
    function = physical_name(name)
    role = local.cloud.client("iam").get_role(RoleName="contactcenter-local-execution")["Role"]["Arn"]
    local.cloud.client("lambda").create_function(
        FunctionName=function,
        Runtime="python3.12",
        Role=role,
        Handler="handler.handler",
        Code={"ZipFile": b"PK\x05\x06" + b"\x00" * 18},
        Timeout=1,
    )
    assert local.cloud.runtime is not None
    local.cloud.runtime.register(function, FUNCTIONS / "slow_api", "handler.handler")
    route = ApiRoute("GET", "/slow", name, public=True, scopes=())
    api = LocalApi(cloud=local.cloud, auth=local.auth, port=0, routes=(route,), max_concurrent=1).start()
    try:
        assert requests.get(f"{api.url}/slow?seconds=0", timeout=30).status_code == 200
        started = time.perf_counter()
        late = requests.get(f"{api.url}/slow?seconds=3", timeout=30)
        answered_after = time.perf_counter() - started
        assert late.status_code == 502
        assert late.json()["type"] == "urn:contactcenter:problem:bad-gateway"
        assert answered_after < 2.5
        # The handler still runs in its slot: the next request waits for it, then is served.
        started = time.perf_counter()
        assert requests.get(f"{api.url}/slow?seconds=0", timeout=30).status_code == 200
        assert time.perf_counter() - started > 0.3
    finally:
        api.stop()
