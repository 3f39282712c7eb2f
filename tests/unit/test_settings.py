import pytest
from pydantic import Field

from contactcenter.constants import Env
from contactcenter.settings import ConfigurationError, FunctionSettings, load_settings


class _Settings(FunctionSettings):
    audit_table: str = Field(alias=Env.table("audit"), min_length=1)


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(Env.STAGE, "prod")
    monkeypatch.setenv(Env.SERVICE, "health")
    monkeypatch.setenv(Env.table("audit"), "audit-table-1")
    settings = load_settings(_Settings)
    assert (settings.stage, settings.service, settings.audit_table) == ("prod", "health", "audit-table-1")
    assert settings.tracing_enabled is False


def test_missing_variables_are_named_but_values_never_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(Env.STAGE, "secret-looking-value")
    monkeypatch.delenv(Env.SERVICE, raising=False)
    monkeypatch.delenv(Env.table("audit"), raising=False)
    with pytest.raises(ConfigurationError) as caught:
        load_settings(_Settings)
    message = str(caught.value)
    assert Env.SERVICE in message
    assert Env.table("audit") in message
    assert "secret-looking-value" not in message
