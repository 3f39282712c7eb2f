"""Each report's figures on the fixed lake (fixtures.py), worked out by hand, from the SQL
file as the local engine runs it (translated by sqlglot from Athena's dialect)."""

from pathlib import Path

import duckdb
import pytest

from contactcenter.errors import NotFound, ValidationFailed
from contactcenter.reports.definitions import REPORTS
from contactcenter.reports.service import run_report
from localcloud.lake import DuckDbEngine
from tests.reports.fixtures import options, write_fixed_lake


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> DuckDbEngine:
    return DuckDbEngine(write_fixed_lake(tmp_path_factory.mktemp("lake")))


def rows(engine: DuckDbEngine, name: str, start: str, end: str, **options: object) -> list[dict[str, object]]:
    return run_report(engine, name, start=start, end=end, **options).records  # type: ignore[arg-type]


def test_contact_volume_per_day_and_per_hour(engine: DuckDbEngine) -> None:
    assert rows(engine, "contact_volume", "2026-11-02", "2026-11-03") == [
        {"period": "2026-11-02T00:00:00", "voice": 3, "chat": 1, "task": 0, "email": 0, "contacts": 4},
        {"period": "2026-11-03T00:00:00", "voice": 0, "chat": 1, "task": 0, "email": 0, "contacts": 1},
    ]
    hourly = rows(engine, "contact_volume", "2026-11-02", "2026-11-02", interval="hour")
    assert [(r["period"], r["contacts"]) for r in hourly] == [
        ("2026-11-02T09:00:00", 3),
        ("2026-11-02T10:00:00", 1),
    ]
    billing = rows(engine, "contact_volume", "2026-11-02", "2026-11-03", filters={"queue": "billing"})
    assert [(r["period"], r["voice"]) for r in billing] == [("2026-11-02T00:00:00", 2)]


def test_a_period_of_moments_cuts_inside_a_day(engine: DuckDbEngine) -> None:
    morning = rows(engine, "contact_volume", "2026-11-02T09:10:00Z", "2026-11-02T10:00:00+00:00")
    assert [r["contacts"] for r in morning] == [2]  # c2 and c3; c1 is before, c4 at 10:10


def test_service_level_abandonment_and_speed_of_answer(engine: DuckDbEngine) -> None:
    assert rows(engine, "service_level", "2026-11-02", "2026-11-03") == [
        # billing: c1 in 10 s, c2 in 40 s (over the 20 s threshold)
        {"queue": "billing", "offered": 2, "answered": 2, "answered_in_time": 1, "abandoned": 0,
         "service_level_pct": 50.0, "abandoned_pct": 0.0, "asa_seconds": 25.0},
        # technical: c3 abandoned, c5 in 10 s
        {"queue": "technical", "offered": 2, "answered": 1, "answered_in_time": 1, "abandoned": 1,
         "service_level_pct": 50.0, "abandoned_pct": 50.0, "asa_seconds": 10.0},
    ]  # fmt: skip
    # A queue nobody answered in: zeros, not nulls (DuckDB's count_if of all-null is null).
    (_, technical) = rows(engine, "service_level", "2026-11-02", "2026-11-02")
    assert (technical["answered"], technical["answered_in_time"], technical["asa_seconds"]) == (0, 0, None)
    voice = rows(engine, "service_level", "2026-11-02", "2026-11-03", filters={"channel": "VOICE"})
    assert [r["queue"] for r in voice] == ["billing"]


def test_agent_handling_time(engine: DuckDbEngine) -> None:
    figures = rows(engine, "agent_handling", "2026-11-02", "2026-11-03")
    assert [(r["agent"], r["queue"], r["handled"], r["aht_seconds"], r["acw_seconds"]) for r in figures] == [
        ("ana", "billing", 1, 360.0, 40.0),
        ("ana", "technical", 1, 120.0, 20.0),
        ("bo", "billing", 1, 260.0, 60.0),
    ]


def test_ivr_node_statistics(engine: DuckDbEngine) -> None:
    assert rows(engine, "ivr_nodes", "2026-11-02", "2026-11-02") == [
        {"flow": "main-ivr", "block": "greet", "block_type": "MessageParticipant", "reached": 3,
         "left_by_branch": 3, "dropped": 0, "dropped_pct": 0.0},
        {"flow": "main-ivr", "block": "auth", "block_type": "GetParticipantInput", "reached": 2,
         "left_by_branch": 1, "dropped": 1, "dropped_pct": 50.0},
    ]  # fmt: skip


