"""The Cognito user pool of end customers: the help-center portal and the chat.

Customers sign up themselves (the e-mail address verified), sign in through the portal
(authorization code with PKCE) and get access tokens with the scope ``contactcenter/customer``.
The pre-token-generation trigger (the same function as the staff pool's) adds the verified
``custom:customer_id`` claim, which only the product writes: the portal's app client may read
it but not write it, so no customer can name another's record. The pool and its client come
from ``catalog/identity.py``, the table the local authorizer checks tokens against too.
"""

from collections.abc import Sequence

from aws_cdk import Duration, Names, RemovalPolicy
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from catalog.identity import CLIENTS_BY_KEY, RESOURCE_SERVER, scope_name
from infra.constructs.user_pool import PASSWORD_POLICY
from infra.nag import acknowledge

CUSTOMER_ID_ATTRIBUTE = "customer_id"  # the claim custom:customer_id
PORTAL_CLIENT = CLIENTS_BY_KEY["CustomerPortal"]


class CustomerUserPool(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        claims_trigger: lambda_.IFunction,
        portal_callback_urls: Sequence[str],
        removal_policy: RemovalPolicy,
        domain_prefix: str | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        self.pool = cognito.UserPool(
            self,
            "Pool",
            self_sign_up_enabled=True,
            sign_in_aliases=cognito.SignInAliases(email=True),
            auto_verify=cognito.AutoVerifiedAttrs(email=True),
            mfa=cognito.Mfa.OPTIONAL,
            mfa_second_factor=cognito.MfaSecondFactor(otp=True, sms=False),
            password_policy=PASSWORD_POLICY,
            account_recovery=cognito.AccountRecovery.EMAIL_ONLY,
            custom_attributes={
                CUSTOMER_ID_ATTRIBUTE: cognito.StringAttribute(min_len=30, max_len=30, mutable=True)
            },
            feature_plan=cognito.FeaturePlan.PLUS,
            standard_threat_protection_mode=cognito.StandardThreatProtectionMode.FULL_FUNCTION,
            deletion_protection=removal_policy == RemovalPolicy.RETAIN,
            removal_policy=removal_policy,
        )
        acknowledge(
            self.pool,
            "AwsSolutions-COG2",
            "Customers may turn on MFA (OTP) but are not forced to: a help center must stay open to every "
            "customer; their tokens reach only their own records, and threat protection is on.",
        )
        self.pool.add_trigger(
            cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, claims_trigger, cognito.LambdaVersion.V2_0
        )
        customer_scope = cognito.ResourceServerScope(
            scope_name=scope_name(PORTAL_CLIENT.scopes[0]),
            scope_description="A signed-in customer's own tickets, callbacks and profile, and the chat",
        )
        server = self.pool.add_resource_server(
            "ResourceServer", identifier=RESOURCE_SERVER, scopes=[customer_scope]
        )
        self.domain = self.pool.add_domain(
            "Domain",
            cognito_domain=cognito.CognitoDomainOptions(
                domain_prefix=f"{domain_prefix}-customers"
                if domain_prefix
                else f"cc-customers-{Names.unique_id(self).lower()[-16:]}"
            ),
        )
        self.portal = self.pool.add_client(
            PORTAL_CLIENT.key,
            generate_secret=False,
            o_auth=cognito.OAuthSettings(
                flows=cognito.OAuthFlows(authorization_code_grant=True),
                scopes=[
                    cognito.OAuthScope.OPENID,
                    cognito.OAuthScope.EMAIL,
                    cognito.OAuthScope.resource_server(server, customer_scope),
                ],
                callback_urls=list(portal_callback_urls),
            ),
            # The portal reads the customer id but never writes it: the product links a customer's
            # sign-in to their record (AdminUpdateUserAttributes), never the customer.
            read_attributes=cognito.ClientAttributes()
            .with_standard_attributes(email=True, email_verified=True, fullname=True, locale=True)
            .with_custom_attributes(CUSTOMER_ID_ATTRIBUTE),
            write_attributes=cognito.ClientAttributes().with_standard_attributes(
                email=True, fullname=True, locale=True
            ),
            access_token_validity=Duration.hours(1),
            id_token_validity=Duration.hours(1),
            refresh_token_validity=Duration.days(30),
            prevent_user_existence_errors=True,
        )
