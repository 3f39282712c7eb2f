import pytest

from contactcenter.auth import Role, caller_from_claims
from contactcenter.errors import Forbidden, Unauthenticated


@pytest.mark.parametrize("groups", ["agent,supervisor", "[agent supervisor]", '["agent", "supervisor"]'])
def test_groups_in_every_shape_api_gateway_passes_them(groups: str) -> None:
    caller = caller_from_claims(
        {"sub": "s", "username": "ana", "cognito:groups": groups, "scope": "contactcenter/api"}
    )
    assert caller.roles == {Role.AGENT, Role.SUPERVISOR}
    assert caller.username == "ana"
    assert caller.is_staff


def test_machine_clients_get_their_role_from_the_scope() -> None:
    back_office = caller_from_claims({"sub": "c1", "client_id": "c1", "scope": "contactcenter/api"})
    portal = caller_from_claims({"sub": "c2", "client_id": "c2", "scope": "contactcenter/portal"})
    assert back_office.roles == {Role.INTEGRATION}
    assert portal.roles == {Role.PORTAL}
    assert portal.customer_facing
    assert not back_office.customer_facing


def test_a_department_member_is_limited_to_their_department() -> None:
    caller = caller_from_claims(
        {"sub": "s", "username": "d", "cognito:groups": "department", "custom:department": "billing"}
    )
    assert caller.department_only
    assert caller.department == "billing"


def test_a_department_member_without_department_is_refused() -> None:
    with pytest.raises(Forbidden):
        caller_from_claims({"sub": "s", "cognito:groups": "department"})


def test_no_claims_is_unauthenticated_and_no_role_is_forbidden() -> None:
    with pytest.raises(Unauthenticated):
        caller_from_claims(None)
    with pytest.raises(Forbidden):
        caller_from_claims({"sub": "s", "scope": "openid"})
