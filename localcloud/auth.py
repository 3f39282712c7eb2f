"""Local stand-in for the Cognito user pool: mints tokens and checks them as API Gateway's
Cognito authorizer does.

Tokens are RS256 JWTs shaped like the deployed user pool's access tokens: people's carry
their ``cognito:groups``, ``username`` and (added by the pre-token-generation trigger) a
department member's ``custom:department``, with the agent desktop's scope
``contactcenter/api``; machine clients' carry their client id and scopes. The key pair is
kept under ``.local/`` so tokens minted by ``contactcenter token`` stay valid for the local API.
"""

import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from contactcenter.auth import DEPARTMENT_CLAIM, SCOPE_API, SCOPE_PORTAL, Role

LOCAL_POOL_ID = "local_contactcenter"
LOCAL_CLIENT_ID = "local-web-client"


class TokenRejected(Exception):
    """API Gateway refuses the request before any function runs."""

    def __init__(self, response_type: str, message: str) -> None:
        super().__init__(message)
        self.response_type = response_type  # a gateway_responses type
        self.message = message


@dataclass
class LocalAuth:
    issuer: str
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

    def mint(
        self,
        *,
        username: str,
        groups: tuple[str, ...] = (),
        department: str | None = None,
        scopes: tuple[str, ...] = (SCOPE_API,),
        expires_in: int = 3600,
        machine: bool = False,
    ) -> str:
        """An access token as Cognito issues it: to a person signed in to the agent desktop,
        or (``machine``) to an integrator's client through the client-credentials grant."""
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "iat": now,
            "exp": now + expires_in,
            "jti": str(uuid.uuid4()),
            "token_use": "access",
            "scope": " ".join(scopes),
        }
        if machine:
            claims |= {"sub": username, "client_id": username}
        else:
            claims |= {
                "sub": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.issuer}/{username}")),
                "client_id": LOCAL_CLIENT_ID,
                "auth_time": now,
                "username": username,
                "cognito:groups": list(groups),
            }
            if department:
                claims[DEPARTMENT_CLAIM] = department
        return jwt.encode(claims, self.private_key, algorithm="RS256", headers={"kid": "local"})

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
                issuer=self.issuer,
                options={"verify_aud": False, "require": ["exp", "iss", "token_use"]},
            )
        except jwt.ExpiredSignatureError:
            raise TokenRejected("EXPIRED_TOKEN", "The incoming token has expired") from None
        except jwt.PyJWTError:
            raise TokenRejected("UNAUTHORIZED", "Unauthorized") from None
        if required_scopes:
            granted = set(str(claims.get("scope", "")).split())
            if not granted & set(required_scopes):
                raise TokenRejected("ACCESS_DENIED", "Unauthorized")
        return {key: _claim_string(value) for key, value in claims.items()}


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
    expires_in: int = 3600,
) -> str:
    """A token for a role of the product: a person's (agent, supervisor, admin, department) or
    a machine client's (integration: back office, portal: customer-facing)."""
    if role == Role.INTEGRATION:
        return auth.mint(
            username=username or "local-back-office", scopes=(SCOPE_API,), machine=True, expires_in=expires_in
        )
    if role == Role.PORTAL:
        return auth.mint(
            username=username or "local-portal", scopes=(SCOPE_PORTAL,), machine=True, expires_in=expires_in
        )
    if role == Role.DEPARTMENT and not department:
        raise ValueError("a department member's token needs --department")
    default = f"{role}-{department}" if department else role
    return auth.mint(
        username=username or default,
        groups=(role,),
        department=department if role == Role.DEPARTMENT else None,
        expires_in=expires_in,
    )
