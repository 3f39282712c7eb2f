"""A Lambda function of the product, built from its catalog spec.

Every function gets the same treatment: code from its folder (no bundling), the shared and
dependency layers, arm64, an explicit timeout and memory size, its own log group with a
retention period, active tracing, and a role of its own holding exactly the grants its spec
names (no managed policies). Functions invoked asynchronously are retried twice and then
send Lambda's failure record (event, error, attempts) to an encrypted on-failure queue.
"""

from collections.abc import Mapping, Sequence

from aws_cdk import Aws, Duration, RemovalPolicy, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_destinations as destinations
from aws_cdk import aws_lambda_event_sources as sources
from aws_cdk import aws_logs as logs
from constructs import Construct

from catalog import (
    AGENT_TASK_FLOW,
    ASYNC_MAX_EVENT_AGE_SECONDS,
    ASYNC_RETRIES,
    STREAM_BATCH_SIZE,
    TABLES_BY_KEY,
    Access,
    FunctionSpec,
    ResourceNames,
    bucket_name,
    function_name,
    search_domain_name,
)
from contactcenter.constants import APP_NAME, Env
from infra.constructs.encrypted_queue import EncryptedQueue
from infra.constructs.knowledge_search import KnowledgeSearch
from infra.nag import acknowledge

# Pinned, and moved only together with the dependency layer's wheels (built for cp312) and a
# full test run; Lambda supports python3.12 until 2028.
RUNTIME = lambda_.Runtime.PYTHON_3_12
RUNTIME_REASON = (
    "The runtime is pinned deliberately (infra/constructs/product_function.py RUNTIME) and moves only "
    "together with the dependency layer, which is built for cp312, and a full test run."
)
ARCHITECTURE = lambda_.Architecture.ARM_64

_TABLE_ACTIONS: Mapping[Access, tuple[str, ...]] = {
    Access.DESCRIBE: ("dynamodb:DescribeTable",),
    Access.READ: (
        "dynamodb:GetItem",
        "dynamodb:BatchGetItem",
        "dynamodb:Query",
        "dynamodb:ConditionCheckItem",
    ),
    Access.APPEND: ("dynamodb:PutItem",),
    Access.READ_WRITE: (
        "dynamodb:GetItem",
        "dynamodb:BatchGetItem",
        "dynamodb:Query",
        "dynamodb:ConditionCheckItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
        "dynamodb:BatchWriteItem",
    ),
}
# Named actions, no wildcards: what the data services call on the caller's behalf.
_KEY_ACTIONS: Mapping[Access, tuple[str, ...]] = {
    Access.DESCRIBE: ("kms:DescribeKey",),
    Access.READ: ("kms:Decrypt", "kms:DescribeKey"),
    Access.APPEND: ("kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"),
    Access.READ_WRITE: ("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"),
}


