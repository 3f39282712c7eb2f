"""GET /health: the deployment's liveness, and with ?deep=true its dependencies."""

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler import Depends, Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from contactcenter.api.models import Out
from contactcenter.api.security import PUBLIC
from contactcenter.health.service import HealthService

router = Router()


class HealthOut(Out):
    status: Literal["ok", "degraded"]
    version: str
    stage: str
    checks: dict[str, str]


def health_service() -> HealthService:
    """Provided by the handler (``app.dependency_overrides``), which owns the configuration."""
    raise NotImplementedError("the handler must provide HealthService")


@router.get(
    "/health",
    summary="Health of this deployment",
    tags=["operations"],
    description="Public. Shallow by default; `deep=true` also checks every dependency and answers "
    "503 when one fails.",
    responses={200: {"description": "Healthy"}, 503: {"description": "A dependency failed"}},
    security=PUBLIC,
)
def get_health(
    service: Annotated[HealthService, Depends(health_service)],
    deep: Annotated[bool, Query(description="Also check dependencies")] = False,
) -> Response[HealthOut]:
    report = service.check(deep)
    body = HealthOut(
        status=report.status, version=report.version, stage=report.stage, checks=dict(report.checks)
    )
    return Response(
        status_code=200 if report.status == "ok" else 503, content_type="application/json", body=body
    )
