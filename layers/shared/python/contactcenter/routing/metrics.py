"""The expected wait of a queue, from Amazon Connect's current metrics.

Expected wait is 0 while an agent is available; otherwise the age of the oldest contact
waiting (a conservative proxy: the next caller waits at least that long for the same agents).
"""

from typing import Any

from contactcenter import clients


class ConnectQueueMetrics:
    def __init__(self, instance_id: str) -> None:
        self.instance_id = instance_id

    def expected_wait(self, queue_arn: str, channel: str) -> int | None:
        try:
            response: dict[str, Any] = clients.client("connect").get_current_metric_data(
                InstanceId=self.instance_id,
                Filters={
                    "Queues": [queue_arn],
                    "Channels": [channel if channel in ("VOICE", "CHAT", "TASK") else "VOICE"],
                },
                Groupings=["QUEUE"],
                CurrentMetrics=[
                    {"Name": "AGENTS_AVAILABLE", "Unit": "COUNT"},
                    {"Name": "OLDEST_CONTACT_AGE", "Unit": "SECONDS"},
                ],
            )
        except Exception:  # noqa: BLE001 - no metrics must never stop a call being routed
            return None
        values: dict[str, float] = {}
        for result in response.get("MetricResults", []):
            for collection in result.get("Collections", []):
                values[collection["Metric"]["Name"]] = collection.get("Value") or 0
        if not values:
            return None
        if values.get("AGENTS_AVAILABLE", 0) > 0:
            return 0
        return int(values.get("OLDEST_CONTACT_AGE", 0))
