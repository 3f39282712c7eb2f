"""The REST API's routes, read from the routers' own OpenAPI declarations.

A route is written once, as a Powertools route with its security requirement; the CDK app
builds API Gateway methods from this table and the local API serves the same table.
"""

import re
from dataclasses import dataclass
from functools import cache

from aws_lambda_powertools.event_handler import APIGatewayRestResolver

import catalog
from contactcenter.api.security import SCHEME, SECURITY_SCHEMES

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


@dataclass(frozen=True)
class ApiRoute:
    method: str  # upper case
    path: str  # OpenAPI template, e.g. /tickets/{id}
    function: str  # catalog function name
    public: bool
    scopes: tuple[str, ...]

    @property
    def pattern(self) -> re.Pattern[str]:
        regex = re.sub(r"\\{([A-Za-z_][A-Za-z0-9_]*)\\}", r"(?P<\1>[^/]+)", re.escape(self.path))
        return re.compile(f"^{regex}$")


class UndeclaredSecurity(ValueError):
    """A route does not say who may call it."""


@cache
def api_routes() -> tuple[ApiRoute, ...]:
    routes: list[ApiRoute] = []
    for spec in catalog.FUNCTIONS:
        if not spec.routers:
            continue
        app = APIGatewayRestResolver(enable_validation=True)
        for router in spec.load_routers():
            app.include_router(router)
        schema = app.get_openapi_schema(security_schemes=SECURITY_SCHEMES)
        for path, item in (schema.paths or {}).items():
            for method in _METHODS:
                operation = getattr(item, method, None)
                if operation is None:
                    continue
                security = operation.security
                if not security:
                    raise UndeclaredSecurity(f"{method.upper()} {path} declares no security requirement")
                public = security == [{}]
                scopes = () if public else tuple(security[0].get(SCHEME, ()))
                routes.append(ApiRoute(method.upper(), path, spec.name, public, scopes))
    return tuple(routes)
