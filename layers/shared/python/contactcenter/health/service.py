"""Health checks: is this deployment up, and can it reach what it depends on?"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from contactcenter import clients

Probe = Callable[[], None]
"""A dependency check: returns if healthy, raises if not."""


@dataclass(frozen=True)
class HealthReport:
    status: Literal["ok", "degraded"]
    version: str
    stage: str
    checks: Mapping[str, str]


class HealthService:
    def __init__(self, *, version: str, stage: str, probes: Mapping[str, Probe]) -> None:
        self._version = version
        self._stage = stage
        self._probes = probes

    def check(self, deep: bool) -> HealthReport:
        """Shallow: the function answers. Deep: every probe runs, failures are named."""
        checks: dict[str, str] = {}
        if deep:
            for name, probe in self._probes.items():
                try:
                    probe()
                    checks[name] = "ok"
                except Exception as exc:  # noqa: BLE001 - a failing probe is a result, not an error
                    checks[name] = f"failed: {type(exc).__name__}"
        status: Literal["ok", "degraded"] = "ok" if all(v == "ok" for v in checks.values()) else "degraded"
        return HealthReport(status=status, version=self._version, stage=self._stage, checks=checks)


def table_probe(table_name: str) -> Probe:
    """Healthy when the table exists and is ACTIVE (DescribeTable: no read capacity used)."""

    def probe() -> None:
        status = clients.client("dynamodb").describe_table(TableName=table_name)["Table"]["TableStatus"]
        if status != "ACTIVE":
            raise RuntimeError(f"table status {status}")

    return probe
