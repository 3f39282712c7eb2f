"""Audit and observability: the CloudTrail trail, and the alarms operators are paged by."""

from collections.abc import Mapping, Sequence

from aws_cdk import Stack
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_sqs as sqs
from aws_cdk import aws_stepfunctions as sfn
from constructs import Construct

import catalog
from infra.config import AppConfig
from infra.constructs.audit_trail import AuditTrail
from infra.constructs.operational_alarms import OperationalAlarms
from infra.stacks.data_stack import DataStack


class AuditStack(Stack):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: AppConfig,
        data: DataStack,
        functions: Mapping[str, lambda_.IFunction],
        failure_queues: Sequence[sqs.IQueue],
        state_machines: Mapping[str, sfn.IStateMachine],
        api: apigw.RestApi,
        **kwargs: object,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)  # type: ignore[arg-type]
        access_logs = data.access_logs
        self.trail = AuditTrail(
            self,
            "AuditTrail",
            customer_data_table_arns=[
                data.tables[t.key].table_arn for t in catalog.TABLES if t.customer_data
            ],
            function_arns=[fn.function_arn for fn in functions.values()],
            access_logs=access_logs,
            retention_days=config.trail_retention_days,
            removal_policy=config.removal_policy,
        )
        self.alarms = OperationalAlarms(
            self,
            "Alarms",
            encryption_key=data.data_key,
            alarm_email=config.alarm_email,
            functions=list(functions.values()),
            failure_queues=failure_queues,
            state_machines=list(state_machines.values()),
            api=api,
            business_alarms=catalog.BUSINESS_ALARMS,
        )
