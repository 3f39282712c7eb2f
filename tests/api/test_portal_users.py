"""The back-office step that links a customer's help-center sign-in (a user of the customers'
Cognito pool, in moto on the local cloud) to their customer record: PUT
/customers/{id}/portal-user, supervisors and admins only, through the real API function and its
own grant (AdminGetUser and AdminUpdateUserAttributes on that pool alone)."""

from typing import Any

import pytest

from tests.api.conftest import Api, problem, unique

pytestmark = pytest.mark.local_cloud


def _signed_up(api: Api) -> str:
    """A customer who signed up to the portal: a pool user without a customer id."""
    username = f"{unique('portal-')}@example.com"
    api.session.cloud.client("cognito-idp").admin_create_user(
        UserPoolId=api.session.cloud.resources.customer_pool_id(),
        Username=username,
        UserAttributes=[{"Name": "email", "Value": username}, {"Name": "email_verified", "Value": "true"}],
    )
    return username


def _customer_id_of(api: Api, username: str) -> str | None:
    user: dict[str, Any] = api.session.cloud.client("cognito-idp").admin_get_user(
        UserPoolId=api.session.cloud.resources.customer_pool_id(), Username=username
    )
    return next((a["Value"] for a in user["UserAttributes"] if a["Name"] == "custom:customer_id"), None)


def _link(api: Api, customer_id: str, username: str, as_: str = "supervisor", **kwargs: Any) -> Any:
    return api.call(
        "PUT", f"/customers/{customer_id}/portal-user", as_=as_, json={"username": username}, **kwargs
    )


def test_a_supervisor_links_a_portal_user_once(api: Api) -> None:
    customer_id, username = api.customer()["customer_id"], _signed_up(api)
    assert _customer_id_of(api, username) is None
    body = _link(api, customer_id, username, expect=200).json()
    assert body == {"customer_id": customer_id, "username": username, "changed": True}
    assert _customer_id_of(api, username) == customer_id
    # A repeat changes nothing; an admin may do it too.
    assert _link(api, customer_id, username, as_="admin", expect=200).json()["changed"] is False
    # The function used only its own grant, on the customers' pool.
    pool_arn = api.session.cloud.resources.customer_pool_arn()
    calls = [c for c in api.session.cloud.iam.calls if c.service == "cognito-idp"]
    assert calls and all(c.allowed and c.resources == (pool_arn,) for c in calls)


def test_a_user_linked_to_another_customer_is_refused(api: Api) -> None:
    first, second, username = api.customer()["customer_id"], api.customer()["customer_id"], _signed_up(api)
    _link(api, first, username, expect=200)
    refused = _link(api, second, username, expect=409)
    assert problem(refused)["field"] == "username"
    assert _customer_id_of(api, username) == first  # unchanged


def test_unknown_users_are_422_and_unknown_customers_404(api: Api) -> None:
    customer_id = api.customer()["customer_id"]
    unknown_user = _link(api, customer_id, "nobody@example.com", expect=422)
    assert problem(unknown_user)["field"] == "username"
    username = _signed_up(api)
    _link(api, "cus_01aaaaaaaaaaaaaaaaaaaaaaaa", username, expect=404)
    assert _customer_id_of(api, username) is None


@pytest.mark.parametrize("role", ["agent", "integration", "department:billing"])
def test_only_supervisors_and_admins_link(api: Api, role: str) -> None:
    customer_id, username = api.customer()["customer_id"], _signed_up(api)
    _link(api, customer_id, username, as_=role, expect=403)
    assert _customer_id_of(api, username) is None


def test_customer_facing_tokens_cannot_link(api: Api) -> None:
    customer_id, username = api.customer()["customer_id"], _signed_up(api)
    token = api.session.token("customer", customer_id=customer_id)
    api.call(
        "PUT", f"/customers/{customer_id}/portal-user", token=token, json={"username": username}, expect=403
    )
    _link(api, customer_id, username, as_="portal", expect=403)
    assert _customer_id_of(api, username) is None