class ProductFunction(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        spec: FunctionSpec,
        layers: Sequence[lambda_.ILayerVersion],
        environment: Mapping[str, str],
        names: ResourceNames,
        knowledge: KnowledgeSearch,
        sender_email: str | None,
        tables: Mapping[str, dynamodb.ITableV2],
        buses: Mapping[str, events.IEventBus],
        stage: str,
        data_key: kms.IKey,
        log_retention: logs.RetentionDays,
        removal_policy: RemovalPolicy,
    ) -> None:
        super().__init__(scope, construct_id)
        self.spec = spec
        self.stage = stage
        log_group = logs.LogGroup(self, "Logs", retention=log_retention, removal_policy=removal_policy)
        role = iam.Role(
            self,
            "Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description=f"contactcenter {spec.name}: exactly the grants its catalog spec names",
        )
        log_group.grant_write(role)
        self.failure_queue: EncryptedQueue | None = None
        self.stream_failures: EncryptedQueue | None = None
        if spec.invoked_async:
            self.failure_queue = EncryptedQueue(
                self,
                "Failures",
                encryption_key=data_key,
                removal_policy=removal_policy,
                dead_letters_of=f"{spec.name}'s failed asynchronous invocations",
            )
        self.function = lambda_.Function(
            self,
            "Function",
            # Named: schedules, rules and other stacks refer to functions by ARN.
            function_name=function_name(stage, spec.name),
            description=spec.description[:256],
            runtime=RUNTIME,
            architecture=ARCHITECTURE,
            handler=spec.handler,
            code=lambda_.Code.from_asset(str(spec.code_dir), exclude=["__pycache__", "*.pyc"]),
            layers=list(layers),
            memory_size=spec.memory_mb,
            timeout=Duration.seconds(spec.timeout_seconds),
            environment=dict(environment),
            log_group=log_group,
            role=role,
            tracing=lambda_.Tracing.ACTIVE,
            # The knowledge functions run in the search domain's private VPC.
            vpc=knowledge.vpc if spec.searches else None,
            vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED)
            if spec.searches
            else None,
            security_groups=[knowledge.client_security_group] if spec.searches else None,
            on_failure=destinations.SqsDestination(self.failure_queue.queue) if self.failure_queue else None,
            retry_attempts=ASYNC_RETRIES if spec.invoked_async else None,
            max_event_age=Duration.seconds(ASYNC_MAX_EVENT_AGE_SECONDS) if spec.invoked_async else None,
        )
        acknowledge(
            role,
            "AwsSolutions-IAM5[Resource::*]",
            "xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) support no resource-level "
            "permissions"
            + (
                "; nor does sns:Publish to a phone number (the SMS acknowledgement)"
                if spec.acknowledges
                else ""
            )
            + "; every other grant names its resource.",
        )
        for rule in ("AwsSolutions-L1", "Serverless-LambdaLatestVersion"):
            acknowledge(self.function, rule, RUNTIME_REASON)
        acknowledge(
            self.function,
            "Serverless-LambdaDLQ",
            "Asynchronously invoked functions send failures to an on-failure destination (Lambda's record "
            "with the event, the error and the attempts), which Serverless-LambdaAsyncFailureDestination "
            "checks; the others are invoked synchronously and return failures to their caller.",
        )
        if self.failure_queue is not None:
            self._acknowledge_queue_key("the encrypted on-failure queue")
        self._grant_tables(tables, data_key)
        for key, access in spec.buckets.items():
            self._grant_bucket(key, access, data_key)
        for key in spec.publishes_to:
            buses[key].grant_put_events_to(self.function)
        if spec.stream_from:
            self._subscribe(tables[spec.stream_from], data_key, removal_policy)
        self._grant_workflows(names)
        if spec.acknowledges:
            self._grant_messages(sender_email)
        self._grant_sla(names, sender_email)
        if spec.searches:
            self._grant_search()

    def _grant_workflows(self, names: ResourceNames) -> None:
        """Start and answer the state machines the spec names; create agent tasks."""
        grants = [
            (("states:StartExecution",), self.spec.starts),
            (
                ("states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat"),
                self.spec.answers,
            ),
        ]
        for actions, machines in grants:
            if machines:
                self.function.add_to_role_policy(
                    iam.PolicyStatement(
                        actions=list(actions), resources=[names.state_machine_arn(key) for key in machines]
                    )
                )
        if self.spec.agent_tasks:
            self.function.add_to_role_policy(
                iam.PolicyStatement(
                    actions=["connect:StartTaskContact"],
                    resources=[names.connect_instance_arn(), names.contact_flow_arn(AGENT_TASK_FLOW)],
                )
            )

    def _grant_search(self) -> None:
        """HTTP requests to the knowledge-search domain (named, so no cross-stack reference)."""
        region = Stack.of(self).region
        domain = search_domain_name(self.stage)
        arn = f"arn:{Aws.PARTITION}:es:{region}:{Aws.ACCOUNT_ID}:domain/{domain}"
        actions = ["es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpDelete"]
        self.function.add_to_role_policy(iam.PolicyStatement(actions=actions, resources=[arn, f"{arn}/*"]))
        acknowledge(
            self.function.role,
            f"AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:es:{region}:<AWS::AccountId>:domain/{domain}/*]",
            "The paths of the knowledge-search domain (its indexes and aliases): HTTP requests name them.",
        )

    def _grant_sla(self, names: ResourceNames, sender_email: str | None) -> None:
        """Publish escalations to the role topics; keep the SLA schedules of one group."""
        stack = Stack.of(self)
        if self.spec.notifies:
            topics = [names.topic_arn(key) for key in self.spec.notifies]
            self.function.add_to_role_policy(iam.PolicyStatement(actions=["sns:Publish"], resources=topics))
            if sender_email:
                prefix = f"{APP_NAME}-{self.stage}-sla-"
                identity = stack.format_arn(service="ses", resource="identity", resource_name=sender_email)
                templates = f"arn:{Aws.PARTITION}:ses:{stack.region}:{Aws.ACCOUNT_ID}:template/{prefix}*"
                self.function.add_to_role_policy(
                    iam.PolicyStatement(actions=["ses:SendTemplatedEmail"], resources=[identity, templates])
                )
                acknowledge(
                    self.function.role,
                    f"AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:{stack.region}:<AWS::AccountId>:"
                    f"template/{prefix}*]",
                    "The escalation e-mail templates, one per kind and language, all named by this prefix.",
                )
        if self.spec.sla_timers:
            target = names.timer_target()
            group = target[Env.SCHEDULE_GROUP]
            schedules = f"arn:{Aws.PARTITION}:scheduler:{stack.region}:{Aws.ACCOUNT_ID}:schedule/{group}/*"
            actions = ["CreateSchedule", "UpdateSchedule", "DeleteSchedule", "GetSchedule"]
            self.function.add_to_role_policy(
                iam.PolicyStatement(actions=[f"scheduler:{a}" for a in actions], resources=[schedules])
            )
            # ListSchedules names no resource; PassRole only the timers' own role.
            self.function.add_to_role_policy(
                iam.PolicyStatement(actions=["scheduler:ListSchedules"], resources=["*"])
            )
            self.function.add_to_role_policy(
                iam.PolicyStatement(actions=["iam:PassRole"], resources=[target[Env.SCHEDULER_ROLE_ARN]])
            )
            acknowledge(
                self.function.role,
                f"AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:{stack.region}:<AWS::AccountId>:"
                f"schedule/{group}/*]",
                "The schedules of the SLA timers' own group: one per ticket and level, not known in advance.",
            )

    def _grant_messages(self, sender_email: str | None) -> None:
        """SMS through SNS (no resource to name) and, with a sender, e-mail through SES."""
        self.function.add_to_role_policy(iam.PolicyStatement(actions=["sns:Publish"], resources=["*"]))
        if sender_email:
            identity = Stack.of(self).format_arn(
                service="ses", resource="identity", resource_name=sender_email
            )
            self.function.add_to_role_policy(
                iam.PolicyStatement(actions=["ses:SendEmail", "ses:SendRawEmail"], resources=[identity])
            )

    def _grant_bucket(self, key: str, access: Access, data_key: kms.IKey) -> None:
        stack = Stack.of(self)
        name = bucket_name(self.stage, key, Aws.ACCOUNT_ID, stack.region)
        actions = ["s3:GetObject"] if access is Access.READ else ["s3:GetObject", "s3:PutObject"]
        self.function.add_to_role_policy(
            iam.PolicyStatement(actions=actions, resources=[f"arn:{Aws.PARTITION}:s3:::{name}/*"])
        )
        rendered = bucket_name(self.stage, key, "<AWS::AccountId>", stack.region)
        acknowledge(
            self.function.role,
            f"AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::{rendered}/*]",
            "Objects of the one bucket the function's spec names; object keys are not known in advance.",
        )
        self.function.add_to_role_policy(
            iam.PolicyStatement(actions=list(_KEY_ACTIONS[access]), resources=[data_key.key_arn])
        )

    def _subscribe(self, table: dynamodb.ITableV2, data_key: kms.IKey, removal_policy: RemovalPolicy) -> None:
        """Stream batches in order, partial failures reported, poison batches to a queue."""
        self.stream_failures = EncryptedQueue(
            self,
            "StreamFailures",
            encryption_key=data_key,
            removal_policy=removal_policy,
            dead_letters_of=f"the stream records {self.spec.name} failed on every retry",
        )
        self.function.add_event_source(
            sources.DynamoEventSource(
                table,  # type: ignore[arg-type]
                starting_position=lambda_.StartingPosition.TRIM_HORIZON,
                batch_size=STREAM_BATCH_SIZE,
                bisect_batch_on_error=True,
                report_batch_item_failures=True,
                retry_attempts=10,
                max_record_age=Duration.days(1),
                on_failure=sources.SqsDlq(self.stream_failures.queue),
            )
        )
        self._acknowledge_queue_key("the KMS-encrypted stream-failure queue")

    def _acknowledge_queue_key(self, queue: str) -> None:
        for action in ("kms:ReEncrypt*", "kms:GenerateDataKey*"):
            acknowledge(
                self.function.role,
                f"AwsSolutions-IAM5[Action::{action}]",
                f"CDK's grant to send to {queue}; it covers only the data key.",
            )

    def _grant_tables(self, tables: Mapping[str, dynamodb.ITableV2], data_key: kms.IKey) -> None:
        key_actions: set[str] = set()
        for key, access in self.spec.tables.items():
            table = tables[key]
            resources = [table.table_arn]
            if access in (Access.READ, Access.READ_WRITE):
                # Each index by name (from the model), rather than index/*.
                resources += [
                    f"{table.table_arn}/index/{index.name}" for index in TABLES_BY_KEY[key].definition.indexes
                ]
            self.function.add_to_role_policy(
                iam.PolicyStatement(actions=list(_TABLE_ACTIONS[access]), resources=resources)
            )
            key_actions.update(_KEY_ACTIONS[access])
        if key_actions:
            self.function.add_to_role_policy(
                iam.PolicyStatement(actions=sorted(key_actions), resources=[data_key.key_arn])
            )
