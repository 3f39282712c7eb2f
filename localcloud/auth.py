"""Local stand-in for the Cognito user pools: mints tokens and checks them as API Gateway's
Cognito authorizer does.

Two pools, as deployed (``catalog/identity.py``): the staff pool (people of the agent desktop
and the integrators' machine clients) and the customers' pool (the help-center portal). Tokens
are RS256 JWTs shaped like Cognito's: access tokens carry ``token_use: access``, the app
client's ``client_id`` and the scopes it was granted; people's carry their ``username`` and
``cognito:groups``, a department member's ``custom:department`` and a customer's
``custom:customer_id`` (both added by the pre-token-generation trigger). ID tokens
(``token_use: id``, ``aud``) can be minted too, to show they are refused. The key pair is kept
under ``.local/`` so tokens minted by ``contactcenter token`` stay valid for the local API.

The authorizer accepts exactly what the deployed one does, with scopes on every method: a
token of one of the two pools (issuer), signed, not expired, an access token, from an app
client of that pool, carrying only scopes that client may be granted, and one of the route's.
"""

import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from catalog.identity import APP_CLIENTS, CLIENTS_BY_KEY, PERSON_SCOPES, AppClient, Pool
from contactcenter.auth import CUSTOMER_CLAIM, DEPARTMENT_CLAIM, Role

LOCAL_POOL_ID = "local_contactcenter"
CUSTOMER_POOL_SUFFIX = "_customers"
DESKTOP = CLIENTS_BY_KEY["AgentDesktop"]
BACK_OFFICE = CLIENTS_BY_KEY["BackOfficeIntegration"]
PORTAL = CLIENTS_BY_KEY["PortalIntegration"]
CUSTOMER_PORTAL = CLIENTS_BY_KEY["CustomerPortal"]
LOCAL_CLIENT_ID = DESKTOP.local_client_id
Use = Literal["access", "id"]  # the token_use claim
_CLIENTS_BY_ID = {client.local_client_id: client for client in APP_CLIENTS}


class TokenRejected(Exception):
    """API Gateway refuses the request before any function runs."""

    def __init__(self, response_type: str, message: str) -> None:
        super().__init__(message)
        self.response_type = response_type  # a gateway_responses type
        self.message = message


@dataclass
class LocalAuth:
    issuer: str  # the staff pool's; the customers' pool is the same URL with CUSTOMER_POOL_SUFFIX
    private_key: rsa.RSAPrivateKey

    @classmethod
    def load_or_create(cls, key_file: Path, issuer: str) -> "LocalAuth":
        if key_file.exists():
            key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
            assert isinstance(key, rsa.RSAPrivateKey)
        else:
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            key_file.parent.mkdir(parents=True, exist_ok=True)
            key_file.write_bytes(
                key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )
            key_file.chmod(0o600)
        return cls(issuer=issuer, private_key=key)

    @property
    def issuers(self) -> dict[Pool, str]:
        return {Pool.STAFF: self.issuer, Pool.CUSTOMERS: f"{self.issuer}{CUSTOMER_POOL_SUFFIX}"}

    def mint(
        self,
        *,
        client: AppClient = DESKTOP,
        username: str | None = None,
        groups: tuple[str, ...] = (),
        department: str | None = None,
        customer_id: str | None = None,
        scopes: tuple[str, ...] | None = None,
        expires_in: int = 3600,
        use: Use = "access",
    ) -> str:
        """A token as Cognito issues it to ``client``: a person's (authorization code) or a
        machine client's (client credentials). Only what the client can obtain: ValueError for
        a scope it may not be granted, groups or claims its pool does not give."""
        scopes = client.scopes if scopes is None else scopes
        allowed = set(client.scopes) | (set(PERSON_SCOPES) if client.person else set())
        if not set(scopes) <= allowed:
            raise ValueError(f"the app client {client.key} cannot be granted {sorted(set(scopes) - allowed)}")
        if not client.person and (username or groups or department or customer_id):
            raise ValueError(f"{client.key} is a machine client: its tokens name no user")
        if client.pool is Pool.CUSTOMERS and (groups or department or not customer_id):
            raise ValueError("a customer's token names the customer (customer_id) and no group")
        if client.pool is Pool.STAFF and customer_id:
            raise ValueError("the staff pool has no customers")
        now = int(time.time())
        issuer = self.issuers[client.pool]
        claims: dict[str, Any] = {"iss": issuer, "iat": now, "exp": now + expires_in, "token_use": use}
        claims["jti" if use == "access" else "origin_jti"] = str(uuid.uuid4())
        if client.person:
            name = username or ("customer" if customer_id else "user")
            claims["sub"] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{issuer}/{name}"))
            claims["auth_time"] = now
            if groups:
                claims["cognito:groups"] = list(groups)
            if department:
                claims[DEPARTMENT_CLAIM] = department
            if customer_id:
                claims[CUSTOMER_CLAIM] = customer_id
        else:
            claims["sub"] = client.local_client_id
        if use == "access":
            claims |= {"client_id": client.local_client_id, "scope": " ".join(scopes)}
            if client.person:
                claims["username"] = name
        else:  # an ID token: the audience is the client; no scopes
            claims |= {"aud": client.local_client_id}
            if client.person:
                claims["cognito:username"] = name
        return self.sign(claims)

    def sign(self, claims: Mapping[str, Any]) -> str:
        """Any claims, signed with the pool's key (tests forge what Cognito never issues)."""
        return jwt.encode(dict(claims), self.private_key, algorithm="RS256", headers={"kid": "local"})

    def authorize(self, header: str | None, required_scopes: tuple[str, ...]) -> dict[str, str]:
        """The claims API Gateway passes on (every value a string), or TokenRejected."""
        if not header:
            raise TokenRejected("UNAUTHORIZED", "Unauthorized")
        token = header.removeprefix("Bearer ").strip()
        try:
            claims = jwt.decode(
                token,
                self.private_key.public_key(),
                algorithms=["RS256"],
                issuer=list(self.issuers.values()),
                options={"verify_aud": False, "require": ["exp", "iss", "token_use", "sub"]},
            )
        except jwt.ExpiredSignatureError:
            raise TokenRejected("EXPIRED_TOKEN", "The incoming token has expired") from None
        except jwt.PyJWTError:
            raise TokenRejected("UNAUTHORIZED", "Unauthorized") from None
        if not required_scopes:
            # Without scopes on the method the authorizer takes the token as an ID token.
            if claims.get("token_use") != "id":
                raise TokenRejected("UNAUTHORIZED", "Unauthorized")
            return {key: _claim_string(value) for key, value in claims.items()}
        if claims.get("token_use") != "access":
            raise TokenRejected("UNAUTHORIZED", "Unauthorized")  # an ID token carries no scopes
        client = _CLIENTS_BY_ID.get(str(claims.get("client_id", "")))
        if client is None or self.issuers[client.pool] != claims["iss"]:
            raise TokenRejected("UNAUTHORIZED", "Unauthorized")  # no app client of that pool
        granted = set(str(claims.get("scope", "")).split())
        allowed = set(client.scopes) | (set(PERSON_SCOPES) if client.person else set())
        if not granted <= allowed or not _claims_fit(client, claims):
            raise TokenRejected("UNAUTHORIZED", "Unauthorized")  # not a token that client can get
        if not granted & set(required_scopes):
            raise TokenRejected("ACCESS_DENIED", "Unauthorized")
        return {key: _claim_string(value) for key, value in claims.items()}


