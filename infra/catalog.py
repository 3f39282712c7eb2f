"""The product's resources as data: what the CDK app deploys and the local cloud provisions.

Both clouds build from this module and nothing else, so they cannot disagree about which
tables, buses, functions and state machines exist, which function may touch what, or which
environment a function is given. Tests compare the synthesized templates with it.
"""

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

from contactcenter.audit.models import AuditRecord
from contactcenter.constants import (
    BUS_DOMAIN,
    METRICS_NAMESPACE,
    STACK_API,
    STACK_WORKFLOWS,
    STATE_MACHINE_HEALTHCHECK,
    TABLE_AUDIT,
    Env,
)
from pynamodb.models import Model

from infra.tables import TableDefinition, table_definition

ROOT = Path(__file__).resolve().parent.parent
FUNCTIONS_DIR = ROOT / "functions"
STATE_MACHINES_DIR = ROOT / "infra" / "statemachines"


# Asynchronous invocations: Lambda's retries, then the on-failure destination.
ASYNC_RETRIES = 2
ASYNC_MAX_EVENT_AGE_SECONDS = 6 * 3600


class Access(StrEnum):
    """What a function may do with a table. Scan is never granted: no request path scans."""

    DESCRIBE = "describe"
    READ = "read"
    APPEND = "append"  # PutItem only: the audit log is written, never changed
    READ_WRITE = "read_write"


@dataclass(frozen=True)
class TableSpec:
    key: str
    model: type[Model]
    customer_data: bool  # CloudTrail records data events (who read or wrote) for these

    @property
    def definition(self) -> TableDefinition:
        return table_definition(self.key, self.model)


@dataclass(frozen=True)
class FunctionSpec:
    name: str
    stack: str
    description: str
    memory_mb: int
    timeout_seconds: int
    tables: Mapping[str, Access] = field(default_factory=dict)
    publishes_to: tuple[str, ...] = ()  # event buses it may PutEvents to
    routers: tuple[str, ...] = ()  # "module:attribute" of the API routers it serves
    invoked_async: bool = False  # async invocations get retries and an on-failure queue
    environment: Mapping[str, str] = field(default_factory=dict)

    handler: str = "handler.handler"

    @property
    def code_dir(self) -> Path:
        return FUNCTIONS_DIR / self.name

    def load_routers(self) -> list[Any]:
        routers = []
        for ref in self.routers:
            module, _, attribute = ref.partition(":")
            routers.append(getattr(importlib.import_module(module), attribute))
        return routers


@dataclass(frozen=True)
class StateMachineSpec:
    key: str
    stack: str
    definition_file: str
    # ASL placeholder (written ${Name} in the file) -> the function whose ARN replaces it
    functions: Mapping[str, str]

    @property
    def definition_path(self) -> Path:
        return STATE_MACHINES_DIR / self.definition_file


class ResourceNames(Protocol):
    """Physical names of resources in one cloud (CDK tokens in AWS, strings locally)."""

    def table_name(self, key: str) -> str: ...

    def bus_name(self, key: str) -> str: ...


def function_environment(spec: FunctionSpec, stage: str, names: ResourceNames) -> dict[str, str]:
    """The environment a function is deployed with, in either cloud."""
    environment = {
        Env.STAGE: stage,
        Env.SERVICE: spec.name,
        Env.METRICS_NAMESPACE: METRICS_NAMESPACE,
        Env.LOG_LEVEL: "INFO",
    }
    environment |= {Env.table(key): names.table_name(key) for key in spec.tables}
    environment |= {Env.bus(key): names.bus_name(key) for key in spec.publishes_to}
    environment |= dict(spec.environment)
    return environment


TABLES: tuple[TableSpec, ...] = (TableSpec(TABLE_AUDIT, AuditRecord, customer_data=True),)

EVENT_BUSES: tuple[str, ...] = (BUS_DOMAIN,)

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec(
        name="health",
        stack=STACK_API,
        description="GET /health: liveness, and with ?deep=true the reachability of its dependencies",
        memory_mb=256,
        timeout_seconds=10,
        tables={TABLE_AUDIT: Access.DESCRIBE},
        routers=("contactcenter.health.api:router",),
    ),
)

STATE_MACHINES: tuple[StateMachineSpec, ...] = (
    StateMachineSpec(
        key=STATE_MACHINE_HEALTHCHECK,
        stack=STACK_WORKFLOWS,
        definition_file="healthcheck.asl.json",
        functions={"HealthFunctionArn": "health"},
    ),
)

FUNCTIONS_BY_NAME: Mapping[str, FunctionSpec] = MappingProxyType({f.name: f for f in FUNCTIONS})
TABLES_BY_KEY: Mapping[str, TableSpec] = MappingProxyType({t.key: t for t in TABLES})
