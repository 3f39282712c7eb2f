"""An S3 bucket that is private, TLS-only, versioned, encrypted and access-logged.

Encrypted with ``encryption_key`` (customer data), or with S3-managed keys when it is None: for
content that is public by nature (the console's assets), which CloudFront reads without a key grant."""

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from constructs import Construct


class SecureBucket(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        encryption_key: kms.IKey | None,
        access_logs: s3.IBucket,
        access_log_prefix: str,
        removal_policy: RemovalPolicy,
        expire_after_days: int | None = None,
        bucket_name: str | None = None,
        upload_origin: str | None = None,
    ) -> None:
        """``upload_origin``: the one origin whose pages may POST presigned uploads (CORS)."""
        super().__init__(scope, construct_id)
        rules = []
        if expire_after_days:
            rules.append(
                s3.LifecycleRule(
                    id="retention",
                    expiration=Duration.days(expire_after_days),
                    noncurrent_version_expiration=Duration.days(30),
                    abort_incomplete_multipart_upload_after=Duration.days(7),
                )
            )
        self.bucket = s3.Bucket(
            self,
            "Bucket",
            bucket_name=bucket_name,
            encryption=s3.BucketEncryption.KMS if encryption_key else s3.BucketEncryption.S3_MANAGED,
            encryption_key=encryption_key,
            bucket_key_enabled=True if encryption_key else None,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            minimum_tls_version=1.2,
            versioned=True,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            server_access_logs_bucket=access_logs,
            server_access_logs_prefix=access_log_prefix,
            lifecycle_rules=rules or None,
            cors=[
                s3.CorsRule(
                    allowed_methods=[s3.HttpMethods.POST],
                    allowed_origins=[upload_origin],
                    allowed_headers=["*"],
                    max_age=3000,
                )
            ]
            if upload_origin
            else None,
            removal_policy=removal_policy,
            auto_delete_objects=False,
        )
