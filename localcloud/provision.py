"""Create the catalog's resources on the local cloud, named and configured as CDK would.

Everything here reads ``catalog`` and the same source files the CDK app deploys: tables
from the models, state machines from the ASL files with the same substitutions, functions
from their code folders with the environment their specs give them.
"""

import io
import json
import re
import secrets
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import catalog
from catalog import FunctionSpec, InconsistentDefinition, StateMachineSpec, check_catalog
from catalog.email_templates import escalation_templates
from catalog.lake_feeds import LAKE_FEEDS
from catalog.tables import create_table_request
from contactcenter.constants import APP_NAME, Env
from contactcenter.reports.lake import LAKE_TABLES, PARTITION
from localcloud.connect import LocalConnect

LOCAL_STAGE = "local"
LOCAL_SENDER = "complaints@contactcenter.local"
LOCAL_REPORT_SENDER = "reports@contactcenter.local"  # scheduled reports (AWS: reportSenderEmail)
# The origins the local console is served from (the local API, on whatever port it was given)
LOCAL_ORIGINS = ["http://127.0.0.1:*", "http://localhost:*"]
# Knowledge search on the local cloud: the embedded engine (the same analysis and ranking as
# OpenSearch), one index shared by every function, which all run in this process.
LOCAL_SEARCH = {Env.SEARCH_ENGINE: "embedded", Env.OPENSEARCH_ENDPOINT: "", Env.SEARCH_ALIAS: "knowledge"}
# The reports' Athena workgroup and Glue database, named as in AWS (the local cloud's Athena runs
# the queries in DuckDB over the cloud's lake folder: localcloud/athena.py).
LOCAL_REPORTS = {
    Env.ATHENA_WORKGROUP: catalog.report_workgroup_name(LOCAL_STAGE),
    Env.LAKE_DATABASE: catalog.lake_database_name(LOCAL_STAGE),
}
# The local cloud's durations: the whole closed loop runs in seconds, with the same ASL files.
# (AWS: the defaults in contactcenter/workflow_timing.py, or the cdk.json context flags.)
LOCAL_COMPLAINT_TIMING = {
    "resolution_timeout_seconds": {"P1": 60, "P2": 120, "P3": 300, "P4": 600},
    "follow_up_timeout_seconds": 120,
    "follow_up_attempts": 3,
    "follow_up_retry_seconds": 1,
    "follow_up_backoff": 2.0,
    "max_rounds": 2,
}
LOCAL_CALLBACK_TIMING = {
    "max_attempts": 3,
    "retry_delay_seconds": 1,
    "backoff": 2.0,
    "attempt_timeout_seconds": 120,
}
LOCAL_TUNING = {
    Env.WORKFLOW_TIMING: json.dumps(LOCAL_COMPLAINT_TIMING),
    Env.CALLBACK_TIMING: json.dumps(LOCAL_CALLBACK_TIMING),
    Env.SENDER_EMAIL: LOCAL_SENDER,
    Env.REPORT_SENDER_EMAIL: LOCAL_REPORT_SENDER,
    # Configuration changes show within a second (AWS: a minute).
    Env.SLA_CONFIG_SECONDS: "1",
    # The live snapshot is refreshed after a second (AWS: five): tests see a change at once.
    Env.MONITOR_CACHE_SECONDS: "1",
    # Local runs happen at any hour: calls may be made all day (AWS: 08:00-21:00 per queue).
    catalog.CALLING_HOURS_TUNING: json.dumps({"*": ["00:00", "23:59:59"]}),
}
LAMBDA_RUNTIME = "python3.12"
_PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9_]+)\}")


class _GrantArns:
    """The ARNs grants name (catalog.grants.GrantNames), which the local cloud enforces, from
    the names of either class below."""

    region = "eu-central-1"
    account = "123456789012"

    def table_name(self, key: str) -> str:
        raise NotImplementedError

    def bus_name(self, key: str) -> str:
        raise NotImplementedError

    def bucket_name(self, key: str) -> str:
        raise NotImplementedError

    def table_arn(self, key: str) -> str:
        return self.arn("dynamodb", f"table/{self.table_name(key)}")

    def bus_arn(self, key: str) -> str:
        return self.arn("events", f"event-bus/{self.bus_name(key)}")

    def bucket_arn(self, key: str) -> str:
        return f"arn:aws:s3:::{self.bucket_name(key)}"

    def data_key_arn(self) -> str:
        # No customer-managed key locally: moto's tables and buckets are not encrypted with one.
        return self.arn("kms", "key/local")

    def arn(self, service: str, resource: str) -> str:
        return f"arn:aws:{service}:{self.region}:{self.account}:{resource}"

    def live_connections_arn(self) -> str:
        return self.arn("execute-api", f"{LIVE_CHANNEL_API}/{LIVE_CHANNEL_STAGE}/POST/@connections/*")


