"""Contact center: the Connect instance, its hours, queues and routing profiles, the contact
flows and the functions they call."""

from aws_cdk import Stack
from aws_cdk import aws_iam as iam
from constructs import Construct

from contactcenter.constants import APP_NAME, STACK_CONTACT_CENTER
from infra.config import AppConfig
from infra.constructs.connect_instance import ConnectInstance
from infra.constructs.contact_flows import ContactFlows
from infra.constructs.product_functions import ProductFunctions
from infra.stacks.data_stack import DataStack


class _Names:
    """Names for this stack's functions: the data stack's, plus the Connect queues."""

    def __init__(self, data: DataStack, instance: ConnectInstance) -> None:
        self._data, self._instance = data, instance
        self.tables, self.buses, self.data_key = data.tables, data.buses, data.data_key

    def table_name(self, key: str) -> str:
        return self._data.table_name(key)

    def bus_name(self, key: str) -> str:
        return self._data.bus_name(key)

    def bucket_name(self, key: str) -> str:
        return self._data.bucket_name(key)

    def queue_arn(self, key: str) -> str:
        return self._instance.queue_arn(key)

    def connect_instance_id(self) -> str:
        return self._instance.instance_id


class ContactCenterStack(Stack):
    def __init__(
        self, scope: Construct, construct_id: str, *, config: AppConfig, data: DataStack, **kwargs: object
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)  # type: ignore[arg-type]
        self.instance = ConnectInstance(
            self,
            "Connect",
            alias=f"{APP_NAME}-{config.stage}",
            existing_instance_arn=config.connect_instance_arn,
            encryption_key=data.data_key,
            access_logs=data.access_logs,
            removal_policy=config.removal_policy,
        )
        self.product_functions = ProductFunctions(
            self, "Functions", stack=STACK_CONTACT_CENTER, config=config, data=_Names(data, self.instance)
        ).functions
        self.functions = {name: fn.function for name, fn in self.product_functions.items()}
        for function in self.product_functions.values():
            if function.spec.routing:
                function.function.add_to_role_policy(
                    iam.PolicyStatement(
                        actions=["connect:GetCurrentMetricData"],
                        resources=[
                            self.instance.instance_arn,
                            *(q.attr_queue_arn for q in self.instance.queues.values()),
                        ],
                    )
                )
        self.flows = ContactFlows(
            self,
            "Flows",
            instance=self.instance,
            functions={
                name: fn.function for name, fn in self.product_functions.items() if fn.spec.connect_flows
            },
        )
