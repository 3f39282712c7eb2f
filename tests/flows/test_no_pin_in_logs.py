"""No PIN digits ever reach a log: not the functions' logs, not the simulator's flow log."""

import uuid

import pytest

from tests.flows.conftest import Phone

pytestmark = pytest.mark.local_cloud


def test_pin_digits_never_reach_any_log(phone: Phone) -> None:
    session = phone.session
    pin = "90817263"  # distinctive: no id or timestamp contains it by chance
    token = session.token("agent")
    account = str(uuid.uuid4().int)[:10]
    customer = session.http(
        "POST",
        "/customers",
        token=token,
        json={"name": "Pin Secret", "account_number": account, "products": ["router-x"]},
    ).json()
    assert (
        session.http(
            "PUT", f"/customers/{customer['customer_id']}/pin", token=token, json={"pin": pin}
        ).status_code
        == 204
    )
    wrong = "18273645"
    calls = [
        phone.call("1", f"{account}#", f"{pin}#"),
        phone.call("1", f"{account}#", f"{wrong}#", f"{pin}#"),
    ]
    assert calls[0].attributes["auth_level"] == "full"
    for call in calls:
        transcript = repr(call.to_json())
        assert pin not in transcript
        assert wrong not in transcript
    logs = session.cloud.client("logs")
    scanned = 0
    for group in logs.describe_log_groups()["logGroups"]:
        for event in logs.filter_log_events(logGroupName=group["logGroupName"])["events"]:
            scanned += 1
            assert pin not in event["message"], group["logGroupName"]
            assert wrong not in event["message"], group["logGroupName"]
    assert scanned > 20
    stored = session.cloud.client("dynamodb").get_item(
        TableName=session.cloud.resources.tables["accounts"], Key={"account_number": {"S": account}}
    )["Item"]
    assert stored["pin_hash"]["S"].startswith("$argon2id$")
    assert pin not in repr(stored)
    read = session.http("GET", f"/customers/{customer['customer_id']}", token=token)
    assert pin not in read.text
    assert read.json()["has_pin"] is True
