"""Connect's agent event stream: every change of an agent's state (status, a contact offered,
connected, in after-contact work) as a record on a Kinesis data stream, which the live monitor
reads to judge its alerts and push the figures at once rather than at the next minute.

The records trigger; they are not the figures. The figures stay the shared snapshot of
Connect's real-time APIs (contactcenter.monitor.snapshots), so a burst of agent events costs
no more Connect calls than one. A trigger that failed is worth little a minute later (the
every-minute run has judged the queues since), so the consumer gives up on records older than a
minute; what it gave up on is noted in an encrypted queue (the batch's place in the stream, not
its records), so an operator sees that the monitor failed.
"""

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as sources
from constructs import Construct

import catalog
from infra.constructs.connect_stream import connect_stream
from infra.constructs.encrypted_queue import EncryptedQueue
from infra.constructs.product_function import ProductFunction

BATCH_SIZE = 100
BATCHING_WINDOW = Duration.seconds(5)  # the shared snapshot's default age: one trigger per refresh
MAX_RECORD_AGE = Duration.minutes(1)  # older triggers are covered by the every-minute run


class AgentEventStream(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        stage: str,
        instance_arn: str,
        encryption_key: kms.IKey,
        removal_policy: RemovalPolicy,
    ) -> None:
        super().__init__(scope, construct_id)
        self.stream, _ = connect_stream(
            self,
            "AgentEvents",
            "AgentEventStorage",
            stream_name=catalog.resource_name(stage, "agent-events"),
            instance_arn=instance_arn,
            resource_type="AGENT_EVENTS",
            what="agent events",
            encryption_key=encryption_key,
            removal_policy=removal_policy,
        )


def subscribe(
    function: ProductFunction, stream: kinesis.IStream, data_key: kms.IKey, removal_policy: RemovalPolicy
) -> None:
    """The live monitor reads the agent events in batches, from the newest after a deployment."""
    failures = EncryptedQueue(
        function,
        "AgentEventFailures",
        encryption_key=data_key,
        removal_policy=removal_policy,
        dead_letters_of="the agent-event batches the live monitor failed on",
    )
    function.acknowledge_queue_key("the KMS-encrypted agent-event failure queue")
    function.function.add_event_source(
        sources.KinesisEventSource(
            stream,
            starting_position=lambda_.StartingPosition.LATEST,
            batch_size=BATCH_SIZE,
            max_batching_window=BATCHING_WINDOW,
            max_record_age=MAX_RECORD_AGE,
            retry_attempts=2,
            on_failure=sources.SqsDlq(failures.queue),
        )
    )
