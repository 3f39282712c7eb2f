"""The report exports table: a large report asked for now and delivered later.

report_exports
  - one export job -> GetItem export_id
  - its stream -> the exporter (a new job is run once, the stream retrying a failed batch)

A job names the request (report, period, filters), the format and language, who asked, and
once done where the file is; it is kept a week (TTL), as is the file (the bucket's lifecycle).
"""

from pynamodb.attributes import JSONAttribute, NumberAttribute, TTLAttribute, UnicodeAttribute

from contactcenter.constants import TABLE_REPORT_EXPORTS
from contactcenter.storage import TableModel

RUNNING, READY, FAILED = "running", "ready", "failed"


class ReportExport(TableModel):
    class Meta:
        table_name = TABLE_REPORT_EXPORTS
        stream_view_type = "NEW_IMAGE"

    export_id = UnicodeAttribute(hash_key=True)
    requested_by = UnicodeAttribute()  # the caller's actor: only they (or an admin) may fetch it
    request = JSONAttribute()  # ReportRequest.described()
    output = UnicodeAttribute()  # csv | xlsx
    language = UnicodeAttribute()
    status = UnicodeAttribute(default=RUNNING)
    object_key = UnicodeAttribute(null=True)
    rows = NumberAttribute(null=True)
    error = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    finished_at = UnicodeAttribute(null=True)
    expires_at = TTLAttribute()
