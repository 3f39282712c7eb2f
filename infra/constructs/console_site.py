"""The web console's hosting: a private S3 bucket behind CloudFront.

- The bucket is private (no website endpoint, public access blocked): CloudFront reads it through
  Origin Access Control, and its policy lets only this distribution's service principal read.
  S3-managed keys: the assets are the public web application; a KMS key would need a key-policy
  grant to CloudFront for no secrecy gained.
- Viewers are redirected to HTTPS; the response headers policy adds HSTS, a content security
  policy (scripts from the console only; API calls only to the REST API, the two Cognito domains
  and the attachments bucket; no framing: ``frame-ancestors 'none'``), nosniff and a referrer
  policy.
- The built assets go up with a BucketDeployment, next to a generated ``config.json`` that tells
  the app where the API and the hosted sign-in pages are.
"""

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as s3deploy
from constructs import Construct

from infra.config import ConfigError, ConsoleConfig
from infra.constructs.secure_bucket import SecureBucket
from infra.nag import acknowledge

CONFIG_OBJECT = "config.json"
INDEX = "index.html"
HSTS_MAX_AGE = Duration.days(730)  # two years, as the HSTS preload list asks


def content_security_policy(
    connect_sources: Sequence[str], frame_sources: Sequence[str], image_sources: Sequence[str] = ()
) -> str:
    """The console's CSP: everything from its own origin, connections only to ``connect_sources``
    (the API, the hosted UI's token endpoints, uploads), frames only from ``frame_sources`` (the
    Amazon Connect contact control panel), images also from ``image_sources`` (attachments shown
    inline), and never framed itself (clickjacking)."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            " ".join(["img-src 'self' data:", *image_sources]),
            "font-src 'self'",
            f"connect-src 'self' {' '.join(connect_sources)}",
            f"frame-src {' '.join(frame_sources) or chr(39) + 'none' + chr(39)}",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "base-uri 'self'",
            "object-src 'none'",
            "upgrade-insecure-requests",
        ]
    )


class ConsoleSite(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: ConsoleConfig,
        web_acl_arn: str,
        access_logs: s3.IBucket,
        content_security_policy: str,
        removal_policy: RemovalPolicy,
    ) -> None:
        super().__init__(scope, construct_id)
        self.bucket = SecureBucket(
            self,
            "Assets",
            encryption_key=None,
            access_logs=access_logs,
            access_log_prefix="console-bucket/",
            removal_policy=removal_policy,
        ).bucket
        self.headers = cloudfront.ResponseHeadersPolicy(
            self,
            "SecurityHeaders",
            comment="The contact center console: HSTS, CSP, no framing, nosniff, referrer policy",
            # The local API's console headers too (localcloud/console.py), with two differences
            # for the agent workspace's embedded contact control panel: the microphone keeps its
            # default ('self', which the CCP's frame gets through its allow attribute), and popups
            # (Connect's sign-in window) stay reachable from the page.
            custom_headers_behavior=cloudfront.ResponseCustomHeadersBehavior(
                custom_headers=[
                    cloudfront.ResponseCustomHeader(
                        header="Cross-Origin-Opener-Policy", value="same-origin-allow-popups", override=True
                    ),
                    cloudfront.ResponseCustomHeader(
                        header="Permissions-Policy", value="camera=(), geolocation=()", override=True
                    ),
                ]
            ),
            security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
                strict_transport_security=cloudfront.ResponseHeadersStrictTransportSecurity(
                    access_control_max_age=HSTS_MAX_AGE, include_subdomains=True, preload=True, override=True
                ),
                content_security_policy=cloudfront.ResponseHeadersContentSecurityPolicy(
                    content_security_policy=content_security_policy, override=True
                ),
                content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
                # For browsers without CSP's frame-ancestors.
                frame_options=cloudfront.ResponseHeadersFrameOptions(
                    frame_option=cloudfront.HeadersFrameOption.DENY, override=True
                ),
                # The hosted UI sees where a visitor came from (the origin), never the page path.
                referrer_policy=cloudfront.ResponseHeadersReferrerPolicy(
                    referrer_policy=cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
                    override=True,
                ),
            ),
        )
        custom_domain: dict[str, Any] = {}
        if config.domain_name and config.certificate_arn:
            custom_domain = {
                "domain_names": [config.domain_name],
                "certificate": acm.Certificate.from_certificate_arn(
                    self, "Certificate", config.certificate_arn
                ),
                "minimum_protocol_version": cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            }
        self.distribution = cloudfront.Distribution(
            self,
            "Distribution",
            comment="The contact center console",
            default_behavior=cloudfront.BehaviorOptions(
                # Origin Access Control (SigV4, not the legacy origin access identity); CDK writes
                # the bucket policy for this distribution's ARN only.
                origin=origins.S3BucketOrigin.with_origin_access_control(self.bucket),
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                allowed_methods=cloudfront.AllowedMethods.ALLOW_GET_HEAD,
                cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
                response_headers_policy=self.headers,
                compress=True,
            ),
            default_root_object=INDEX,
            # No 404-to-index rewrite: the app routes by the URL's hash (#/tickets/42), so the
            # distribution serves only /, /index.html, /config.json and /assets/*, and a missing
            # file is an error (S3 answers 403: the distribution may not list the bucket) rather
            # than an HTML page where a script was expected.
            http_version=cloudfront.HttpVersion.HTTP2_AND_3,
            # Europe and North America: where the contact center's agents and customers are.
            price_class=cloudfront.PriceClass.PRICE_CLASS_100,
            enable_logging=True,
            log_bucket=access_logs,
            log_file_prefix="console-cloudfront/",
            web_acl_id=web_acl_arn,
            **custom_domain,
        )
        if not custom_domain:
            acknowledge(
                self.distribution,
                "AwsSolutions-CFR4",
                "Without a custom domain (context consoleDomainName and consoleCertificateArn) CloudFront "
                "serves its default *.cloudfront.net certificate, whose security policy it fixes (TLSv1); "
                "production sets the domain and gets TLSv1.2_2021.",
            )
        acknowledge(
            self.distribution,
            "AwsSolutions-CFR1",
            "No geo restriction: the help center serves customers wherever they are (travelling, "
            "abroad); the WAF web ACL and Cognito sign-in guard it, not the country of an address.",
        )
        self.url = f"https://{config.domain_name or self.distribution.distribution_domain_name}"

    def deploy(self, build_dir: Path, settings: Mapping[str, Any]) -> None:
        """Upload the built console, then its index.html and ``config.json`` (``settings``: CDK
        tokens allowed), and invalidate the distribution's copy of those two."""
        if not (build_dir / INDEX).is_file():
            raise ConfigError(
                f"the console is not built: {build_dir / INDEX} is missing. Build it first (make console), "
                "or point context consoleBuildDir at a built console"
            )
        # Hashed file names never change content: cached for a year. Nothing is pruned, so a
        # browser tab still on the previous version loads its chunks after a deployment.
        assets = s3deploy.BucketDeployment(
            self,
            "DeployAssets",
            destination_bucket=self.bucket,
            # Dot files are the build's own (make console's stamp), not the app's.
            sources=[s3deploy.Source.asset(str(build_dir), exclude=[".*", INDEX, CONFIG_OBJECT])],
            cache_control=[s3deploy.CacheControl.from_string("public, max-age=31536000, immutable")],
            prune=False,
            memory_limit=512,
        )
        # The entry points are revalidated on every load (ETag), so a deployment shows at once;
        # they go up after the assets they name.
        entry = s3deploy.BucketDeployment(
            self,
            "DeployEntry",
            destination_bucket=self.bucket,
            sources=[
                s3deploy.Source.asset(str(build_dir), exclude=["*", ".*", f"!{INDEX}"]),
                s3deploy.Source.json_data(CONFIG_OBJECT, settings),
            ],
            cache_control=[s3deploy.CacheControl.no_cache()],
            prune=False,
            memory_limit=512,
            distribution=self.distribution,
            distribution_paths=[f"/{INDEX}", f"/{CONFIG_OBJECT}", "/"],
        )
        entry.node.add_dependency(assets)
        self._acknowledge_deployment_handler()

    def _acknowledge_deployment_handler(self) -> None:
        """BucketDeployment's handler is aws-cdk-lib's own singleton function (one per stack and
        memory size), with the runtime, role and policy CDK gives it."""
        stack = Stack.of(self)
        handler = next(
            child for child in stack.node.children if child.node.id.startswith("Custom::CDKBucketDeployment")
        )
        bucket = stack.get_logical_id(self.bucket.node.default_child)  # type: ignore[arg-type]
        copy = "copies the built console from CDK's asset bucket into the console bucket"
        for rule, reason in {
            "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
            "AWSLambdaBasicExecutionRole]": "CDK's deployment handler writes its logs with the managed "
            "policy made for exactly that.",
            "AwsSolutions-IAM5[Action::s3:GetBucket*]": f"CDK's deployment handler {copy}: read grants.",
            "AwsSolutions-IAM5[Action::s3:GetObject*]": f"CDK's deployment handler {copy}: read grants.",
            "AwsSolutions-IAM5[Action::s3:List*]": f"CDK's deployment handler {copy}: read grants.",
            "AwsSolutions-IAM5[Action::s3:Abort*]": f"CDK's deployment handler {copy}: write grants.",
            "AwsSolutions-IAM5[Action::s3:DeleteObject*]": f"CDK's deployment handler {copy}: write grants "
            "(nothing is pruned; CDK grants them anyway).",
            "AwsSolutions-IAM5[Resource::arn:aws:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-"
            f"{stack.region}/*]": f"CDK's deployment handler {copy}: any asset object (content-addressed).",
            f"AwsSolutions-IAM5[Resource::<{bucket}.Arn>/*]": f"CDK's deployment handler {copy}: "
            "every object of the console bucket, and only of it.",
            "AwsSolutions-IAM5[Resource::*]": "CDK's deployment handler invalidates the "
            "distribution's cache: CDK grants cloudfront:CreateInvalidation and GetInvalidation on *.",
            "AwsSolutions-L1": "The runtime of CDK's own deployment handler is chosen (and upgraded) "
            "by aws-cdk-lib.",
            "Serverless-LambdaLatestVersion": "The runtime of CDK's own deployment handler is chosen "
            "by aws-cdk-lib.",
            "Serverless-LambdaDLQ": "CDK's deployment handler is a CloudFormation custom resource: a "
            "failure fails the deployment, which is rolled back; there is no event to keep.",
            "Serverless-LambdaTracing": "CDK's deployment handler runs once per deployment; its logs "
            "say what it copied, a trace would add nothing.",
        }.items():
            acknowledge(handler, rule, reason)
