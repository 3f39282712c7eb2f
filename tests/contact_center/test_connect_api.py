"""Agent actions and the Connect operations the local Connect serves from its contact center,
through boto3 (so botocore parses every answer as it parses Connect's)."""

from datetime import timedelta

import pytest
from botocore.exceptions import ClientError

from localcloud.session import LocalSession

pytestmark = pytest.mark.local_cloud


def test_agents_work_contacts_and_a_supervisor_sees_and_steers_them(modelled: LocalSession) -> None:
    cloud = modelled.cloud
    connect, center = cloud.client("connect"), cloud.connect.center
    instance = cloud.connect.instance_id
    ana = center.add_agent("ana", auto_accept=False)
    center.add_agent("bo")
    center.login("ana", "technical")
    center.login("bo", "billing")

    users = connect.list_users(InstanceId=instance)["UserSummaryList"]
    assert {u["Username"] for u in users} == {"ana", "bo"}
    statuses = {
        s["Name"]: s for s in connect.list_agent_statuses(InstanceId=instance)["AgentStatusSummaryList"]
    }
    assert {name: s["Type"] for name, s in statuses.items()} == {
        "Available": "ROUTABLE",
        "Break": "CUSTOM",
        "Offline": "OFFLINE",
    }
    connect.put_user_status(
        InstanceId=instance, UserId=ana.user_id, AgentStatusId=statuses["Available"]["Id"]
    )
    assert center.agent("ana").routable

    # A caller reaches router_x through the real flow: offered to ana, who accepts
    call = cloud.simulator().call(
        cloud.flow_arn("inbound_helpdesk"), caller="+31201234567", inputs=["1", "12345678#", "4321#"]
    )
    assert (call.outcome, call.queue_key) == ("connected", "router_x")
    assert center.agent("ana").activity == "CONNECTING"
    center.accept("ana")
    center.hold("ana")

    data = connect.get_current_user_data(InstanceId=instance, Filters={"Queues": ["router_x"]})[
        "UserDataList"
    ]
    assert [d["User"]["Id"] for d in data] == [ana.user_id]
    (contact,) = data[0]["Contacts"]
    assert (contact["ContactId"], contact["AgentContactState"], contact["Queue"]["Id"]) == (
        call.contact_id,
        "CONNECTED_ONHOLD",
        "router_x",
    )
    assert data[0]["Status"]["StatusName"] == "Available" and data[0]["RoutingProfile"]["Id"] == "technical"
    assert data[0]["ActiveSlotsByChannel"]["VOICE"] == 1 and data[0]["AvailableSlotsByChannel"]["VOICE"] == 0

    monitor = connect.monitor_contact(
        InstanceId=instance,
        ContactId=call.contact_id,
        UserId="supervisor",
        AllowedMonitorCapabilities=["BARGE"],
    )
    assert monitor["ContactArn"].endswith(monitor["ContactId"])

    # A second caller waits: no technical agent free; a supervisor moves them up, then stops them
    waiting = cloud.simulator().call(
        cloud.flow_arn("inbound_helpdesk"), caller="+82221234567", inputs=["1", "34567890#", "1357#", "2"]
    )
    assert center.waiting_contact(waiting.contact_id) is not None
    metrics = connect.get_current_metric_data(
        InstanceId=instance,
        Filters={"Queues": ["router_x"], "Channels": ["VOICE"]},
        Groupings=["QUEUE", "CHANNEL"],
        CurrentMetrics=[
            {"Name": name, "Unit": "COUNT"}
            for name in (
                "AGENTS_AVAILABLE",
                "AGENTS_ONLINE",
                "AGENTS_ON_CONTACT",
                "AGENTS_STAFFED",
                "CONTACTS_IN_QUEUE",
            )
        ]
        + [{"Name": "OLDEST_CONTACT_AGE", "Unit": "SECONDS"}],
    )["MetricResults"]
    values = {c["Metric"]["Name"]: c["Value"] for c in metrics[0]["Collections"]}
    assert metrics[0]["Dimensions"] == {
        "Queue": {"Id": "router_x", "Arn": cloud.connect.queue_arn("router_x")},
        "Channel": "VOICE",
    }
    assert values == {
        "AGENTS_AVAILABLE": 0,
        "AGENTS_ONLINE": 1,
        "AGENTS_ON_CONTACT": 1,
        "AGENTS_STAFFED": 1,
        "CONTACTS_IN_QUEUE": 1,
        "OLDEST_CONTACT_AGE": values["OLDEST_CONTACT_AGE"],
    }
    connect.update_contact_routing_data(InstanceId=instance, ContactId=waiting.contact_id, QueuePriority=1)
    assert center.waiting_contact(waiting.contact_id).priority == 1
    with pytest.raises(ClientError) as refused:  # a call's queue is not changed this way in Connect
        connect.transfer_contact(
            InstanceId=instance, ContactId=waiting.contact_id, QueueId="general", ContactFlowId="agent_task"
        )
    assert refused.value.response["Error"]["Code"] == "InvalidRequestException"
    connect.stop_contact(InstanceId=instance, ContactId=waiting.contact_id)
    assert center.finished[-1].contact_id == waiting.contact_id and not center.finished[-1].abandoned

    # Ana resumes, transfers to billing (bo is offline: it waits), wraps up, takes a break
    center.resume("ana")
    transferred = center.transfer("ana", "billing")
    done = center.wrap_up("ana", "transferred")
    assert done.next_contact_id == transferred and done.agent == "ana"
    connect.put_user_status(InstanceId=instance, UserId=ana.user_id, AgentStatusId=statuses["Break"]["Id"])
    center.set_status("bo", "Available")
    assert center.agent("bo").contact.waiting.contact_id == transferred
    center.end("bo")
    center.wrap_up("bo", "paid")
    center.logout("bo")
    assert center.agent("bo").profile is None

    start = done.disconnected_at - timedelta(hours=1)
    history = connect.get_metric_data_v2(
        ResourceArn=cloud.connect.instance_arn,
        StartTime=start,
        EndTime=start + timedelta(hours=2),
        Filters=[{"FilterKey": "QUEUE", "FilterValues": ["router_x", "billing"]}],
        Groupings=["QUEUE"],
        Metrics=[
            {"Name": "CONTACTS_HANDLED"},
            {"Name": "CONTACTS_ABANDONED"},
            {"Name": "AVG_HANDLE_TIME"},
            {"Name": "SERVICE_LEVEL", "Threshold": [{"Comparison": "LT", "ThresholdValue": 60}]},
        ],
    )["MetricResults"]
    by_queue = {
        r["Dimensions"]["QUEUE"]: {c["Metric"]["Name"]: c.get("Value") for c in r["Collections"]}
        for r in history
    }
    assert by_queue["router_x"]["CONTACTS_HANDLED"] == 1 and by_queue["billing"]["CONTACTS_HANDLED"] == 1
    assert by_queue["router_x"]["CONTACTS_ABANDONED"] == 0
    assert by_queue["router_x"]["SERVICE_LEVEL"] == 100.0


def test_a_task_waiting_in_a_queue_is_transferred_to_another(modelled: LocalSession) -> None:
    cloud = modelled.cloud
    connect = cloud.client("connect")
    task = connect.start_task_contact(
        InstanceId=cloud.connect.instance_id, ContactFlowId="agent_task", Name="Call back", Attributes={}
    )["ContactId"]
    assert cloud.connect.center.waiting_contact(task).queue == "general"
    moved = connect.transfer_contact(
        InstanceId=cloud.connect.instance_id, ContactId=task, QueueId="billing", ContactFlowId="agent_task"
    )
    assert moved["ContactId"] == task and cloud.connect.center.waiting_contact(task).queue == "billing"
    with pytest.raises(ClientError) as missing:
        connect.stop_contact(InstanceId=cloud.connect.instance_id, ContactId="no-such-contact")
    assert missing.value.response["Error"]["Code"] == "ResourceNotFoundException"
