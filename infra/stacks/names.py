"""Physical names and ARNs for the functions of one stack (catalog.ResourceNames in AWS):
the data stack's tables, buses and buckets, the contact-center stack's Connect instance,
queues and flows, and the state machines, which are named so that functions in any stack
can refer to them without a cross-stack reference (the API answers workflows that are
deployed after it)."""

from collections.abc import Mapping

from aws_cdk import ArnFormat, Stack
from aws_cdk import aws_connect as connect
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_events as events
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3

from infra import catalog
from infra.constructs.connect_instance import ConnectInstance
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

    def table_name(self, key: str) -> str:
        return self._data.table_name(key)

    def bus_name(self, key: str) -> str:
        return self._data.bus_name(key)

    def bucket_name(self, key: str) -> str:
        return self._data.bucket_name(key)

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
