"""A report run as CSV, or as an Excel workbook with a native chart.

The workbook has the data sheet (headings in the requester's language, the figures as numbers)
with the report's chart beside the data: a pie for shares, bars for comparisons, a line for
trends, each series referencing its column of the data sheet so the chart follows edits. A
second sheet says what the report means, the period and the filters.
"""

import csv
import io

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from contactcenter.reports import texts
from contactcenter.reports.definitions import XLSX_CONTENT_TYPE
from contactcenter.reports.service import ReportRun

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
__all__ = ["CSV_CONTENT_TYPE", "XLSX_CONTENT_TYPE", "to_csv", "to_xlsx"]


def to_csv(run: ReportRun, language: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180
    writer.writerow([texts.column(c, language) for c in run.result.columns])
    writer.writerows(run.result.rows)
    return buffer.getvalue()


def _add_chart(sheet: Worksheet, run: ReportRun, language: str) -> None:
    spec = run.report.chart
    assert spec is not None  # a detail report has no chart
    columns = run.result.columns
    last_row = len(run.result.rows) + 1
    chart: BarChart | LineChart | PieChart
    if spec.kind == "pie":
        chart = PieChart()
        chart.dataLabels = DataLabelList()
        chart.dataLabels.showPercent = True
        series = spec.values[:1]  # a pie has one series
    else:
        chart = BarChart() if spec.kind == "bar" else LineChart()
        chart.x_axis.title = texts.column(spec.category, language)
        series = spec.values
    chart.title = texts.title(run.report.name, language)
    chart.width, chart.height = 22, 12
    for name in series:  # the heading row names the series
        column = columns.index(name) + 1
        chart.add_data(Reference(sheet, min_col=column, min_row=1, max_row=last_row), titles_from_data=True)
    category = columns.index(spec.category) + 1
    chart.set_categories(Reference(sheet, min_col=category, min_row=2, max_row=last_row))
    sheet.add_chart(chart, f"{get_column_letter(len(columns) + 2)}2")


def to_xlsx(run: ReportRun, language: str) -> bytes:
    workbook = Workbook()
    data = workbook.active
    assert data is not None  # a new workbook has one sheet
    data.title = texts.sheet("data", language)
    columns = run.result.columns
    data.append([texts.column(c, language) for c in columns])
    for row in run.result.rows:
        data.append(list(row))
    for index, name in enumerate(columns, start=1):
        data.column_dimensions[get_column_letter(index)].width = max(
            12, len(texts.column(name, language)) + 4
        )
    data.freeze_panes = "A2"

    if run.result.rows and run.report.chart:  # an empty period (or a detail report) has no chart
        _add_chart(data, run, language)

    about = workbook.create_sheet(texts.sheet("about", language))
    about.append([texts.title(run.report.name, language)])
    about.append([texts.label("definition", language), run.report.definition])
    about.append([texts.label("period", language), run.period.start.isoformat(), run.period.end.isoformat()])
    about.append(
        [texts.label("filters", language), ", ".join(f"{k}={v}" for k, v in sorted(run.filters.items()))]
    )
    about.column_dimensions["A"].width = 16
    about.column_dimensions["B"].width = 100

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
