"""Keyword analyses saved as data and detail reports, through the local API: a supervisor saves
an analysis, runs it as a report (JSON and a workbook), changes it; detail reports page."""

import io

import pytest
import requests
from openpyxl import load_workbook
from openpyxl.chart import BarChart

from contactcenter.audit.models import AuditRecord
from tests.api.conftest import Api, problem
from tests.reports.fixtures import KEYWORDS, write_fixed_lake

PERIOD = {"from": "2026-11-02", "to": "2026-11-03"}
PATH = "/reports/keyword-analyses"


@pytest.fixture(scope="module")
def reports(api: Api) -> Api:
    resources = api.session.cloud.resources
    assert resources.lake_path is not None
    write_fixed_lake(resources.lake_path)
    return api


def refused(response: requests.Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text
    return problem(response)


def _token(api: Api, username: str) -> str:
    return api.session.token("supervisor", username=username)


def _save(api: Api, token: str, **changes: object) -> dict[str, object]:
    body = {**KEYWORDS.model_dump(mode="json"), **changes}
    return api.call("POST", PATH, token=token, json=body, expect=201).json()  # type: ignore[no-any-return]


def test_a_saved_analysis_runs_as_a_report(reports: Api) -> None:
    mine = _token(reports, "sup-keywords")
    saved = _save(reports, mine)
    analysis_id = str(saved["analysis_id"])
    assert saved["run"] == f"/reports/keyword_analysis?filter=analysis:{analysis_id}"
    listed = reports.call("GET", PATH, token=mine, expect=200).json()["items"]
    assert analysis_id in [item["analysis_id"] for item in listed]

    params = {**PERIOD, "filter": f"analysis:{analysis_id}"}
    body = reports.call("GET", "/reports/keyword_analysis", token=mine, params=params, expect=200).json()
    assert [(r["keyword"], r["tickets"], r["dispatched_late"]) for r in body["rows"]] == [
        ("Rotterdam", 2, 0),
        ("Router X", 2, 1),
        ("Modem or VIP", 3, 1),
        ("Nothing", 0, 0),
    ]
    workbook = reports.call(
        "GET",
        "/reports/keyword_analysis",
        token=mine,
        params={**params, "format": "xlsx", "lang": "nl"},
        expect=200,
    )
    sheet = load_workbook(io.BytesIO(workbook.content)).worksheets[0]
    assert sheet["A1"].value == "Trefwoord" and sheet["A2"].value == "Rotterdam"
    assert isinstance(sheet._charts[0], BarChart)

    # A change shows in the next run; its ETag guards it against a concurrent one.
    read = reports.call("GET", f"{PATH}/{analysis_id}", token=mine, expect=200)
    changed = {**KEYWORDS.model_dump(mode="json"), "keywords": [{"label": "VIP", "terms": ["vip"]}]}
    reports.call(
        "PUT",
        f"{PATH}/{analysis_id}",
        token=mine,
        json=changed,
        headers={"If-Match": read.headers["ETag"]},
        expect=200,
    )
    stale = reports.call(
        "PUT", f"{PATH}/{analysis_id}", token=mine, json=changed, headers={"If-Match": read.headers["ETag"]}
    )
    assert refused(stale, 412)["field"] == "If-Match"
    again = reports.call("GET", "/reports/keyword_analysis", token=mine, params=params, expect=200).json()
    assert [(r["keyword"], r["tickets"]) for r in again["rows"]] == [("VIP", 1)]

    actions = [r.action for r in AuditRecord.query(f"keyword_analysis#{analysis_id}")]
    assert actions.count("keyword_analysis.created") == 1 and actions.count("keyword_analysis.changed") == 1
    reports.call("DELETE", f"{PATH}/{analysis_id}", token=mine, expect=204)
    gone = reports.call("GET", "/reports/keyword_analysis", token=mine, params=params)
    assert refused(gone, 404)["field"] == "analysis"


def test_a_retried_save_is_the_first_one(reports: Api) -> None:
    token = _token(reports, "sup-retry")
    body = KEYWORDS.model_dump(mode="json")
    headers = {"Idempotency-Key": "kw-retry-1"}
    first = reports.call("POST", PATH, token=token, json=body, headers=headers, expect=201).json()
    again = reports.call("POST", PATH, token=token, json=body, headers=headers, expect=201).json()
    assert again["analysis_id"] == first["analysis_id"]
    changed = {**body, "name": "another"}
    refused(reports.call("POST", PATH, token=token, json=changed, headers=headers), 422)


def test_only_its_author_or_an_admin_changes_an_analysis(reports: Api) -> None:
    analysis_id = _save(reports, _token(reports, "sup-author"))["analysis_id"]
    other = _token(reports, "sup-other")
    reports.call("GET", f"{PATH}/{analysis_id}", token=other, expect=200)  # the center's to read
    body = KEYWORDS.model_dump(mode="json")
    refused(reports.call("PUT", f"{PATH}/{analysis_id}", token=other, json=body), 403)
    refused(reports.call("DELETE", f"{PATH}/{analysis_id}", token=other), 403)
    reports.call("DELETE", f"{PATH}/{analysis_id}", as_="admin", expect=204)


@pytest.mark.parametrize("role", ["agent", "department:billing", "integration", "portal"])
def test_only_managers_see_keyword_analyses(reports: Api, role: str) -> None:
    refused(reports.call("GET", PATH, as_=role), 403)
    refused(reports.call("POST", PATH, as_=role, json=KEYWORDS.model_dump(mode="json")), 403)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"keywords": []}, "keywords"),
        ({"keywords": [{"label": "a=b", "terms": ["x"]}]}, "label"),
        ({"keywords": [{"label": "A", "terms": ["x|y"]}]}, "terms"),
        ({"keywords": [{"label": "A", "terms": ["x"]}, {"label": "a", "terms": ["y"]}]}, "keywords"),
        ({"dimension": "colour"}, "dimension"),
        ({"late_after_hours": 0}, "late_after_hours"),
        ({"owner": "me"}, "owner"),
    ],
)
def test_a_malformed_analysis_is_refused(reports: Api, change: dict[str, object], where: str) -> None:
    body = {**KEYWORDS.model_dump(mode="json"), **change}
    answer = refused(reports.call("POST", PATH, as_="supervisor", json=body), 422)
    assert where in str(answer)


