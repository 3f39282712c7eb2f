"""The web console's two Cognito app clients: staff in the staff pool, customers in theirs.

Both are public clients (a browser keeps no secret: none is generated) that sign in through the
hosted UI with the authorization code grant only; the app sends a PKCE challenge with every
sign-in, which is what makes a stolen code useless without a secret. No implicit grant: tokens
never travel in a URL. Their callback and sign-out URL is the console's own address, which is
only known in the console's stack (the CloudFront domain), hence the clients live there, on the
pools of the API stack. They grant what the clients of ``catalog/identity.py`` that the console
stands for grant: the staff console the agent desktop's scopes, the customers' console the
help-center portal's (and, like it, it may read but never write ``custom:customer_id``).
The existing clients (agent desktop, portal; context ``desktopCallbackUrls`` and
``portalCallbackUrls``) stay as they are, for other front ends and local development.
"""

from aws_cdk import Duration
from aws_cdk import aws_cognito as cognito
from constructs import Construct

from catalog.identity import CLIENTS_BY_KEY, PERSON_SCOPES, AppClient, Grant
from infra.constructs.customer_pool import CUSTOMER_ID_ATTRIBUTE

STAFF_CLIENT = CLIENTS_BY_KEY["AgentDesktop"]
CUSTOMER_CLIENT = CLIENTS_BY_KEY["CustomerPortal"]


class ConsoleClients(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        staff_pool: cognito.IUserPool,
        customer_pool: cognito.IUserPool,
        console_url: str,
    ) -> None:
        super().__init__(scope, construct_id)
        # The app's redirect URI: the console's root, where it finishes the code exchange.
        self.redirect_uri = f"{console_url}/"
        # The scopes each client may ask for (the app's sign-in asks for these).
        self.scopes = {
            "staff": [*PERSON_SCOPES, *STAFF_CLIENT.scopes],
            "customers": [*PERSON_SCOPES, *CUSTOMER_CLIENT.scopes],
        }
        self.staff = self._client("Staff", staff_pool, STAFF_CLIENT, refresh=Duration.hours(12))
        self.customers = self._client(
            "Customers",
            customer_pool,
            CUSTOMER_CLIENT,
            refresh=Duration.days(30),
            read_attributes=cognito.ClientAttributes()
            .with_standard_attributes(email=True, email_verified=True, fullname=True, locale=True)
            .with_custom_attributes(CUSTOMER_ID_ATTRIBUTE),
            write_attributes=cognito.ClientAttributes().with_standard_attributes(
                email=True, fullname=True, locale=True
            ),
        )

    def _client(
        self,
        construct_id: str,
        pool: cognito.IUserPool,
        stands_for: AppClient,
        *,
        refresh: Duration,
        read_attributes: cognito.ClientAttributes | None = None,
        write_attributes: cognito.ClientAttributes | None = None,
    ) -> cognito.UserPoolClient:
        assert stands_for.grant is Grant.AUTHORIZATION_CODE, "a console client is a person's sign-in"
        return cognito.UserPoolClient(
            self,
            construct_id,
            user_pool=pool,
            user_pool_client_name=f"console-{stands_for.pool.value}",
            generate_secret=False,
            # Only the hosted UI's OAuth flows: no password sent to the app (no USER_PASSWORD or
            # SRP auth flows), refresh tokens only.
            auth_flows=cognito.AuthFlow(user=False, user_password=False, user_srp=False, custom=False),
            o_auth=cognito.OAuthSettings(
                flows=cognito.OAuthFlows(authorization_code_grant=True, implicit_code_grant=False),
                scopes=[
                    *(cognito.OAuthScope.custom(scope) for scope in PERSON_SCOPES),
                    *(cognito.OAuthScope.custom(scope) for scope in stands_for.scopes),
                ],
                callback_urls=[self.redirect_uri],
                logout_urls=[self.redirect_uri],
            ),
            supported_identity_providers=[cognito.UserPoolClientIdentityProvider.COGNITO],
            read_attributes=read_attributes,
            write_attributes=write_attributes,
            access_token_validity=Duration.hours(1),
            id_token_validity=Duration.hours(1),
            refresh_token_validity=refresh,
            enable_token_revocation=True,
            prevent_user_existence_errors=True,
        )