# The live channel's WebSocket API as the local cloud names it (its grants name them); its
# management endpoint is moto's server (apigatewaymanagementapi, delivered by live_socket).
LIVE_CHANNEL_API = "live-channel"
LIVE_CHANNEL_STAGE = "live"


@dataclass
class Provisioned(_GrantArns):
    """Physical names and ARNs of what the local cloud created."""

    tables: dict[str, str] = field(default_factory=dict)
    buses: dict[str, str] = field(default_factory=dict)
    buckets: dict[str, str] = field(default_factory=dict)
    functions: dict[str, str] = field(default_factory=dict)  # name -> ARN
    state_machines: dict[str, str] = field(default_factory=dict)  # key -> ARN
    failure_queues: dict[str, str] = field(default_factory=dict)  # function -> on-failure queue URL
    rules: dict[str, str] = field(default_factory=dict)  # key -> rule ARN
    connect: LocalConnect | None = None
    lake_path: Path | None = None  # the local data lake's folder
    lake_streams: dict[str, str] = field(default_factory=dict)  # delivery stream name -> lake table
    cursor_secret: str = ""  # the ARN of the list cursors' key (in moto's Secrets Manager)
    customer_pool: str = ""  # the customers' user pool's id (in moto's Cognito)
    live_url: str = ""  # ws:// of the local live channel (localcloud.live_socket)
    live_endpoint: str = ""  # its management endpoint on moto's server
    region: str = "eu-central-1"
    account: str = "123456789012"

    def table_name(self, key: str) -> str:
        return self.tables[key]

    def bus_name(self, key: str) -> str:
        return self.buses[key]

    def bucket_name(self, key: str) -> str:
        return self.buckets[key]

    def queue_arn(self, key: str) -> str:
        assert self.connect is not None
        return self.connect.queue_arn(key)

    def connect_instance_id(self) -> str:
        assert self.connect is not None
        return self.connect.instance_id

    def connect_instance_arn(self) -> str:
        assert self.connect is not None
        return self.connect.instance_arn

    def contact_flow_arn(self, key: str) -> str:
        assert self.connect is not None
        return self.connect.flow_arn(key)

    def state_machine_arn(self, key: str) -> str:
        # Named, so known before it exists (functions are created first), as in AWS.
        return f"arn:aws:states:{self.region}:{self.account}:stateMachine:{physical_name(key)}"

    def function_arn(self, name: str) -> str:
        return f"arn:aws:lambda:{self.region}:{self.account}:function:{physical_name(name)}"

    def topic_arn(self, key: str) -> str:
        return f"arn:aws:sns:{self.region}:{self.account}:{physical_name(f'sla-{key}')}"

    def timer_target(self) -> dict[str, str]:
        return local_timer_target(self.region, self.account, self.function_arn(catalog.ESCALATION_FUNCTION))

    def search_environment(self) -> dict[str, str]:
        return LOCAL_SEARCH

    def cursor_secret_arn(self) -> str:
        assert self.cursor_secret, "the cursor key is provisioned before the functions"
        return self.cursor_secret

    def customer_pool_id(self) -> str:
        assert self.customer_pool, "the customers' pool is provisioned before the functions"
        return self.customer_pool

    def customer_pool_arn(self) -> str:
        return self.arn("cognito-idp", f"userpool/{self.customer_pool_id()}")

    def report_environment(self) -> dict[str, str]:
        return LOCAL_REPORTS

    def live_channel_url(self) -> str:
        return self.live_url

    def live_channel_endpoint(self) -> str:
        return self.live_endpoint


CURSOR_SECRET_NAME = f"{APP_NAME}-cursor-key"


def physical_name(key: str) -> str:
    return f"{APP_NAME}-{key}"


