"""Boot the local cloud: moto as a server on a fixed loopback port, the in-process Lambda
runtime behind it, and the catalog's resources provisioned.

moto's Step Functions interpreter calls other services at ``localhost:$MOTO_PORT``, so the
server must listen on a known port in this very process (the runtime hooks into moto's
in-memory backends); a random port or a separate moto process would break it.
"""

import email
import email.policy
import json
import logging
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any, ClassVar

import boto3
import requests
from botocore.config import Config
from moto.server import ThreadedMotoServer

import catalog
from catalog.grants import statements
from contactcenter import clients, storage
from contactcenter.knowledge.embedded import reset_shared
from localcloud import athena, dynamodb_streams, dynamodb_writes, eventbridge, isolation, lake, moto_dispatch
from localcloud.agent_events import AgentEvents
from localcloud.chat import LiveChat, LiveScript
from localcloud.connect import LocalConnect, install_api
from localcloud.connect_events import ContactEvents
from localcloud.contact_center import Finished
from localcloud.contact_center.records import DueRecords
from localcloud.flow_language import Flow
from localcloud.flow_run import CallResult
from localcloud.flow_simulator import FlowSimulator, load_flows
from localcloud.iam import Iam
from localcloud.lambda_runtime import LambdaRuntime
from localcloud.live_socket import LiveSocket, status_of
from localcloud.provision import (
    LOCAL_REPORT_SENDER,
    LOCAL_SENDER,
    LOCAL_STAGE,
    Provisioned,
    physical_name,
    provision,
)
from localcloud.scheduler import SchedulerPump

DEFAULT_PORT = 5055
DEFAULT_REGION = "eu-central-1"  # the CDK app's default region
HOST = "127.0.0.1"


class LocalCloudError(RuntimeError):
    """The local cloud cannot start; the message says why and what to do."""


def port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


