"""The report schedules' hourly rule: every schedule due is run (Athena), its workbook built in
the schedule's language and e-mailed through SES, once per schedule and period.

The rule's event says when it fired (``time``); that moment, not the clock, decides what is
due, so a delayed or retried delivery decides the same way (and the local cloud can say when).
"""

from datetime import UTC, datetime
from typing import Any

from pydantic import Field

from contactcenter import clock
from contactcenter.constants import Env
from contactcenter.observability import create_logger, create_metrics, traced
from contactcenter.reports.schedule_runs import run_due
from contactcenter.reports.settings import ReportSettings
from contactcenter.settings import load_settings


class Settings(ReportSettings):
    sender: str | None = Field(default=None, alias=Env.REPORT_SENDER_EMAIL)


settings = load_settings(Settings)
logger = create_logger()
metrics = create_metrics()
engine = settings.open_engine()


def _fired_at(event: dict[str, Any]) -> datetime:
    text = event.get("time")
    if isinstance(text, str):
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return clock.now()
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return clock.now()


@logger.inject_lambda_context
@metrics.log_metrics
@traced(settings.tracing_enabled)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    tick = run_due(engine, settings.sender or None, _fired_at(event))
    metrics.add_metric(name="ScheduledReportsSent", unit="Count", value=len(tick.sent))
    metrics.add_metric(name="ScheduledReportsFailed", unit="Count", value=len(tick.failed))
    logger.info("report schedules", extra=tick.summary())  # ids only: no addresses
    return tick.summary()
