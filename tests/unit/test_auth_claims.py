from contactcenter.auth_claims import add_department_claim


def _event(groups: list[str], attributes: dict[str, str]) -> dict:  # type: ignore[type-arg]
    return {
        "version": "2",
        "triggerSource": "TokenGeneration_Authentication",
        "request": {
            "userAttributes": attributes,
            "groupConfiguration": {"groupsToOverride": groups},
            "scopes": [],
        },
        "response": {"claimsAndScopeOverrideDetails": None},
    }


def test_department_members_get_the_department_in_both_tokens() -> None:
    event = add_department_claim(_event(["department"], {"custom:department": "billing", "email": "x@y.nl"}))
    details = event["response"]["claimsAndScopeOverrideDetails"]
    assert details["accessTokenGeneration"]["claimsToAddOrOverride"] == {"custom:department": "billing"}
    assert details["idTokenGeneration"]["claimsToAddOrOverride"] == {"custom:department": "billing"}


def test_others_are_left_alone() -> None:
    event = add_department_claim(_event(["agent"], {"custom:department": "billing"}))
    assert event["response"]["claimsAndScopeOverrideDetails"] is None


def test_a_linked_customer_gets_their_customer_id_in_the_access_token() -> None:
    event = add_department_claim(_event([], {"custom:customer_id": "cus_01", "email": "x@y.nl"}))
    details = event["response"]["claimsAndScopeOverrideDetails"]
    assert details["accessTokenGeneration"]["claimsToAddOrOverride"] == {"custom:customer_id": "cus_01"}


def test_a_user_in_a_group_never_gets_a_customer_id() -> None:
    event = add_department_claim(_event(["agent"], {"custom:customer_id": "cus_01"}))
    assert event["response"]["claimsAndScopeOverrideDetails"] is None
