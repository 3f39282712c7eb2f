"""The report schedules table: saved reports e-mailed to a distribution list on a cadence.

report_schedules
  - one schedule                          -> GetItem schedule_id
  - an owner's schedules                  -> Query by_owner (owner)
  - the schedules due by a moment (all)   -> Query by_due (due = "due", next_run_at <= moment)
  - a run of a schedule for one period    -> GetItem / conditional PutItem "run#<id>#<period start>"

The due index has one partition: schedules are few (at most MAX_PER_OWNER per supervisor), and
the scheduler asks once an hour, so one partition is read without a Scan (no function is
granted Scan). A run's item is written before its e-mail is sent, only if absent: that is what
makes a run once per (schedule, period), whatever delivers the scheduler's event twice.
"""

from pynamodb.attributes import JSONAttribute, NumberAttribute, TTLAttribute, UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from contactcenter.constants import TABLE_REPORT_SCHEDULES
from contactcenter.storage import TableModel, string_list

DUE = "due"  # the due index's one partition
SENDING, SENT, FAILED = "sending", "sent", "failed"


class SchedulesByOwner(GlobalSecondaryIndex["ReportSchedule"]):
    class Meta:
        index_name = "by_owner"
        projection = AllProjection()

    owner = UnicodeAttribute(hash_key=True)
    schedule_id = UnicodeAttribute(range_key=True)


class SchedulesByDue(GlobalSecondaryIndex["ReportSchedule"]):
    class Meta:
        index_name = "by_due"
        projection = AllProjection()

    due = UnicodeAttribute(hash_key=True)
    next_run_at = UnicodeAttribute(range_key=True)


class ReportSchedule(TableModel):
    class Meta:
        table_name = TABLE_REPORT_SCHEDULES

    schedule_id = UnicodeAttribute(hash_key=True)  # rsc_<ULID>
    # Only schedules carry these two: the run items stay out of both indexes.
    owner = UnicodeAttribute(null=True)  # the caller's actor: only they (or an admin) see it
    due = UnicodeAttribute(null=True)  # DUE
    next_run_at = UnicodeAttribute(null=True)  # ISO 8601 UTC: the next occurrence of the cadence
    name = UnicodeAttribute(null=True)
    report = UnicodeAttribute(null=True)
    interval = UnicodeAttribute(null=True)
    filters = JSONAttribute(null=True)  # name -> value, as the report takes them
    language = UnicodeAttribute(null=True)
    output = UnicodeAttribute(null=True)  # xlsx | csv
    recipients = string_list(null=True)
    cadence = JSONAttribute(null=True)  # schedule_rules.Cadence.described()
    created_at = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute(null=True)
    revision = NumberAttribute(default=1)
    # The last run: its period's start, when it ended, how (sent | failed), rows, why it failed.
    last_period = UnicodeAttribute(null=True)
    last_run_at = UnicodeAttribute(null=True)
    last_outcome = UnicodeAttribute(null=True)
    last_rows = NumberAttribute(null=True)
    last_error = UnicodeAttribute(null=True)
    # Runs only: they expire (a schedule never does); declared here so the table has its TTL.
    expires_at = TTLAttribute(null=True)

    by_owner = SchedulesByOwner()
    by_due = SchedulesByDue()


class ScheduleRun(TableModel):
    """One run of a schedule for one period, claimed before anything is sent."""

    class Meta:
        table_name = TABLE_REPORT_SCHEDULES

    schedule_id = UnicodeAttribute(hash_key=True)  # run_key(schedule_id, period start)
    status = UnicodeAttribute()  # SENDING | SENT | FAILED
    attempts = NumberAttribute(default=1)
    rows = NumberAttribute(null=True)
    message_id = UnicodeAttribute(null=True)  # SES's
    error = UnicodeAttribute(null=True)
    started_at = UnicodeAttribute()
    finished_at = UnicodeAttribute(null=True)
    expires_at = TTLAttribute()


def run_key(schedule_id: str, period_start: str) -> str:
    return f"run#{schedule_id}#{period_start}"
