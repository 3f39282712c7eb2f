"""The knowledge base's infrastructure: the search domain (private, encrypted, IAM-authorised),
the functions that reach it, the indexer's stream with its dead-letter queue, the deployment's
index preparation, and the chat bot."""

from typing import Any

import catalog
from tests.infra.conftest import Synthesized


def only(resources: dict[str, dict[str, Any]]) -> dict[str, Any]:
    (resource,) = resources.values()
    return resource["Properties"]  # type: ignore[no-any-return]


def function_named(synthesized: Synthesized, name: str) -> tuple[str, dict[str, Any]]:
    return next(
        (key.split("/")[1], r["Properties"])
        for key, r in synthesized.resources("AWS::Lambda::Function").items()
        if r["Properties"].get("FunctionName") == f"contactcenter-dev-{name}"
    )


def test_the_domain_is_private_encrypted_and_iam_authorised(synthesized: Synthesized) -> None:
    domain = only(synthesized.resources("AWS::OpenSearchService::Domain"))
    assert domain["DomainName"] == "cc-dev-knowledge"
    assert domain["EngineVersion"].startswith("OpenSearch_2.")
    assert domain["VPCOptions"]["SubnetIds"]
    assert domain["EncryptionAtRestOptions"]["Enabled"] is True
    assert "KmsKeyId" in domain["EncryptionAtRestOptions"]
    assert domain["NodeToNodeEncryptionOptions"] == {"Enabled": True}
    assert domain["DomainEndpointOptions"]["EnforceHTTPS"] is True
    (statement,) = domain["AccessPolicies"]["Statement"]
    assert statement["Action"] == "es:ESHttp*"
    assert "AdvancedSecurityOptions" not in domain  # IAM only: no internal users to leak


def test_only_the_search_functions_run_in_the_vpc_and_may_call_the_domain(synthesized: Synthesized) -> None:
    searching = {spec.name for spec in catalog.FUNCTIONS if spec.searches}
    assert searching == {"api_knowledge", catalog.KNOWLEDGE_INDEXER_FUNCTION, catalog.CHAT_BOT_FUNCTION}
    for spec in catalog.FUNCTIONS:
        _, function = function_named(synthesized, spec.name)
        assert ("VpcConfig" in function) == (spec.name in searching), spec.name
    policies = synthesized.resources("AWS::IAM::Policy")
    for name in searching:
        _, function = function_named(synthesized, name)
        role = {"Ref": function["Role"]["Fn::GetAtt"][0]}
        statements = [
            s
            for p in policies.values()
            if role in p["Properties"]["Roles"]
            for s in p["Properties"]["PolicyDocument"]["Statement"]
        ]
        assert any("es:ESHttpGet" in s["Action"] for s in statements), name


def test_the_indexer_reads_the_articles_stream_with_a_dead_letter_queue(synthesized: Synthesized) -> None:
    logical, _ = function_named(synthesized, catalog.KNOWLEDGE_INDEXER_FUNCTION)
    mapping = next(
        r["Properties"]
        for r in synthesized.resources("AWS::Lambda::EventSourceMapping").values()
        if r["Properties"]["FunctionName"] == {"Ref": logical}
    )
    assert mapping["BisectBatchOnFunctionError"] is True
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert "OnFailure" in mapping["DestinationConfig"]


def test_every_deployment_prepares_the_index_through_the_indexer(synthesized: Synthesized) -> None:
    logical, _ = function_named(synthesized, catalog.KNOWLEDGE_INDEXER_FUNCTION)
    trigger = only(synthesized.resources("Custom::Trigger"))
    version = trigger["HandlerArn"]["Ref"].split("/")[-1]
    stack = synthesized.template("Api")
    assert stack["Resources"][version]["Properties"]["FunctionName"] == {"Ref": logical}
    assert trigger["InvocationType"] == "RequestResponse"


def test_the_chat_bot_speaks_four_languages_through_the_bot_function(synthesized: Synthesized) -> None:
    bot = only(synthesized.resources("AWS::Lex::Bot"))
    locales = {locale["LocaleId"]: locale for locale in bot["BotLocales"]}
    assert set(locales) == {"en_US", "nl_NL", "zh_CN", "ko_KR"}
    for locale in locales.values():
        fallback = next(i for i in locale["Intents"] if i["Name"] == "FallbackIntent")
        assert fallback["FulfillmentCodeHook"]["Enabled"] is True
    alias = only(synthesized.resources("AWS::Lex::BotAlias"))
    logical, _ = function_named(synthesized, catalog.CHAT_BOT_FUNCTION)
    for setting in alias["BotAliasLocaleSettings"]:
        hook = setting["BotAliasLocaleSetting"]["CodeHookSpecification"]["LambdaCodeHook"]
        assert hook["LambdaArn"]["Fn::GetAtt"] == [logical, "Arn"]
    permission = next(
        r["Properties"]
        for r in synthesized.resources("AWS::Lambda::Permission").values()
        if r["Properties"]["Principal"] == "lexv2.amazonaws.com"
    )
    assert permission["FunctionName"]["Fn::GetAtt"][0] == logical


def statements_of(synthesized: Synthesized, name: str) -> list[dict[str, Any]]:
    _, function = function_named(synthesized, name)
    role = {"Ref": function["Role"]["Fn::GetAtt"][0]}
    return [
        s
        for p in synthesized.resources("AWS::IAM::Policy").values()
        if role in p["Properties"]["Roles"]
        for s in p["Properties"]["PolicyDocument"]["Statement"]
    ]


def test_every_service_a_function_in_the_vpc_may_call_is_reachable_from_it(synthesized: Synthesized) -> None:
    """The VPC has no internet: each AWS service a function in it is granted needs an endpoint."""
    endpoints = {
        str(
            p["ServiceName"]["Fn::Join"][1][-1] if isinstance(p["ServiceName"], dict) else p["ServiceName"]
        ).rsplit(".", 1)[-1]: p
        for p in (r["Properties"] for r in synthesized.resources("AWS::EC2::VPCEndpoint").values())
    }
    # es: the domain is in the VPC. Called by the Lambda service or DynamoDB for the function, not
    # by its code: kms, xray, ec2 (the network interfaces), logs, and sqs (the indexer's stream
    # failures are sent to its dead-letter queue by the event source mapping).
    not_called_from_code = {"es", "kms", "xray", "ec2", "logs", "cloudwatch", "sqs"}
    for spec in catalog.FUNCTIONS:
        if not spec.searches:
            continue
        actions = [a for s in statements_of(synthesized, spec.name) for a in _listed(s["Action"])]
        services = {a.split(":")[0] for a in actions} - not_called_from_code
        assert services <= set(endpoints), (spec.name, services - set(endpoints))
    assert endpoints["states"]["VpcEndpointType"] == "Interface"
    assert endpoints["states"]["PrivateDnsEnabled"] is True


def test_the_chat_bot_may_count_feedback(synthesized: Synthesized) -> None:
    actions = [
        a
        for s in statements_of(synthesized, catalog.CHAT_BOT_FUNCTION)
        if "ArticleFeedback" in str(s["Resource"]) or "article_feedback" in str(s["Resource"])
        for a in _listed(s["Action"])
    ]
    assert "dynamodb:UpdateItem" in actions


def _listed(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value
