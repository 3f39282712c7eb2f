"""A customer's rights over their data, through the real API and the real erasure workflow on
the local cloud: the export holds what was written about them; after erasure none of their
personal values is left in any table, object or log group the local cloud holds, and the audit
log still verifies."""

import json
import random
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
import requests

from localcloud.cloud import LocalCloud
from localcloud.connect import contact_flow_event
from localcloud.provision import physical_name
from tests.api.conftest import Api, unique

pytestmark = pytest.mark.local_cloud


def _written(api: Api) -> dict[str, Any]:
    """A customer with something of theirs in every place the product keeps personal data:
    record, lookup keys, IVR account, tickets (comment, attachment), callback, history, a
    signed-in chat. Every personal value is unique to this test run."""
    marker = unique()
    values = {
        "name": f"Erasmus Privé {marker}",
        "email": f"erasmus.{marker}@example.com",
        "phone": f"+3162{random.randrange(10**7):07d}",
        "account_number": f"{random.randrange(10**9):09d}",
        "street": f"Gedempte Gracht {marker}",
        "subject": f"My neighbour {marker} shares my Wi-Fi",
        "description": f"The router at Gedempte Gracht {marker} restarts at night",
        "comment": f"Call me at home after six {marker}",
        "filename": f"contract-{marker}.txt",
        "file": f"Signed contract of Erasmus {marker}",
        "reason": f"Wants the engineer before noon {marker}",
        "recording": f"(audio) Hello, this is Erasmus {marker}",
    }
    customer = api.customer(
        name=values["name"],
        email=values["email"],
        phones=[values["phone"]],
        account_number=values["account_number"],
        address={"street": values["street"], "city": "Groningen", "country": "NL"},
    )
    customer_id = customer["customer_id"]
    api.call("PUT", f"/customers/{customer_id}/pin", json={"pin": "4071"}, expect=204)
    ticket = api.ticket(
        customer_id, type="complaint", subject=values["subject"], description=values["description"]
    )
    path = f"/tickets/{ticket['ticket_id']}"
    api.call("POST", f"{path}/comments", json={"body": values["comment"]}, expect=201)
    content = values["file"].encode()
    announced = api.call(
        "POST",
        f"{path}/attachments",
        json={"filename": values["filename"], "content_type": "text/plain", "size": len(content)},
        expect=201,
    ).json()
    form = announced["upload"]
    uploaded = requests.post(form["url"], data=form["fields"], files={"file": ("x", content)}, timeout=30)
    assert uploaded.status_code in (200, 204), uploaded.text
    callback = api.call(
        "POST",
        "/callbacks",
        json={"number": values["phone"], "customer_id": customer_id, "reason": values["reason"]},
    )
    assert callback.status_code in (200, 201), callback.text
    cloud = api.session.cloud
    pool = cloud.resources.customer_pool_id()
    cloud.client("cognito-idp").admin_create_user(
        UserPoolId=pool,
        Username=values["email"],
        UserAttributes=[
            {"Name": "email", "Value": values["email"]},
            {"Name": "email_verified", "Value": "true"},
        ],
    )
    linked = {"username": values["email"]}
    api.call("PUT", f"/customers/{customer_id}/portal-user", as_="supervisor", json=linked, expect=200)
    token = api.session.token("customer", customer_id=customer_id)
    assertion = api.call("POST", "/chat/sessions", token=token, expect=201).json()["assertion"]
    chat = cloud.simulator().call(
        cloud.flow_arn("chat_selfservice"),
        caller=values["phone"],
        inputs=["What is the status of my ticket?"],
        channel="CHAT",
        attributes={"customer_assertion": assertion},
    )
    # An identified call, routed (the routing function puts it in the customer's history), and
    # its recording as Connect files it.
    call_id = str(uuid.uuid4())
    event = contact_flow_event(
        {"customer_id": customer_id, "auth_level": "full", "intent": "new"},
        caller=values["phone"],
        contact_id=call_id,
        instance_arn="arn:aws:connect:eu-central-1:123456789012:instance/local",
    )
    routed = cloud.client("lambda").invoke(FunctionName=physical_name("routing"), Payload=json.dumps(event))
    assert json.loads(routed["Payload"].read())["result"] == "routed"
    recording = f"recordings/{datetime.now(UTC):%Y/%m/%d}/{call_id}_{datetime.now(UTC):%Y%m%dT%H:%M}_UTC.wav"
    cloud.client("s3").put_object(
        Bucket=cloud.resources.buckets["recordings"], Key=recording, Body=values["recording"].encode()
    )
    return {
        "customer_id": customer_id,
        "ticket_id": ticket["ticket_id"],
        "callback_id": callback.json()["callback_id"],
        "contact_id": chat.contact_id,
        "token": token,
        "values": values,
    }


@pytest.fixture(scope="module")
def written(api: Api) -> dict[str, Any]:
    return _written(api)