def test_tickets_by_each_dimension(engine: DuckDbEngine) -> None:
    by_type = rows(engine, "tickets_by_dimension", "2026-11-02", "2026-11-03")
    assert [(r["value"], r["tickets"], r["share_pct"]) for r in by_type] == [
        ("complaint", 2, 50.0),
        ("request", 2, 50.0),
    ]
    by_product = rows(
        engine, "tickets_by_dimension", "2026-11-02", "2026-11-03", filters={"dimension": "product"}
    )
    assert [(r["value"], r["tickets"]) for r in by_product] == [("modem", 2), ("router-x", 2)]
    complaints = rows(
        engine, "tickets_by_dimension", "2026-11-02", "2026-11-03",
        filters={"dimension": "product", "ticket_type": "complaint"},
    )  # fmt: skip
    assert [(r["value"], r["tickets"]) for r in complaints] == [("modem", 1), ("router-x", 1)]
    at_creation = rows(
        engine, "tickets_by_dimension", "2026-11-02", "2026-11-03", filters={"dimension": "department"}
    )
    assert [(r["value"], r["tickets"], r["share_pct"]) for r in at_creation] == [("(none)", 4, 100.0)]


def test_tickets_created_and_resolved(engine: DuckDbEngine) -> None:
    figures = rows(engine, "tickets_created_resolved", "2026-11-02", "2026-11-03")
    assert [(r["period"][:10], r["created"], r["resolved"]) for r in figures] == [
        ("2026-11-02", 3, 2),
        ("2026-11-03", 1, 0),
    ]


def test_dispatches_to_departments(engine: DuckDbEngine) -> None:
    assert rows(engine, "dispatches", "2026-11-02", "2026-11-03") == [
        {"department": "billing", "dispatched": 2, "resolved": 1, "hours_to_resolve": 4.0},
        {"department": "technical", "dispatched": 1, "resolved": 0, "hours_to_resolve": None},
    ]


def test_customer_satisfaction(engine: DuckDbEngine) -> None:
    assert rows(engine, "csat", "2026-11-02", "2026-11-03") == [
        {"score": 4, "tickets": 1, "share_pct": 50.0},
        {"score": 5, "tickets": 1, "share_pct": 50.0},
    ]
    assert rows(engine, "csat", "2026-11-02", "2026-11-02") == [
        {"score": 5, "tickets": 1, "share_pct": 100.0}
    ]


def test_sla_attainment(engine: DuckDbEngine) -> None:
    assert rows(engine, "sla_attainment", "2026-11-02", "2026-11-03") == [
        {"priority": "P2", "department": "billing", "resolved": 1, "breached": 1, "attainment_pct": 0.0},
        {"priority": "P3", "department": "(none)", "resolved": 1, "breached": 0, "attainment_pct": 100.0},
    ]


def test_first_contact_resolution(engine: DuckDbEngine) -> None:
    assert rows(engine, "first_contact_resolution", "2026-11-02", "2026-11-03") == [
        {"channel": "CHAT", "resolved": 1, "first_contact": 1, "fcr_pct": 100.0},  # T4, by the first agent
        {"channel": "VOICE", "resolved": 1, "first_contact": 0, "fcr_pct": 0.0},  # T1, dispatched to billing
    ]


def test_self_service_containment(engine: DuckDbEngine) -> None:
    assert rows(engine, "containment", "2026-11-02", "2026-11-03") == [
        # c3 and c5 reached the technical queue
        {"channel": "CHAT", "contacts": 2, "contained": 0, "to_queue": 2, "ended_in_flow": 0,
         "containment_pct": 0.0},
        # c4 was served by the IVR alone; c1 and c2 reached billing
        {"channel": "VOICE", "contacts": 3, "contained": 1, "to_queue": 2, "ended_in_flow": 0,
         "containment_pct": 33.3},
    ]  # fmt: skip


def test_ticket_backlog_and_age_at_the_periods_end(engine: DuckDbEngine) -> None:
    # At 2026-11-04 00:00: T1 and T4 are closed; T3 (created 11-03 09:00) is 15 h old, T2
    # (created 11-02 11:00, dispatched, never resolved) 37 h.
    assert rows(engine, "ticket_backlog", "2026-11-02", "2026-11-03") == [
        {"age": "< 1 day", "tickets": 1, "oldest_hours": 15.0},
        {"age": "1-3 days", "tickets": 1, "oldest_hours": 37.0},
    ]
    # At 2026-11-03 00:00 T1 was resolved (14:05), T4 closed, T3 not yet created: T2, 13 h old.
    assert rows(engine, "ticket_backlog", "2026-11-02", "2026-11-02") == [
        {"age": "< 1 day", "tickets": 1, "oldest_hours": 13.0}
    ]
    billing = rows(engine, "ticket_backlog", "2026-11-02", "2026-11-03", filters={"department": "billing"})
    assert billing == [{"age": "< 1 day", "tickets": 1, "oldest_hours": 15.0}]  # T3; T2 is technical's


