"""The reports' tables: export jobs, and the keyword analyses managers save.

report_exports
  - one export job -> GetItem export_id
  - its stream -> the exporter (a new job is run once, the stream retrying a failed batch)

A job names the request (report, period, filters), the format and language, who asked, and
once done where the file is; it is kept a week (TTL), as is the file (the bucket's lifecycle).

keyword_analyses
  - one analysis -> GetItem (LISTING, analysis_id)
  - all of them -> Query LISTING (one partition: a center keeps tens, and the API caps them)
"""

from pynamodb.attributes import (
    JSONAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    VersionAttribute,
)

from contactcenter.constants import TABLE_KEYWORD_ANALYSES, TABLE_REPORT_EXPORTS
from contactcenter.storage import TableModel

RUNNING, READY, FAILED = "running", "ready", "failed"
LISTING = "analysis"  # the keyword analyses' one partition


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


class KeywordAnalysis(TableModel):
    """A keyword analysis a manager saved: the keywords (each a label and the terms that mean
    it), the dimension to break them down by, and when a dispatch counts as late."""

    class Meta:
        table_name = TABLE_KEYWORD_ANALYSES

    listing = UnicodeAttribute(hash_key=True, default=LISTING)
    analysis_id = UnicodeAttribute(range_key=True)
    name = UnicodeAttribute()
    definition = JSONAttribute()  # KeywordAnalysisIn, as JSON
    created_by = UnicodeAttribute()
    created_at = UnicodeAttribute()
    updated_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()
