"""Contact center: the Connect instance, its hours, queues and routing profiles, the contact
flows and the functions they call."""

from aws_cdk import Stack
from aws_cdk import aws_kinesis as kinesis
from constructs import Construct

import catalog
from contactcenter.constants import APP_NAME, BUCKET_RECORDINGS, STACK_CONTACT_CENTER
from infra.config import AppConfig
from infra.constructs.agent_event_stream import AgentEventStream
from infra.constructs.chat_bot import ChatBot
from infra.constructs.connect_instance import ConnectInstance
from infra.constructs.connect_lake_feeds import ConnectLakeFeeds
from infra.constructs.contact_flows import ContactFlows
from infra.constructs.operations_dashboard import OperationsDashboard
from infra.constructs.product_functions import ProductFunctions
from infra.stacks.data_stack import DataStack
from infra.stacks.names import ProductNames


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
            recordings=data.buckets[BUCKET_RECORDINGS],
        )
        names = ProductNames(self, config.stage, data, self.instance)
        self.product_functions = ProductFunctions(
            self, "Functions", stack=STACK_CONTACT_CENTER, config=config, data=names
        ).functions
        self.functions = {name: fn.function for name, fn in self.product_functions.items()}
        if self.instance.created:
            # An imported instance keeps its own contact-record stream and flow-log group.
            self.lake_feeds = ConnectLakeFeeds(
                self,
                "LakeFeeds",
                stage=config.stage,
                instance_arn=self.instance.instance_arn,
                instance_alias=self.instance.alias,
                transform=self.functions[catalog.LAKE_TRANSFORM_FUNCTION],
                database_name=catalog.lake_database_name(config.stage),
                encryption_key=data.data_key,
                log_retention=config.log_retention,
                removal_policy=config.removal_policy,
            )
            self.agent_events: kinesis.IStream | None = AgentEventStream(
                self,
                "AgentEvents",
                stage=config.stage,
                instance_arn=self.instance.instance_arn,
                encryption_key=data.data_key,
                removal_policy=config.removal_policy,
            ).stream
        else:
            self.agent_events = None  # an imported instance keeps its own storage configuration
        self.dashboard = OperationsDashboard(
            self,
            "Operations",
            name=f"{APP_NAME}-{config.stage}-operations",
            instance_id=self.instance.instance_id,
        )
        self.chat_bot = ChatBot(
            self,
            "ChatBot",
            name=f"{APP_NAME}-{config.stage}-chat",
            function=self.functions[catalog.CHAT_BOT_FUNCTION],
            instance_arn=self.instance.instance_arn,
        )
        self.flows = ContactFlows(
            self,
            "Flows",
            instance=self.instance,
            functions={
                name: fn.function for name, fn in self.product_functions.items() if fn.spec.connect_flows
            },
            lex_bots={catalog.CHAT_BOT: self.chat_bot.alias.attr_arn},
        )