def test_an_empty_period_is_an_empty_report(engine: DuckDbEngine) -> None:
    assert rows(engine, "service_level", "2025-01-01", "2025-01-31") == []


def test_an_empty_lake_is_an_empty_report(tmp_path: Path) -> None:
    assert rows(DuckDbEngine(tmp_path), "dispatches", "2026-11-02", "2026-11-03") == []


@pytest.mark.parametrize(
    ("name", "options", "field"),
    [
        ("contact_volume", {"start": "2026-13-01", "end": "2026-11-03"}, "from"),
        ("contact_volume", {"start": "2026-11-03", "end": "yesterday"}, "to"),
        ("contact_volume", {"start": "2026-11-03", "end": "2026-11-01"}, "to"),
        ("contact_volume", {"start": "2024-01-01", "end": "2026-11-01"}, "to"),
        ("contact_volume", {"start": "2026-11-01", "end": "2026-11-03", "interval": "minute"}, "interval"),
        ("service_level", {"start": "2026-11-01", "end": "2026-11-03", "interval": "day"}, "interval"),
        ("service_level", {"start": "2026-11-01", "end": "2026-11-03", "filters": {"queue": "x"}}, "queue"),
        (
            "service_level",
            {"start": "2026-11-01", "end": "2026-11-03", "filters": {"channel": "FAX"}},
            "channel",
        ),
    ],
)
def test_a_malformed_request_names_its_field(
    engine: DuckDbEngine, name: str, options: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        run_report(engine, name, **options)  # type: ignore[arg-type]
    assert refused.value.field == field


def test_an_unknown_report_is_not_found(engine: DuckDbEngine) -> None:
    with pytest.raises(NotFound, match="GET /reports"):
        run_report(engine, "revenue", start="2026-11-01", end="2026-11-02")


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_a_one_day_report_reads_that_days_partition_only(tmp_path: Path, name: str) -> None:
    """The next day's files are made unreadable: a report of the first day that touched them
    would fail. (So Athena, pruning the same partitions, scans that day only.) Dispatches also
    read later days on purpose: a ticket dispatched today may be resolved tomorrow."""
    write_fixed_lake(tmp_path)
    for file in tmp_path.glob("*/dt=2026-11-03/*.parquet"):
        file.write_bytes(b"not parquet")
    needs = options(name)
    if name in ("dispatches", "dispatch_details"):
        with pytest.raises(duckdb.Error):
            run_report(DuckDbEngine(tmp_path), name, start="2026-11-02", end="2026-11-02", **needs)
        return
    run_report(DuckDbEngine(tmp_path), name, start="2026-11-02", end="2026-11-02", **needs)
    with pytest.raises(duckdb.Error):  # the check itself: the broken day cannot be read
        run_report(DuckDbEngine(tmp_path), name, start="2026-11-03", end="2026-11-03", **needs)


def test_the_documentation_defines_every_report() -> None:
    text = (Path(__file__).parents[2] / "docs" / "reports.md").read_text(encoding="utf-8")
    for report in REPORTS.values():
        chart = report.chart.kind if report.chart else "—"
        assert f"| `{report.name}` | {chart} |" in text, report.name


def test_keyword_analysis_per_keyword(engine: DuckDbEngine) -> None:
    # Four tickets created over both days; T2 was dispatched 2.5 h after its creation (late
    # past 2 h), T4 never.
    found = rows(engine, "keyword_analysis", "2026-11-02", "2026-11-03", **options("keyword_analysis"))
    assert [
        (r["keyword"], r["tickets"], r["share_pct"], r["never_dispatched"], r["dispatched_late"])
        for r in found
    ] == [
        ("Rotterdam", 2, 50.0, 0, 0),  # T1, T3 (its tag in capitals)
        ("Router X", 2, 50.0, 0, 1),  # T1, T2
        ("Modem or VIP", 3, 75.0, 1, 1),  # T3, T4 (product), T2 (tag): once each
        ("Nothing", 0, 0, 0, 0),  # a keyword that matches nothing is still a row
    ]
    first_day = rows(engine, "keyword_analysis", "2026-11-02", "2026-11-02", **options("keyword_analysis"))
    assert (first_day[0]["keyword"], first_day[0]["tickets"], first_day[0]["share_pct"]) == (
        "Rotterdam",
        1,
        33.3,
    )


def test_keyword_analysis_by_a_dimension(engine: DuckDbEngine) -> None:
    from contactcenter.reports.keywords import values_of
    from tests.reports.fixtures import KEYWORDS

    by_channel = values_of(KEYWORDS.model_copy(update={"dimension": "channel"}))
    found = rows(
        engine, "keyword_analysis", "2026-11-02", "2026-11-03", filters={"analysis": "x"}, saved=by_channel
    )
    assert [(r["keyword"], r["value"], r["tickets"]) for r in found] == [
        ("Rotterdam", "VOICE", 2),
        ("Router X", "CHAT", 1),
        ("Router X", "VOICE", 1),
        ("Modem or VIP", "CHAT", 2),
        ("Modem or VIP", "VOICE", 1),
        ("Nothing", "(all)", 0),
    ]


def test_ticket_details_page_by_page(engine: DuckDbEngine) -> None:
    from contactcenter.reports.service import Page

    every = rows(engine, "ticket_details", "2026-11-02", "2026-11-03")
    assert [r["ticket_id"] for r in every] == ["T1", "T2", "T4", "T3"]  # by creation
    t1 = every[0]
    assert (t1["status"], t1["department"], t1["dispatched_at"], t1["resolved_at"]) == (
        "closed",
        "billing",
        "2026-11-02T10:05:00",
        "2026-11-02T14:05:00",
    )
    assert (t1["hours_to_resolve"], t1["sla_breached"], t1["csat"]) == (4.08, True, 4)
    assert (every[2]["dispatched_at"], every[2]["csat"]) == (None, 5)  # T4: resolved by its first agent

    seen, after = [], None
    while True:
        run = run_report(engine, "ticket_details", start="2026-11-02", end="2026-11-03", page=Page(3, after))
        seen.append([r["ticket_id"] for r in run.records])
        after = run.next_after
        if after is None:
            break
    assert seen == [["T1", "T2", "T4"], ["T3"]]
    complaints = rows(
        engine, "ticket_details", "2026-11-02", "2026-11-03", filters={"ticket_type": "complaint"}
    )
    assert [r["ticket_id"] for r in complaints] == ["T1", "T3"]


def test_dispatch_details(engine: DuckDbEngine) -> None:
    found = rows(engine, "dispatch_details", "2026-11-02", "2026-11-03")
    assert [(r["ticket_id"], r["department"], r["resolved_at"], r["hours_to_resolve"]) for r in found] == [
        ("T1", "billing", "2026-11-02T14:05:00", 4.0),
        ("T2", "technical", None, None),
        ("T3", "billing", None, None),
    ]


def test_a_one_page_report_takes_no_page(engine: DuckDbEngine) -> None:
    from contactcenter.reports.service import Page

    with pytest.raises(ValidationFailed) as refused:
        run_report(engine, "csat", start="2026-11-02", end="2026-11-03", page=Page(10))
    assert refused.value.field == "limit"


def test_a_keyword_analysis_needs_its_analysis(engine: DuckDbEngine) -> None:
    with pytest.raises(ValidationFailed) as refused:
        run_report(engine, "keyword_analysis", start="2026-11-02", end="2026-11-03")
    assert refused.value.field == "analysis"


def test_callbacks_and_their_outcomes(engine: DuckDbEngine) -> None:
    found = rows(engine, "callbacks", "2026-11-02", "2026-11-03")
    assert found == [
        {
            "queue": "billing",
            "requested": 2,
            "attempts": 5,
            "connected": 1,
            "not_reached": 4,
            "completed": 1,
            "exhausted": 1,
            "ended_otherwise": 0,
            "connect_rate_pct": 20.0,
        },
        {
            "queue": "technical",
            "requested": 1,
            "attempts": 0,
            "connected": 0,
            "not_reached": 0,
            "completed": 0,
            "exhausted": 0,
            "ended_otherwise": 1,
            "connect_rate_pct": None,
        },
    ]
    queued = rows(engine, "callbacks", "2026-11-02", "2026-11-03", filters={"callback_kind": "queued"})
    assert [(r["queue"], r["requested"], r["attempts"], r["exhausted"]) for r in queued] == [
        ("billing", 1, 3, 1)
    ]


def test_knowledge_articles_by_answers_thumbs_and_handovers(engine: DuckDbEngine) -> None:
    found = rows(engine, "knowledge_articles", "2026-11-02", "2026-11-03")
    assert found == [
        {
            "article": "kb-router",
            "title": "Restart the router",
            "answers": 2,
            "helpful": 1,
            "unhelpful": 0,
            "helpful_pct": 100.0,
            "handovers": 1,
        },
        {
            "article": "kb-invoice",
            "title": "Read your invoice",
            "answers": 1,
            "helpful": 0,
            "unhelpful": 1,
            "helpful_pct": 0.0,
            "handovers": 0,
        },
        {
            "article": "(none)",
            "title": "",
            "answers": 0,
            "helpful": 0,
            "unhelpful": 0,
            "helpful_pct": None,
            "handovers": 1,
        },
    ]
    dutch = rows(engine, "knowledge_articles", "2026-11-02", "2026-11-03", filters={"language": "nl"})
    assert [(r["article"], r["answers"], r["handovers"]) for r in dutch] == [("kb-router", 1, 1)]