def local_timer_target(region: str, account: str, function_arn: str) -> dict[str, str]:
    """Where the SLA timers live on the local cloud (named as in AWS, without the stage)."""
    dead_letters = physical_name("sla-timer-dead-letters")
    return {
        Env.SCHEDULE_GROUP: physical_name("sla"),
        Env.SCHEDULER_ROLE_ARN: f"arn:aws:iam::{account}:role/{physical_name('sla-scheduler')}",
        Env.ESCALATION_FUNCTION_ARN: function_arn,
        Env.TIMER_DEAD_LETTERS_ARN: f"arn:aws:sqs:{region}:{account}:{dead_letters}",
    }


class PlannedNames(_GrantArns):
    """The names the local cloud gives resources, before (or without) creating them."""

    def table_name(self, key: str) -> str:
        return physical_name(key)

    def bus_name(self, key: str) -> str:
        return physical_name(key)

    def bucket_name(self, key: str) -> str:
        return physical_name(key).replace("_", "-")

    def queue_arn(self, key: str) -> str:
        return f"arn:aws:connect:eu-central-1:123456789012:instance/local/queue/{key}"

    def connect_instance_id(self) -> str:
        return "local"

    def connect_instance_arn(self) -> str:
        return "arn:aws:connect:eu-central-1:123456789012:instance/local"

    def contact_flow_arn(self, key: str) -> str:
        return f"{self.connect_instance_arn()}/contact-flow/{key}"

    def state_machine_arn(self, key: str) -> str:
        return f"arn:aws:states:eu-central-1:123456789012:stateMachine:{physical_name(key)}"

    def function_arn(self, name: str) -> str:
        return f"arn:aws:lambda:eu-central-1:123456789012:function:{physical_name(name)}"

    def topic_arn(self, key: str) -> str:
        return f"arn:aws:sns:eu-central-1:123456789012:{physical_name(f'sla-{key}')}"

    def timer_target(self) -> dict[str, str]:
        return local_timer_target(
            "eu-central-1", "123456789012", self.function_arn(catalog.ESCALATION_FUNCTION)
        )

    def search_environment(self) -> dict[str, str]:
        return LOCAL_SEARCH

    def report_environment(self) -> dict[str, str]:
        return LOCAL_REPORTS

    def cursor_secret_arn(self) -> str:
        # Secrets Manager adds six random characters to a secret's ARN; grants name them so.
        return self.arn("secretsmanager", f"secret:{CURSOR_SECRET_NAME}-??????")

    def customer_pool_id(self) -> str:
        return f"{self.region}_local"  # moto picks the real id when the pool is created

    def customer_pool_arn(self) -> str:
        return self.arn("cognito-idp", f"userpool/{self.customer_pool_id()}")

    def live_channel_url(self) -> str:
        return "ws://127.0.0.1/"  # the port is the running cloud's

    def live_channel_endpoint(self) -> str:
        return "http://127.0.0.1/"  # the running cloud's moto server


def render_placeholders(path: Path, values: dict[str, str], what: str) -> str:
    """A JSON file with its ``${Name}`` placeholders replaced, as CDK substitutes them
    (definition_substitutions for state machines, Fn::Sub for contact flows)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InconsistentDefinition(f"{what}: no file {path}") from None
    used = set(_PLACEHOLDER.findall(text))
    if missing := used - values.keys():
        raise InconsistentDefinition(f"{what}: no value for {sorted(missing)}")
    if unused := values.keys() - used:
        raise InconsistentDefinition(f"{what}: {sorted(unused)} not used in the definition")
    rendered = _PLACEHOLDER.sub(lambda m: values[m.group(1)], text)
    try:
        json.loads(rendered)
    except json.JSONDecodeError as exc:
        raise InconsistentDefinition(f"{what}: invalid JSON: {exc}") from None
    return rendered


def render_definition(spec: StateMachineSpec, values: dict[str, str]) -> str:
    """The ASL file with ``${Name}`` placeholders replaced, as CDK's definition_substitutions do."""
    return render_placeholders(spec.definition_path, values, f"state machine {spec.key}")


def _zip_folder(spec: FunctionSpec) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(spec.code_dir.rglob("*.py")):
            archive.write(path, path.relative_to(spec.code_dir))
    return buffer.getvalue()


