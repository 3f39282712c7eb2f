"""Every ticket change reaches the domain event bus, in order, as the timeline recorded it."""

import json

import pytest

from tests.api.conftest import Api

pytestmark = pytest.mark.local_cloud


def test_changes_are_published_as_domain_events(api: Api) -> None:
    cloud = api.session.cloud
    sqs, events = cloud.client("sqs"), cloud.client("events")
    queue_url = sqs.create_queue(QueueName="test-domain-events")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    bus = cloud.resources.buses["domain"]
    events.put_rule(
        Name="test-capture", EventBusName=bus, EventPattern=json.dumps({"source": ["contactcenter.tickets"]})
    )
    events.put_targets(Rule="test-capture", EventBusName=bus, Targets=[{"Id": "q", "Arn": queue_arn}])
    try:
        ticket = api.ticket(category="billing")
        ticket_id = ticket["ticket_id"]
        assigned = api.call(
            "POST",
            f"/tickets/{ticket_id}/assignment",
            json={"agent_id": "ana"},
            headers={"If-Match": '"1"'},
            expect=200,
        ).json()
        api.call(
            "POST",
            f"/tickets/{ticket_id}/comments",
            json={"body": "private details", "visibility": "internal"},
            expect=201,
        )
        # An internal note changes nothing of the ticket itself: the version stays the assignment's.
        current = api.call("GET", f"/tickets/{ticket_id}", expect=200).json()
        assert current["version"] == assigned["version"]
        api.transition(current, "resolved")
        cloud.wait_idle()
        received = []
        while batch := sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages"):
            received += [json.loads(m["Body"]) for m in batch]
    finally:
        events.remove_targets(Rule="test-capture", EventBusName=bus, Ids=["q"])
        events.delete_rule(Name="test-capture", EventBusName=bus)
    mine = [e for e in received if e["detail"]["ticket_id"] == ticket_id]
    assert [e["detail-type"] for e in mine] == [
        "ticket.created",
        "ticket.assigned",
        "ticket.commented",
        "ticket.status_changed",
    ]
    created, assigned_event, commented, resolved = (e["detail"] for e in mine)
    assert created["ticket"]["category"] == "billing"
    assert assigned_event["ticket"]["assignee_id"] == "ana"
    assert commented["comment"]["visibility"] == "internal"
    assert "private details" not in json.dumps(mine)
    assert resolved["changes"]["status"] == ["open", "resolved"]
    assert len({e["detail"]["event_id"] for e in mine}) == 4
