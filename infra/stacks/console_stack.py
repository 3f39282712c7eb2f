"""Console: the web console's hosting (S3 behind CloudFront), its Cognito app clients and the
``config.json`` it reads at start.

A stack of its own, deployed after the API: it reads the API's URL, pools and hosted-UI domains
(one-way references), and the API stack stays clear of CloudFormation's 500-resource limit. The
API learns the console's origin for CORS from configuration, not from this stack (that would be
a cycle): the custom domain, or the distribution's domain in context ``consoleOrigin``.
"""

from aws_cdk import Aws, CfnOutput, Fn, Stack, aws_connect
from aws_cdk import aws_cognito as cognito
from constructs import Construct

import catalog
from contactcenter.constants import BUCKET_ATTACHMENTS
from infra.config import AppConfig
from infra.constructs.access_log_bucket import AccessLogBucket
from infra.constructs.connect_instance import ConnectInstance
from infra.constructs.console_clients import ConsoleClients
from infra.constructs.console_site import ConsoleSite, content_security_policy
from infra.constructs.live_channel import LiveChannelApi
from infra.constructs.rest_api import STAGE_NAME, ProductRestApi

# The console's access logs (S3 and CloudFront): kept as long as the API's access logs.
ACCESS_LOG_DAYS = 90


class ConsoleStack(Stack):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: AppConfig,
        rest_api: ProductRestApi,
        live_channel: LiveChannelApi,
        connect: ConnectInstance,
        staff_domain: cognito.UserPoolDomain,
        customer_domain: cognito.UserPoolDomain,
        staff_pool: cognito.IUserPool,
        customer_pool: cognito.IUserPool,
        web_acl_arn: str,
        **kwargs: object,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)  # type: ignore[arg-type]
        region = config.region
        api_origin = Fn.join(
            "", ["https://", rest_api.api.rest_api_id, f".execute-api.{region}.", Aws.URL_SUFFIX]
        )
        staff_auth, customer_auth = staff_domain.base_url(), customer_domain.base_url()
        attachments = catalog.bucket_name(config.stage, BUCKET_ATTACHMENTS, Aws.ACCOUNT_ID, region)
        # Presigned attachment uploads and downloads (both host styles boto3 may sign).
        attachment_hosts = [
            f"https://{attachments}.s3.{region}.amazonaws.com",
            f"https://{attachments}.s3.amazonaws.com",
        ]
        csp = content_security_policy(
            connect_sources=[
                api_origin,
                live_channel.origin,  # the supervisors' live channel (a WebSocket API)
                staff_auth,  # the code-for-token exchange (POST /oauth2/token)
                customer_auth,
                *attachment_hosts,
                # Amazon Connect's chat for the help center: its Participant Service
                participant_service(region),
            ],
            # The agent workspace embeds the Connect contact control panel (amazon-connect-streams).
            frame_sources=["https://*.my.connect.aws", "https://*.awsapps.com"],
            image_sources=attachment_hosts,  # an image attachment shown in a ticket
        )
        access_logs = AccessLogBucket(
            self, "AccessLogs", removal_policy=config.removal_policy, retention_days=ACCESS_LOG_DAYS
        ).bucket
        self.site = ConsoleSite(
            self,
            "Site",
            config=config.console,
            web_acl_arn=web_acl_arn,
            access_logs=access_logs,
            content_security_policy=csp,
            removal_policy=config.removal_policy,
        )
        self.clients = ConsoleClients(
            self, "Clients", staff_pool=staff_pool, customer_pool=customer_pool, console_url=self.site.url
        )
        # What the app reads at start (the console's /config.json): no secret in it.
        self.settings = {
            "auth": "cognito",
            "api": Fn.join("", [api_origin, f"/{STAGE_NAME}"]),
            "staff": {
                "domain": staff_auth,
                "clientId": self.clients.staff.user_pool_client_id,
                "redirectUri": self.clients.redirect_uri,
                "logoutUri": self.clients.redirect_uri,
                "scopes": self.clients.scopes["staff"],
            },
            "customers": {
                "domain": customer_auth,
                "clientId": self.clients.customers.user_pool_client_id,
                "redirectUri": self.clients.redirect_uri,
                "logoutUri": self.clients.redirect_uri,
                "scopes": self.clients.scopes["customers"],
            },
            # The help center's chat talks to Amazon Connect's Participant Service directly
            "chat": {"participant": participant_service(region)},
        }
        ccp_url = config.console.ccp_url or (
            f"https://{connect.alias}.my.connect.aws/ccp-v2/" if connect.created else None
        )
        if ccp_url:
            # The agent workspace embeds the CCP; Connect serves it framed only to approved origins.
            self.settings["ccp"] = {"url": ccp_url, "region": region}
            aws_connect.CfnApprovedOrigin(
                self, "CcpOrigin", instance_id=connect.instance_arn, origin=self.site.url
            )
        self.site.deploy(config.console.build_dir, self.settings)
        CfnOutput(self, "ConsoleUrl", value=self.site.url, description="The console's address")
        CfnOutput(
            self,
            "ConsoleOrigin",
            value=f"https://{self.site.distribution.distribution_domain_name}",
            description="Without a custom domain: set context consoleOrigin to this and deploy the "
            "Api stack again (CORS)",
        )


def participant_service(region: str) -> str:
    """Amazon Connect's Participant Service: a chat's customer side (its bearer tokens, not SigV4)."""
    return f"https://participant.connect.{region}.amazonaws.com"
