"""A Standard state machine loaded from its ASL file, as the local cloud loads it.

``definition_substitutions`` fill the file's ``${Name}`` placeholders with function ARNs;
logging is at level ALL without execution data (inputs hold personal data); X-Ray is on.
"""

from collections.abc import Mapping

from aws_cdk import RemovalPolicy
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_stepfunctions as sfn
from constructs import Construct

from catalog import StateMachineSpec
from infra.nag import acknowledge


class AslStateMachine(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        spec: StateMachineSpec,
        name: str,
        functions: Mapping[str, lambda_.IFunction],
        log_retention: logs.RetentionDays,
        removal_policy: RemovalPolicy,
    ) -> None:
        super().__init__(scope, construct_id)
        log_group = logs.LogGroup(self, "Logs", retention=log_retention, removal_policy=removal_policy)
        invoked = {placeholder: functions[name] for placeholder, name in spec.functions.items()}
        self.state_machine = sfn.StateMachine(
            self,
            "StateMachine",
            state_machine_name=name,
            state_machine_type=sfn.StateMachineType.STANDARD,
            definition_body=sfn.DefinitionBody.from_file(str(spec.definition_path)),
            definition_substitutions={placeholder: fn.function_arn for placeholder, fn in invoked.items()},
            logs=sfn.LogOptions(destination=log_group, level=sfn.LogLevel.ALL, include_execution_data=False),
            tracing_enabled=True,
        )
        # The definitions invoke unqualified function ARNs, so the grant names exactly those
        # (grant_invoke would add every version and alias as well).
        if invoked:
            self.state_machine.add_to_role_policy(
                iam.PolicyStatement(
                    actions=["lambda:InvokeFunction"], resources=[fn.function_arn for fn in invoked.values()]
                )
            )
        acknowledge(
            self.state_machine.role,
            "AwsSolutions-IAM5[Resource::*]",
            "X-Ray tracing and CloudWatch Logs delivery (logs:CreateLogDelivery and friends) support no "
            "resource-level permissions.",
        )
