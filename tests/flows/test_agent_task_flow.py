"""The agent-task flow routes a task (a callback, a follow-up call) to the queue it names."""

import pytest

from tests.flows.conftest import Phone

pytestmark = pytest.mark.local_cloud


def test_a_task_goes_to_the_queue_its_attributes_name(phone: Phone) -> None:
    cloud = phone.session.cloud
    billing = cloud.connect.queue_arn("billing")
    task = cloud.simulator().call(
        cloud.flow_arn("agent_task"), caller="", channel="TASK", attributes={"queue_arn": billing}
    )
    assert (task.queue, task.outcome) == ("Billing", "connected")


def test_a_task_naming_no_known_queue_goes_to_the_general_help_desk(phone: Phone) -> None:
    cloud = phone.session.cloud
    task = cloud.simulator().call(cloud.flow_arn("agent_task"), caller="", channel="TASK", attributes={})
    assert task.queue == "General help desk"
    assert [step.action for step in task.steps][:2] == ["Route task", "General queue"]


def test_start_task_contact_runs_the_task_flow(phone: Phone) -> None:
    cloud = phone.session.cloud
    connect = cloud.client("connect")
    arguments = {
        "InstanceId": cloud.connect.instance_id,
        "ContactFlowId": "agent_task",
        "Name": "Call back",
        "Attributes": {"queue_arn": cloud.connect.queue_arn("router_y"), "number": "+31201234567"},
        "ClientToken": "flow-test-1",
    }
    first = connect.start_task_contact(**arguments)["ContactId"]
    again = connect.start_task_contact(**arguments)["ContactId"]  # a retry with the same client token
    assert first == again
    (task,) = [t for t in cloud.connect.tasks if t.contact_id == first]
    assert task.queue == "router_y"
