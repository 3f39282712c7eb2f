"""A Lambda function of the product, built from its catalog spec.

Every function gets the same treatment: code from its folder (no bundling), the shared and
dependency layers, arm64, an explicit timeout and memory size, its own log group with a
retention period, active tracing, and a role of its own holding exactly the grants its spec
names (no managed policies). Functions invoked asynchronously are retried twice and then
send Lambda's failure record (event, error, attempts) to an encrypted on-failure queue.
"""

from collections.abc import Iterable, Mapping, Sequence

from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_destinations as destinations
from aws_cdk import aws_lambda_event_sources as sources
from aws_cdk import aws_logs as logs
from constructs import Construct

from catalog import (
    ASYNC_MAX_EVENT_AGE_SECONDS,
    ASYNC_RETRIES,
    STREAM_BATCH_SIZE,
    FunctionSpec,
    bucket_name,
    function_name,
    search_domain_name,
)
from catalog.grants import DATA_GRANTS, GrantNames, Statement, email_template_prefix, statements
from contactcenter.constants import Env
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


class ProductFunction(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        spec: FunctionSpec,
        layers: Sequence[lambda_.ILayerVersion],
        environment: Mapping[str, str],
        names: GrantNames,
        knowledge: KnowledgeSearch,
        sender_email: str | None,
        tables: Mapping[str, dynamodb.ITableV2],
        stage: str,
        data_key: kms.IKey,
        log_retention: logs.RetentionDays,
        removal_policy: RemovalPolicy,
        report_sender: str | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        self.spec = spec
        self.stage = stage
        self.sender_email = sender_email
        log_group = logs.LogGroup(self, "Logs", retention=log_retention, removal_policy=removal_policy)
        role = iam.Role(
            self,
            "Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description=f"contactcenter {spec.name}: exactly the grants its catalog spec names",
        )
        log_group.grant_write(role)
        self.role = role  # typed as the Role it is (lambda_.Function.role may be None)
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
            self.acknowledge_queue_key("the encrypted on-failure queue")
        grants = statements(spec, names, stage=stage, sender_email=sender_email, report_sender=report_sender)
        # The catalog's statements (catalog/grants.py), the same the local cloud enforces; the
        # data grants come before the stream subscription's, as they always have.
        self._add_statements(s for s in grants if s.grant in DATA_GRANTS)
        if spec.stream_from:
            self._subscribe(tables[spec.stream_from], data_key, removal_policy)
        self._add_statements(s for s in grants if s.grant not in DATA_GRANTS)
        self._acknowledge_wildcards(names)

    def _add_statements(self, grants: Iterable[Statement]) -> None:
        for statement in grants:
            self.function.add_to_role_policy(
                iam.PolicyStatement(actions=list(statement.actions), resources=list(statement.resources))
            )

    def _acknowledge_wildcards(self, names: GrantNames) -> None:
        """cdk-nag: the grants whose resources end in a wildcard, and why."""
        region = Stack.of(self).region
        for key in self.spec.buckets:
            rendered = bucket_name(self.stage, key, "<AWS::AccountId>", region)
            acknowledge(
                self.role,
                f"AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::{rendered}/*]",
                "Objects of the one bucket the function's spec names; object keys are not known in advance.",
            )
        if self.spec.notifies and self.sender_email:
            acknowledge(
                self.role,
                f"AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:{region}:<AWS::AccountId>:"
                f"template/{email_template_prefix(self.stage)}*]",
                "The escalation e-mail templates, one per kind and language, all named by this prefix.",
            )
        if self.spec.sla_timers:
            group = names.timer_target()[Env.SCHEDULE_GROUP]
            acknowledge(
                self.role,
                f"AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:{region}:<AWS::AccountId>:"
                f"schedule/{group}/*]",
                "The schedules of the SLA timers' own group: one per ticket and level, not known in advance.",
            )
        if self.spec.monitors or self.spec.supervises:
            self._acknowledge_connect_ids(region)
        if self.spec.searches:
            domain = search_domain_name(self.stage)
            acknowledge(
                self.role,
                f"AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:es:{region}:<AWS::AccountId>:"
                f"domain/{domain}/*]",
                "The paths of the knowledge-search domain (its indexes and aliases): "
                "HTTP requests name them.",
            )

    def _acknowledge_connect_ids(self, region: str) -> None:
        """cdk-nag: Connect names agents, contacts, statuses and flows by ids made at run time."""
        kinds = (("agent",) if self.spec.monitors else ()) + (
            ("agent", "contact", "agent-state", "contact-flow") if self.spec.supervises else ()
        )
        for kind in dict.fromkeys(kinds):
            acknowledge(
                self.role,
                f"AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:connect:{region}:<AWS::AccountId>:"
                f"instance/*/{kind}/*]",
                f"The account's Connect {kind} resources: Connect names them by ids made at run time (a "
                "supervisor picks the agent or contact), and the instance is another stack's.",
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
                table,
                starting_position=lambda_.StartingPosition.TRIM_HORIZON,
                batch_size=STREAM_BATCH_SIZE,
                bisect_batch_on_error=True,
                report_batch_item_failures=True,
                retry_attempts=10,
                max_record_age=Duration.days(1),
                on_failure=sources.SqsDlq(self.stream_failures.queue),
            )
        )
        self.acknowledge_queue_key("the KMS-encrypted stream-failure queue")

    def acknowledge_queue_key(self, queue: str) -> None:
        """cdk-nag: CDK's grant to send to an encrypted queue of this function's."""
        for action in ("kms:ReEncrypt*", "kms:GenerateDataKey*"):
            acknowledge(
                self.role,
                f"AwsSolutions-IAM5[Action::{action}]",
                f"CDK's grant to send to {queue}; it covers only the data key.",
            )