def _claims_fit(client: AppClient, claims: Mapping[str, Any]) -> bool:
    """The claims a token of ``client`` can carry: a machine client's name no user, a customer's
    name the customer and no group, the staff's name no customer."""
    if not client.person:
        return claims["sub"] == client.local_client_id and not (
            {"username", "cognito:groups", DEPARTMENT_CLAIM, CUSTOMER_CLAIM} & claims.keys()
        )
    if client.pool is Pool.CUSTOMERS:
        return bool(claims.get(CUSTOMER_CLAIM)) and not ({"cognito:groups", DEPARTMENT_CLAIM} & claims.keys())
    return CUSTOMER_CLAIM not in claims


def _claim_string(value: Any) -> str:
    # API Gateway's REST Cognito authorizer hands every claim to the function as a string;
    # lists (cognito:groups) arrive comma-separated.
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def token_for(
    auth: LocalAuth,
    role: str,
    *,
    username: str | None = None,
    department: str | None = None,
    customer_id: str | None = None,
    expires_in: int = 3600,
    use: Use = "access",
) -> str:
    """A token for a role of the product: a person's (agent, supervisor, admin, department), an
    end customer's (customer: needs ``customer_id``) or a machine client's (integration: back
    office, portal: customer-facing; their tokens name the client, never a user)."""
    if role == Role.INTEGRATION:
        return auth.mint(client=BACK_OFFICE, expires_in=expires_in, use=use)
    if role == Role.PORTAL:
        return auth.mint(client=PORTAL, expires_in=expires_in, use=use)
    if role == Role.CUSTOMER:
        if not customer_id:
            raise ValueError("a customer's token needs --customer-id")
        return auth.mint(
            client=CUSTOMER_PORTAL,
            username=username or f"customer-{customer_id}",
            customer_id=customer_id,
            scopes=("openid", "email", *CUSTOMER_PORTAL.scopes),
            expires_in=expires_in,
            use=use,
        )
    if role == Role.DEPARTMENT and not department:
        raise ValueError("a department member's token needs --department")
    if role not in {Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.DEPARTMENT}:
        raise ValueError(f"no local token for the role {role!r}")
    default = f"{role}-{department}" if department else role
    return auth.mint(
        client=DESKTOP,
        username=username or default,
        groups=(role,),
        department=department if role == Role.DEPARTMENT else None,
        scopes=("openid", "email", *DESKTOP.scopes),
        expires_in=expires_in,
        use=use,
    )
