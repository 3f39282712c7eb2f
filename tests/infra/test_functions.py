"""Every function is deployed as its spec says, with explicit limits, its own log group and
least privilege; and the handler in every deployed code asset imports."""

import json
from typing import Any

import pytest
from aws_cdk import App

import catalog
from catalog import Access
from contactcenter import clients, storage, table_names
from contactcenter.constants import Env
from infra.config import AppConfig, ConfigError
from localcloud import isolation
from localcloud.lambda_runtime import LambdaRuntime
from localcloud.provision import LOCAL_STAGE, PlannedNames
from tests.infra.conftest import Synthesized

pytestmark = pytest.mark.infra


def _functions(synthesized: Synthesized) -> dict[str, dict[str, Any]]:
    """Product functions by catalog name (POWERTOOLS_SERVICE_NAME)."""
    found = {}
    for resource in synthesized.resources("AWS::Lambda::Function").values():
        service = (
            resource["Properties"].get("Environment", {}).get("Variables", {}).get("POWERTOOLS_SERVICE_NAME")
        )
        if service:
            found[service] = resource
    return found


def test_every_catalog_function_is_deployed_and_nothing_else(synthesized: Synthesized) -> None:
    assert set(_functions(synthesized)) == set(catalog.FUNCTIONS_BY_NAME)


@pytest.mark.parametrize("spec", catalog.FUNCTIONS, ids=lambda s: s.name)
def test_function_limits_runtime_and_logging(synthesized: Synthesized, spec: catalog.FunctionSpec) -> None:
    properties = _functions(synthesized)[spec.name]["Properties"]
    assert properties["Timeout"] == spec.timeout_seconds
    assert properties["MemorySize"] == spec.memory_mb
    assert properties["Runtime"] == "python3.12"
    assert properties["Architectures"] == ["arm64"]
    assert properties["Handler"] == spec.handler
    assert properties["TracingConfig"] == {"Mode": "Active"}
    log_group_id = properties["LoggingConfig"]["LogGroup"]["Ref"]
    log_groups = {k.split("/")[1]: v for k, v in synthesized.resources("AWS::Logs::LogGroup").items()}
    assert log_groups[log_group_id]["Properties"]["RetentionInDays"] == 90


@pytest.mark.parametrize("spec", catalog.FUNCTIONS, ids=lambda s: s.name)
def test_function_environment_matches_the_catalog(
    synthesized: Synthesized, spec: catalog.FunctionSpec
) -> None:
    variables = _functions(synthesized)[spec.name]["Properties"]["Environment"]["Variables"]
    assert set(variables) == set(catalog.function_environment(spec, "dev", PlannedNames(), tracing=True))
    # Deployed functions run the Powertools Tracer by default (the tracing context flag).
    assert variables[Env.TRACING] == "true"


@pytest.mark.parametrize(
    ("flag", "expected"), [(None, True), ("false", False), (False, False), ("true", True)]
)
def test_the_tracing_flag(flag: object, expected: bool) -> None:
    app = App(context={} if flag is None else {"tracing": flag})
    config = AppConfig.from_context(app)
    assert config.tracing is expected
    environment = catalog.function_environment(
        catalog.FUNCTIONS[0], "dev", PlannedNames(), tracing=config.tracing
    )
    assert (Env.TRACING in environment) is expected


def test_a_bad_tracing_flag_is_refused() -> None:
    with pytest.raises(ConfigError, match="context tracing='sometimes': use true or false"):
        AppConfig.from_context(App(context={"tracing": "sometimes"}))


def test_no_role_may_scan_or_use_wildcard_actions(synthesized: Synthesized) -> None:
    for path, policy in synthesized.resources("AWS::IAM::Policy").items():
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
            actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
            assert "dynamodb:Scan" not in actions, path
            assert not any(action.endswith(":*") for action in actions), (path, actions)


