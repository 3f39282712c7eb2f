"""The Cognito user pool: people (agents, supervisors, admins, department members) and the
machine clients of integrators, with the scopes the API's routes ask for.

People sign in to the agent desktop (authorization code with PKCE, MFA required); the
pre-token-generation trigger adds a department member's department to their tokens.
Integrators use the client-credentials grant: ``contactcenter/api`` for back-office systems,
``contactcenter/portal`` for customer-facing ones.
"""

from collections.abc import Sequence

from aws_cdk import Duration, Names, RemovalPolicy
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from catalog.identity import RESOURCE_SERVER
from contactcenter.auth import Role

# Both pools (staff and customers): 12 characters of every kind.
PASSWORD_POLICY = cognito.PasswordPolicy(
    min_length=12, require_digits=True, require_lowercase=True, require_symbols=True, require_uppercase=True
)


class ProductUserPool(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        claims_trigger: lambda_.IFunction,
        desktop_callback_urls: Sequence[str],
        removal_policy: RemovalPolicy,
        domain_prefix: str | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        self.pool = cognito.UserPool(
            self,
            "Pool",
            self_sign_up_enabled=False,
            sign_in_aliases=cognito.SignInAliases(username=True, email=True),
            mfa=cognito.Mfa.REQUIRED,
            mfa_second_factor=cognito.MfaSecondFactor(otp=True, sms=False),
            password_policy=PASSWORD_POLICY,
            account_recovery=cognito.AccountRecovery.EMAIL_ONLY,
            custom_attributes={"department": cognito.StringAttribute(min_len=1, max_len=64, mutable=True)},
            feature_plan=cognito.FeaturePlan.PLUS,
            standard_threat_protection_mode=cognito.StandardThreatProtectionMode.FULL_FUNCTION,
            deletion_protection=removal_policy == RemovalPolicy.RETAIN,
            removal_policy=removal_policy,
        )
        self.pool.add_trigger(
            cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, claims_trigger, cognito.LambdaVersion.V2_0
        )
        for role in (Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.DEPARTMENT):
            cognito.CfnUserPoolGroup(
                self, f"Group{role.value.title()}", user_pool_id=self.pool.user_pool_id, group_name=role.value
            )
        self.api_scope = cognito.ResourceServerScope(
            scope_name="api", scope_description="The contact center API"
        )
        self.portal_scope = cognito.ResourceServerScope(
            scope_name="portal", scope_description="Customer-facing use: open tickets and reply publicly"
        )
        server = self.pool.add_resource_server(
            "ResourceServer", identifier=RESOURCE_SERVER, scopes=[self.api_scope, self.portal_scope]
        )
        api = cognito.OAuthScope.resource_server(server, self.api_scope)
        portal = cognito.OAuthScope.resource_server(server, self.portal_scope)
        self.domain = self.pool.add_domain(
            "Domain",
            cognito_domain=cognito.CognitoDomainOptions(
                # The hosted UI's prefix is global to the region: a context flag names it
                # (authDomainPrefix), else one derived from the construct path.
                domain_prefix=domain_prefix or f"cc-{Names.unique_id(self).lower()[-20:]}"
            ),
        )
        self.desktop = self.pool.add_client(
            "AgentDesktop",
            generate_secret=False,
            o_auth=cognito.OAuthSettings(
                flows=cognito.OAuthFlows(authorization_code_grant=True),
                scopes=[cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, api],
                callback_urls=list(desktop_callback_urls),
            ),
            access_token_validity=Duration.hours(1),
            id_token_validity=Duration.hours(1),
            refresh_token_validity=Duration.hours(12),
            prevent_user_existence_errors=True,
        )
        self.back_office = self.pool.add_client(
            "BackOfficeIntegration",
            generate_secret=True,
            o_auth=cognito.OAuthSettings(flows=cognito.OAuthFlows(client_credentials=True), scopes=[api]),
            access_token_validity=Duration.hours(1),
        )
        self.portal = self.pool.add_client(
            "PortalIntegration",
            generate_secret=True,
            o_auth=cognito.OAuthSettings(flows=cognito.OAuthFlows(client_credentials=True), scopes=[portal]),
            access_token_validity=Duration.hours(1),
        )
