"""Data: the customer-managed key, the tables (from the models), the buckets, the knowledge-search
domain (in its VPC) and the domain event bus."""

from aws_cdk import Aws, Duration, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_events as events
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from constructs import Construct

import catalog
from contactcenter.constants import BUCKET_LAKE, BUCKET_RECORDINGS, BUCKET_REPORT_RESULTS
from infra.config import AppConfig
from infra.constructs.access_log_bucket import AccessLogBucket
from infra.constructs.cursor_key import CursorKey
from infra.constructs.data_lake import DataLake
from infra.constructs.knowledge_search import KnowledgeSearch
from infra.constructs.lake_feeds import LakeFeeds
from infra.constructs.model_table import ModelTable
from infra.constructs.secure_bucket import SecureBucket


class DataStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, *, config: AppConfig, **kwargs: object) -> None:
        super().__init__(scope, construct_id, **kwargs)  # type: ignore[arg-type]
        self.data_key = kms.Key(
            self,
            "DataKey",
            description="Encrypts the contact center's data at rest: tables, queues, topics, buckets",
            enable_key_rotation=True,
            removal_policy=config.removal_policy,
        )
        self.cursor_key = CursorKey(
            self, "CursorKey", encryption_key=self.data_key, removal_policy=config.removal_policy
        )
        self.tables: dict[str, dynamodb.ITableV2] = {}
        for spec in catalog.TABLES:
            model_table = ModelTable(
                self,
                f"{spec.key.title().replace('_', '')}Table",
                definition=spec.definition,
                encryption_key=self.data_key,
                removal_policy=config.removal_policy,
            )
            self.tables[spec.key] = model_table.table
        self.access_logs = AccessLogBucket(
            self,
            "AccessLogs",
            removal_policy=config.removal_policy,
            retention_days=config.trail_retention_days,
        ).bucket
        expiry = {**catalog.BUCKET_EXPIRY_DAYS, BUCKET_RECORDINGS: config.recording_retention_days}
        self.buckets: dict[str, s3.IBucket] = {
            key: SecureBucket(
                self,
                f"{key.title().replace('_', '')}Bucket",
                encryption_key=self.data_key,
                access_logs=self.access_logs,
                access_log_prefix=f"{key}/",
                removal_policy=config.removal_policy,
                bucket_name=catalog.bucket_name(config.stage, key, Aws.ACCOUNT_ID, config.region),
                expire_after_days=expiry.get(key),
                upload_origin=config.console.allowed_origin if key in catalog.BROWSER_UPLOADS else None,
            ).bucket
            for key in catalog.BUCKETS
        }
        self.lake = DataLake(
            self,
            "DataLake",
            database_name=catalog.lake_database_name(config.stage),
            workgroup_name=catalog.report_workgroup_name(config.stage),
            lake=self.buckets[BUCKET_LAKE],
            results=self.buckets[BUCKET_REPORT_RESULTS],
            encryption_key=self.data_key,
            bytes_scanned_cutoff=config.report_bytes_scanned_cutoff,
        )
        self.knowledge = KnowledgeSearch(
            self,
            "KnowledgeSearch",
            domain_name=catalog.search_domain_name(config.stage),
            encryption_key=self.data_key,
            instance_type=config.search_instance_type,
            nodes=config.search_nodes,
            dedicated_masters=config.search_dedicated_masters,
            log_retention=config.log_retention,
            removal_policy=config.removal_policy,
        )
        self.buses: dict[str, events.IEventBus] = {}
        for key in catalog.EVENT_BUSES:
            bus = events.EventBus(self, f"{key.title()}Bus", kms_key=self.data_key)
            # Thirty days of every domain event, for replay after an outage or a bug fix.
            bus.archive(
                f"{key.title()}Archive", event_pattern=events.EventPattern(), retention=Duration.days(30)
            )
            self.buses[key] = bus
        LakeFeeds(
            self,
            "LakeFeeds",
            stage=config.stage,
            buses=self.buses,
            lake=self.buckets[BUCKET_LAKE],
            database_name=catalog.lake_database_name(config.stage),
            encryption_key=self.data_key,
            removal_policy=config.removal_policy,
        ).node.add_dependency(self.lake)

    # Names the functions are given (through infra/stacks/names.py)
    def table_name(self, key: str) -> str:
        return self.tables[key].table_name

    def bus_name(self, key: str) -> str:
        return self.buses[key].event_bus_name

    def bucket_name(self, key: str) -> str:
        return self.buckets[key].bucket_name
