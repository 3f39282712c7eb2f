"""/reports through the local API: the real function, reading the local cloud's lake with
DuckDB, for supervisors and administrators only."""

import io

import pytest
import requests
from openpyxl import load_workbook
from openpyxl.chart import PieChart

from contactcenter import clock
from contactcenter.audit.models import AuditRecord
from tests.api.conftest import Api, problem, unique
from tests.reports.fixtures import write_fixed_lake

PERIOD = {"from": "2026-11-02", "to": "2026-11-03"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def reports(api: Api) -> Api:
    resources = api.session.cloud.resources
    assert resources.lake_path is not None
    write_fixed_lake(resources.lake_path)
    return api


def test_a_supervisor_lists_the_reports_with_their_definitions(reports: Api) -> None:
    listed = reports.call("GET", "/reports", as_="supervisor", expect=200).json()["items"]
    by_name = {item["name"]: item for item in listed}
    assert {"contact_volume", "service_level", "ivr_nodes", "dispatches"} <= by_name.keys()
    assert "20 s" in by_name["service_level"]["definition"]
    assert by_name["tickets_by_dimension"]["chart"] == "pie"
    # The chart's columns, as the workbook draws them (the console draws the first value).
    assert (by_name["service_level"]["chart_category"], by_name["service_level"]["chart_values"]) == (
        "queue",
        ["service_level_pct", "abandoned_pct"],
    )
    assert (by_name["ticket_details"]["chart_category"], by_name["ticket_details"]["chart_values"]) == (
        None,
        [],
    )
    assert by_name["service_level"]["filters"]["channel"] == ["VOICE", "CHAT", "TASK", "EMAIL"]


def test_a_report_as_json(reports: Api) -> None:
    body = reports.call("GET", "/reports/dispatches", as_="admin", params=PERIOD, expect=200).json()
    assert body["rows"] == [
        {"department": "billing", "dispatched": 2, "resolved": 1, "hours_to_resolve": 4.0},
        {"department": "technical", "dispatched": 1, "resolved": 0, "hours_to_resolve": None},
    ]
    assert (body["start"], body["end"]) == ("2026-11-02T00:00:00+00:00", "2026-11-04T00:00:00+00:00")


def test_filters_and_intervals(reports: Api) -> None:
    params = {**PERIOD, "filter": ["dimension:product", "ticket_type:complaint"]}
    body = reports.call(
        "GET", "/reports/tickets_by_dimension", as_="supervisor", params=params, expect=200
    ).json()
    assert [(r["value"], r["tickets"]) for r in body["rows"]] == [("modem", 1), ("router-x", 1)]
    hourly = reports.call(
        "GET", "/reports/contact_volume", as_="supervisor", params={**PERIOD, "interval": "hour"}, expect=200
    ).json()
    assert [r["contacts"] for r in hourly["rows"]] == [3, 1, 1]


def test_a_workbook_in_the_requesters_language(reports: Api) -> None:
    response = reports.call(
        "GET",
        "/reports/tickets_by_dimension",
        as_="supervisor",
        params=PERIOD,
        headers={"Accept": XLSX, "Accept-Language": "zh-CN,zh;q=0.9"},
        expect=200,
    )
    assert response.headers["Content-Type"] == XLSX
    assert 'filename="tickets_by_dimension.xlsx"' in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "数据"
    assert isinstance(book["数据"]._charts[0], PieChart)


def test_csv_by_query_parameter(reports: Api) -> None:
    response = reports.call(
        "GET", "/reports/service_level", as_="supervisor", params={**PERIOD, "format": "csv", "lang": "nl"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("text/csv")
    assert response.text.splitlines()[0].startswith("Wachtrij,Aangeboden,Beantwoord")


@pytest.mark.parametrize("role", ["agent", "department:billing", "integration", "portal"])
def test_only_supervisors_and_admins_run_reports(reports: Api, role: str) -> None:
    for path in ("/reports", "/reports/service_level"):
        response = reports.call("GET", path, as_=role, params=PERIOD)
        assert response.status_code == 403, (role, path, response.text)
        problem(response)


def test_a_customer_gets_no_report(reports: Api) -> None:
    customer_id = reports.customer()["customer_id"]
    token = reports.session.token("customer", customer_id=customer_id)
    assert reports.call("GET", "/reports/service_level", token=token, params=PERIOD).status_code == 403


@pytest.mark.parametrize(
    ("path", "params", "status", "field"),
    [
        ("/reports/revenue", PERIOD, 404, "name"),
        ("/reports/service_level", {"from": "2026-11-31", "to": "2026-12-01"}, 422, "from"),
        ("/reports/service_level", {**PERIOD, "filter": "queue:billing"}, 422, "queue"),
        ("/reports/service_level", {**PERIOD, "filter": "channel"}, 422, "filter"),
        ("/reports/contact_volume", {**PERIOD, "interval": "fortnight"}, 422, "interval"),
    ],
)
def test_bad_requests_are_specific_problems(
    reports: Api, path: str, params: dict[str, str], status: int, field: str
) -> None:
    response = reports.call("GET", path, as_="supervisor", params=params)
    assert response.status_code == status, response.text
    assert problem(response)["field"] == field


def test_a_request_without_a_period_is_refused(reports: Api) -> None:
    response = reports.call("GET", "/reports/service_level", as_="supervisor")
    assert response.status_code == 422
    problem(response)


def test_every_run_is_audited(reports: Api) -> None:
    reports.call(
        "GET",
        "/reports/ivr_nodes",
        as_="supervisor",
        params={**PERIOD, "filter": "flow:main-ivr"},
        expect=200,
    )
    records = list(AuditRecord.query("report#ivr_nodes"))
    assert records, "no audit record of the run"
    last = records[-1]
    assert last.action == "report.ran"
    assert last.after["filters"] == {"flow": "main-ivr"}
    assert last.after["rows"] == 2


def test_tickets_reach_the_lake_through_the_event_feed(reports: Api) -> None:
    """The real path: the API writes a ticket, its timeline event reaches EventBridge, the lake
    feed's rule flattens it into a row of ticket_events, and the report counts it."""
    product = unique("lake-")
    ticket = reports.ticket(product=product, category="billing")
    reports.transition(ticket, "resolved", resolution="fixed")
    reports.session.cloud.wait_idle()
    today = clock.now().date().isoformat()
    period = {"from": today, "to": today, "filter": ["dimension:product"]}
    rows = reports.call(
        "GET", "/reports/tickets_by_dimension", as_="supervisor", params=period, expect=200
    ).json()
    assert {"value": product, "tickets": 1} in [{k: r[k] for k in ("value", "tickets")} for r in rows["rows"]]
    resources = reports.session.cloud.resources
    assert resources.lake_path is not None
    assert list((resources.lake_path / "ticket_events").glob(f"dt={today}/*.parquet"))


def test_a_large_report_is_exported_asynchronously(reports: Api) -> None:
    body = {"from": "2026-11-02", "to": "2026-11-03", "filters": ["dimension:product"], "lang": "ko"}
    accepted = reports.call("POST", "/reports/tickets_by_dimension/exports", as_="supervisor", json=body)
    assert accepted.status_code == 202, accepted.text
    job = accepted.json()
    assert accepted.headers["Location"] == f"/reports/exports/{job['export_id']}"
    assert (job["status"], job["download_url"]) == ("running", None)
    reports.session.cloud.wait_idle()  # the exporter runs from the jobs table's stream
    ready = reports.call("GET", accepted.headers["Location"], as_="supervisor", expect=200).json()
    assert (ready["status"], ready["rows"], ready["format"]) == ("ready", 2, "xlsx")
    download = requests.get(ready["download_url"], timeout=30)  # presigned: no token needed
    assert download.status_code == 200
    book = load_workbook(io.BytesIO(download.content))
    assert book.sheetnames[0] == "데이터"
    assert [c.value for c in book["데이터"]["A"]][1:] == ["modem", "router-x"]


def test_an_export_is_its_requesters_own(reports: Api) -> None:
    body = {"from": "2026-11-02", "to": "2026-11-03", "format": "csv"}
    mine = reports.session.token("supervisor", username="sam")
    job = reports.call("POST", "/reports/dispatches/exports", token=mine, json=body, expect=202).json()
    path = f"/reports/exports/{job['export_id']}"
    other = reports.session.token("supervisor", username="sue")
    assert reports.call("GET", path, token=other).status_code == 404  # not even that it exists
    assert reports.call("GET", path, as_="admin").status_code == 200
    assert reports.call("GET", path, as_="agent").status_code == 403
    assert (
        reports.call("GET", "/reports/exports/rex_01aaaaaaaaaaaaaaaaaaaaaaaa", as_="admin").status_code == 404
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"from": "2026-11-02", "to": "2026-11-01"}, "to"),
        ({"from": "2026-11-02", "to": "2026-11-03", "filters": ["queue:x"]}, "queue"),
        ({"from": "2026-11-02", "to": "2026-11-03", "format": "pdf"}, None),
    ],
)
def test_an_export_is_checked_before_it_is_accepted(
    reports: Api, body: dict[str, object], field: str | None
) -> None:
    response = reports.call("POST", "/reports/dispatches/exports", as_="supervisor", json=body)
    assert response.status_code == 422, response.text
    if field:
        assert problem(response)["field"] == field


def test_a_retried_export_is_the_first_one(reports: Api) -> None:
    body = {"from": "2026-11-02", "to": "2026-11-03"}
    headers = {"Idempotency-Key": unique("export-")}
    first = reports.call(
        "POST", "/reports/csat/exports", as_="supervisor", json=body, headers=headers, expect=202
    )
    again = reports.call(
        "POST", "/reports/csat/exports", as_="supervisor", json=body, headers=headers, expect=202
    )
    assert again.json()["export_id"] == first.json()["export_id"]
