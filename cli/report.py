"""`contactcenter report NAME --from DAY --to DAY`: a report over the local data lake.

Runs the report's SQL with the local engine (DuckDB) over the lake folder that
``contactcenter local`` fills (``.local/lake``, or ``--lake DIR``), without booting anything,
and prints the figures as a table; ``--xlsx FILE`` and ``--csv FILE`` write the exports the API
answers. ``--list`` names the reports with their definitions. Against a deployment, use the
API: ``GET /reports/NAME?from=...&to=...``.
"""

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contactcenter.errors import DomainError
from contactcenter.languages import DEFAULT_LANGUAGE, LANGUAGES
from contactcenter.reports.definitions import REPORTS
from localcloud.session import LAKE_DIR

if TYPE_CHECKING:
    from contactcenter.reports.service import ReportRun


def add_parser(commands: Any) -> None:
    report = commands.add_parser("report", help="run a report over the local data lake")
    report.add_argument("name", nargs="?", help="the report (see --list)")
    report.add_argument("--list", action="store_true", help="list the reports and their definitions")
    report.add_argument("--from", dest="start", help="the first day (YYYY-MM-DD) or an ISO 8601 moment")
    report.add_argument("--to", dest="end", help="the last day (inclusive) or an ISO 8601 moment")
    report.add_argument("--interval", choices=["hour", "day", "week", "month"])
    report.add_argument("--filter", action="append", default=[], metavar="NAME:VALUE", help="repeat for more")
    report.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help="the exports' language")
    report.add_argument("--xlsx", type=Path, help="also write the Excel workbook (with its chart) here")
    report.add_argument("--csv", type=Path, help="also write the CSV here")
    report.add_argument("--lake", type=Path, default=LAKE_DIR, help=f"the lake folder (default {LAKE_DIR})")


def _table(run: "ReportRun") -> str:
    header = list(run.result.columns)
    body = [["" if v is None else str(v) for v in row] for row in run.result.rows]
    widths = [max(len(h), *(len(r[i]) for r in body)) if body else len(h) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.rjust(w) for v, w in zip(r, widths, strict=True)) for r in body]
    return "\n".join(lines)


def _filters(given: list[str]) -> dict[str, str]:
    filters = {}
    for item in given:
        name, _, value = item.partition(":")
        if not name or not value:
            raise DomainError(f"a filter is NAME:VALUE, not {item!r}", field="filter")
        filters[name] = value
    return filters


def run(args: argparse.Namespace) -> int:
    if args.list:
        for report in REPORTS.values():
            filters = ", ".join(report.filters) or "none"
            print(f"{report.name}\n    {report.title}. {report.definition}\n    filters: {filters}")
        return 0
    if not (args.name and args.start and args.end):
        print("contactcenter report: give a report name, --from and --to (or --list)", file=sys.stderr)
        return 2
    if not args.lake.is_dir():
        print(
            f"contactcenter report: no lake folder {args.lake} (run contactcenter local first)",
            file=sys.stderr,
        )
        return 2
    # The engine and the exports load only for a report (the command line stays quick).
    from contactcenter.reports.export import to_csv, to_xlsx
    from contactcenter.reports.service import run_report
    from localcloud.lake import DuckDbEngine

    try:
        result = run_report(
            DuckDbEngine(args.lake),
            args.name,
            start=args.start,
            end=args.end,
            interval=args.interval,
            filters=_filters(args.filter),
        )
    except DomainError as error:
        where = f" ({error.field})" if error.field else ""
        print(f"contactcenter report: {error.detail}{where}", file=sys.stderr)
        return 2
    start, end = (f"{moment:%Y-%m-%d %H:%M}" for moment in (result.period.start, result.period.end))
    print(f"{result.report.title}, {start} to {end} UTC")
    print(_table(result) if result.result.rows else "(no figures in this period)")
    if args.xlsx:
        args.xlsx.write_bytes(to_xlsx(result, args.lang))
        print(f"workbook: {args.xlsx}")
    if args.csv:
        args.csv.write_text(to_csv(result, args.lang), encoding="utf-8")
        print(f"csv: {args.csv}")
    return 0
