"""/agents and /departments: the directory assignment works from."""

from typing import Annotated

from aws_lambda_powertools.event_handler import Depends, Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Header, Path, Query

from contactcenter.api.answers import json_response
from contactcenter.api.conditional import ETAG_PATTERN, expected_version
from contactcenter.api.deps import CallerDep, directory_service
from contactcenter.api.idempotency import IdempotencyKey, Idempotent
from contactcenter.api.pagination import DEFAULT_LIMIT
from contactcenter.api.params import Cursor, Limit
from contactcenter.api.responses import documented
from contactcenter.api.security import signed_in
from contactcenter.auth import SCOPE_API
from contactcenter.directory.schemas import (
    AgentIn,
    AgentList,
    AgentOut,
    AgentPatch,
    DepartmentIn,
    DepartmentList,
    DepartmentOut,
    DepartmentPatch,
)
from contactcenter.directory.service import DirectoryService, agent_out, department_out

router = Router()

Service = Annotated[DirectoryService, Depends(directory_service)]
IfMatch = Annotated[
    str | None, Header(alias="If-Match", pattern=ETAG_PATTERN, description="Checked when given")
]
DepartmentIdPath = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
AgentIdPath = Annotated[str, Path(pattern=r"^[A-Za-z0-9._@+-]{1,128}$")]
STAFF = signed_in(SCOPE_API)


@router.get(
    "/departments",
    summary="All departments",
    tags=["directory"],
    responses=documented(200, "Departments", 400),
    security=STAFF,
)
def list_departments(
    caller: CallerDep, service: Service, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None
) -> DepartmentList:
    departments, next_cursor = service.departments(caller, limit=limit, cursor=cursor)
    return DepartmentList(items=[department_out(d) for d in departments], next_cursor=next_cursor)


@router.post(
    "/departments",
    summary="Create a department",
    tags=["directory"],
    responses=documented(201, "Created", 400, 409),
    security=STAFF,
)
def create_department(
    body: DepartmentIn,
    caller: CallerDep,
    service: Service,
    idempotent: Idempotent,
    key: IdempotencyKey = None,
) -> Response[DepartmentOut]:
    answer = idempotent.run(
        "create_department",
        caller,
        key,
        body.model_dump(mode="json"),
        lambda: department_out(service.create_department(caller, body)).model_dump(mode="json"),
    )
    out = DepartmentOut.model_validate(answer)
    return json_response(out, status=201, version=out.revision, location=f"/departments/{out.department_id}")


@router.get(
    "/departments/<department_id>",
    summary="Read a department",
    tags=["directory"],
    responses=documented(200, "The department", 404),
    security=STAFF,
)
def get_department(
    department_id: DepartmentIdPath, caller: CallerDep, service: Service
) -> Response[DepartmentOut]:
    out = department_out(service.department(caller, department_id))
    return json_response(out, version=out.revision)


@router.patch(
    "/departments/<department_id>",
    summary="Change a department",
    tags=["directory"],
    responses=documented(200, "The changed department", 400, 404, 409, 412),
    security=STAFF,
)
def update_department(
    department_id: DepartmentIdPath,
    body: DepartmentPatch,
    caller: CallerDep,
    service: Service,
    if_match: IfMatch = None,
) -> Response[DepartmentOut]:
    revision = expected_version(if_match) if if_match else None
    out = department_out(service.update_department(caller, department_id, body, revision))
    return json_response(out, version=out.revision)


@router.get(
    "/agents",
    summary="Agents, all or one department's",
    tags=["directory"],
    responses=documented(200, "Agents", 400),
    security=STAFF,
)
def list_agents(
    caller: CallerDep,
    service: Service,
    department: Annotated[str | None, Query(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> AgentList:
    agents, next_cursor = service.agents(caller, department, limit=limit, cursor=cursor)
    return AgentList(items=[agent_out(a) for a in agents], next_cursor=next_cursor)


@router.post(
    "/agents",
    summary="Add an agent to the directory",
    tags=["directory"],
    responses=documented(201, "Created", 400, 404, 409),
    security=STAFF,
)
def create_agent(
    body: AgentIn, caller: CallerDep, service: Service, idempotent: Idempotent, key: IdempotencyKey = None
) -> Response[AgentOut]:
    answer = idempotent.run(
        "create_agent",
        caller,
        key,
        body.model_dump(mode="json"),
        lambda: agent_out(service.create_agent(caller, body)).model_dump(mode="json"),
    )
    out = AgentOut.model_validate(answer)
    return json_response(out, status=201, version=out.revision, location=f"/agents/{out.agent_id}")


@router.get(
    "/agents/<agent_id>",
    summary="Read an agent",
    tags=["directory"],
    responses=documented(200, "The agent", 404),
    security=STAFF,
)
def get_agent(agent_id: AgentIdPath, caller: CallerDep, service: Service) -> Response[AgentOut]:
    out = agent_out(service.agent(caller, agent_id))
    return json_response(out, version=out.revision)


@router.patch(
    "/agents/<agent_id>",
    summary="Change an agent (agents may switch their own availability)",
    tags=["directory"],
    responses=documented(200, "The changed agent", 400, 404, 412),
    security=STAFF,
)
def update_agent(
    agent_id: AgentIdPath, body: AgentPatch, caller: CallerDep, service: Service, if_match: IfMatch = None
) -> Response[AgentOut]:
    revision = expected_version(if_match) if if_match else None
    out = agent_out(service.update_agent(caller, agent_id, body, revision))
    return json_response(out, version=out.revision)
