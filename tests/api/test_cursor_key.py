"""The list cursors' key comes from Secrets Manager in both clouds: the local cloud generates the
secret in moto, the functions that page read it through their own grant, once per process (an
execution environment in Lambda), not per request."""

from typing import Any

import pytest

from contactcenter import clients
from contactcenter.api import pagination
from localcloud.iam import Call
from tests.api.conftest import Api

pytestmark = pytest.mark.local_cloud


def _secret_reads(api: Api) -> list[Call]:
    return [call for call in api.session.cloud.iam.calls if call.operation == "GetSecretValue"]


def test_lists_are_signed_with_the_secret_read_once(api: Api) -> None:
    customer_id = api.customer()["customer_id"]
    for _ in range(3):
        api.ticket(customer_id)
    first = api.call("GET", "/tickets", params={"customer": customer_id, "limit": 1}, expect=200).json()
    assert first["next_cursor"]
    reads = _secret_reads(api)
    assert reads, "no function read the cursor key"
    secret = api.session.cloud.resources.cursor_secret_arn()
    assert all(call.allowed and call.resources == (secret,) for call in reads)
    cursor = first["next_cursor"]
    for _ in range(2):
        page = api.call(
            "GET", "/tickets", params={"customer": customer_id, "limit": 1, "cursor": cursor}, expect=200
        ).json()
        cursor = page["next_cursor"] or cursor
    assert len(_secret_reads(api)) == len(reads)  # kept, not fetched per request


class _Secrets:
    def __init__(self) -> None:
        self.calls = 0

    def get_secret_value(self, SecretId: str) -> dict[str, Any]:
        self.calls += 1
        return {"SecretString": f"key-of-{SecretId}"}


def test_the_key_is_the_secrets_value(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _Secrets()
    monkeypatch.setattr(clients, "_clients", {"secretsmanager": fake})
    monkeypatch.delenv("CC_CURSOR_KEY", raising=False)
    monkeypatch.setenv("CC_CURSOR_SECRET_ARN", "arn:aws:secretsmanager:eu-central-1:1:secret:test-a-AbCdEf")
    pagination._secret_key.cache_clear()
    try:
        signed = pagination.encode_cursor({"k": {"S": "1"}}, "q")
        assert pagination.decode_cursor(signed, "q") == {"k": {"S": "1"}}
        assert fake.calls == 1  # once, for signing and checking alike
        # Another key (another deployment's secret) refuses the cursor.
        monkeypatch.setenv(
            "CC_CURSOR_SECRET_ARN", "arn:aws:secretsmanager:eu-central-1:1:secret:test-b-AbCdEf"
        )
        with pytest.raises(Exception, match="cursor"):
            pagination.decode_cursor(signed, "q")
    finally:
        pagination._secret_key.cache_clear()
