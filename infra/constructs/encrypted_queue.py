"""An SQS queue encrypted with a customer key and reachable only over TLS."""

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.nag import acknowledge


class EncryptedQueue(Construct):
    """A queue; with ``dead_letters_of``, the place where that source's failures end up."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        encryption_key: kms.IKey,
        removal_policy: RemovalPolicy,
        dead_letters_of: str | None = None,
        retention: Duration | None = None,
        visibility_timeout: Duration | None = None,
        queue_name: str | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        self.queue = sqs.Queue(
            self,
            "Queue",
            queue_name=queue_name,
            encryption=sqs.QueueEncryption.KMS,
            encryption_master_key=encryption_key,
            enforce_ssl=True,
            retention_period=retention or Duration.days(14),
            visibility_timeout=visibility_timeout,
            removal_policy=removal_policy,
        )
        if dead_letters_of:
            reason = (
                f"This queue is where {dead_letters_of} end up; a dead-letter queue needs none of its own."
            )
            for rule in ("AwsSolutions-SQS3", "Serverless-SQSRedrivePolicy"):
                acknowledge(self.queue, rule, reason)