def test_the_audit_table_is_never_updated_or_deleted(synthesized: Synthesized) -> None:
    audit_ref = next(
        k.split("/")[1]
        for k in synthesized.resources("AWS::DynamoDB::GlobalTable")
        if k.split("/")[1].startswith("AuditTable")
    )
    for path, policy in synthesized.resources("AWS::IAM::Policy").items():
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
            if audit_ref in json.dumps(statement.get("Resource")):
                actions = set(
                    statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
                )
                assert not actions & {
                    "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem",
                    "dynamodb:BatchWriteItem",
                }, path
    assert all(
        spec.tables.get("audit") in (None, Access.APPEND, Access.APPEND_READ, Access.DESCRIBE)
        for spec in catalog.FUNCTIONS
    )


def _forget_clients() -> None:
    # The connections inspected here hold clients for this test's environment; the local
    # cloud's functions must build their own.
    storage.reset_connections()
    clients.reset()


@pytest.mark.parametrize("spec", catalog.FUNCTIONS, ids=lambda s: s.name)
def test_the_deployed_handler_imports(
    synthesized: Synthesized, spec: catalog.FunctionSpec, request: pytest.FixtureRequest
) -> None:
    """Load the handler from the very code asset CDK will upload, with its deployed environment."""
    resource = _functions(synthesized)[spec.name]
    asset_dir = synthesized.outdir / resource["Metadata"]["aws:asset:path"]
    assert (asset_dir / "handler.py").read_text() == (spec.code_dir / "handler.py").read_text()
    assert sorted(p.name for p in asset_dir.iterdir()) == ["handler.py"], (
        "a function folder holds only handler.py"
    )
    # Lambda's own variables too (the region): the models' shared client is built with them.
    environment = {
        **catalog.function_environment(spec, LOCAL_STAGE, PlannedNames()),
        "AWS_REGION": "eu-central-1",
        "AWS_DEFAULT_REGION": "eu-central-1",
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9",  # never called: connections are only inspected
    }
    # As in a fresh Lambda sandbox: no model is bound to a deployed table yet.
    storage.reset_tables()
    request.addfinalizer(_forget_clients)
    with isolation.invocation(environment):
        loaded = LambdaRuntime._cold_start(spec.name, (asset_dir, spec.handler), 0)
        assert callable(loaded.handler)
        # Each model connects to the table the function's environment names, and a model of a
        # table the function was not given finds no name for it (and would fail, as in AWS).
        # (Which name such a model holds is not asked: models are shared by the process, and a
        # local cloud's functions may be running in other threads.)
        for model in storage.table_models():
            key = storage.logical_name(model)
            if key in spec.tables:
                assert model._get_connection().table_name == environment[Env.table(key)], (spec.name, key)
            else:
                assert table_names.physical(key) is None, (spec.name, key)


def test_retention_of_chat_sessions_and_idempotent_answers_comes_from_context_flags() -> None:
    config = AppConfig.from_context(
        App(context={"chatSessionRetentionDays": 3, "idempotencyRetentionHours": 48})
    )

    def environment(name: str) -> dict[str, str]:
        spec = catalog.FUNCTIONS_BY_NAME[name]
        return catalog.function_environment(spec, "dev", PlannedNames(), config.tuning)

    assert environment("chat_bot")[Env.CHAT_SESSION_DAYS] == "3"
    # Every function that stores idempotent answers, and only those, gets their lifetime.
    storing = {spec.name for spec in catalog.FUNCTIONS if "idempotency" in spec.tables}
    assert {"api_tickets", "api_customers", "api_callbacks"} <= storing
    given = {spec.name for spec in catalog.FUNCTIONS if Env.IDEMPOTENCY_HOURS in environment(spec.name)}
    assert given == storing
    assert environment("api_tickets")[Env.IDEMPOTENCY_HOURS] == "48"
    # Without the flags, the code's defaults: nothing in the environment.
    default = AppConfig.from_context(App(context={}))
    spec = catalog.FUNCTIONS_BY_NAME["chat_bot"]
    assert Env.CHAT_SESSION_DAYS not in catalog.function_environment(
        spec, "dev", PlannedNames(), default.tuning
    )


@pytest.mark.parametrize(
    ("flag", "value"),
    [("chatSessionRetentionDays", 0), ("chatSessionRetentionDays", "2"), ("idempotencyRetentionHours", 721)],
)
def test_a_bad_retention_flag_is_refused(flag: str, value: object) -> None:
    with pytest.raises(ConfigError, match=f"context {flag}="):
        AppConfig.from_context(App(context={flag: value}))
