"""The console's WAF web ACL at CloudFront's edge.

CloudFront only takes a web ACL of scope CLOUDFRONT, which exists in us-east-1 alone: this
construct lives in the small us-east-1 stack (``contactcenter-<stage>-ConsoleFirewall``), unless
the operator names an existing one (context ``consoleWebAclArn``). The console's traffic is static
files and a config document: the managed rules that fit that (common exploits, known bad inputs,
Amazon's IP reputation list) and a per-IP rate limit well above what one browser asks for.
"""

from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

# Requests per IP address in any 5 minutes: a first visit loads tens of files, a whole office
# behind one NAT address loads them many times over.
RATE_LIMIT = 3000


class EdgeFirewall(Construct):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)

        def managed(name: str, priority: int) -> wafv2.CfnWebACL.RuleProperty:
            return wafv2.CfnWebACL.RuleProperty(
                name=name,
                priority=priority,
                override_action=wafv2.CfnWebACL.OverrideActionProperty(none={}),
                statement=wafv2.CfnWebACL.StatementProperty(
                    managed_rule_group_statement=wafv2.CfnWebACL.ManagedRuleGroupStatementProperty(
                        vendor_name="AWS", name=name
                    )
                ),
                visibility_config=_visibility(name),
            )

        self.web_acl = wafv2.CfnWebACL(
            self,
            "WebAcl",
            scope="CLOUDFRONT",
            default_action=wafv2.CfnWebACL.DefaultActionProperty(allow={}),
            visibility_config=_visibility("ContactCenterConsole"),
            rules=[
                wafv2.CfnWebACL.RuleProperty(
                    name="PerIpRateLimit",
                    priority=0,
                    action=wafv2.CfnWebACL.RuleActionProperty(block={}),
                    statement=wafv2.CfnWebACL.StatementProperty(
                        rate_based_statement=wafv2.CfnWebACL.RateBasedStatementProperty(
                            limit=RATE_LIMIT, aggregate_key_type="IP"
                        )
                    ),
                    visibility_config=_visibility("ConsolePerIpRateLimit"),
                ),
                managed("AWSManagedRulesAmazonIpReputationList", 1),
                managed("AWSManagedRulesCommonRuleSet", 2),
                managed("AWSManagedRulesKnownBadInputsRuleSet", 3),
            ],
        )


def _visibility(name: str) -> wafv2.CfnWebACL.VisibilityConfigProperty:
    return wafv2.CfnWebACL.VisibilityConfigProperty(
        cloud_watch_metrics_enabled=True, metric_name=name, sampled_requests_enabled=True
    )
