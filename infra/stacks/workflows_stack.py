"""Workflows: the state machines (from their ASL files), the functions only they call, and the
event rules that start them."""

from collections.abc import Mapping

from aws_cdk import Duration, Stack
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_connect as aws_connect
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_scheduler as scheduler
from aws_cdk import aws_stepfunctions as sfn
from constructs import Construct

import catalog
from contactcenter.constants import STACK_WORKFLOWS, STATE_MACHINE_HEALTHCHECK
from infra.config import AppConfig
from infra.constructs.asl_state_machine import AslStateMachine
from infra.constructs.connect_instance import ConnectInstance
from infra.constructs.escalation_channels import EscalationChannels
from infra.constructs.event_rules import EventRules
from infra.constructs.product_functions import ProductFunctions
from infra.constructs.sla_timers import SlaTimers
from infra.stacks.data_stack import DataStack
from infra.stacks.names import ProductNames


class WorkflowsStack(Stack):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: AppConfig,
        data: DataStack,
        connect: ConnectInstance,
        flows: Mapping[str, aws_connect.CfnContactFlow],
        functions: Mapping[str, lambda_.IFunction],
        customer_pool: cognito.IUserPool,
        **kwargs: object,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)  # type: ignore[arg-type]
        names = ProductNames(self, config.stage, data, connect, flows)
        names.customer_pool = customer_pool  # the erasure deletes an erased customer's sign-in
        self.product_functions = ProductFunctions(
            self, "Functions", stack=STACK_WORKFLOWS, config=config, data=names
        ).functions
        self.functions = {name: fn.function for name, fn in self.product_functions.items()}
        callable_functions = {**functions, **self.functions}
        self.state_machines: dict[str, sfn.IStateMachine] = {}
        for spec in catalog.STATE_MACHINES:
            if spec.stack != STACK_WORKFLOWS:
                continue
            self.state_machines[spec.key] = AslStateMachine(
                self,
                f"{spec.key.title().replace('_', '')}Workflow",
                spec=spec,
                name=catalog.state_machine_name(config.stage, spec.key),
                functions=callable_functions,
                log_retention=config.log_retention,
                removal_policy=config.removal_policy,
            ).state_machine
        self.sla_timers = SlaTimers(
            self,
            "SlaTimers",
            stage=config.stage,
            escalations=self.functions[catalog.ESCALATION_FUNCTION],
            encryption_key=data.data_key,
            removal_policy=config.removal_policy,
        )
        self.escalation_channels = EscalationChannels(
            self, "EscalationChannels", stage=config.stage, encryption_key=data.data_key
        )
        self.event_rules = EventRules(
            self,
            "Rules",
            buses=data.buses,
            functions=self.product_functions,
            data_key=data.data_key,
            removal_policy=config.removal_policy,
        )
        if config.canary_minutes:
            self._schedule_canary(self.state_machines[STATE_MACHINE_HEALTHCHECK], config.canary_minutes)

    def _schedule_canary(self, canary: sfn.IStateMachine, minutes: int) -> None:
        role = iam.Role(
            self, "CanarySchedulerRole", assumed_by=iam.ServicePrincipal("scheduler.amazonaws.com")
        )
        canary.grant_start_execution(role)
        scheduler.CfnSchedule(
            self,
            "CanarySchedule",
            description="Runs the deployment canary",
            schedule_expression=f"rate({minutes} minutes)",
            flexible_time_window=scheduler.CfnSchedule.FlexibleTimeWindowProperty(mode="OFF"),
            target=scheduler.CfnSchedule.TargetProperty(
                arn=canary.state_machine_arn,
                role_arn=role.role_arn,
                retry_policy=scheduler.CfnSchedule.RetryPolicyProperty(
                    maximum_event_age_in_seconds=int(Duration.minutes(minutes).to_seconds()),
                    maximum_retry_attempts=0,
                ),
            ),
        )