def test_the_export_holds_what_was_written(api: Api, written: dict[str, Any]) -> None:
    values, customer_id = written["values"], written["customer_id"]
    path = f"/customers/{customer_id}/export"
    export = api.call("GET", path, as_="supervisor", expect=200).json()
    assert export["profile"]["name"] == values["name"]
    assert export["profile"]["email"] == values["email"] and export["profile"]["phones"] == [values["phone"]]
    assert export["account"]["account_number"] == values["account_number"]
    assert "pin_hash" not in export["account"]  # a credential, not the customer's data
    [ticket] = export["tickets"]
    assert ticket["subject"] == values["subject"] and ticket["description"] == values["description"]
    bodies = [e["comment"]["body"] for e in ticket["timeline"] if e.get("comment")]
    assert values["comment"] in bodies
    assert [c["callback_id"] for c in export["callbacks"]] == [written["callback_id"]]
    assert export["callbacks"][0]["reason"] == values["reason"]
    assert "ticket" in {h["kind"] for h in export["history"]}
    assert [s["session_id"] for s in export["chat_sessions"]] == [written["contact_id"]]
    audited = {(r["entity"], r["action"]) for r in export["audit"] if r["readable"]}
    assert (f"customer#{customer_id}", "customer.created") in audited
    assert (f"ticket#{written['ticket_id']}", "ticket.created") in audited
    created = next(r for r in export["audit"] if r["action"] == "customer.created")
    assert created["after"]["name"] == values["name"]  # unsealed

    # The customer exports their own, without what is internal; no one else's.
    own = api.call("GET", path, token=written["token"], expect=200).json()
    assert own["profile"]["name"] == values["name"] and own["audit"] == []
    other = api.session.token("customer", customer_id=api.customer()["customer_id"])
    api.call("GET", path, token=other, expect=404)
    for role in ("agent", "department:technical", "integration"):
        api.call("GET", path, as_=role, expect=403)
    api.call("GET", "/customers/cus_01aaaaaaaaaaaaaaaaaaaaaaaa/export", as_="supervisor", expect=404)


def _parquet_text(body: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".parquet") as file:
        Path(file.name).write_bytes(body)
        rows = duckdb.execute("SELECT * FROM read_parquet(?)", [file.name]).fetchall()
        return json.dumps(rows, default=str)


def _everything(cloud: LocalCloud) -> Iterator[tuple[str, str]]:
    """(where, text) for every item of every table, every object of every bucket and every
    event of every log group the local cloud holds."""
    dynamodb = cloud.client("dynamodb")
    for table in dynamodb.list_tables()["TableNames"]:
        for page in dynamodb.get_paginator("scan").paginate(TableName=table):
            for item in page["Items"]:
                yield f"table {table}", json.dumps(item, ensure_ascii=False)
    s3 = cloud.client("s3")
    for bucket in (b["Name"] for b in s3.list_buckets()["Buckets"]):
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for obj in page.get("Contents", []):
                body = s3.get_object(Bucket=bucket, Key=obj["Key"])["Body"].read()
                parquet = obj["Key"].endswith(".parquet")
                text = _parquet_text(body) if parquet else body.decode("utf-8", "replace")
                yield f"object {bucket}/{obj['Key']}", obj["Key"] + "\n" + text
    logs = cloud.client("logs")
    for page in logs.get_paginator("describe_log_groups").paginate():
        for group in (g["logGroupName"] for g in page["logGroups"]):
            for events in logs.get_paginator("filter_log_events").paginate(logGroupName=group):
                for event in events["events"]:
                    yield f"log {group}", event["message"]


def _erase(api: Api, customer_id: str) -> dict[str, Any]:
    path = f"/customers/{customer_id}/erasure"
    for role in ("supervisor", "agent", "integration"):
        api.call("POST", path, as_=role, expect=403)
    api.call("POST", path, token=api.session.token("customer", customer_id=customer_id), expect=403)
    assert api.call("GET", path, as_="admin", expect=200).json()["status"] == "not_requested"
    started = api.call("POST", path, as_="admin", expect=202).json()
    assert started["status"] in ("running", "erased") and started["requested_at"]
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        status: dict[str, Any] = api.call("GET", path, as_="admin", expect=200).json()
        if status["status"] == "erased":
            return status
        time.sleep(0.5)
    raise AssertionError(f"the erasure did not finish: {status}; {_execution(api, customer_id)}")


def _execution(api: Api, customer_id: str) -> Any:
    """The erasure's execution, and its last events: what a failure report needs."""
    sfn = api.session.cloud.client("stepfunctions")
    for machine in sfn.list_state_machines()["stateMachines"]:
        if machine["name"].endswith("erasure"):
            arn = (
                machine["stateMachineArn"].replace(":stateMachine:", ":execution:")
                + f":erasure-{customer_id}"
            )
            events = sfn.get_execution_history(executionArn=arn, reverseOrder=True, maxResults=5)["events"]
            return sfn.describe_execution(executionArn=arn)["status"], events
    return None