def provision(client: Any, lake_path: Path | None = None, live_url: str = "") -> Provisioned:
    """Create everything in the catalog; ``client(service)`` returns a boto3 client; the local
    data lake goes in ``lake_path`` (None: a fresh temporary folder); ``live_url``: where the
    local live channel listens."""
    check_catalog()
    dynamodb, events, iam = client("dynamodb"), client("events"), client("iam")
    done = Provisioned(
        region=dynamodb.meta.region_name,
        account=client("sts").get_caller_identity()["Account"],
        live_url=live_url,
        live_endpoint=str(dynamodb.meta.endpoint_url),
    )
    done.lake_path = lake_path or Path(tempfile.mkdtemp(prefix="contactcenter-lake-"))
    done.lake_path.mkdir(parents=True, exist_ok=True)
    lambda_, sqs, sfn = client("lambda"), client("sqs"), client("stepfunctions")

    planned = PlannedNames()
    for table in catalog.TABLES:
        name = planned.table_name(table.key)
        definition = table.definition
        dynamodb.create_table(**create_table_request(definition, name))
        if definition.ttl_attribute:
            dynamodb.update_time_to_live(
                TableName=name,
                TimeToLiveSpecification={"Enabled": True, "AttributeName": definition.ttl_attribute},
            )
        done.tables[table.key] = name

    for bus in catalog.EVENT_BUSES:
        name = planned.bus_name(bus)
        events.create_event_bus(Name=name)
        done.buses[bus] = name

    s3 = client("s3")
    for bucket in catalog.BUCKETS:
        name = planned.bucket_name(bucket)
        s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": s3.meta.region_name})
        if bucket in catalog.BROWSER_UPLOADS:  # the local console's uploads, from any local port
            cors = {"AllowedMethods": ["POST"], "AllowedOrigins": LOCAL_ORIGINS, "AllowedHeaders": ["*"]}
            s3.put_bucket_cors(Bucket=name, CORSConfiguration={"CORSRules": [cors]})
        done.buckets[bucket] = name

    instance = client("connect").create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias=APP_NAME,
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    done.connect = LocalConnect(instance_id=instance["Id"], instance_arn=instance["Arn"])

    # The list cursors' key, generated as CDK has CloudFormation generate it: the functions read it
    # from Secrets Manager in both clouds (contactcenter.api.pagination).
    done.cursor_secret = client("secretsmanager").create_secret(
        Name=CURSOR_SECRET_NAME, SecretString=secrets.token_urlsafe(48)
    )["ARN"]
    # The customers' user pool, with the attribute only the product writes (the portal users a
    # back-office user links to their records; the local authorizer signs tokens on its own).
    done.customer_pool = client("cognito-idp").create_user_pool(
        PoolName=physical_name("customers"),
        Schema=[{"Name": "customer_id", "AttributeDataType": "String", "Mutable": True}],
    )["UserPool"]["Id"]

    role_arn = iam.create_role(
        RoleName=f"{APP_NAME}-local-execution",
        AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []}),
    )["Role"]["Arn"]

    for spec in catalog.FUNCTIONS:
        name = physical_name(spec.name)
        response = lambda_.create_function(
            FunctionName=name,
            Runtime=LAMBDA_RUNTIME,
            Role=role_arn,
            Handler=spec.handler,
            Code={"ZipFile": _zip_folder(spec)},
            Description=spec.description[:256],
            Timeout=spec.timeout_seconds,
            MemorySize=spec.memory_mb,
            Environment={"Variables": catalog.function_environment(spec, LOCAL_STAGE, done, LOCAL_TUNING)},
        )
        done.functions[spec.name] = response["FunctionArn"]
        if spec.invoked_async:
            queue_url = sqs.create_queue(QueueName=f"{name}-failures")["QueueUrl"]
            attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
                "Attributes"
            ]
            lambda_.put_function_event_invoke_config(
                FunctionName=name,
                MaximumRetryAttempts=catalog.ASYNC_RETRIES,
                MaximumEventAgeInSeconds=catalog.ASYNC_MAX_EVENT_AGE_SECONDS,
                DestinationConfig={"OnFailure": {"Destination": attributes["QueueArn"]}},
            )
            done.failure_queues[spec.name] = queue_url
        if spec.stream_from:
            stream_arn = dynamodb.describe_table(TableName=done.tables[spec.stream_from])["Table"][
                "LatestStreamArn"
            ]
            lambda_.create_event_source_mapping(
                EventSourceArn=stream_arn,
                FunctionName=name,
                StartingPosition="TRIM_HORIZON",
                BatchSize=catalog.STREAM_BATCH_SIZE,
                FunctionResponseTypes=["ReportBatchItemFailures"],
            )

    for machine in catalog.STATE_MACHINES:
        values = {placeholder: done.functions[fn] for placeholder, fn in machine.functions.items()}
        response = sfn.create_state_machine(
            name=physical_name(machine.key),
            definition=render_definition(machine, values),
            roleArn=role_arn,
            type="STANDARD",
        )
        done.state_machines[machine.key] = response["stateMachineArn"]

    for rule in catalog.EVENT_RULES:
        bus = done.buses[rule.bus] if rule.bus else "default"
        # moto keeps scheduled rules but never fires them: locally the sweep is invoked directly,
        # and the report schedules by LocalCloud.run_report_schedules.
        trigger = (
            {"ScheduleExpression": rule.schedule}
            if rule.schedule
            else {"EventPattern": json.dumps(rule.pattern)}
        )
        arn = events.put_rule(
            Name=physical_name(rule.key), EventBusName=bus, Description=rule.description, **trigger
        )["RuleArn"]
        events.put_targets(
            Rule=physical_name(rule.key),
            EventBusName=bus,
            Targets=[{"Id": rule.function, "Arn": done.functions[rule.function]}],
        )
        done.rules[rule.key] = arn

    for feed in LAKE_FEEDS:  # the lake's feeds: the same rule and transformer as in AWS
        name, bus = physical_name(f"lake-{feed.key}"), done.buses[feed.bus]
        events.put_rule(
            Name=name, EventBusName=bus, Description=feed.description, EventPattern=json.dumps(feed.pattern)
        )
        events.put_targets(
            Rule=name,
            EventBusName=bus,
            Targets=[
                {
                    "Id": "lake",
                    "Arn": done.arn("firehose", f"deliverystream/{name}"),
                    "InputTransformer": {
                        "InputPathsMap": dict(feed.columns),
                        "InputTemplate": feed.input_template,
                    },
                }
            ],
        )
        done.lake_streams[name] = feed.table.name
    _provision_lake(client)

    # The acknowledgements' and the scheduled reports' senders, verified as an operator would
    # verify them in SES (moto sends from a verified identity only, as SES does).
    ses = client("ses")
    ses.verify_email_identity(EmailAddress=LOCAL_SENDER)
    ses.verify_email_identity(EmailAddress=LOCAL_REPORT_SENDER)
    _provision_sla(client, done, role_arn)
    return done


