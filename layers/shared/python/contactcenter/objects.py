"""S3 objects by key prefix: what erasure deletes (a ticket's attachments, a call's recordings)."""

from contactcenter import clients


def delete_under(bucket: str, prefix: str) -> int:
    """Delete every object of ``bucket`` whose key starts with ``prefix``; how many there were."""
    s3 = clients.client("s3")
    deleted = 0
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for obj in page.get("Contents", []):
            s3.delete_object(Bucket=bucket, Key=obj["Key"])
            deleted += 1
    return deleted
