"""An SQS queue encrypted with a customer key and reachable only over TLS."""

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sqs as sqs
from constructs import Construct


class EncryptedQueue(Construct):
    """A queue, with ``dead_letter_queue`` receiving what fails five receives."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        encryption_key: kms.IKey,
        removal_policy: RemovalPolicy,
        retention: Duration | None = None,
        dead_letter_queue: sqs.IQueue | None = None,
        visibility_timeout: Duration | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        self.queue = sqs.Queue(
            self,
            "Queue",
            encryption=sqs.QueueEncryption.KMS,
            encryption_master_key=encryption_key,
            enforce_ssl=True,
            retention_period=retention or Duration.days(14),
            visibility_timeout=visibility_timeout,
            removal_policy=removal_policy,
            dead_letter_queue=sqs.DeadLetterQueue(queue=dead_letter_queue, max_receive_count=5)
            if dead_letter_queue
            else None,
        )
