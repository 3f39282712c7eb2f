"""Who can get a token for the API, as data: the user pools, their app clients and the scopes
each client may be granted. The CDK app builds the Cognito user pools and app clients from this
table (``infra/constructs/user_pool.py``, ``infra/constructs/customer_pool.py``), and the local
authorizer (``localcloud/auth.py``) accepts exactly the tokens these clients can obtain.

What API Gateway's Cognito authorizer checks, with OAuth scopes on every method (every route of
the product declares them): the token is signed by one of the authorizer's user pools (its
issuer), not expired, an *access* token (an ID token carries no scopes: 401), and holds one of
the method's scopes (403 otherwise). A token names the app client that obtained it
(``client_id``) and can carry only the scopes that client allows.
"""

from dataclasses import dataclass
from enum import StrEnum

from contactcenter.auth import SCOPE_API, SCOPE_CUSTOMER, SCOPE_PORTAL

RESOURCE_SERVER = "contactcenter"  # the scopes' prefix, in both pools


class Pool(StrEnum):
    STAFF = "staff"  # agents, supervisors, admins, department members; integrators' machine clients
    CUSTOMERS = "customers"  # end customers of the help-center portal and the chat


class Grant(StrEnum):
    AUTHORIZATION_CODE = "authorization_code"  # a person signs in (with PKCE)
    CLIENT_CREDENTIALS = "client_credentials"  # a machine client with its secret


@dataclass(frozen=True)
class AppClient:
    key: str  # the CDK construct id; locally also the client id (``local-<key>``)
    pool: Pool
    grant: Grant
    scopes: tuple[str, ...]  # the product's scopes the client may be granted
    description: str

    @property
    def local_client_id(self) -> str:
        return f"local-{self.key}"

    @property
    def person(self) -> bool:
        return self.grant is Grant.AUTHORIZATION_CODE


APP_CLIENTS: tuple[AppClient, ...] = (
    AppClient(
        "AgentDesktop",
        Pool.STAFF,
        Grant.AUTHORIZATION_CODE,
        (SCOPE_API,),
        "the agent desktop: agents, supervisors, admins and department members sign in (MFA)",
    ),
    AppClient(
        "BackOfficeIntegration",
        Pool.STAFF,
        Grant.CLIENT_CREDENTIALS,
        (SCOPE_API,),
        "back-office systems: the whole API as staff",
    ),
    AppClient(
        "PortalIntegration",
        Pool.STAFF,
        Grant.CLIENT_CREDENTIALS,
        (SCOPE_PORTAL,),
        "customer-facing forms acting for no one customer: first-contact tickets, callbacks, search",
    ),
    AppClient(
        "CustomerPortal",
        Pool.CUSTOMERS,
        Grant.AUTHORIZATION_CODE,
        (SCOPE_CUSTOMER,),
        "the help-center portal: a signed-in customer's own tickets, callbacks and profile, the chat",
    ),
)
CLIENTS_BY_KEY = {client.key: client for client in APP_CLIENTS}

# The scopes each pool's resource server defines: a pool can grant no other.
POOL_SCOPES: dict[Pool, tuple[str, ...]] = {
    pool: tuple(sorted({scope for client in APP_CLIENTS if client.pool is pool for scope in client.scopes}))
    for pool in Pool
}
# What the OAuth flows add for people (OpenID Connect) besides the product's scopes.
PERSON_SCOPES = ("openid", "email")


def scope_name(scope: str) -> str:
    """``contactcenter/api`` -> ``api``: the name within the resource server."""
    prefix, _, name = scope.partition("/")
    if prefix != RESOURCE_SERVER or not name:
        raise ValueError(f"{scope!r} is not a scope of the resource server {RESOURCE_SERVER}")
    return name
