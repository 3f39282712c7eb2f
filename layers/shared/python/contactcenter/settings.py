"""Function configuration: one pydantic model per function, validated at cold start.

Domain code receives a settings object; it never reads ``os.environ``. A plain pydantic
model validated from the environment does all a function needs; pydantic-settings would add
~20 ms of imports (dotenv, secret directories) to every cold start for features unused here.
"""

import os
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from contactcenter.constants import Env


class ConfigurationError(RuntimeError):
    """The function was deployed with missing or invalid environment variables."""


class FunctionSettings(BaseModel):
    """What every function is given. Subclass it and add the keys the function needs."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    stage: str = Field(alias=Env.STAGE, min_length=1)
    service: str = Field(alias=Env.SERVICE, min_length=1)
    tracing_enabled: bool = Field(default=False, alias=Env.TRACING)


S = TypeVar("S", bound=FunctionSettings)


def load_settings(model: type[S]) -> S:
    """Validate the environment into ``model``; handlers call this once, at cold start.

    The error names the variables, never their values, so it is safe to log.
    """
    try:
        return model.model_validate(dict(os.environ))
    except ValidationError as exc:
        problems = ", ".join(
            f"{'.'.join(str(part) for part in err['loc'])} ({err['type']})" for err in exc.errors()
        )
        raise ConfigurationError(f"{model.__name__}: invalid environment: {problems}") from None
