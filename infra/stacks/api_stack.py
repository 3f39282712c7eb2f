"""API: the REST API and the functions behind it."""

from collections.abc import Mapping

from aws_cdk import Duration, Stack, aws_connect, triggers
from aws_cdk import aws_kinesis as kinesis
from constructs import Construct

import catalog
from catalog.api_routes import api_routes
from contactcenter.constants import STACK_API
from infra.config import AppConfig
from infra.constructs.agent_event_stream import subscribe as subscribe_to_agent_events
from infra.constructs.connect_instance import ConnectInstance
from infra.constructs.customer_pool import CustomerUserPool
from infra.constructs.event_rules import EventRules
from infra.constructs.live_channel import LiveChannelApi
from infra.constructs.product_functions import ProductFunctions
from infra.constructs.report_sender import ReportSender
from infra.constructs.rest_api import ProductRestApi
from infra.constructs.user_pool import ProductUserPool
from infra.stacks.data_stack import DataStack
from infra.stacks.names import ProductNames


class ApiStack(Stack):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: AppConfig,
        data: DataStack,
        connect: ConnectInstance,
        flows: Mapping[str, aws_connect.CfnContactFlow],
        agent_events: kinesis.IStream | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)  # type: ignore[arg-type]
        names = ProductNames(self, config.stage, data, connect, flows)  # flows: the chats' flow
        self.functions = ProductFunctions(
            self, "Functions", stack=STACK_API, config=config, data=names
        ).functions
        # Every deployment puts the search index's template (its mappings follow the code), and
        # the first one builds the index behind the aliases before anything searches it. (The domain
        # is in the data stack, deployed before this one.)
        indexer = self.functions[catalog.KNOWLEDGE_INDEXER_FUNCTION]
        triggers.Trigger(
            self,
            "PrepareSearchIndex",
            handler=indexer.function,
            timeout=Duration.minutes(5),
            invocation_type=triggers.InvocationType.REQUEST_RESPONSE,
            execute_on_handler_change=True,
        )
        trigger = next(fn for fn in self.functions.values() if fn.spec.cognito_trigger)
        self.user_pool = ProductUserPool(
            self,
            "Users",
            claims_trigger=trigger.function,
            desktop_callback_urls=config.desktop_callback_urls,
            removal_policy=config.removal_policy,
            domain_prefix=config.auth_domain_prefix,
        )
        self.customer_pool = CustomerUserPool(
            self,
            "Customers",
            claims_trigger=trigger.function,
            portal_callback_urls=config.portal_callback_urls,
            removal_policy=config.removal_policy,
            domain_prefix=config.auth_domain_prefix,
        )
        names.customer_pool = self.customer_pool.pool  # for the function that links its users
        self.rest_api = ProductRestApi(
            self,
            "RestApi",
            routes=api_routes(),
            functions={name: fn.function for name, fn in self.functions.items()},
            user_pools=[self.user_pool.pool, self.customer_pool.pool],
            throttle_rate=config.api_throttle_rate,
            throttle_burst=config.api_throttle_burst,
            log_retention=config.log_retention,
            removal_policy=config.removal_policy,
            cors_origin=config.console.allowed_origin,
        )
        # The supervisors' live channel; the functions that hand it out or push to it learn of it here.
        self.live_channel = LiveChannelApi(
            self,
            "LiveChannel",
            routes=self.functions[catalog.LIVE_CHANNEL_FUNCTION].function,
            log_retention=config.log_retention,
            removal_policy=config.removal_policy,
        )
        names.live_channel = self.live_channel
        for fn in self.functions.values():
            if fn.spec.live_channel is catalog.LiveChannel.PUSHES:
                self.live_channel.acknowledge_pusher(fn.role)
            if fn.spec.agent_events and agent_events is not None:
                subscribe_to_agent_events(fn, agent_events, data.data_key, config.removal_policy)
        # The report schedules' hourly rule (catalog.EVENT_RULES), and the identity they come from.
        self.event_rules = EventRules(
            self,
            "Rules",
            buses=data.buses,
            functions=self.functions,
            data_key=data.data_key,
            removal_policy=config.removal_policy,
        )
        if config.report_sender_email:
            ReportSender(self, "ReportSender", address=config.report_sender_email)
