"""Attachments live in S3; the API hands out short-lived presigned URLs to upload and
download them, so file bytes never pass through a Lambda function."""

from typing import Any
from urllib.parse import quote

from contactcenter import clients, objects
from contactcenter.tickets.schemas import MAX_ATTACHMENT_BYTES

URL_LIFETIME_SECONDS = 900


class AttachmentStore:
    def __init__(self, bucket: str) -> None:
        self.bucket = bucket

    @staticmethod
    def key(ticket_id: str, attachment_id: str) -> str:
        return f"tickets/{ticket_id}/{attachment_id}"

    def delete_all(self, ticket_id: str) -> None:
        """Delete every file of the ticket (its customer's erasure)."""
        objects.delete_under(self.bucket, self.key(ticket_id, ""))

    def upload_form(self, ticket_id: str, attachment_id: str, content_type: str, size: int) -> dict[str, Any]:
        """A presigned POST: S3 itself refuses another type or a larger file than declared."""
        form: dict[str, Any] = clients.client("s3").generate_presigned_post(
            Bucket=self.bucket,
            Key=self.key(ticket_id, attachment_id),
            Fields={"Content-Type": content_type},
            Conditions=[
                {"Content-Type": content_type},
                ["content-length-range", 1, min(size, MAX_ATTACHMENT_BYTES)],
            ],
            ExpiresIn=URL_LIFETIME_SECONDS,
        )
        return form

    def download_url(self, ticket_id: str, attachment_id: str, filename: str) -> str:
        url: str = clients.client("s3").generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self.bucket,
                "Key": self.key(ticket_id, attachment_id),
                # RFC 6266/5987, so names in any script survive the download.
                "ResponseContentDisposition": f"attachment; filename*=UTF-8''{quote(filename)}",
            },
            ExpiresIn=URL_LIFETIME_SECONDS,
        )
        return url
