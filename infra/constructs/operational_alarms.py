"""Alarms that page the operators: function errors, dead letters, failed workflows, API 5xx,
and the business alarms of the catalog (IVR lockouts)."""

from collections.abc import Sequence

from aws_cdk import Duration
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as actions
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from aws_cdk import aws_sqs as sqs
from aws_cdk import aws_stepfunctions as sfn
from constructs import Construct

import catalog
from contactcenter.constants import METRICS_NAMESPACE


class OperationalAlarms(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        encryption_key: kms.IKey,
        alarm_email: str | None,
        functions: Sequence[lambda_.IFunction],
        failure_queues: Sequence[sqs.IQueue],
        state_machines: Sequence[sfn.IStateMachine],
        api: apigw.RestApi | None,
        business_alarms: Sequence[catalog.BusinessAlarmSpec] = (),
    ) -> None:
        super().__init__(scope, construct_id)
        self.topic = sns.Topic(self, "Topic", display_name="Contact center alarms", master_key=encryption_key)
        self.topic.add_to_resource_policy(_deny_insecure_transport(self.topic))
        if alarm_email:
            self.topic.add_subscription(subscriptions.EmailSubscription(alarm_email))
        action = actions.SnsAction(self.topic)

        def alarm(
            construct_id: str, metric: cloudwatch.IMetric, description: str, threshold: int = 1
        ) -> None:
            cloudwatch.Alarm(
                self,
                construct_id,
                metric=metric,
                threshold=threshold,
                evaluation_periods=1,
                comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
                alarm_description=description,
            ).add_alarm_action(action)

        for index, fn in enumerate(functions):
            alarm(f"Errors{index}", fn.metric_errors(period=Duration.minutes(5)), "A function raised errors")
        for index, queue in enumerate(failure_queues):
            alarm(
                f"DeadLetters{index}",
                queue.metric_approximate_number_of_messages_visible(period=Duration.minutes(5)),
                "Events failed all retries and wait in an on-failure queue",
            )
        for index, machine in enumerate(state_machines):
            alarm(
                f"WorkflowFailed{index}",
                machine.metric_failed(period=Duration.minutes(5)),
                "A workflow failed",
            )
        if api is not None:
            alarm("Api5xx", api.metric_server_error(period=Duration.minutes(5)), "The API answered 5xx")
        for spec in business_alarms:
            metric = cloudwatch.Metric(
                namespace=METRICS_NAMESPACE,
                metric_name=spec.metric,
                dimensions_map={"service": spec.service},
                statistic="Sum",
                period=Duration.minutes(5),
            )
            alarm(spec.key, metric, spec.description, threshold=spec.threshold)


def _deny_insecure_transport(topic: sns.ITopic) -> iam.PolicyStatement:
    return iam.PolicyStatement(
        sid="DenyInsecureTransport",
        effect=iam.Effect.DENY,
        principals=[iam.AnyPrincipal()],
        actions=["sns:Publish"],
        resources=[topic.topic_arn],
        conditions={"Bool": {"aws:SecureTransport": "false"}},
    )
