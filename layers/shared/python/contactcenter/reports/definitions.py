"""The reports: what each one means, the filters it takes and how it is charted.

A report is a SQL file in ``sql/`` (see query.py) and an entry here. The definitions are what
``GET /reports`` lists and what the workbook's notes say, so a figure always comes with its
meaning. Filters are named values a report's SQL compares with (null: no filter); a report
takes only its own filters, so an unknown one is refused rather than ignored.

A detail report (tickets, dispatches) lists records rather than figures: it has no chart and
is read a page at a time, in the order of its ``page_key`` columns (see service.py).
"""

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

ChartKind = Literal["pie", "bar", "line"]
INTERVALS = ("hour", "day", "week", "month")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Chart:
    kind: ChartKind  # pie for shares, bar for comparisons, line for trends
    category: str  # the column along the axis (or the pie's slices)
    values: tuple[str, ...]  # the columns drawn (one series each; a pie draws the first)


@dataclass(frozen=True)
class Report:
    name: str
    title: str
    definition: str
    lake_tables: tuple[str, ...]
    chart: Chart | None  # None: a detail report (records, not figures)
    filters: dict[str, tuple[str, ...] | None] = field(default_factory=dict)  # allowed values, None: any
    defaults: dict[str, str] = field(default_factory=dict)  # a filter's value when none is given
    interval: bool = False  # takes ?interval=hour|day|week|month
    threshold_seconds: int | None = None  # the service-level threshold, when the report has one
    required: tuple[str, ...] = ()  # filters that must be given
    saved: bool = False  # its ``analysis`` filter names a saved keyword analysis (keywords.py)
    page_key: tuple[str, ...] = ()  # a detail report's order: it is read a page at a time

    @property
    def sql(self) -> str:
        return _sql(self.name)


@cache
def _sql(name: str) -> str:
    return resources.files(__package__).joinpath("sql", f"{name}.sql").read_text(encoding="utf-8")


CHANNELS = ("VOICE", "CHAT", "TASK", "EMAIL")
TICKET_TYPES = ("complaint", "request", "compliment")
DIMENSIONS = ("type", "category", "product", "channel", "department")

