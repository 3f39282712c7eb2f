"""The web console's hosting: the private bucket only its distribution reads (OAC), HTTPS, the
security headers, the WAF, the config.json the app reads, its Cognito clients (code + PKCE, no
secret) and the REST API's CORS for the console's origin."""

import json
from pathlib import Path
from typing import Any

import pytest
from aws_cdk import App

import catalog
from catalog.api_routes import api_routes
from contactcenter.api.resolver import CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS
from infra.config import AppConfig, ConfigError
from tests.infra.conftest import CONSOLE_CONTEXT, CONSOLE_DOMAIN, CONSOLE_FIXTURE, Synthesized, synthesize

pytestmark = pytest.mark.infra


def _of_type(template: dict[str, Any], resource_type: str) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in template["Resources"].items() if v["Type"] == resource_type}


def _one(template: dict[str, Any], resource_type: str) -> tuple[str, dict[str, Any]]:
    (found,) = _of_type(template, resource_type).items()
    return found


def _distribution(synthesized: Synthesized) -> dict[str, Any]:
    return _one(synthesized.template("Console"), "AWS::CloudFront::Distribution")[1]["Properties"][
        "DistributionConfig"
    ]


def test_the_bucket_is_private_and_only_the_distribution_reads_it(synthesized: Synthesized) -> None:
    console = synthesized.template("Console")
    buckets = _of_type(console, "AWS::S3::Bucket")
    site_id = next(k for k in buckets if k.startswith("SiteAssets"))
    bucket = buckets[site_id]["Properties"]
    assert bucket["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    assert bucket["VersioningConfiguration"] == {"Status": "Enabled"}
    assert "WebsiteConfiguration" not in bucket
    assert bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"]
    assert bucket["LoggingConfiguration"]["LogFilePrefix"] == "console-bucket/"
    # Origin Access Control, not an origin access identity.
    _, oac = _one(console, "AWS::CloudFront::OriginAccessControl")
    assert oac["Properties"]["OriginAccessControlConfig"]["SigningBehavior"] == "always"
    assert oac["Properties"]["OriginAccessControlConfig"]["OriginAccessControlOriginType"] == "s3"
    assert not _of_type(console, "AWS::CloudFront::CloudFrontOriginAccessIdentity")
    (origin,) = _distribution(synthesized)["Origins"]
    assert "OriginAccessControlId" in origin
    assert origin["S3OriginConfig"]["OriginAccessIdentity"] == ""
    # The bucket policy: allows only CloudFront's service principal, for this distribution only.
    policy = next(
        p["Properties"]["PolicyDocument"]
        for p in _of_type(console, "AWS::S3::BucketPolicy").values()
        if p["Properties"]["Bucket"] == {"Ref": site_id}
    )
    allows = [s for s in policy["Statement"] if s["Effect"] == "Allow"]
    assert len(allows) == 1
    (allow,) = allows
    assert allow["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert allow["Action"] == "s3:GetObject"
    distribution_id = next(iter(_of_type(console, "AWS::CloudFront::Distribution")))
    source = json.dumps(allow["Condition"]["StringEquals"]["AWS:SourceArn"])
    assert distribution_id in source


def test_viewers_get_https_only_and_index_html_at_the_root(synthesized: Synthesized) -> None:
    config = _distribution(synthesized)
    behavior = config["DefaultCacheBehavior"]
    assert behavior["ViewerProtocolPolicy"] == "redirect-to-https"
    assert behavior["AllowedMethods"] == ["GET", "HEAD"]
    assert config["DefaultRootObject"] == "index.html"
    assert "CustomErrorResponses" not in config  # hash routes: no rewrite to index.html
    assert config["Logging"]["Prefix"] == "console-cloudfront/"
    # The default certificate: CloudFront's own domain, CFR4 acknowledged with its reason.
    assert "ViewerCertificate" not in config


def test_on_its_own_domain_the_console_gets_tls_1_2(synthesized_on_domain: Synthesized) -> None:
    config = _distribution(synthesized_on_domain)
    assert config["Aliases"] == [CONSOLE_DOMAIN]
    certificate = config["ViewerCertificate"]
    assert certificate["AcmCertificateArn"] == CONSOLE_CONTEXT["consoleCertificateArn"]
    assert certificate["MinimumProtocolVersion"] == "TLSv1.2_2021"
    assert certificate["SslSupportMethod"] == "sni-only"


def test_the_security_headers(synthesized: Synthesized) -> None:
    console = synthesized.template("Console")
    _, policy = _one(console, "AWS::CloudFront::ResponseHeadersPolicy")
    headers = policy["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    hsts = headers["StrictTransportSecurity"]
    assert hsts["AccessControlMaxAgeSec"] >= 31_536_000
    assert hsts["IncludeSubdomains"] is True and hsts["Override"] is True
    assert headers["ContentTypeOptions"] == {"Override": True}
    assert headers["FrameOptions"]["FrameOption"] == "DENY"
    assert headers["ReferrerPolicy"]["ReferrerPolicy"] == "strict-origin-when-cross-origin"
    custom = {
        h["Header"]: h["Value"]
        for h in policy["Properties"]["ResponseHeadersPolicyConfig"]["CustomHeadersConfig"]["Items"]
    }
    assert custom == {
        "Cross-Origin-Opener-Policy": "same-origin-allow-popups",
        "Permissions-Policy": "camera=(), geolocation=()",
    }
    csp = json.dumps(headers["ContentSecurityPolicy"]["ContentSecurityPolicy"])
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert "img-src 'self' data: https://contactcenter-dev-attachments-" in csp
    # connect-src: the REST API's origin and both hosted-UI domains (references to the Api stack).
    connect = csp[csp.index("connect-src") :]
    assert "execute-api.eu-central-1." in connect
    assert connect.count("amazoncognito.com") == 2 or connect.count("Fn::ImportValue") >= 3
    assert "wss://" in connect.split(";")[0]  # the live channel's WebSocket API (and Connect's chat)
    assert "LiveChannelApi" in json.dumps(policy)  # the live channel's own API id, by reference
    (distribution,) = _of_type(console, "AWS::CloudFront::Distribution").values()
    behavior = distribution["Properties"]["DistributionConfig"]["DefaultCacheBehavior"]
    assert behavior["ResponseHeadersPolicyId"] == {
        "Ref": next(iter(_of_type(console, "AWS::CloudFront::ResponseHeadersPolicy")))
    }


def test_the_waf_is_a_cloudfront_web_acl_in_us_east_1(synthesized: Synthesized) -> None:
    firewall = synthesized.stacks.console_firewall
    assert firewall is not None and firewall.region == "us-east-1"
    template = synthesized.template("ConsoleFirewall")
    _, acl = _one(template, "AWS::WAFv2::WebACL")
    assert acl["Properties"]["Scope"] == "CLOUDFRONT"
    names = {rule["Name"] for rule in acl["Properties"]["Rules"]}
    assert {"PerIpRateLimit", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"} <= names
    # Handed across regions to the distribution.
    assert "WebACLId" in _distribution(synthesized)
    assert "ExportsReader" in json.dumps(_distribution(synthesized)["WebACLId"])


def test_an_existing_web_acl_needs_no_us_east_1_stack(synthesized_on_domain: Synthesized) -> None:
    assert synthesized_on_domain.stacks.console_firewall is None
    assert not any(name.endswith("-ConsoleFirewall") for name in synthesized_on_domain.templates)
    assert _distribution(synthesized_on_domain)["WebACLId"] == CONSOLE_CONTEXT["consoleWebAclArn"]


def _render(value: Any) -> str:
    """A CloudFormation value as text: references become {Ref:X}, {X.Attr}, {import:Y}."""
    if isinstance(value, str):
        return value
    ((function, argument),) = value.items()
    if function == "Fn::Join":
        return str(argument[0]).join(_render(part) for part in argument[1])
    if function == "Fn::ImportValue":
        return f"{{import:{argument}}}"
    if function == "Fn::GetAtt":
        return f"{{{argument[0]}.{argument[1]}}}"
    assert function == "Ref", value
    return f"{{Ref:{argument}}}"


def _config_json(synthesized: Synthesized) -> dict[str, Any]:
    """The config.json the entry deployment writes: CDK's json_data source (a file with markers in
    the cloud assembly), its markers replaced by the values the deployment substitutes."""
    console = synthesized.template("Console")
    deployments = _of_type(console, "Custom::CDKBucketDeployment")
    entry = next(v["Properties"] for k, v in deployments.items() if k.startswith("SiteDeployEntry"))
    assert entry["Prune"] is False
    assert entry["DistributionPaths"] == ["/index.html", "/config.json", "/"]
    (markers,) = [m for m in entry["SourceMarkers"] if m]
    (document,) = [
        path / "config.json"
        for path in synthesized.outdir.glob("asset.*")
        if (path / "config.json").is_file()
        and f"{path.name.removeprefix('asset.')}.zip" in entry["SourceObjectKeys"]
    ]
    text = document.read_text()
    for marker, value in markers.items():
        text = text.replace(marker, _render(value))
    return json.loads(text)  # type: ignore[no-any-return]


def test_only_the_attachments_bucket_takes_uploads_from_the_console(
    synthesized_on_domain: Synthesized,
) -> None:
    buckets = _of_type(synthesized_on_domain.template("Data"), "AWS::S3::Bucket")
    cors = {
        k: v["Properties"]["CorsConfiguration"]
        for k, v in buckets.items()
        if "CorsConfiguration" in v["Properties"]
    }
    ((name, rules),) = cors.items()
    assert name.startswith("AttachmentsBucket")
    assert rules["CorsRules"] == [
        {
            "AllowedHeaders": ["*"],
            "AllowedMethods": ["POST"],
            "AllowedOrigins": [f"https://{CONSOLE_DOMAIN}"],
            "MaxAge": 3000,
        }
    ]


def test_the_build_goes_up_cached_for_a_year_and_its_entry_revalidated(synthesized: Synthesized) -> None:
    deployments = _of_type(synthesized.template("Console"), "Custom::CDKBucketDeployment")
    uploaded: dict[str, list[str]] = {}
    for deployment in deployments.values():
        properties = deployment["Properties"]
        files = sorted(
            str(path.relative_to(folder))
            for object_key in properties["SourceObjectKeys"]
            for folder in [synthesized.outdir / f"asset.{object_key.removesuffix('.zip')}"]
            for path in folder.rglob("*")
            if path.is_file()
        )
        uploaded[properties["SystemMetadata"]["cache-control"]] = files
        assert properties["Prune"] is False  # an open tab still loads the previous version's chunks
    assert uploaded == {
        "public, max-age=31536000, immutable": ["assets/app.js"],  # not the build's dot files
        "no-cache": ["config.json", "index.html"],
    }


def test_config_json_tells_the_app_the_api_and_the_hosted_ui(synthesized_on_domain: Synthesized) -> None:
    config = _config_json(synthesized_on_domain)
    assert config["auth"] == "cognito"
    assert "execute-api.eu-central-1." in config["api"] and config["api"].endswith("/v1")
    assert config["api"].startswith("https://{import:contactcenter-dev-Api:")
    for audience, client in (("staff", "ClientsStaff"), ("customers", "ClientsCustomers")):
        assert config[audience]["redirectUri"] == f"https://{CONSOLE_DOMAIN}/"
        assert config[audience]["logoutUri"] == f"https://{CONSOLE_DOMAIN}/"
        domain = config[audience]["domain"]
        assert domain.startswith("https://{import:contactcenter-dev-Api:")
        assert domain.endswith(".auth.eu-central-1.amazoncognito.com")
        assert config[audience]["clientId"].startswith(f"{{Ref:{client}")
    assert config["staff"]["scopes"] == ["openid", "email", "contactcenter/api"]
    assert config["customers"]["scopes"] == ["openid", "email", "contactcenter/customer"]
    assert "secret" not in json.dumps(config).lower()
    # The help center's chat: Connect's Participant Service in the deployment's region
    assert config["chat"] == {"participant": "https://participant.connect.eu-central-1.amazonaws.com"}
    # The workspace's CCP: the instance the product created, which frames it for the console only
    assert config["ccp"] == {
        "url": "https://contactcenter-dev.my.connect.aws/ccp-v2/",
        "region": "eu-central-1",
    }
    (origin,) = _of_type(synthesized_on_domain.template("Console"), "AWS::Connect::ApprovedOrigin").values()
    assert origin["Properties"]["Origin"] == f"https://{CONSOLE_DOMAIN}"


def _clients(synthesized: Synthesized) -> dict[str, dict[str, Any]]:
    return {
        k: v["Properties"]
        for k, v in _of_type(synthesized.template("Console"), "AWS::Cognito::UserPoolClient").items()
    }


def test_the_console_clients_use_the_code_grant_with_pkce_and_no_secret(
    synthesized: Synthesized, synthesized_on_domain: Synthesized
) -> None:
    for synth, callback in ((synthesized, None), (synthesized_on_domain, f"https://{CONSOLE_DOMAIN}/")):
        clients = _clients(synth)
        assert {k.removeprefix("Clients")[:5] for k in clients} == {"Staff", "Custo"}
        for key, client in clients.items():
            assert client["AllowedOAuthFlows"] == ["code"]  # no implicit grant
            assert client["AllowedOAuthFlowsUserPoolClient"] is True
            assert client.get("GenerateSecret", False) is False  # a public client: PKCE
            assert client["ExplicitAuthFlows"] == ["ALLOW_REFRESH_TOKEN_AUTH"]  # hosted UI only
            assert client["SupportedIdentityProviders"] == ["COGNITO"]
            assert client["CallbackURLs"] == client["LogoutURLs"]
            (url,) = client["CallbackURLs"]
            if callback:
                assert url == callback
            else:  # the distribution's own domain
                assert "DomainName" in json.dumps(url)
            scopes = set(client["AllowedOAuthScopes"])
            expected = "contactcenter/api" if key.startswith("ClientsStaff") else "contactcenter/customer"
            assert scopes == {"openid", "email", expected}
        customers = next(c for k, c in clients.items() if k.startswith("ClientsCustomers"))
        assert "custom:customer_id" in customers["ReadAttributes"]
        assert "custom:customer_id" not in customers["WriteAttributes"]


def test_without_a_console_origin_the_api_answers_no_preflight(synthesized: Synthesized) -> None:
    api = synthesized.template("Api")
    assert "Access-Control" not in json.dumps(api)


def test_the_api_answers_the_consoles_preflight_without_a_function(
    synthesized_on_domain: Synthesized,
) -> None:
    api = synthesized_on_domain.template("Api")
    methods = [m["Properties"] for m in _of_type(api, "AWS::ApiGateway::Method").values()]
    fallbacks = [m for m in methods if m["HttpMethod"] == "ANY"]
    assert len(fallbacks) == len({route.path for route in api_routes()})
    assert not [m for m in methods if m["HttpMethod"] == "OPTIONS"]  # no extra resources
    assert len(api["Resources"]) < 450  # CloudFormation's limit is 500 a stack: keep headroom
    origin = f"'https://{CONSOLE_DOMAIN}'"
    for method in fallbacks:
        integration = method["Integration"]
        assert integration["Type"] == "MOCK"  # no function runs
        assert 'OPTIONS"){"statusCode": 204}' in integration["RequestTemplates"]["application/json"]
        responses = {r["StatusCode"]: r for r in integration["IntegrationResponses"]}
        preflight = responses["204"]["ResponseParameters"]
        assert preflight["method.response.header.Access-Control-Allow-Origin"] == origin
        allowed = preflight["method.response.header.Access-Control-Allow-Headers"].strip("'").split(",")
        assert set(allowed) == {
            "Authorization",
            "Content-Type",
            "If-Match",
            "Idempotency-Key",
            "Accept-Language",
        }
        assert preflight["method.response.header.Access-Control-Allow-Methods"].endswith(",OPTIONS'")
        assert (
            responses["405"]["ResponseParameters"]["method.response.header.Access-Control-Allow-Origin"]
            == origin
        )
        assert method["AuthorizationType"] == "NONE"  # a preflight carries no token
    for response in _of_type(api, "AWS::ApiGateway::GatewayResponse").values():
        headers = response["Properties"]["ResponseParameters"]
        assert headers["gatewayresponse.header.Access-Control-Allow-Origin"] == origin
        exposed = headers["gatewayresponse.header.Access-Control-Expose-Headers"].strip("'").split(",")
        assert set(exposed) == {"ETag", "Location", "Next-Cursor", "Retry-After"}
    # The functions answer with the same origin and headers (contactcenter.api.resolver).
    assert set(CORS_ALLOW_HEADERS) == set(allowed) and set(CORS_EXPOSE_HEADERS) == set(exposed)
    # Every function serving routes is given the origin, and no other function.
    routed = {spec.name for spec in catalog.FUNCTIONS if spec.routers}
    given = set()
    for function in synthesized_on_domain.resources("AWS::Lambda::Function").values():
        variables = function["Properties"].get("Environment", {}).get("Variables", {})
        if "CC_CONSOLE_ORIGIN" in variables:
            assert variables["CC_CONSOLE_ORIGIN"] == f"https://{CONSOLE_DOMAIN}"
            given.add(str(function["Properties"]["FunctionName"]).removeprefix("contactcenter-dev-"))
    assert given == routed


def test_a_missing_console_build_fails_synthesis_with_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"the console is not built: .*index.html is missing"):
        synthesize(tmp_path, consoleBuildDir="build/no-such-console")


@pytest.mark.parametrize(
    ("context", "message"),
    [
        ({"consoleDomainName": CONSOLE_DOMAIN}, "give both"),
        (
            {
                **CONSOLE_CONTEXT,
                "consoleCertificateArn": "arn:aws:acm:eu-central-1:123456789012:certificate/x",
            },
            "us-east-1",
        ),
        ({"consoleWebAclArn": "arn:aws:wafv2:eu-central-1:1:regional/webacl/a/b"}, "CLOUDFRONT-scope"),
        ({"consoleOrigin": "http://d1.cloudfront.net"}, "https origin"),
        ({"connectCcpUrl": "https://example.com/ccp-v2/"}, "the instance's CCP"),
        ({"authDomainPrefix": "my-cognito-app"}, "without aws, amazon or cognito"),
    ],
)
def test_console_flags_are_checked(context: dict[str, str], message: str) -> None:
    app = App(context={"consoleBuildDir": str(CONSOLE_FIXTURE), **context})
    with pytest.raises(ConfigError, match=message):
        AppConfig.from_context(app)
