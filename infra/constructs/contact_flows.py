"""The contact flows, deployed from their files with ARNs substituted, and the functions
they call made available to the instance."""

import json
from collections.abc import Callable, Mapping

from aws_cdk import Fn, Stack
from aws_cdk import aws_connect as connect
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

import catalog
from infra.constructs.connect_instance import ConnectInstance


class ContactFlows(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        instance: ConnectInstance,
        functions: Mapping[str, lambda_.IFunction],
        lex_bots: Mapping[str, str],
    ) -> None:
        super().__init__(scope, construct_id)
        stack = Stack.of(self)
        for name, function in functions.items():
            function.add_permission(
                f"Connect{name.title().replace('_', '')}",
                principal=iam.ServicePrincipal("connect.amazonaws.com"),
                source_arn=instance.instance_arn,
                source_account=stack.account,
            )
            connect.CfnIntegrationAssociation(
                self,
                f"Integration{name.title().replace('_', '')}",
                instance_id=instance.instance_arn,
                integration_type="LAMBDA_FUNCTION",
                integration_arn=function.function_arn,
            )
        self.flows: dict[str, connect.CfnContactFlow] = {}
        resolvers: dict[str, Callable[[str], str]] = {
            "function": lambda key: functions[key].function_arn,
            "queue": instance.queue_arn,
            "hours": instance.hours_arn,
            "flow": lambda key: self.flows[key].attr_contact_flow_arn,
            "lexbot": lambda key: lex_bots[key],
        }
        for spec in catalog.CONTACT_FLOWS:  # in dependency order: the queue flow first
            values = {
                placeholder: resolvers[kind](key) for placeholder, (kind, key) in spec.references.items()
            }
            # Compact: a flow's content is limited in size, and indentation is most of the file.
            text = json.dumps(
                json.loads(spec.path.read_text(encoding="utf-8")), ensure_ascii=False, separators=(",", ":")
            )
            self.flows[spec.key] = connect.CfnContactFlow(
                self,
                f"Flow{spec.key.title().replace('_', '')}",
                instance_arn=instance.instance_arn,
                name=spec.name,
                type=spec.flow_type,
                state="ACTIVE",
                description=spec.name,
                # The same ${Name} placeholders the local simulator fills in.
                content=Fn.sub(text, values) if values else text,
            )
