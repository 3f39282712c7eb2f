"""Physical names and ARNs for the functions of one stack (catalog.ResourceNames in AWS):
the data stack's tables, buses and buckets, the contact-center stack's Connect instance,
queues and flows, and the state machines, which are named so that functions in any stack
can refer to them without a cross-stack reference (the API answers workflows that are
deployed after it)."""

from collections.abc import Callable, Mapping

import jsii
from aws_cdk import ArnFormat, Aws, IStableStringProducer, Lazy, Stack
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_connect as connect
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_events as events
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3

import catalog
from contactcenter.constants import Env
from infra.constructs.connect_instance import ConnectInstance
from infra.constructs.live_channel import LiveChannelApi
from infra.stacks.data_stack import DataStack


class ProductNames:
    def __init__(
        self,
        stack: Stack,
        stage: str,
        data: DataStack,
        instance: ConnectInstance | None = None,
        flows: Mapping[str, connect.CfnContactFlow] | None = None,
    ) -> None:
        self._stack, self._stage, self._data = stack, stage, data
        self._instance, self._flows = instance, flows or {}
        self.tables: Mapping[str, dynamodb.ITableV2] = data.tables
        self.buses: Mapping[str, events.IEventBus] = data.buses
        self.buckets: Mapping[str, s3.IBucket] = data.buckets
        self.data_key: kms.IKey = data.data_key
        self.knowledge = data.knowledge
        # The customers' user pool, built after the functions (its trigger is one of them): the
        # API stack sets it, and the functions' environment and grants resolve it at synthesis.
        self.customer_pool: cognito.IUserPool | None = None
        # The live channel's WebSocket API, likewise built after the functions that use it.
        self.live_channel: LiveChannelApi | None = None

    def table_name(self, key: str) -> str:
        return self._data.table_name(key)

    def bus_name(self, key: str) -> str:
        return self._data.bus_name(key)

    def bucket_name(self, key: str) -> str:
        return self._data.bucket_name(key)

    # The ARNs grants name (catalog.grants.GrantNames)
    def table_arn(self, key: str) -> str:
        return self.tables[key].table_arn

    def bus_arn(self, key: str) -> str:
        return self.buses[key].event_bus_arn

    def bucket_arn(self, key: str) -> str:
        # By its name (known in advance), so no cross-stack reference.
        name = catalog.bucket_name(self._stage, key, Aws.ACCOUNT_ID, self._stack.region)
        return f"arn:{Aws.PARTITION}:s3:::{name}"

    def data_key_arn(self) -> str:
        return self.data_key.key_arn

    def arn(self, service: str, resource: str) -> str:
        return f"arn:{Aws.PARTITION}:{service}:{self._stack.region}:{Aws.ACCOUNT_ID}:{resource}"

    def _connect(self) -> ConnectInstance:
        if self._instance is None:
            raise LookupError(f"{self._stack.stack_name} has no Connect instance to refer to")
        return self._instance

    def queue_arn(self, key: str) -> str:
        return self._connect().queue_arn(key)

    def connect_instance_id(self) -> str:
        return self._connect().instance_id

    def connect_instance_arn(self) -> str:
        return self._connect().instance_arn

    def contact_flow_arn(self, key: str) -> str:
        if key not in self._flows:
            raise LookupError(f"contact flow {key!r} is not deployed before {self._stack.stack_name}")
        return self._flows[key].attr_contact_flow_arn

    def state_machine_arn(self, key: str) -> str:
        return self._stack.format_arn(
            service="states",
            resource="stateMachine",
            resource_name=catalog.state_machine_name(self._stage, key),
            arn_format=ArnFormat.COLON_RESOURCE_NAME,
        )

    def function_arn(self, name: str) -> str:
        return self._stack.format_arn(
            service="lambda",
            resource="function",
            resource_name=catalog.function_name(self._stage, name),
            arn_format=ArnFormat.COLON_RESOURCE_NAME,
        )

    def topic_arn(self, key: str) -> str:
        return self._stack.format_arn(
            service="sns", resource=catalog.resource_name(self._stage, f"sla-{key}")
        )

    def report_environment(self) -> Mapping[str, str]:
        return {
            Env.ATHENA_WORKGROUP: catalog.report_workgroup_name(self._stage),
            Env.LAKE_DATABASE: catalog.lake_database_name(self._stage),
        }

    def cursor_secret_arn(self) -> str:
        return self._data.cursor_key.secret.secret_arn

    def _pool(self) -> cognito.IUserPool:
        if self.customer_pool is None:
            raise LookupError(f"{self._stack.stack_name} has no customers' user pool to refer to")
        return self.customer_pool

    def customer_pool_id(self) -> str:
        return Lazy.string(_Later(lambda: self._pool().user_pool_id))

    def customer_pool_arn(self) -> str:
        return Lazy.string(_Later(lambda: self._pool().user_pool_arn))

    def _live(self) -> "LiveChannelApi":
        if self.live_channel is None:
            raise LookupError(f"{self._stack.stack_name} has no live channel to refer to")
        return self.live_channel

    def live_channel_url(self) -> str:
        return Lazy.string(_Later(lambda: self._live().url))

    def live_channel_endpoint(self) -> str:
        return Lazy.string(_Later(lambda: self._live().management_endpoint))

    def live_connections_arn(self) -> str:
        return Lazy.string(_Later(lambda: self._live().connections_arn))

    def search_environment(self) -> Mapping[str, str]:
        return {
            Env.SEARCH_ENGINE: "opensearch",
            Env.OPENSEARCH_ENDPOINT: f"https://{self._data.knowledge.domain.domain_endpoint}",
            Env.SEARCH_ALIAS: catalog.resource_name(self._stage, "kb"),
        }

    def timer_target(self) -> Mapping[str, str]:
        return {
            Env.SCHEDULE_GROUP: catalog.resource_name(self._stage, "sla"),
            Env.SCHEDULER_ROLE_ARN: self._stack.format_arn(
                service="iam",
                region="",
                resource="role",
                resource_name=catalog.resource_name(self._stage, "sla-scheduler"),
            ),
            Env.ESCALATION_FUNCTION_ARN: self.function_arn(catalog.ESCALATION_FUNCTION),
            Env.TIMER_DEAD_LETTERS_ARN: self._stack.format_arn(
                service="sqs", resource=catalog.resource_name(self._stage, "sla-timer-dead-letters")
            ),
        }


@jsii.implements(IStableStringProducer)
class _Later:
    """A value known only once a construct built later exists (resolved at synthesis)."""

    def __init__(self, value: Callable[[], str]) -> None:
        self._value = value

    def produce(self) -> str | None:
        return self._value()
