"""The CDK app's configuration: context flags (cdk.json or -c key=value), validated once."""

import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aws_cdk import App, RemovalPolicy
from aws_cdk import aws_logs as logs
from pydantic import ValidationError

import catalog
from contactcenter.calling_hours import CallingHours
from contactcenter.constants import Env
from contactcenter.workflow_timing import CallbackTiming, ComplaintTiming

ROOT = Path(__file__).resolve().parent.parent
# Frankfurt: an Amazon Connect region in the EU, near the Dutch-speaking customers.
DEFAULT_REGION = "eu-central-1"
# CloudWatch Logs accepts only these retention periods (days).
_RETENTION = {
    days: getattr(logs.RetentionDays, name)
    for days, name in {
        1: "ONE_DAY",
        3: "THREE_DAYS",
        5: "FIVE_DAYS",
        7: "ONE_WEEK",
        14: "TWO_WEEKS",
        30: "ONE_MONTH",
        60: "TWO_MONTHS",
        90: "THREE_MONTHS",
        120: "FOUR_MONTHS",
        150: "FIVE_MONTHS",
        180: "SIX_MONTHS",
        365: "ONE_YEAR",
        400: "THIRTEEN_MONTHS",
        545: "EIGHTEEN_MONTHS",
        731: "TWO_YEARS",
        1096: "THREE_YEARS",
        1827: "FIVE_YEARS",
        2192: "SIX_YEARS",
        2557: "SEVEN_YEARS",
        2922: "EIGHT_YEARS",
        3288: "NINE_YEARS",
        3653: "TEN_YEARS",
    }.items()
}


class ConfigError(ValueError):
    """A context flag has a value the app cannot use."""


@dataclass(frozen=True)
class AppConfig:
    stage: str
    region: str
    log_retention: logs.RetentionDays
    removal_policy: RemovalPolicy
    trail_retention_days: int
    recording_retention_days: int
    alarm_email: str | None
    api_throttle_rate: int
    api_throttle_burst: int
    deps_layer_dir: Path
    canary_minutes: int
    desktop_callback_urls: tuple[str, ...]
    portal_callback_urls: tuple[str, ...]
    connect_instance_arn: str | None
    # Cloud-specific values of the functions' tuned settings (catalog.FunctionSpec.tuned).
    tuning: Mapping[str, str] = field(default_factory=dict)
    sender_email: str | None = None
    # The From of scheduled report e-mails (an SES identity the API stack creates).
    report_sender_email: str | None = None
    search_instance_type: str = "t3.small.search"
    search_nodes: int = 2
    search_dedicated_masters: bool = False
    # The Powertools Tracer in every function (X-Ray is active on them either way; without the
    # Tracer only Lambda's own segment shows, not the AWS calls inside it).
    tracing: bool = True
    # Athena stops a report query that would scan more (the workgroup's limit), in bytes.
    report_bytes_scanned_cutoff: int = 1_000_000_000
    # The web console (docs/console-hosting.md): its built assets, its own domain and certificate
    # (both or neither), an existing CloudFront web ACL instead of the app's us-east-1 one.
    console: "ConsoleConfig" = field(default_factory=lambda: ConsoleConfig(build_dir=ROOT / "build/console"))
    # The hosted-UI domain prefixes (staff; the customers' pool adds "-customers"); None keeps
    # the generated ones.
    auth_domain_prefix: str | None = None

    @classmethod
    def from_context(cls, app: App) -> "AppConfig":
        def get(key: str, default: Any) -> Any:
            value = app.node.try_get_context(key)
            return default if value is None else value

        def integer(key: str, default: int, minimum: int) -> int:
            raw = get(key, default)
            try:
                value = int(raw)
            except (TypeError, ValueError):
                raise ConfigError(f"context {key}={raw!r}: expected a whole number") from None
            if value < minimum:
                raise ConfigError(f"context {key}={value}: must be at least {minimum}")
            return value

        stage = str(get("stage", "dev"))
        if not stage.isalnum() or not stage.islower():
            raise ConfigError(f"context stage={stage!r}: use lower-case letters and digits")
        retention_days = integer("logRetentionDays", 90, 1)
        if retention_days not in _RETENTION:
            allowed = ", ".join(str(k) for k in _RETENTION)
            raise ConfigError(f"context logRetentionDays={retention_days}: CloudWatch allows {allowed}")
        removal = str(get("removalPolicy", "retain"))
        if removal not in ("retain", "destroy"):
            raise ConfigError(f"context removalPolicy={removal!r}: use retain or destroy")
        # Region-specific stacks (account-agnostic, so synthesis needs no credentials): tables
        # encrypted with a customer key and the Connect instance need a concrete region.
        region = str(get("region", os.environ.get("CDK_DEFAULT_REGION") or DEFAULT_REGION))
        return cls(
            stage=stage,
            region=region,
            log_retention=_RETENTION[retention_days],
            removal_policy=RemovalPolicy.RETAIN if removal == "retain" else RemovalPolicy.DESTROY,
            trail_retention_days=integer("trailRetentionDays", 2557, 90),
            recording_retention_days=integer("recordingRetentionDays", 90, 1),
            alarm_email=get("alarmEmail", None),
            api_throttle_rate=integer("apiThrottleRateLimit", 50, 1),
            api_throttle_burst=integer("apiThrottleBurstLimit", 100, 1),
            deps_layer_dir=ROOT / str(get("depsLayerDir", "build/layers/deps")),
            canary_minutes=integer("canaryMinutes", 15, 0),
            desktop_callback_urls=tuple(get("desktopCallbackUrls", ["http://localhost:8080/callback"])),
            portal_callback_urls=tuple(get("portalCallbackUrls", ["http://localhost:8081/callback"])),
            connect_instance_arn=_instance_arn(get("connectInstanceArn", None)),
            tuning=_tuning(get),
            sender_email=_sender(get("senderEmail", None)),
            report_sender_email=_sender(get("reportSenderEmail", None), "reportSenderEmail"),
            search_instance_type=str(get("searchInstanceType", "t3.small.search")),
            search_nodes=integer("searchNodes", 2, 1),
            search_dedicated_masters=_flag(get, "searchDedicatedMasters", default=False),
            tracing=_flag(get, "tracing", default=True),
            report_bytes_scanned_cutoff=integer("reportBytesScannedCutoff", 1_000_000_000, 10_000_000),
            console=ConsoleConfig.from_context(get),
            auth_domain_prefix=_domain_prefix(get("authDomainPrefix", None)),
        )


