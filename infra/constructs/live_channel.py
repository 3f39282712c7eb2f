"""The live channel: API Gateway's WebSocket API, on which supervisors' pages get the live
snapshot and the alerts pushed (contactcenter.monitor.live_channel).

Its three routes go to one function. ``$connect`` is authorized by that function, not by a
Cognito authorizer (a WebSocket API cannot use one, and a token in the URL would be logged):
it spends a single-use ticket that the Cognito-authorized REST API issued to a supervisor. The
stage keeps access logs without the query string (which holds the ticket) and is throttled.
"""

from aws_cdk import Aws, RemovalPolicy, Stack
from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_apigatewayv2_integrations as integrations
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct, IConstruct

from infra.nag import acknowledge

STAGE_NAME = "live"
# Requests API Gateway accepts per second on the stage: connects, disconnects, messages.
THROTTLE_RATE, THROTTLE_BURST = 50, 100
ACCESS_LOG_FORMAT = (
    '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp",'
    '"requestTime":"$context.requestTime","routeKey":"$context.routeKey",'
    '"status":"$context.status","connectionId":"$context.connectionId",'
    '"eventType":"$context.eventType","error":"$context.error.message"}'
)


class LiveChannelApi(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        routes: lambda_.IFunction,
        log_retention: logs.RetentionDays,
        removal_policy: RemovalPolicy,
    ) -> None:
        super().__init__(scope, construct_id)

        def integration(name: str) -> apigwv2.WebSocketRouteOptions:
            return apigwv2.WebSocketRouteOptions(
                integration=integrations.WebSocketLambdaIntegration(f"{name}Integration", routes)
            )

        self.api = apigwv2.WebSocketApi(
            self,
            "Api",
            description="The supervisors' live channel: queue figures and alerts pushed",
            connect_route_options=integration("Connect"),
            disconnect_route_options=integration("Disconnect"),
            default_route_options=integration("Default"),
        )
        access_logs = logs.LogGroup(
            self, "AccessLogs", retention=log_retention, removal_policy=removal_policy
        )
        self.stage = apigwv2.WebSocketStage(
            self,
            "Stage",
            web_socket_api=self.api,
            stage_name=STAGE_NAME,
            auto_deploy=True,
            throttle=apigwv2.ThrottleSettings(rate_limit=THROTTLE_RATE, burst_limit=THROTTLE_BURST),
        )
        stage = self.stage.node.default_child
        assert isinstance(stage, apigwv2.CfnStage)
        stage.access_log_settings = apigwv2.CfnStage.AccessLogSettingsProperty(
            destination_arn=access_logs.log_group_arn, format=ACCESS_LOG_FORMAT
        )
        for route in ("$connect", "$disconnect", "$default"):
            acknowledge(
                self.api.node.find_child(f"{route}-Route"),
                "AwsSolutions-APIG4",
                "A WebSocket route: $connect is authorized by the route's function, which spends a "
                "single-use ticket the Cognito-authorized REST API issues to supervisors only; "
                "$disconnect and $default are reachable only on a connection so opened.",
            )
        region = Stack.of(self).region
        host = f"{self.api.api_id}.execute-api.{region}.{Aws.URL_SUFFIX}"
        self.url = f"wss://{host}/{STAGE_NAME}"
        self.management_endpoint = f"https://{host}/{STAGE_NAME}"
        api_arn = f"arn:{Aws.PARTITION}:execute-api:{region}:{Aws.ACCOUNT_ID}:{self.api.api_id}"
        self.connections_arn = f"{api_arn}/{STAGE_NAME}/POST/@connections/*"

    def acknowledge_pusher(self, role: IConstruct) -> None:
        """cdk-nag: a pushing function's grant names every connection of the one stage."""
        stack = Stack.of(self)
        api = stack.resolve(stack.get_logical_id(self.api.node.default_child))  # type: ignore[arg-type]
        acknowledge(
            role,
            f"AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:{stack.region}:<AWS::AccountId>:"
            f"<{api}>/{STAGE_NAME}/POST/@connections/*]",
            "The live channel's connections: API Gateway names them by ids made as supervisors connect; "
            "the grant is the one stage's POST to them, nothing else of the API.",
        )