@dataclass
class LocalCloud:
    port: int = DEFAULT_PORT
    region: str = DEFAULT_REGION
    lake_path: Path | None = None  # the local data lake's folder (None: a fresh temporary one)
    resources: Provisioned = field(default_factory=Provisioned)
    runtime: LambdaRuntime | None = None
    flows: dict[str, Flow] = field(default_factory=dict)
    flow_names: dict[str, str] = field(default_factory=dict)
    _server: ThreadedMotoServer | None = None
    scheduler: SchedulerPump | None = None
    # IAM as the catalog grants it: each function's calls are checked and recorded (iam.calls).
    iam: Iam = field(default_factory=Iam)
    enforce_iam: bool = True
    records: DueRecords[CallResult] | None = None  # contact records, written when due
    contact_events: ContactEvents | None = None  # Connect's contact events, onto the default bus
    agent_events: AgentEvents | None = None  # Connect's agent event stream, to its subscriber
    live: LiveSocket | None = None  # the live channel (API Gateway's WebSocket API locally)
    live_port: int = 0  # its port (0: any free one; the URL is in live.url)
    _running: "ClassVar[LocalCloud | None]" = None

    @property
    def endpoint_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def client(self, service: str) -> Any:
        # Any service by name: boto3-stubs types boto3.client per literal service name only.
        make_client: Callable[..., Any] = boto3.client
        return make_client(
            service,
            region_name=self.region,
            endpoint_url=self.endpoint_url,
            aws_access_key_id="local",
            aws_secret_access_key="local",  # noqa: S106 - the local cloud's dummy credentials
            config=Config(retries={"max_attempts": 1}, read_timeout=120),
        )

    def start(self) -> "LocalCloud":
        if not 1024 <= self.port <= 65535:
            raise LocalCloudError(f"port {self.port} is out of range: use 1024-65535")
        if not port_free(self.port):
            raise LocalCloudError(
                f"port {self.port} on {HOST} is already in use (another local cloud?): "
                "stop that process or choose another port with --port"
            )
        if LocalCloud._running is not None:
            raise LocalCloudError(
                f"a local cloud already runs in this process (port {LocalCloud._running.port}); moto keeps "
                "its state per process, so stop that one first or start this one in another process"
            )
        isolation.install()
        dynamodb_writes.install()
        moto_dispatch.install()
        self._configure_process()
        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's server logs every request
        logging.getLogger("moto.stepfunctions").setLevel(logging.WARNING)
        self._server = ThreadedMotoServer(ip_address=HOST, port=self.port, verbose=False)
        self._server.start()
        LocalCloud._running = self
        try:
            response = requests.post(
                f"{self.endpoint_url}/moto-api/config",
                json={"stepfunctions": {"execute_state_machine": True}},
                timeout=10,
            )
            response.raise_for_status()
            # The functions share this process's library modules: forget connections to an
            # earlier local cloud's endpoint.
            clients.reset()
            storage.reset_connections()
            reset_shared()  # the embedded search index belongs to one cloud
            self.runtime = LambdaRuntime(endpoint_url=self.endpoint_url, region=self.region)
            self.runtime.install()
            dynamodb_streams.install(self.runtime)
            eventbridge.install(self.runtime, self.client, self._on_failure, self._to_lake)
            athena.install(self._lake_path)
            install_api()
            self.live = LiveSocket(self._live_route, self.live_port).start()
            self.resources = provision(self.client, self.lake_path, live_url=self.live.url)
            for spec in catalog.FUNCTIONS:
                self.runtime.register(physical_name(spec.name), spec.code_dir, spec.handler)
                grants = statements(
                    spec,
                    self.resources,
                    stage=LOCAL_STAGE,
                    sender_email=LOCAL_SENDER,
                    report_sender=LOCAL_REPORT_SENDER,
                )
                self.iam.attach(physical_name(spec.name), grants)
            if self.enforce_iam:
                self.iam.account = self.resources.account
                self.iam.install()
            assert self.resources.connect is not None
            self.flows, self.flow_names = load_flows(
                self.resources.connect, self.resources.functions.__getitem__
            )
            self.resources.connect.task_router = self._route_task
            self.resources.connect.chats.runner = self._run_chat
            connect = self.resources.connect
            self.records = DueRecords(connect.center, self._record_contact)
            self.contact_events = ContactEvents(
                connect.center,
                self.client("events"),
                connect.instance_arn,
                connect.queue_arn,
                lambda user_id: f"{connect.instance_arn}/agent/{user_id}",
            ).start()
            self.agent_events = AgentEvents(
                connect.center,
                self._to_agent_event_subscribers,
                connect.instance_arn,
                self.resources.arn("kinesis", f"stream/{physical_name('agent-events')}"),
                connect.queue_arn,
            ).start()
            self.scheduler = SchedulerPump(
                self.runtime, self.resources.account, self.region, self._on_failure
            )
            self.scheduler.start()
        except Exception:
            self.stop()
            raise
        return self

    def _configure_process(self) -> None:
        # Everything in this process talks to the local cloud: moto's own Step Functions
        # interpreter (MOTO_PORT), and any client built without an explicit endpoint.
        environ = isolation.process_environment()
        environ["MOTO_PORT"] = str(self.port)
        environ["AWS_ENDPOINT_URL"] = self.endpoint_url
        environ["AWS_DEFAULT_REGION"] = environ["AWS_REGION"] = self.region
        environ["AWS_ACCESS_KEY_ID"] = "local"
        environ["AWS_SECRET_ACCESS_KEY"] = "local"  # noqa: S105 - dummy credentials
        environ.pop("AWS_SESSION_TOKEN", None)
        environ.pop("AWS_PROFILE", None)

    def _lake_path(self) -> Path:
        assert self.resources.lake_path is not None
        return self.resources.lake_path

    def _to_agent_event_subscribers(self, batch: dict[str, Any]) -> None:
        """A batch of the agent event stream, as its event source mapping invokes a function
        (synchronously, one batch at a time; it retries a failed batch twice, then gives up:
        the batches are triggers, and the every-minute run covers what one missed)."""
        for spec in catalog.FUNCTIONS:
            if not spec.agent_events:
                continue
            for _ in range(3):
                response = self.client("lambda").invoke(
                    FunctionName=self.resources.functions[spec.name], Payload=json.dumps(batch).encode()
                )
                response["Payload"].read()
                if "FunctionError" not in response:
                    break

    def _live_route(self, event: dict[str, Any]) -> int:
        """A live-channel route's event to its function, as API Gateway invokes it."""
        response = self.client("lambda").invoke(
            FunctionName=self.resources.functions[catalog.LIVE_CHANNEL_FUNCTION],
            Payload=json.dumps(event).encode(),
        )
        return 502 if "FunctionError" in response else status_of(response["Payload"].read())

    def _record_contact(self, result: CallResult, done: Finished | None = None) -> None:
        """A simulated contact's record and flow-block events, into the lake (AWS: Connect's
        contact-record stream and flow logs, through Firehose); ``done``: as the contact
        center finished it."""
        assert self.resources.lake_path is not None
        record, nodes = lake.contact_rows(result, done, self.connect.instance_arn)
        lake.write_rows(self.resources.lake_path, "contact_records", [record])
        if nodes:
            lake.write_rows(self.resources.lake_path, "flow_node_events", nodes)

    def _to_lake(self, stream_arn: str, record: Any) -> None:
        """A lake feed's record, as Firehose would file it: a row of the stream's lake table."""
        table = self.resources.lake_streams[stream_arn.rsplit("/", 1)[-1]]
        assert self.resources.lake_path is not None
        lake.write_rows(self.resources.lake_path, table, [record])

    def _on_failure(self, function_arn: str, event: Any, record: dict[str, Any]) -> None:
        """After the async retries, Lambda sends its failure record to the function's
        on-failure destination (an SQS queue here); without one the event is dropped."""
        config = self.client("lambda").get_function_event_invoke_config(FunctionName=function_arn)
        destination = config.get("DestinationConfig", {}).get("OnFailure", {}).get("Destination")
        if not destination:
            return
        sqs = self.client("sqs")
        queue_url = sqs.get_queue_url(QueueName=destination.split(":")[-1])["QueueUrl"]
        sqs.send_message(QueueUrl=queue_url, MessageBody=json.dumps(record))

    @property
    def connect(self) -> LocalConnect:
        assert self.resources.connect is not None, "the local cloud is not started"
        return self.resources.connect

    def simulator(self) -> FlowSimulator:
        """The contact-flow simulator, calling this cloud's functions as Connect would."""

        def invoke(function_arn: str, event: dict[str, Any]) -> tuple[Any, str | None]:
            response = self.client("lambda").invoke(
                FunctionName=function_arn, Payload=json.dumps(event).encode()
            )
            return json.loads(response["Payload"].read() or b"null"), response.get("FunctionError")

        bots = {
            self.connect.lex_bot_alias_arn(catalog.CHAT_BOT): self.resources.functions[
                catalog.CHAT_BOT_FUNCTION
            ]
        }
        simulator = FlowSimulator(self.flows, self.connect, invoke, self.flow_names, bots)
        records = self.records
        assert records is not None
        simulator.on_contact = lambda result: records.contact_ended_flow(result.contact_id, result)
        return simulator

    def flow_arn(self, key_or_path: str) -> str:
        """A catalog flow's ARN, by key or by the path of its file."""
        for spec in catalog.CONTACT_FLOWS:
            if key_or_path == spec.key or Path(key_or_path).resolve() == spec.path.resolve():
                return self.connect.flow_arn(spec.key)
        known = ", ".join(str(spec.path.relative_to(catalog.ROOT)) for spec in catalog.CONTACT_FLOWS)
        raise LocalCloudError(f"{key_or_path} is not one of the product's contact flows ({known})")

    def _route_task(self, flow_id: str, attributes: dict[str, str], contact_id: str) -> str | None:
        """StartTaskContact: the task runs through its flow file, as in Connect."""
        result = self.simulator().call(
            self.connect.flow_arn(flow_id),
            caller="",
            channel="TASK",
            attributes=attributes,
            contact_id=contact_id,
        )
        return result.queue_key

    def _run_chat(self, chat: LiveChat, flow_id: str, attributes: dict[str, str]) -> str:
        """StartChatContact: the chat runs through its flow file, the chatter writing live."""
        result = self.simulator().call(
            self.connect.flow_arn(flow_id),
            caller="",
            channel="CHAT",
            inputs=LiveScript(chat),
            attributes=attributes,
            contact_id=chat.contact_id,
            speaker=chat.say,
        )
        return result.outcome

    def outbox(self) -> list[dict[str, str]]:
        """The SMS (SNS), then the e-mails (SES), the functions sent: on the local cloud
        nothing leaves the machine, and moto keeps what would have."""
        from moto.ses.models import ses_backends
        from moto.sns.models import sns_backends

        account = self.resources.account
        sent: list[dict[str, str]] = [
            {"channel": "sms", "to": number, "text": text}
            for number, text in sns_backends[account][self.region].sms_messages.values()
        ]
        for m in ses_backends[account][self.region].sent_messages:
            if hasattr(m, "raw_data"):  # a scheduled report: a raw message with its attachment
                parsed = email.message_from_string(m.raw_data, policy=email.policy.default)
                body = parsed.get_body(("plain",)) if isinstance(parsed, EmailMessage) else None
                text = body.get_content() if body is not None else ""
                sent.append(
                    {
                        "channel": "email",
                        "to": ", ".join(m.destinations),
                        "subject": str(parsed["Subject"]),
                        "text": text,
                    }
                )
                continue
            sent.append(
                {
                    "channel": "email",
                    "to": ", ".join(m.destinations.get("ToAddresses", [])),
                    "subject": m.subject,
                    "text": m.body,
                }
            )
        return sent

    def run_report_schedules(self, at: datetime | None = None) -> dict[str, Any]:
        """Fire the report schedules' hourly rule now (or as if at ``at``)."""
        return self.run_scheduled_rule("report_schedules", catalog.REPORT_SCHEDULER_FUNCTION, at)

    def run_queue_alerts(self, at: datetime | None = None) -> dict[str, Any]:
        """Fire the queue alerts' every-minute rule now: the rules against the live figures."""
        return self.run_scheduled_rule("queue_alerts", "monitor_alerts", at)

    def run_scheduled_rule(self, rule: str, function: str, at: datetime | None = None) -> dict[str, Any]:
        """Fire a scheduled rule now (or as if at ``at``): moto keeps scheduled rules but never
        fires them. The function gets EventBridge's scheduled event, whose ``time`` decides
        what is due, and runs as its rule would run it (its grants apply)."""
        moment = (at or datetime.now(UTC)).astimezone(UTC)
        event = {
            "version": "0",
            "id": str(uuid.uuid4()),
            "detail-type": "Scheduled Event",
            "source": "aws.events",
            "account": self.resources.account,
            "time": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "region": self.region,
            "resources": [self.resources.rules[rule]],
            "detail": {},
        }
        response = self.client("lambda").invoke(
            FunctionName=self.resources.functions[function], Payload=json.dumps(event).encode()
        )
        answer: dict[str, Any] = json.loads(response["Payload"].read() or b"null")
        if response.get("FunctionError"):
            raise LocalCloudError(f"{function} failed: {answer}")
        return answer

    def wait_for_execution(self, execution_arn: str, timeout: float = 60.0) -> dict[str, Any]:
        """Poll a Step Functions execution until it stops running (or ``timeout`` passes)."""
        sfn = self.client("stepfunctions")
        deadline = time.monotonic() + timeout
        while True:
            description: dict[str, Any] = sfn.describe_execution(executionArn=execution_arn)
            if description["status"] != "RUNNING" or time.monotonic() > deadline:
                return description
            time.sleep(0.05)

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Wait for every asynchronous invocation (event deliveries) to finish."""
        for source in (self.contact_events, self.agent_events):
            if source is not None:
                source.wait_idle(timeout)
        if self.runtime is not None:
            self.runtime.wait_idle(timeout)

    def stop(self) -> None:
        for source in (self.contact_events, self.agent_events):
            if source is not None:
                source.stop()
        self.contact_events = self.agent_events = None
        if self.scheduler is not None:
            self.scheduler.stop()
            self.scheduler = None
        dynamodb_streams.uninstall()
        if self.runtime is not None:
            self.runtime.uninstall()
            self.runtime = None
        self.iam.uninstall()
        eventbridge.uninstall()
        if self.live is not None:
            self.live.stop()
            self.live = None
        if self._server is not None:
            # Executions still waiting (for an answer, a timer) are abandoned with the cloud;
            # moto's interpreter would log every failed step of theirs as an error.
            logging.getLogger("moto.stepfunctions").setLevel(logging.CRITICAL)
            # moto's state is per process, not per server: forget it, so a cloud started
            # again in this process begins empty.
            requests.post(f"{self.endpoint_url}/moto-api/reset", timeout=10)
            self._server.stop()
            self._server = None
            LocalCloud._running = None

    def __enter__(self) -> "LocalCloud":
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()
