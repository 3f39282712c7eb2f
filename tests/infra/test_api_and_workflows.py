"""The REST API and the state machines, as deployed."""

import json

import pytest

import catalog
from catalog.api_routes import api_routes
from catalog.gateway_responses import GATEWAY_RESPONSES
from tests.infra.conftest import Synthesized

pytestmark = pytest.mark.infra


def test_every_route_is_a_method_with_the_declared_authorization(synthesized: Synthesized) -> None:
    methods = synthesized.resources("AWS::ApiGateway::Method")
    routes = [m for m in methods.values() if m["Properties"]["HttpMethod"] != "ANY"]
    declared = {(route.method, route.public) for route in api_routes()}
    deployed = {
        (m["Properties"]["HttpMethod"], m["Properties"]["AuthorizationType"] == "NONE") for m in routes
    }
    assert declared == deployed
    for method in routes:
        assert method["Properties"]["Integration"]["Type"] == "AWS_PROXY"


def test_any_other_method_on_a_resource_is_405_with_allow_and_runs_no_code(synthesized: Synthesized) -> None:
    methods = synthesized.resources("AWS::ApiGateway::Method").values()
    fallbacks = [m["Properties"] for m in methods if m["Properties"]["HttpMethod"] == "ANY"]
    assert len(fallbacks) == len({route.path for route in api_routes()})  # one per resource
    for method in fallbacks:
        integration = method["Integration"]
        assert integration["Type"] == "MOCK"
        (response,) = integration["IntegrationResponses"]
        assert response["StatusCode"] == "405"
        assert response["ResponseParameters"]["method.response.header.Allow"].strip("'")
        assert "method-not-allowed" in response["ResponseTemplates"]["application/json"]


def test_the_stage_is_logged_traced_and_throttled(synthesized: Synthesized) -> None:
    (stage,) = synthesized.resources("AWS::ApiGateway::Stage").values()
    properties = stage["Properties"]
    assert properties["TracingEnabled"] is True
    assert "DestinationArn" in properties["AccessLogSetting"]
    (settings,) = properties["MethodSettings"]
    assert settings["ThrottlingRateLimit"] == 50
    assert settings["ThrottlingBurstLimit"] == 100
    assert settings["DataTraceEnabled"] is False  # request bodies carry personal data
    assert synthesized.resources("AWS::WAFv2::WebACLAssociation")


def test_gateway_errors_are_problem_json(synthesized: Synthesized) -> None:
    responses = {
        r["Properties"]["ResponseType"]: r["Properties"]
        for r in synthesized.resources("AWS::ApiGateway::GatewayResponse").values()
    }
    assert set(responses) == {r.type for r in GATEWAY_RESPONSES}
    for spec in GATEWAY_RESPONSES:
        deployed = responses[spec.type]
        assert deployed["StatusCode"] == str(spec.status)
        assert deployed["ResponseParameters"] == {
            "gatewayresponse.header.Content-Type": "'application/problem+json'"
        }
        assert f"urn:contactcenter:problem:{spec.slug}" in deployed["ResponseTemplates"]["application/json"]


@pytest.mark.parametrize("spec", catalog.STATE_MACHINES, ids=lambda s: s.key)
def test_state_machine_is_the_asl_file_with_substitutions(
    synthesized: Synthesized, spec: catalog.StateMachineSpec
) -> None:
    machines = synthesized.resources("AWS::StepFunctions::StateMachine").values()
    (machine,) = [m for m in machines if spec.key.title() in json.dumps(m["Metadata"])]
    properties = machine["Properties"]
    assert properties["DefinitionSubstitutions"].keys() == spec.functions.keys()
    # CDK uploads the ASL file itself as an asset: the very bytes the local cloud loads.
    asset = synthesized.outdir / f"asset.{properties['DefinitionS3Location']['Key']}"
    assert asset.read_bytes() == spec.definition_path.read_bytes()
    assert properties["LoggingConfiguration"]["Level"] == "ALL"
    assert properties["LoggingConfiguration"]["IncludeExecutionData"] is False
    assert properties["TracingConfiguration"] == {"Enabled": True}
    assert properties["StateMachineType"] == "STANDARD"


def test_the_openapi_document_covers_every_router_the_functions_serve() -> None:
    from contactcenter.api import document

    served = {ref for spec in catalog.FUNCTIONS for ref in spec.routers}
    assert served == set(document.ROUTERS)
    paths = json.loads(document.openapi_document())["paths"]
    assert {(route.method.lower(), route.path) for route in api_routes()} == {
        (method, path) for path, item in paths.items() for method in item
    }
