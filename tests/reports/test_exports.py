"""CSV and Excel exports of a report run: headings in the requester's language, the figures as
numbers, and a native chart whose series reference the data sheet's columns."""

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart, LineChart, PieChart

from contactcenter.reports.export import to_csv, to_xlsx
from contactcenter.reports.service import ReportRun, run_report
from localcloud.lake import DuckDbEngine
from tests.reports.fixtures import options, write_fixed_lake


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> DuckDbEngine:
    return DuckDbEngine(write_fixed_lake(tmp_path_factory.mktemp("lake")))


def _run(engine: DuckDbEngine, name: str, **options: object) -> ReportRun:
    return run_report(engine, name, start="2026-11-02", end="2026-11-03", **options)  # type: ignore[arg-type]


def _refs(series: object) -> str:
    return series.val.numRef.f  # type: ignore[attr-defined,no-any-return]


def test_a_share_is_a_pie_over_its_column(engine: DuckDbEngine) -> None:
    book = load_workbook(io.BytesIO(to_xlsx(_run(engine, "tickets_by_dimension"), "en")))
    sheet = book["Data"]
    assert [c.value for c in sheet[1]] == ["Value", "Tickets", "Share %"]
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2)] == [
        ["complaint", 2, 50.0],
        ["request", 2, 50.0],
    ]
    (chart,) = sheet._charts
    assert isinstance(chart, PieChart)
    (series,) = chart.series
    assert _refs(series) == "'Data'!$B$2:$B$3"
    assert (series.cat.numRef or series.cat.strRef).f == "'Data'!$A$2:$A$3"  # the slices' names


def test_a_comparison_is_bars_and_a_trend_a_line(engine: DuckDbEngine) -> None:
    bars = load_workbook(io.BytesIO(to_xlsx(_run(engine, "service_level"), "en")))["Data"]._charts[0]
    assert isinstance(bars, BarChart)
    assert [_refs(s) for s in bars.series] == [
        "'Data'!$F$2:$F$3",
        "'Data'!$G$2:$G$3",
    ]  # service level %, abandoned %
    line = load_workbook(io.BytesIO(to_xlsx(_run(engine, "contact_volume"), "en")))["Data"]._charts[0]
    assert isinstance(line, LineChart)
    assert [_refs(s) for s in line.series] == [f"'Data'!${col}$2:${col}$3" for col in "BCDE"]


@pytest.mark.parametrize(
    ("language", "sheet", "heading"),
    [("nl", "Gegevens", "Wachtrij"), ("zh", "数据", "队列"), ("ko", "데이터", "대기열")],
)
def test_the_workbook_speaks_the_requesters_language(
    engine: DuckDbEngine, language: str, sheet: str, heading: str
) -> None:
    book = load_workbook(io.BytesIO(to_xlsx(_run(engine, "service_level"), language)))
    assert book.sheetnames[0] == sheet
    assert book[sheet]["A1"].value == heading
    about = book.worksheets[1]
    assert "20 s" in about["B2"].value  # the definition travels with the figures


def test_an_empty_report_is_a_workbook_without_a_chart(tmp_path: Path) -> None:
    run = run_report(DuckDbEngine(tmp_path), "dispatches", start="2026-11-02", end="2026-11-03")
    sheet = load_workbook(io.BytesIO(to_xlsx(run, "en")))["Data"]
    assert sheet.max_row == 1
    assert sheet._charts == []


def test_csv_has_translated_headings_and_the_rows(engine: DuckDbEngine) -> None:
    parsed = list(csv.reader(io.StringIO(to_csv(_run(engine, "dispatches"), "ko"))))
    assert parsed == [
        ["부서", "배정", "해결", "해결 시간 (시간)"],
        ["billing", "2", "1", "4.0"],
        ["technical", "1", "0", ""],
    ]


@pytest.mark.parametrize("language", ["en", "nl", "zh", "ko"])
def test_every_report_exports_in_every_language_with_its_headings_translated(
    engine: DuckDbEngine, language: str
) -> None:
    from contactcenter.reports import texts
    from contactcenter.reports.definitions import REPORTS

    for name in REPORTS:
        run = _run(engine, name, **options(name))
        book = load_workbook(io.BytesIO(to_xlsx(run, language)))
        headings = [c.value for c in book.worksheets[0][1]]
        assert headings == [texts.column(column, language) for column in run.result.columns], name
        untranslated = [column for column in run.result.columns if column not in texts.COLUMNS]
        assert untranslated == [], name
