"""The customers' user pool: self sign-up with a verified e-mail, the portal's client, the
customer id only the product writes, and the API's authorizer trusting both pools."""

from typing import Any

from catalog.identity import RESOURCE_SERVER
from tests.infra.conftest import Synthesized


def _api(synthesized: Synthesized) -> dict[str, Any]:
    return synthesized.template("Api")["Resources"]  # type: ignore[no-any-return]


def _customer_pool(resources: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    pools = {k: v for k, v in resources.items() if v["Type"] == "AWS::Cognito::UserPool"}
    return next((k, v) for k, v in pools.items() if k.startswith("Customers"))


def test_customers_sign_up_with_a_verified_email_and_own_no_customer_id(synthesized: Synthesized) -> None:
    resources = _api(synthesized)
    pool_id, pool = _customer_pool(resources)
    properties = pool["Properties"]
    assert properties["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is False
    assert properties["AutoVerifiedAttributes"] == ["email"]
    assert any(a["Name"] == "customer_id" for a in properties["Schema"])
    assert properties["LambdaConfig"]["PreTokenGenerationConfig"]["LambdaVersion"] == "V2_0"
    clients = [
        v["Properties"]
        for v in resources.values()
        if v["Type"] == "AWS::Cognito::UserPoolClient" and v["Properties"]["UserPoolId"] == {"Ref": pool_id}
    ]
    assert len(clients) == 1
    portal = clients[0]
    assert portal["AllowedOAuthFlows"] == ["code"]
    assert "GenerateSecret" not in portal or portal["GenerateSecret"] is False
    # The portal reads the customer id but can never write it.
    assert "custom:customer_id" in portal["ReadAttributes"]
    assert "custom:customer_id" not in portal["WriteAttributes"]
    scopes = {s if isinstance(s, str) else "resource-server" for s in portal["AllowedOAuthScopes"]}
    assert {"openid", "email"} <= scopes
    servers = [v for v in resources.values() if v["Type"] == "AWS::Cognito::UserPoolResourceServer"]
    customer_server = next(s for s in servers if s["Properties"]["UserPoolId"] == {"Ref": pool_id})
    assert customer_server["Properties"]["Identifier"] == RESOURCE_SERVER
    assert [s["ScopeName"] for s in customer_server["Properties"]["Scopes"]] == ["customer"]


def test_the_api_authorizer_trusts_both_pools(synthesized: Synthesized) -> None:
    resources = _api(synthesized)
    pool_id, _ = _customer_pool(resources)
    authorizer = next(v for v in resources.values() if v["Type"] == "AWS::ApiGateway::Authorizer")
    providers = authorizer["Properties"]["ProviderARNs"]
    assert len(providers) == 2
    assert {"Fn::GetAtt": [pool_id, "Arn"]} in providers
