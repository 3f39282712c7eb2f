"""A short seeded traffic run through the real flows: what the Connect metrics APIs say
equals what the same run's contact records in the lake say."""

from datetime import UTC, datetime, timedelta

import pytest

import catalog
from localcloud.lake import DuckDbEngine
from localcloud.session import LocalSession
from localcloud.traffic import TrafficOptions, run_traffic

pytestmark = pytest.mark.local_cloud
START = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
QUEUES = [q.key for q in catalog.CONNECT_QUEUES]


def test_a_traffic_run_s_metrics_are_its_contact_records(modelled: LocalSession) -> None:
    cloud = modelled.cloud
    options = TrafficOptions(
        calls_per_hour=150, chats_per_hour=30, agents=4, duration=timedelta(minutes=20), seed=11, start=START
    )
    result = run_traffic(cloud, options)
    assert result.offered > 40 and result.routed > 10 and result.abandoned > 0 and result.still_waiting == 0
    # the same seed, the same run: routing is deterministic
    connect = cloud.client("connect")
    current = connect.get_current_metric_data(
        InstanceId=cloud.connect.instance_id,
        Filters={"Queues": QUEUES},
        Groupings=["QUEUE"],
        CurrentMetrics=[
            {"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"},
            {"Name": "AGENTS_ONLINE", "Unit": "COUNT"},
        ],
    )["MetricResults"]
    assert all(r["Collections"][0]["Value"] == 0 for r in current)  # drained

    history = connect.get_metric_data_v2(
        ResourceArn=cloud.connect.instance_arn,
        StartTime=START,
        EndTime=START + timedelta(hours=3),
        Filters=[{"FilterKey": "QUEUE", "FilterValues": QUEUES}],
        Groupings=["QUEUE"],
        Metrics=[
            {"Name": "CONTACTS_HANDLED"},
            {"Name": "CONTACTS_ABANDONED"},
            {"Name": "AVG_HANDLE_TIME"},
            {"Name": "SERVICE_LEVEL", "Threshold": [{"Comparison": "LT", "ThresholdValue": 60}]},
        ],
    )["MetricResults"]
    api = {
        r["Dimensions"]["QUEUE"]: {c["Metric"]["Name"]: c.get("Value") for c in r["Collections"]}
        for r in history
    }
    names = {q.name: q.key for q in catalog.CONNECT_QUEUES}
    lake = DuckDbEngine(cloud.resources.lake_path).execute(
        """
        SELECT queue_name,
               count(agent_username) AS handled,
               count(*) FILTER (WHERE agent_username IS NULL
                   AND disconnect_reason = 'CUSTOMER_DISCONNECT') AS abandoned,
               avg(agent_interaction_seconds + customer_hold_seconds + after_contact_work_seconds)
                   FILTER (WHERE agent_username IS NOT NULL) AS handle,
               100.0 * count(*) FILTER (WHERE agent_username IS NOT NULL
                   AND epoch(dequeue_timestamp) - epoch(enqueue_timestamp) < 60)
                   / nullif(count(*) FILTER (WHERE agent_username IS NOT NULL
                   OR disconnect_reason = 'CUSTOMER_DISCONNECT'), 0) AS service_level
        FROM contact_records
        WHERE queue_name IS NOT NULL AND disconnect_timestamp >= ? AND disconnect_timestamp < ?
        GROUP BY queue_name
        """,
        [START.replace(tzinfo=None), (START + timedelta(hours=3)).replace(tzinfo=None)],
    )
    from_lake = {names[row[0]]: row[1:] for row in lake.rows}
    recorded = {
        row[0]
        for row in DuckDbEngine(cloud.resources.lake_path)
        .execute("SELECT contact_id FROM contact_records WHERE agent_username IS NOT NULL", [])
        .rows
    }
    handled = [f for f in cloud.connect.center.finished if f.handled]
    missing = [f for f in handled if f.contact_id not in recorded]
    assert sum(row[0] for row in from_lake.values()) == result.routed, f"handled, no record: {missing}"
    assert sum(row[1] for row in from_lake.values()) == result.abandoned
    for queue, (handled, abandoned, handle, level) in from_lake.items():
        figures = api[queue]
        assert (figures["CONTACTS_HANDLED"], figures["CONTACTS_ABANDONED"]) == (handled, abandoned), queue
        assert figures.get("AVG_HANDLE_TIME") == pytest.approx(handle), queue
        assert figures.get("SERVICE_LEVEL") == pytest.approx(level), queue
    for queue in set(api) - set(from_lake):
        assert api[queue]["CONTACTS_HANDLED"] == 0


def test_contact_records_of_answered_contacts_carry_the_agent(modelled: LocalSession) -> None:
    cloud = modelled.cloud
    run_traffic(
        cloud,
        TrafficOptions(
            calls_per_hour=60, chats_per_hour=0, agents=3, duration=timedelta(minutes=10), seed=5, start=START
        ),
    )
    rows = (
        DuckDbEngine(cloud.resources.lake_path)
        .execute(
            "SELECT agent_username, connected_to_agent_timestamp, enqueue_timestamp, dequeue_timestamp, "
            "disconnect_reason, agent_interaction_seconds FROM contact_records "
            "WHERE agent_username LIKE 'agent%'",
            [],
        )
        .rows
    )
    assert rows
    for _username, connected, enqueued, dequeued, reason, talk in rows:
        assert connected is not None and enqueued <= dequeued and reason == "CUSTOMER_DISCONNECT" and talk > 0
