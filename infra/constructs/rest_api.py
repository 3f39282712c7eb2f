"""The REST API: API Gateway in front of the API functions, built from catalog.api_routes.

Stage with access logs (no request bodies: they hold personal data), X-Ray, throttling,
execution logging at ERROR level, a request validator, problem+json gateway responses, and a
WAF web ACL with AWS managed rules and a per-IP rate limit.

CORS for one origin, the web console's (``cors_origin``), when it is configured: API Gateway
answers every preflight itself (the 405 fallback's mock integration answers OPTIONS with 204: no
function runs, and no method is added to a stack near CloudFormation's 500-resource limit), the
gateway's own errors carry the origin too, and the functions add the headers to their answers
(``contactcenter.api.resolver``, from ``CC_CONSOLE_ORIGIN``).
"""

from collections.abc import Mapping, Sequence

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

from catalog.api_routes import ApiRoute
from catalog.gateway_responses import GATEWAY_RESPONSES, METHOD_NOT_ALLOWED, body_template
from contactcenter.api.resolver import CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS, CORS_MAX_AGE_SECONDS
from contactcenter.reports.definitions import XLSX_CONTENT_TYPE
from infra.nag import acknowledge

STAGE_NAME = "v1"


class ProductRestApi(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        routes: tuple[ApiRoute, ...],
        functions: Mapping[str, lambda_.IFunction],
        user_pools: Sequence[cognito.IUserPool],
        throttle_rate: int,
        throttle_burst: int,
        log_retention: logs.RetentionDays,
        removal_policy: RemovalPolicy,
        cors_origin: str | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        self.cors_origin = cors_origin
        access_logs = logs.LogGroup(
            self, "AccessLogs", retention=log_retention, removal_policy=removal_policy
        )
        self.api = apigw.RestApi(
            self,
            "Api",
            description="Contact center REST API for integrators, agents, supervisors and departments",
            endpoint_types=[apigw.EndpointType.REGIONAL],
            # Answers of these types leave the function base64-encoded and reach the client as
            # bytes (the report workbooks); every other answer is text.
            binary_media_types=[XLSX_CONTENT_TYPE],
            cloud_watch_role=True,
            cloud_watch_role_removal_policy=removal_policy,
            deploy_options=apigw.StageOptions(
                stage_name=STAGE_NAME,
                access_log_destination=apigw.LogGroupLogDestination(access_logs),
                access_log_format=apigw.AccessLogFormat.json_with_standard_fields(
                    caller=False,
                    http_method=True,
                    ip=True,
                    protocol=True,
                    request_time=True,
                    resource_path=True,
                    response_length=True,
                    status=True,
                    user=True,
                ),
                logging_level=apigw.MethodLoggingLevel.ERROR,
                data_trace_enabled=False,
                tracing_enabled=True,
                metrics_enabled=True,
                throttling_rate_limit=throttle_rate,
                throttling_burst_limit=throttle_burst,
            ),
        )
        acknowledge(
            self.api.node.find_child("CloudWatchRole"),
            "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
            "AmazonAPIGatewayPushToCloudWatchLogs]",
            "API Gateway's account-level logging role uses the AWS managed policy made for exactly this.",
        )
        self.validator = self.api.add_request_validator(
            "Validator", validate_request_parameters=True, validate_request_body=True
        )
        # A browser shows the console a cross-origin error only when it carries the origin.
        cors_headers = (
            {
                "Access-Control-Allow-Origin": f"'{cors_origin}'",
                "Access-Control-Expose-Headers": f"'{','.join(CORS_EXPOSE_HEADERS)}'",
                "Vary": "'Origin'",
            }
            if cors_origin
            else {}
        )
        for response in GATEWAY_RESPONSES:
            self.api.add_gateway_response(
                f"Gateway{response.type.title().replace('_', '')}",
                type=apigw.ResponseType.of(response.type),
                status_code=str(response.status),
                templates={"application/json": body_template(response)},
                response_headers={"Content-Type": "'application/problem+json'", **cors_headers},
            )
        self.authorizer = apigw.CognitoUserPoolsAuthorizer(
            self, "Authorizer", cognito_user_pools=list(user_pools), results_cache_ttl=Duration.minutes(5)
        )
        allowed: dict[str, list[str]] = {}
        for route in routes:
            self._add_route(route, functions[route.function])
            allowed.setdefault(route.path, []).append(route.method)
        for path, methods in allowed.items():
            self._add_method_not_allowed(path, methods)
        self._add_firewall()

    def _add_route(self, route: ApiRoute, function: lambda_.IFunction) -> None:
        resource = self.api.root.resource_for_path(route.path)
        protection: dict[str, object] = {}
        if not route.public:
            protection = {
                "authorizer": self.authorizer,
                "authorization_type": apigw.AuthorizationType.COGNITO,
                "authorization_scopes": list(route.scopes),
            }
        method = resource.add_method(
            route.method,
            # One invoke permission per function (this API's methods), not two per method: the
            # API stack has ~170 methods, and CloudFormation allows 500 resources a stack.
            apigw.LambdaIntegration(
                function, proxy=True, scope_permission_to_method=False, allow_test_invoke=False
            ),
            request_validator=self.validator,
            **protection,  # type: ignore[arg-type]
        )
        if route.public:
            for rule in ("AwsSolutions-APIG4", "AwsSolutions-COG4"):
                acknowledge(
                    method,
                    rule,
                    f"{route.method} {route.path} is public by design (declared PUBLIC in its route); "
                    "it returns no customer data.",
                )

    def _add_method_not_allowed(self, path: str, methods: Sequence[str]) -> None:
        """Any other method on a resource answers 405 with Allow, as the local API does (a mock
        integration: no function runs). API Gateway alone would answer 403 "Missing
        Authentication Token", which tells a caller nothing. With CORS on, the same mock answers
        the console's preflight (OPTIONS) with 204 and the resource's methods."""
        allow = ",".join(sorted(methods))
        resource = self.api.root.resource_for_path(path)
        not_allowed_headers = {
            "method.response.header.Allow": f"'{allow}'",
            "method.response.header.Content-Type": "'application/problem+json'",
        }
        request_template = '{"statusCode": 405}'
        responses = []
        method_responses = []
        if self.cors_origin:
            origin = {"method.response.header.Access-Control-Allow-Origin": f"'{self.cors_origin}'"}
            preflight = {
                **origin,
                "method.response.header.Access-Control-Allow-Methods": f"'{allow},OPTIONS'",
                "method.response.header.Access-Control-Allow-Headers": f"'{','.join(CORS_ALLOW_HEADERS)}'",
                "method.response.header.Access-Control-Max-Age": f"'{CORS_MAX_AGE_SECONDS}'",
                "method.response.header.Vary": "'Origin'",
            }
            not_allowed_headers |= origin
            request_template = (
                '#if($context.httpMethod == "OPTIONS"){"statusCode": 204}#else{"statusCode": 405}#end'
            )
            responses.append(
                apigw.IntegrationResponse(
                    status_code="204",
                    selection_pattern="204",
                    response_templates={"application/json": ""},
                    response_parameters=preflight,
                )
            )
            method_responses.append(
                apigw.MethodResponse(status_code="204", response_parameters=dict.fromkeys(preflight, True))
            )
        responses.append(
            apigw.IntegrationResponse(
                status_code="405",
                response_templates={"application/json": body_template(METHOD_NOT_ALLOWED)},
                response_parameters=not_allowed_headers,
            )
        )
        method_responses.append(
            apigw.MethodResponse(
                status_code="405", response_parameters=dict.fromkeys(not_allowed_headers, True)
            )
        )
        method = resource.add_method(
            "ANY",
            apigw.MockIntegration(
                request_templates={"application/json": request_template},
                passthrough_behavior=apigw.PassthroughBehavior.NEVER,
                integration_responses=responses,
            ),
            method_responses=method_responses,
        )
        for rule in ("AwsSolutions-APIG4", "AwsSolutions-COG4"):
            acknowledge(
                method,
                rule,
                f"ANY {path} only answers 405 with the resource's methods ({allow}) and the console's CORS "
                "preflight: a mock integration that runs no code and returns no data, as API Gateway's own "
                "answers need no token.",
            )

    def _add_firewall(self) -> None:
        def managed(name: str, priority: int, excluded: tuple[str, ...] = ()) -> wafv2.CfnWebACL.RuleProperty:
            return wafv2.CfnWebACL.RuleProperty(
                name=name,
                priority=priority,
                override_action=wafv2.CfnWebACL.OverrideActionProperty(none={}),
                statement=wafv2.CfnWebACL.StatementProperty(
                    managed_rule_group_statement=wafv2.CfnWebACL.ManagedRuleGroupStatementProperty(
                        vendor_name="AWS",
                        name=name,
                        # Ticket descriptions and knowledge articles are longer than the
                        # common rule set's 8 KB body limit; the API enforces its own limits.
                        rule_action_overrides=[
                            wafv2.CfnWebACL.RuleActionOverrideProperty(
                                name=rule, action_to_use=wafv2.CfnWebACL.RuleActionProperty(count={})
                            )
                            for rule in excluded
                        ]
                        or None,
                    )
                ),
                visibility_config=_visibility(name),
            )

        rate_limit = wafv2.CfnWebACL.RuleProperty(
            name="PerIpRateLimit",
            priority=0,
            action=wafv2.CfnWebACL.RuleActionProperty(block={}),
            statement=wafv2.CfnWebACL.StatementProperty(
                rate_based_statement=wafv2.CfnWebACL.RateBasedStatementProperty(
                    limit=2000, aggregate_key_type="IP"
                )
            ),
            visibility_config=_visibility("PerIpRateLimit"),
        )
        acl = wafv2.CfnWebACL(
            self,
            "Firewall",
            scope="REGIONAL",
            default_action=wafv2.CfnWebACL.DefaultActionProperty(allow={}),
            visibility_config=_visibility("ContactCenterApi"),
            rules=[
                rate_limit,
                managed("AWSManagedRulesCommonRuleSet", 1, excluded=("SizeRestrictions_BODY",)),
                managed("AWSManagedRulesKnownBadInputsRuleSet", 2),
            ],
        )
        wafv2.CfnWebACLAssociation(
            self,
            "FirewallAssociation",
            resource_arn=self.api.deployment_stage.stage_arn,
            web_acl_arn=acl.attr_arn,
        )


def _visibility(name: str) -> wafv2.CfnWebACL.VisibilityConfigProperty:
    return wafv2.CfnWebACL.VisibilityConfigProperty(
        cloud_watch_metrics_enabled=True, metric_name=name, sampled_requests_enabled=True
    )
