"""A running local cloud with its API: what ``contactcenter local``, the demo and the tests use."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from localcloud.api_gateway import DEFAULT_API_PORT, LocalApi
from localcloud.auth import LOCAL_POOL_ID, LocalAuth, token_for
from localcloud.cloud import DEFAULT_PORT, HOST, LocalCloud
from localcloud.console import ConsoleSite

STATE_DIR = Path(".local")
LAKE_DIR = STATE_DIR / "lake"  # the local data lake of `contactcenter local`


def local_auth(state_dir: Path, port: int) -> LocalAuth:
    """The local user pool's signing key and issuer (which names the local cloud's port)."""
    return LocalAuth.load_or_create(
        state_dir / "token-signing-key.pem", issuer=f"http://{HOST}:{port}/{LOCAL_POOL_ID}"
    )


@dataclass
class LocalSession:
    cloud: LocalCloud
    api: LocalApi
    auth: LocalAuth

    @classmethod
    def start(
        cls,
        *,
        port: int = DEFAULT_PORT,
        api_port: int = DEFAULT_API_PORT,
        state_dir: Path = STATE_DIR,
        lake_path: Path | None = None,
        console_dir: Path | None = None,
    ) -> "LocalSession":
        """``lake_path``: where the local data lake is kept (None: a fresh temporary folder);
        ``console_dir``: the built web console to serve at / (None: the API only)."""
        cloud = LocalCloud(port=port, lake_path=lake_path).start()
        try:
            auth = local_auth(state_dir, port)
            live_url = None if cloud.live is None else cloud.live.url
            console = None
            if console_dir is not None:
                console = ConsoleSite(
                    auth=auth, root=console_dir, live_url=live_url, uploads_origin=cloud.endpoint_url
                )
            api = LocalApi(cloud=cloud, auth=auth, port=api_port, console=console).start()
        except Exception:
            cloud.stop()
            raise
        return cls(cloud=cloud, api=api, auth=auth)

    def stop(self) -> None:
        self.api.stop()
        self.cloud.stop()

    def token(self, role: str, **options: Any) -> str:
        """A valid token for ``role`` (see auth.token_for)."""
        return token_for(self.auth, role, **options)

    def http(self, method: str, path: str, *, token: str | None = None, **kwargs: Any) -> requests.Response:
        """A request to the local API, as an integrator would make it."""
        headers = dict(kwargs.pop("headers", {}))
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return requests.request(method, f"{self.api.url}{path}", headers=headers, timeout=60, **kwargs)

    def __enter__(self) -> "LocalSession":
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()