def _provision_lake(client: Any) -> None:
    """The reports' Glue database and tables (from the lake's schema) and Athena workgroup,
    named as CDK names them (the queries run in DuckDB over the lake folder)."""
    database = LOCAL_REPORTS[Env.LAKE_DATABASE]
    glue = client("glue")
    glue.create_database(DatabaseInput={"Name": database})
    for table in LAKE_TABLES:
        glue.create_table(
            DatabaseName=database,
            TableInput={
                "Name": table.name,
                "PartitionKeys": [{"Name": PARTITION, "Type": "string"}],
                "StorageDescriptor": {"Columns": [{"Name": n, "Type": t} for n, t in table.columns]},
            },
        )
    client("athena").create_work_group(
        Name=LOCAL_REPORTS[Env.ATHENA_WORKGROUP],
        Configuration={"EnforceWorkGroupConfiguration": True, "BytesScannedCutoffPerQuery": 1_000_000_000},
    )


def _provision_sla(client: Any, done: Provisioned, role_arn: str) -> None:
    """The SLA timers' schedule group, role and dead-letter queue, the role topics and the
    escalation e-mail templates, named as CDK names them."""
    target = done.timer_target()
    client("scheduler").create_schedule_group(Name=target[Env.SCHEDULE_GROUP])
    client("iam").create_role(
        RoleName=physical_name("sla-scheduler"),
        AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []}),
    )
    client("sqs").create_queue(QueueName=physical_name("sla-timer-dead-letters"))
    sns = client("sns")
    for key in catalog.SLA_TOPICS:
        sns.create_topic(Name=physical_name(f"sla-{key}"))
    ses = client("ses")
    for template in escalation_templates(f"{APP_NAME}-{LOCAL_STAGE}"):
        ses.create_template(Template=template)