def test_after_erasure_no_personal_value_is_left_and_the_audit_still_verifies(
    api: Api, written: dict[str, Any]
) -> None:
    cloud, customer_id, values = api.session.cloud, written["customer_id"], written["values"]
    held = list(_everything(cloud))
    # The search looks everywhere, and finds each value somewhere: its absence later means something.
    assert {where.split()[0] for where, _ in held} == {"table", "object", "log"}
    found_before = {value for _, text in held for value in values.values() if value in text}
    assert found_before == set(values.values())

    erased = _erase(api, customer_id)
    assert erased["erased_at"]
    # Asking again changes nothing.
    again = api.call("POST", f"/customers/{customer_id}/erasure", as_="admin", expect=202).json()
    assert again == erased

    leaks = [
        (where, value) for where, text in _everything(cloud) for value in values.values() if value in text
    ]
    assert leaks == []

    # The portal sign-in is gone with the rest.
    idp = cloud.client("cognito-idp")
    with pytest.raises(idp.exceptions.UserNotFoundException):
        idp.admin_get_user(UserPoolId=cloud.resources.customer_pool_id(), Username=values["email"])

    # What remains: a tombstone, anonymised tickets, audit records that can no longer be read.
    tombstone = api.call("GET", f"/customers/{customer_id}", as_="supervisor", expect=200).json()
    assert tombstone["name"] == "[erased]" and tombstone["email"] is None and tombstone["phones"] == []
    assert tombstone["erased_at"] == erased["erased_at"]
    ticket = api.call("GET", f"/tickets/{written['ticket_id']}", as_="supervisor", expect=200).json()
    assert ticket["subject"] == "[erased]" and ticket["type"] == "complaint"
    # A change about the customer after their erasure (a workflow, an agent) seals its record
    # under a new key; what the destroyed key sealed stays unreadable, and the export answers.
    api.call(
        "PATCH",
        f"/tickets/{written['ticket_id']}",
        json={"priority": "P1"},
        headers={"If-Match": f'"{ticket["version"]}"'},
        as_="supervisor",
        expect=200,
    )
    export = api.call("GET", f"/customers/{customer_id}/export", as_="supervisor", expect=200).json()
    assert export["callbacks"] == [] and export["history"] == [] and export["chat_sessions"] == []
    before_erasure = [r for r in export["audit"] if r["at"] <= erased["erased_at"]]
    assert before_erasure and not any(r["readable"] for r in before_erasure)
    changed = [r for r in export["audit"] if r["action"] == "ticket.updated" and r["readable"]]
    assert changed and changed[-1]["after"]["priority"] == "P1"
    actions = [r["action"] for r in _audit_items(api, f"customer#{customer_id}")]
    assert actions[-2:] == ["customer.erasure_requested", "customer.erased"]
    # Nobody finds the erased customer by their old contact points.
    api.call("GET", "/customers", params={"email": values["email"]}, as_="agent", expect=200)
    found = api.call("GET", "/customers", params={"phone": values["phone"]}, as_="agent", expect=200).json()
    assert found["items"] == []

    entities = [
        f"customer#{customer_id}",
        f"ticket#{written['ticket_id']}",
        f"callback#{written['callback_id']}",
    ]
    assert _chain_breaks(api, entities) == []


def _audit_items(api: Api, entity: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = api.session.cloud.client("dynamodb").query(
        TableName=api.session.cloud.resources.tables["audit"],
        KeyConditionExpression="entity = :e",
        ExpressionAttributeValues={":e": {"S": entity}},
    )["Items"]
    return [{key: next(iter(value.values())) for key, value in item.items()} for item in items]


def _chain_breaks(api: Api, entities: list[str]) -> list[Any]:
    from contactcenter.audit.chain import verify
    from contactcenter.audit.models import AuditRecord

    records = []
    for entity in entities:
        for item in _audit_items(api, entity):
            record = AuditRecord.from_raw_data(_raw(api, entity, item["event_id"]))
            records.append(record)
    assert records
    return verify(records)


def _raw(api: Api, entity: str, event_id: str) -> dict[str, Any]:
    item: dict[str, Any] = api.session.cloud.client("dynamodb").get_item(
        TableName=api.session.cloud.resources.tables["audit"],
        Key={"entity": {"S": entity}, "event_id": {"S": event_id}},
    )["Item"]
    return item


def test_a_changed_or_removed_audit_record_breaks_the_chain(api: Api) -> None:
    from contactcenter.audit.chain import verify
    from contactcenter.audit.models import AuditRecord

    ticket = api.ticket()
    for priority in ("P1", "P2"):
        current = api.call("GET", f"/tickets/{ticket['ticket_id']}", expect=200)
        api.call(
            "PATCH",
            f"/tickets/{ticket['ticket_id']}",
            json={"priority": priority},
            headers={"If-Match": current.headers["ETag"]},
            expect=200,
        )
    entity = f"ticket#{ticket['ticket_id']}"
    records = [AuditRecord.from_raw_data(_raw(api, entity, i["event_id"])) for i in _audit_items(api, entity)]
    assert len(records) == 3 and verify(records) == []

    changed = [AuditRecord.from_raw_data(_raw(api, entity, r.event_id)) for r in records]
    changed[1].actor = "someone-else"
    assert [b.event_id for b in verify(changed)] == [records[1].event_id]

    removed = [records[0], records[2]]
    broken = verify(removed)
    assert [(b.event_id, b.reason) for b in broken] == [
        (records[2].event_id, "links to a record the entity does not have")
    ]
