"""The Amazon Connect instance and what routing needs in it: hours of operation, queues and
routing profiles from the catalog. An existing instance can be used instead (context flag
``connectInstanceArn``); then the product adds its hours, queues and profiles to it."""

from aws_cdk import aws_connect as connect
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from constructs import Construct

import catalog
from contactcenter.constants import RECORDINGS_PREFIX


class ConnectInstance(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        alias: str,
        existing_instance_arn: str | None,
        encryption_key: kms.IKey,
        recordings: s3.IBucket,
    ) -> None:
        super().__init__(scope, construct_id)
        self.alias = alias
        # The product made the instance (not imported): its recordings, contact records and
        # flow logs are the product's to configure.
        self.created = not existing_instance_arn
        if existing_instance_arn:
            self.instance_arn = existing_instance_arn
            self.instance_id = existing_instance_arn.rsplit("/", 1)[-1]
        else:
            instance = connect.CfnInstance(
                self,
                "Instance",
                identity_management_type="CONNECT_MANAGED",
                instance_alias=alias,
                attributes=connect.CfnInstance.AttributesProperty(
                    inbound_calls=True, outbound_calls=True, contactflow_logs=True, contact_lens=True
                ),
            )
            self.instance_arn = instance.attr_arn
            self.instance_id = instance.attr_id
            self._store_recordings(encryption_key, recordings)
        self.hours = {
            spec.key: connect.CfnHoursOfOperation(
                self,
                f"Hours{spec.key.title()}",
                instance_arn=self.instance_arn,
                name=spec.name,
                time_zone=spec.time_zone,
                config=[
                    connect.CfnHoursOfOperation.HoursOfOperationConfigProperty(
                        day=day,
                        start_time=_time(start),
                        end_time=_time(end),
                    )
                    for day, (start, end) in spec.weekly.items()
                ],
            )
            for spec in catalog.CONNECT_HOURS
        }
        self.queues = {
            spec.key: connect.CfnQueue(
                self,
                f"Queue{spec.key.title().replace('_', '')}",
                instance_arn=self.instance_arn,
                name=spec.name,
                hours_of_operation_arn=self.hours[spec.hours].attr_hours_of_operation_arn,
            )
            for spec in catalog.CONNECT_QUEUES
        }
        for profile in catalog.ROUTING_PROFILES:
            connect.CfnRoutingProfile(
                self,
                f"Profile{profile.key.title().replace('_', '')}",
                instance_arn=self.instance_arn,
                name=profile.name,
                description=f"{profile.name}: {', '.join(profile.queues)}",
                default_outbound_queue_arn=self.queue_arn(catalog.GENERAL_QUEUE),
                media_concurrencies=[
                    connect.CfnRoutingProfile.MediaConcurrencyProperty(channel="VOICE", concurrency=1),
                    connect.CfnRoutingProfile.MediaConcurrencyProperty(channel="CHAT", concurrency=3),
                ],
                queue_configs=[
                    connect.CfnRoutingProfile.RoutingProfileQueueConfigProperty(
                        delay=profile.delays.get(queue, 0),
                        priority=priority,
                        queue_reference=connect.CfnRoutingProfile.RoutingProfileQueueReferenceProperty(
                            channel=channel, queue_arn=self.queue_arn(queue)
                        ),
                    )
                    for queue, priority in profile.queues.items()
                    for channel in ("VOICE", "CHAT")
                ],
            )

    def queue_arn(self, key: str) -> str:
        return self.queues[key].attr_queue_arn

    def hours_arn(self, key: str) -> str:
        return self.hours[key].attr_hours_of_operation_arn

    def _store_recordings(self, key: kms.IKey, recordings: s3.IBucket) -> None:
        """Call recordings (turned on by the flows) go to the data stack's recordings bucket:
        private, KMS-encrypted, expired after recordingRetentionDays, and emptied of a customer's
        recordings by their erasure (catalog.retention)."""
        self.recordings = recordings
        connect.CfnInstanceStorageConfig(
            self,
            "RecordingStorage",
            instance_arn=self.instance_arn,
            resource_type="CALL_RECORDINGS",
            storage_type="S3",
            s3_config=connect.CfnInstanceStorageConfig.S3ConfigProperty(
                bucket_name=self.recordings.bucket_name,
                bucket_prefix=RECORDINGS_PREFIX,
                encryption_config=connect.CfnInstanceStorageConfig.EncryptionConfigProperty(
                    encryption_type="KMS", key_id=key.key_arn
                ),
            ),
        )


def _time(text: str) -> connect.CfnHoursOfOperation.HoursOfOperationTimeSliceProperty:
    hours, minutes = text.split(":")
    return connect.CfnHoursOfOperation.HoursOfOperationTimeSliceProperty(
        hours=int(hours), minutes=int(minutes)
    )
