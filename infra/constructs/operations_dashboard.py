"""The operators' CloudWatch dashboard: the queues as Connect itself reports them to CloudWatch
(AWS/Connect: QueueSize and LongestQueueWaitTime per queue, by queue name), beside the queue
alerts the product raised and cleared (monitor_alerts' metrics), so an operator sees the same
figures the supervisors' /monitor shows and the alerts they were sent."""

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from constructs import Construct

import catalog
from contactcenter.constants import METRICS_NAMESPACE

PERIOD = Duration.minutes(1)


class OperationsDashboard(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, name: str, instance_id: str) -> None:
        super().__init__(scope, construct_id)

        def queue_metric(metric: str, queue: str) -> cloudwatch.Metric:
            return cloudwatch.Metric(
                namespace="AWS/Connect",
                metric_name=metric,
                dimensions_map={"InstanceId": instance_id, "MetricGroup": "Queue", "QueueName": queue},
                statistic="Maximum",
                period=PERIOD,
                label=queue,
            )

        def alerts(metric: str) -> cloudwatch.Metric:
            return cloudwatch.Metric(
                namespace=METRICS_NAMESPACE,
                metric_name=metric,
                dimensions_map={"service": "monitor_alerts"},
                statistic="Sum",
                period=PERIOD,
            )

        names = [queue.name for queue in catalog.CONNECT_QUEUES]
        self.dashboard = cloudwatch.Dashboard(self, "Dashboard", dashboard_name=name)
        self.dashboard.add_widgets(
            cloudwatch.GraphWidget(
                title="Contacts waiting (QueueSize)",
                left=[queue_metric("QueueSize", q) for q in names],
                width=12,
            ),
            cloudwatch.GraphWidget(
                title="Longest wait, seconds (LongestQueueWaitTime)",
                left=[queue_metric("LongestQueueWaitTime", q) for q in names],
                width=12,
            ),
        )
        self.dashboard.add_widgets(
            cloudwatch.GraphWidget(
                title="Queue alerts raised and cleared",
                left=[alerts("QueueAlertsRaised"), alerts("QueueAlertsCleared")],
                width=24,
            )
        )