def test_an_unknown_analysis_is_not_found(reports: Api) -> None:
    params = {**PERIOD, "filter": "analysis:kwa_00000000000000000000000000"}
    refused(reports.call("GET", "/reports/keyword_analysis", as_="supervisor", params=params), 404)
    refused(reports.call("GET", f"{PATH}/kwa_00000000000000000000000000", as_="supervisor"), 404)
    missing = reports.call("GET", "/reports/keyword_analysis", as_="supervisor", params=PERIOD)
    assert refused(missing, 422)["field"] == "analysis"


def test_a_detail_report_pages_with_a_cursor(reports: Api) -> None:
    seen, cursor = [], None
    while True:
        params = {**PERIOD, "limit": 3, **({"cursor": cursor} if cursor else {})}
        body = reports.call(
            "GET", "/reports/ticket_details", as_="supervisor", params=params, expect=200
        ).json()
        seen.append([r["ticket_id"] for r in body["rows"]])
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == [["T1", "T2", "T4"], ["T3"]]

    first = reports.call(
        "GET",
        "/reports/dispatch_details",
        as_="supervisor",
        params={**PERIOD, "limit": 1, "format": "csv"},
        expect=200,
    )
    assert first.text.splitlines()[1].startswith("T1,billing,")
    params = {**PERIOD, "limit": 1, "format": "csv", "cursor": first.headers["Next-Cursor"]}
    second = reports.call("GET", "/reports/dispatch_details", as_="supervisor", params=params, expect=200)
    assert second.text.splitlines()[1].startswith("T2,technical,")

    # A cursor is for the query that issued it: other filters, or a one-page report, refuse it.
    other = {**PERIOD, "limit": 1, "cursor": first.headers["Next-Cursor"], "filter": "department:billing"}
    assert (
        refused(reports.call("GET", "/reports/dispatch_details", as_="supervisor", params=other), 400)[
            "field"
        ]
        == "cursor"
    )
    one_page = reports.call("GET", "/reports/csat", as_="supervisor", params={**PERIOD, "limit": 5})
    assert refused(one_page, 422)["field"] == "limit"
