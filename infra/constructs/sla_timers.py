"""Where the SLA timers live: an EventBridge Scheduler group for the one-time schedules the
sla_timers function keeps, the role Scheduler invokes the escalation function with, and the
encrypted queue for what it could not deliver. Named, so the functions know them up front."""

from aws_cdk import RemovalPolicy
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_scheduler as scheduler
from constructs import Construct

import catalog
from infra.constructs.encrypted_queue import EncryptedQueue
from infra.nag import acknowledge


class SlaTimers(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        stage: str,
        escalations: lambda_.IFunction,
        encryption_key: kms.IKey,
        removal_policy: RemovalPolicy,
    ) -> None:
        super().__init__(scope, construct_id)
        self.group = scheduler.CfnScheduleGroup(self, "Group", name=catalog.resource_name(stage, "sla"))
        self.dead_letters = EncryptedQueue(
            self,
            "DeadLetters",
            encryption_key=encryption_key,
            removal_policy=removal_policy,
            dead_letters_of="SLA timers Scheduler could not deliver to the escalation function",
            queue_name=catalog.resource_name(stage, "sla-timer-dead-letters"),
        )
        self.role = iam.Role(
            self,
            "Role",
            role_name=catalog.resource_name(stage, "sla-scheduler"),
            assumed_by=iam.ServicePrincipal("scheduler.amazonaws.com"),
            description="EventBridge Scheduler: invoke the SLA escalation function, dead-letter what fails",
        )
        self.role.add_to_policy(
            iam.PolicyStatement(actions=["lambda:InvokeFunction"], resources=[escalations.function_arn])
        )
        self.dead_letters.queue.grant_send_messages(self.role)
        for action in ("kms:ReEncrypt*", "kms:GenerateDataKey*"):
            acknowledge(
                self.role,
                f"AwsSolutions-IAM5[Action::{action}]",
                "CDK's grant to send to the KMS-encrypted dead-letter queue; it covers only the data key.",
            )
