"""Function configuration: one pydantic model per function, validated at cold start.

Domain code receives a settings object; it never reads ``os.environ``. A plain pydantic
model validated from the environment does all a function needs; pydantic-settings would add
~20 ms of imports (dotenv, secret directories) to every cold start for features unused here.
"""

import os
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from contactcenter.constants import Env


class ConfigurationError(RuntimeError):
    """The function was deployed with missing or invalid environment variables."""


class FunctionSettings(BaseModel):
    """What every function is given. Subclass it and add the keys the function needs."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    stage: str = Field(alias=Env.STAGE, min_length=1)
    service: str = Field(alias=Env.SERVICE, min_length=1)
    tracing_enabled: bool = Field(default=False, alias=Env.TRACING)
    # API functions: the one origin allowed cross-origin (the web console in AWS); None: no CORS.
    console_origin: str | None = Field(
        default=None, alias=Env.CONSOLE_ORIGIN, pattern=r"^https://[a-z0-9.-]+$"
    )
    # How long a stored idempotent answer lives (context idempotencyRetentionHours).
    idempotency_hours: int = Field(default=24, ge=1, le=720, alias=Env.IDEMPOTENCY_HOURS)
    # The tables the catalog gave the function (CC_TABLE_<KEY>): logical key -> physical name.
    tables: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _collect_tables(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        prefix = Env.table("")
        tables = {
            key.removeprefix(prefix).lower(): value for key, value in data.items() if key.startswith(prefix)
        }
        return {**data, "tables": tables}

    def table(self, key: str) -> str:
        """The physical name of table ``key``; the function must have been given it."""
        try:
            return self.tables[key]
        except KeyError:
            raise ConfigurationError(
                f"{self.service}: no {key} table ({Env.table(key)} is not set)"
            ) from None


S = TypeVar("S", bound=FunctionSettings)


def load_settings(model: type[S]) -> S:
    """Validate the environment into ``model``; handlers call this once, at cold start.

    Table models need no binding: each connects to the table the function's environment names
    for it (``table_names``); one whose table the function was not given keeps its logical name
    and fails, as in AWS.

    The error names the variables, never their values, so it is safe to log.
    """
    try:
        return model.model_validate(dict(os.environ))
    except ValidationError as exc:
        problems = ", ".join(
            f"{'.'.join(str(part) for part in err['loc'])} ({err['type']})" for err in exc.errors()
        )
        raise ConfigurationError(f"{model.__name__}: invalid environment: {problems}") from None
