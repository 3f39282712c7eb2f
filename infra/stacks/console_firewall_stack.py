"""ConsoleFirewall: the console's WAF web ACL, in us-east-1 (the only region where CloudFront's
web ACLs exist). Not built when context consoleWebAclArn names an existing one."""

from aws_cdk import Stack
from constructs import Construct

from infra.constructs.edge_firewall import EdgeFirewall


class ConsoleFirewallStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs: object) -> None:
        super().__init__(scope, construct_id, **kwargs)  # type: ignore[arg-type]
        self.firewall = EdgeFirewall(self, "Firewall")