@dataclass(frozen=True)
class ConsoleConfig:
    """Where the console is built, and the origin it is served from."""

    build_dir: Path
    domain_name: str | None = None  # e.g. console.example.com (a DNS record the operator adds)
    certificate_arn: str | None = None  # an ACM certificate in us-east-1 for domain_name
    web_acl_arn: str | None = None  # an existing CloudFront-scope (us-east-1) WAF web ACL
    # The distribution's default domain (https://dxxxx.cloudfront.net), known after its first
    # deployment: the API allows it cross-origin (CORS). A custom domain needs none.
    origin: str | None = None
    # Amazon Connect's CCP the agent workspace embeds; None: the instance the product creates
    # (https://<alias>.my.connect.aws/ccp-v2/), or no embedded CCP with an existing instance.
    ccp_url: str | None = None

    @property
    def allowed_origin(self) -> str | None:
        """The one origin the REST API answers cross-origin requests from (None: no CORS)."""
        return f"https://{self.domain_name}" if self.domain_name else self.origin

    @classmethod
    def from_context(cls, get: Callable[[str, Any], Any]) -> "ConsoleConfig":
        domain = get("consoleDomainName", None) or None
        certificate = get("consoleCertificateArn", None) or None
        if bool(domain) != bool(certificate):
            raise ConfigError(
                "context consoleDomainName and consoleCertificateArn: give both (the domain and its "
                "us-east-1 ACM certificate) or neither (the distribution's default domain)"
            )
        if domain and not re.fullmatch(
            r"(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}", domain
        ):
            raise ConfigError(f"context consoleDomainName={domain!r}: not a lower-case DNS name")
        if certificate and not re.fullmatch(
            r"arn:aws[-a-z]*:acm:us-east-1:[0-9]{12}:certificate/[0-9a-f-]{36}", certificate
        ):
            raise ConfigError(
                f"context consoleCertificateArn={certificate!r}: CloudFront needs an ACM certificate "
                "ARN in us-east-1"
            )
        acl = get("consoleWebAclArn", None) or None
        if acl and not re.fullmatch(
            r"arn:aws[-a-z]*:wafv2:us-east-1:[0-9]{12}:global/webacl/[A-Za-z0-9_-]+/[0-9a-f-]{36}", acl
        ):
            raise ConfigError(
                f"context consoleWebAclArn={acl!r}: CloudFront needs a CLOUDFRONT-scope web ACL "
                "(arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>)"
            )
        origin = get("consoleOrigin", None) or None
        if origin and not re.fullmatch(r"https://[a-z0-9.-]+", origin):
            raise ConfigError(
                f"context consoleOrigin={origin!r}: an https origin without a path, e.g. "
                "https://d111111abcdef8.cloudfront.net"
            )
        ccp = get("connectCcpUrl", None) or None
        if ccp and not re.fullmatch(
            r"https://[a-z0-9.-]+\.(my\.connect\.aws|awsapps\.com/connect)/ccp-v2/?", ccp
        ):
            raise ConfigError(
                f"context connectCcpUrl={ccp!r}: the instance's CCP, e.g. "
                "https://example.my.connect.aws/ccp-v2/"
            )
        return cls(
            build_dir=ROOT / str(get("consoleBuildDir", "build/console")),
            domain_name=domain,
            certificate_arn=certificate,
            web_acl_arn=acl,
            origin=origin,
            ccp_url=ccp,
        )


