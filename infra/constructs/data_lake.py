"""The data lake the reports read: a Glue database with one table per lake table
(contactcenter.reports.lake, the schema both clouds share) over Parquet in the lake bucket,
and the Athena workgroup the reports run in.

Partitions are projected (``dt``, one per day), not crawled: a new day needs no crawler run or
``MSCK REPAIR``, and a query that names its days (every report does) reads only those
partitions. The workgroup enforces its own settings: results encrypted with the data key in
the results bucket, and a per-query limit on bytes scanned, so a mistaken query costs cents.
"""

from aws_cdk import Aws
from aws_cdk import aws_athena as athena
from aws_cdk import aws_glue as glue
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from constructs import Construct

from contactcenter.reports.lake import LAKE_TABLES, PARTITION

# Projected days: from the product's first possible day to today.
_PROJECTED_DAYS = "2024-01-01,NOW"


class DataLake(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        database_name: str,
        workgroup_name: str,
        lake: s3.IBucket,
        results: s3.IBucket,
        encryption_key: kms.IKey,
        bytes_scanned_cutoff: int,
    ) -> None:
        super().__init__(scope, construct_id)
        self.database = glue.CfnDatabase(
            self,
            "Database",
            catalog_id=Aws.ACCOUNT_ID,
            database_input=glue.CfnDatabase.DatabaseInputProperty(
                name=database_name, description="The contact center's facts: contacts, flow blocks, tickets"
            ),
        )
        for table in LAKE_TABLES:
            location = f"s3://{lake.bucket_name}/{table.name}/"
            cfn = glue.CfnTable(
                self,
                f"{table.name.title().replace('_', '')}Table",
                catalog_id=Aws.ACCOUNT_ID,
                database_name=database_name,
                table_input=glue.CfnTable.TableInputProperty(
                    name=table.name,
                    description=table.description,
                    table_type="EXTERNAL_TABLE",
                    parameters={
                        "classification": "parquet",
                        "projection.enabled": "true",
                        f"projection.{PARTITION}.type": "date",
                        f"projection.{PARTITION}.format": "yyyy-MM-dd",
                        f"projection.{PARTITION}.range": _PROJECTED_DAYS,
                        f"projection.{PARTITION}.interval": "1",
                        f"projection.{PARTITION}.interval.unit": "DAYS",
                        "storage.location.template": f"{location}{PARTITION}=${{{PARTITION}}}/",
                    },
                    partition_keys=[glue.CfnTable.ColumnProperty(name=PARTITION, type="string")],
                    storage_descriptor=glue.CfnTable.StorageDescriptorProperty(
                        location=location,
                        columns=[glue.CfnTable.ColumnProperty(name=n, type=t) for n, t in table.columns],
                        input_format="org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                        output_format="org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                        serde_info=glue.CfnTable.SerdeInfoProperty(
                            serialization_library="org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
                        ),
                    ),
                ),
            )
            cfn.node.add_dependency(self.database)
        self.workgroup = athena.CfnWorkGroup(
            self,
            "WorkGroup",
            name=workgroup_name,
            description="The contact center's reports",
            recursive_delete_option=False,
            work_group_configuration=athena.CfnWorkGroup.WorkGroupConfigurationProperty(
                enforce_work_group_configuration=True,
                publish_cloud_watch_metrics_enabled=True,
                bytes_scanned_cutoff_per_query=bytes_scanned_cutoff,
                engine_version=athena.CfnWorkGroup.EngineVersionProperty(
                    selected_engine_version="Athena engine version 3"
                ),
                result_configuration=athena.CfnWorkGroup.ResultConfigurationProperty(
                    output_location=f"s3://{results.bucket_name}/athena/",
                    encryption_configuration=athena.CfnWorkGroup.EncryptionConfigurationProperty(
                        encryption_option="SSE_KMS", kms_key=encryption_key.key_arn
                    ),
                ),
            ),
        )