REPORTS: dict[str, Report] = {
    report.name: report
    for report in (
        Report(
            "contact_volume",
            "Contact volume",
            "Contacts that started in the period (initiation time), per interval and channel. "
            "Every contact counts once, whether or not it reached a queue.",
            ("contact_records",),
            Chart("line", "period", ("voice", "chat", "task", "email")),
            filters={"queue": None},
            interval=True,
        ),
        Report(
            "service_level",
            "Service level, abandonment and speed of answer",
            "Per queue, over contacts enqueued in the period: offered (enqueued), answered (connected "
            "to an agent), answered within the threshold (default 20 s from enqueue to agent), "
            "abandoned (enqueued, never answered); service level and abandonment are shares of "
            "offered; the average speed of answer is over answered contacts.",
            ("contact_records",),
            Chart("bar", "queue", ("service_level_pct", "abandoned_pct")),
            filters={"channel": CHANNELS},
            threshold_seconds=20,
        ),
        Report(
            "agent_handling",
            "Agent handling time",
            "Per agent and queue, over contacts answered in the period: contacts handled, average "
            "handle time (talk + customer hold + after-contact work) and average after-contact work.",
            ("contact_records",),
            Chart("bar", "agent", ("aht_seconds", "acw_seconds")),
            filters={"queue": None},
        ),
        Report(
            "ivr_nodes",
            "IVR node statistics",
            "Per flow and block: contacts that reached the block, left it by one of its branches, "
            "and hung up in it (dropped), with the dropped share of reached.",
            ("flow_node_events",),
            Chart("bar", "block", ("reached", "dropped")),
            filters={"flow": None},
        ),
        Report(
            "tickets_by_dimension",
            "Tickets by type, category, product, channel or department",
            "Tickets created in the period, counted by the chosen dimension (filter dimension, "
            "default type), with each value's share of all tickets created.",
            ("ticket_events",),
            Chart("pie", "value", ("tickets",)),
            filters={"dimension": DIMENSIONS, "ticket_type": TICKET_TYPES},
            defaults={"dimension": "type"},
        ),
        Report(
            "tickets_created_resolved",
            "Tickets created and resolved",
            "Per interval: tickets created, and tickets resolved (a status change to resolved), "
            "in the period.",
            ("ticket_events",),
            Chart("line", "period", ("created", "resolved")),
            filters={"ticket_type": TICKET_TYPES},
            interval=True,
        ),
        Report(
            "dispatches",
            "Dispatches to departments",
            "Per department: tickets dispatched to it in the period (their first assignment to the "
            "department), how many of those were resolved since, and the average hours from the "
            "dispatch to the resolution.",
            ("ticket_events",),
            Chart("bar", "department", ("dispatched", "resolved")),
        ),
        Report(
            "ticket_backlog",
            "Ticket backlog and age",
            "Tickets open at the end of the period (created before it and neither resolved nor "
            "closed by then, pending included), by their age at that moment (under a day, 1-3, "
            "3-7, 7-30 days, older), with the age of the oldest in each band, in hours.",
            ("ticket_events",),
            Chart("bar", "age", ("tickets",)),
            filters={"ticket_type": TICKET_TYPES, "department": None},
        ),
        Report(
            "containment",
            "Self-service containment",
            "Per channel, over contacts that started in the period: contained (served by the IVR "
            "or the bot alone, by design), reached a queue, ended in the flow otherwise (hung up "
            "or failed before a queue), and the contained share of all contacts.",
            ("contact_records",),
            Chart("bar", "channel", ("contained", "to_queue", "ended_in_flow")),
        ),
        Report(
            "csat",
            "Customer satisfaction",
            "Tickets whose customer gave a satisfaction score (1-5) in the period, per score, with "
            "each score's share; a ticket counts once, with the last score it was given.",
            ("ticket_events",),
            Chart("pie", "score", ("tickets",)),
            filters={"ticket_type": TICKET_TYPES},
        ),
        Report(
            "sla_attainment",
            "SLA attainment and breaches",
            "Per priority and department, over tickets resolved in the period: resolved, breached "
            "(the SLA was breached by the resolution), and the share resolved within the SLA.",
            ("ticket_events",),
            Chart("bar", "priority", ("resolved", "breached")),
            filters={"ticket_type": TICKET_TYPES},
        ),
        Report(
            "first_contact_resolution",
            "First-contact resolution",
            "Per channel, over tickets resolved in the period: resolved, resolved on first contact "
            "(never dispatched to a department and never reopened), and that share.",
            ("ticket_events",),
            Chart("bar", "channel", ("fcr_pct",)),
            filters={"ticket_type": TICKET_TYPES},
        ),
        Report(
            "callbacks",
            "Callbacks and their outcomes",
            "Per queue, over the callback events of the period: callbacks requested, attempts made, "
            "attempts that reached a person (connected) and that did not (no answer, busy, "
            "voicemail), callbacks completed, exhausted (every attempt used) and ended otherwise "
            "(cancelled, do not call, wrong number, failed), and the share of attempts that "
            "reached a person.",
            ("callback_events",),
            Chart("bar", "queue", ("requested", "attempts", "completed")),
            filters={"callback_kind": ("queued", "scheduled")},
        ),
        Report(
            "knowledge_articles",
            "Knowledge articles: answers, thumbs and hand-overs",
            "Per knowledge article, over the chat bot's turns in the period: answers given with "
            "it, customers' thumbs up and down on it and the share up, and hand-overs to a person "
            "right after it (instead of saying whether it helped); hand-overs after no article "
            "are the row (none).",
            ("bot_turns",),
            Chart("bar", "article", ("answers", "helpful", "unhelpful", "handovers")),
            filters={"language": ("en", "nl", "zh", "ko")},
        ),
        Report(
            "keyword_analysis",
            "Keyword analysis",
            "A saved keyword analysis (filter analysis, its id): per keyword, and per value of the "
            "analysis' dimension when it has one, tickets created in the period whose category, "
            "product, department or tags contain one of the keyword's terms, their share of all "
            "tickets created in the period, how many were never dispatched to a department within "
            "the period, and how many were dispatched later than the analysis allows.",
            ("ticket_events",),
            Chart("bar", "keyword", ("tickets", "never_dispatched", "dispatched_late")),
            filters={"analysis": None},
            required=("analysis",),
            saved=True,
        ),
        Report(
            "ticket_details",
            "Tickets (detail)",
            "The tickets created in the period, one row each, as they stood at the period's end: "
            "type, category, product, channel, priority, department, status, first dispatch, "
            "resolution and the hours to it, whether its SLA was breached, and its CSAT score.",
            ("ticket_events",),
            None,
            filters={"ticket_type": TICKET_TYPES, "department": None, "status": None},
            page_key=("created_at", "ticket_id"),
        ),
        Report(
            "dispatch_details",
            "Dispatches (detail)",
            "The dispatches in the period, one row per ticket and department (its first "
            "assignment to the department), with the ticket's first resolution after it and the "
            "hours to it.",
            ("ticket_events",),
            None,
            filters={"department": None, "ticket_type": TICKET_TYPES},
            page_key=("dispatched_at", "ticket_id", "department"),
        ),
    )
}