_CCP_URL = r"https://[a-z0-9.-]+\.(my\.connect\.aws|awsapps\.com/connect)/ccp-v2/?"
_DNS_NAME = r"(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"


def _domain_prefix(value: object) -> str | None:
    """Cognito's rule for a hosted-UI prefix, checked here rather than by a failed deployment
    (the customers' prefix adds 10 characters: "-customers")."""
    if value in (None, ""):
        return None
    text = str(value)
    if not re.fullmatch(r"[a-z0-9](?:[a-z0-9-]{0,51}[a-z0-9])?", text) or re.search(
        r"aws|amazon|cognito", text
    ):
        raise ConfigError(
            f"context authDomainPrefix={text!r}: lower-case letters, digits and hyphens, at most 53, "
            "without aws, amazon or cognito"
        )
    return text


def _tuning(get: Callable[[str, Any], Any]) -> dict[str, str]:
    """The workflows' durations and calling hours, checked with the models the functions use."""
    tuning: dict[str, str] = {}
    for key, env, model in (
        ("workflowTiming", Env.WORKFLOW_TIMING, ComplaintTiming),
        ("callbackTiming", Env.CALLBACK_TIMING, CallbackTiming),
    ):
        value = get(key, None)
        if value is None:
            continue
        try:
            tuning[env] = model.model_validate(value).model_dump_json()
        except ValidationError as error:
            raise ConfigError(
                f"context {key}: {error.errors()[0]['loc']}: {error.errors()[0]['msg']}"
            ) from None
    hours = get("callingHours", None)
    if hours is not None:
        try:
            for window in dict(hours).values():
                CallingHours.parse(window)
        except (TypeError, ValueError) as error:
            raise ConfigError(f"context callingHours={hours!r}: {error}") from None
        tuning[catalog.CALLING_HOURS_TUNING] = json.dumps(hours)
    # Retention of the two customer-data tables that expire by TTL (catalog.retention).
    for key, env, low, high in (
        ("chatSessionRetentionDays", Env.CHAT_SESSION_DAYS, 1, 30),
        ("idempotencyRetentionHours", Env.IDEMPOTENCY_HOURS, 1, 720),
    ):
        value = get(key, None)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ConfigError(f"context {key}={value!r}: expected a whole number from {low} to {high}")
        tuning[env] = str(value)
    sender = get("senderEmail", None)
    if sender:
        tuning[Env.SENDER_EMAIL] = str(sender)
    origin = ConsoleConfig.from_context(get).allowed_origin
    if origin:
        tuning[Env.CONSOLE_ORIGIN] = origin
    report_sender = get("reportSenderEmail", None)
    if report_sender:
        tuning[Env.REPORT_SENDER_EMAIL] = str(report_sender)
    return tuning


def _flag(get: Callable[[str, Any], Any], key: str, *, default: bool) -> bool:
    """A true/false context flag (cdk.json booleans, or "true"/"false" from -c key=value)."""
    value = get(key, default)
    text = str(value).lower()
    if text not in ("true", "false"):
        raise ConfigError(f"context {key}={value!r}: use true or false")
    return text == "true"


def _sender(value: object, key: str = "senderEmail") -> str | None:
    if value in (None, ""):
        return None
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", str(value)):
        raise ConfigError(f"context {key}={value!r}: not an e-mail address")
    return str(value)


def _instance_arn(value: object) -> str | None:
    if value in (None, ""):
        return None
    text = str(value)
    if not re.fullmatch(r"arn:aws[-a-z]*:connect:[a-z0-9-]+:[0-9]{12}:instance/[0-9a-f-]{36}", text):
        raise ConfigError(f"context connectInstanceArn={text!r}: not an Amazon Connect instance ARN")
    return text
