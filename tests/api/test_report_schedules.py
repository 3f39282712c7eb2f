"""/reports/schedules through the local API, and their runs by the report_scheduler function:
the e-mail moto's SES received, its workbook opened with openpyxl."""

import email
import email.policy
import io
from datetime import UTC, datetime
from email.message import Message
from typing import Any

import pytest
from moto.ses.models import ses_backends
from openpyxl import load_workbook
from openpyxl.chart import BarChart

from contactcenter.audit.models import AuditRecord
from localcloud.provision import LOCAL_REPORT_SENDER
from tests.api.conftest import Api, problem, unique
from tests.reports.fixtures import write_fixed_lake

# A daily run at 07:00 in Amsterdam on 4 November covers 3 November there; the weekly run on
# Tuesday 10 November covers 2-8 November, which holds every row of the fixed lake.
SCHEDULE: dict[str, Any] = {
    "name": "Dispatches, weekly",
    "report": "dispatches",
    "lang": "nl",
    "recipients": ["lead@example.com", "Team.Lead@Example.com"],
    "frequency": "weekly",
    "weekday": "tuesday",
    "hour": 7,
    "time_zone": "Europe/Amsterdam",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def reports(api: Api) -> Api:
    resources = api.session.cloud.resources
    assert resources.lake_path is not None
    write_fixed_lake(resources.lake_path)
    return api


def _sent(api: Api) -> list[Any]:
    cloud = api.session.cloud
    return list(ses_backends[cloud.resources.account][cloud.region].sent_messages)


def _mails_to(api: Api, address: str, since: int) -> list[Message]:
    found = []
    for sent in _sent(api)[since:]:
        raw = getattr(sent, "raw_data", None)
        if raw is None:
            continue
        message = email.message_from_string(raw, policy=email.policy.default)
        if address in (message["To"] or ""):
            found.append(message)
    return found


def _attachment(message: Message) -> tuple[str, bytes]:
    for part in message.walk():
        if part.get_filename():
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return part.get_filename() or "", payload
    raise AssertionError("no attachment")


def _create(api: Api, token: str, **fields: Any) -> dict[str, Any]:
    response = api.call("POST", "/reports/schedules", token=token, json={**SCHEDULE, **fields})
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def _due_now(api: Api, schedule_id: str, moment: str) -> None:
    """As if the schedule's next run were ``moment`` (the schedule was saved today)."""
    from contactcenter.reports.schedule_models import ReportSchedule

    ReportSchedule.get(schedule_id).update(actions=[ReportSchedule.next_run_at.set(moment)])


def test_a_schedule_is_saved_checked_and_listed(reports: Api) -> None:
    token = reports.session.token("supervisor", username=unique("sup-"))
    saved = _create(reports, token)
    assert saved["recipients"] == ["lead@example.com", "team.lead@example.com"]
    assert (saved["format"], saved["lang"], saved["last_run"]) == ("xlsx", "nl", None)
    assert datetime.fromisoformat(saved["next_run_at"]).astimezone(UTC).weekday() in (
        0,
        1,
    )  # a Tuesday 07:00 CET
    listed = reports.call("GET", "/reports/schedules", token=token, expect=200).json()["items"]
    assert [item["schedule_id"] for item in listed] == [saved["schedule_id"]]
    records = list(AuditRecord.query(f"report_schedule#{saved['schedule_id']}"))
    assert [r.action for r in records] == ["report_schedule.created"]


def test_a_weekly_run_mails_the_workbook_with_the_reports_data_and_chart(reports: Api) -> None:
    token = reports.session.token("supervisor", username=unique("sup-"))
    address = f"{unique('ops-')}@example.com"
    saved = _create(reports, token, recipients=[address])
    _due_now(reports, saved["schedule_id"], "2026-11-10T06:00:00.000Z")
    before = len(_sent(reports))
    tick = reports.session.cloud.run_report_schedules(datetime(2026, 11, 10, 6, 15, tzinfo=UTC))
    assert saved["schedule_id"] in tick["sent"], tick
    [message] = _mails_to(reports, address, before)
    assert message["From"] == LOCAL_REPORT_SENDER
    assert message["Subject"] == "Doorzettingen naar afdelingen: 2026-11-02 \u2013 2026-11-08"
    name, content = _attachment(message)
    assert name == "dispatches_2026-11-02_2026-11-08.xlsx"
    book = load_workbook(io.BytesIO(content))
    data = book[book.sheetnames[0]]
    assert book.sheetnames[0] == "Gegevens"
    assert [[c.value for c in row] for row in data.iter_rows(min_row=2, max_col=3)] == [
        ["billing", 2, 1],
        ["technical", 1, 0],
    ]
    assert isinstance(data._charts[0], BarChart)
    # The run is recorded on the schedule and audited as a report run.
    read = reports.call("GET", f"/reports/schedules/{saved['schedule_id']}", token=token, expect=200).json()
    assert read["last_run"]["outcome"] == "sent"
    assert read["last_run"]["rows"] == 2
    assert read["next_run_at"] > "2026-11-10T06:00:00"
    audited = [r for r in AuditRecord.query("report#dispatches") if r.action == "report.sent"]
    assert any(r.after["schedule_id"] == saved["schedule_id"] and r.after["rows"] == 2 for r in audited)


def test_a_period_is_sent_once_however_often_the_scheduler_fires(reports: Api) -> None:
    token = reports.session.token("supervisor", username=unique("sup-"))
    address = f"{unique('once-')}@example.com"
    saved = _create(reports, token, recipients=[address], format="csv")
    before = len(_sent(reports))
    fired = datetime(2026, 11, 10, 6, 15, tzinfo=UTC)
    for _ in range(2):  # the rule's event delivered twice
        _due_now(reports, saved["schedule_id"], "2026-11-10T06:00:00.000Z")
        reports.session.cloud.run_report_schedules(fired)
    [message] = _mails_to(reports, address, before)
    name, content = _attachment(message)
    assert name.endswith(".csv")
    assert content.decode().splitlines()[0].startswith("Afdeling")


def test_an_empty_period_still_sends_an_empty_report(reports: Api) -> None:
    token = reports.session.token("supervisor", username=unique("sup-"))
    address = f"{unique('empty-')}@example.com"
    saved = _create(
        reports,
        token,
        recipients=[address],
        report="service_level",
        frequency="daily",
        weekday=None,
        lang="en",
    )
    _due_now(reports, saved["schedule_id"], "2027-03-02T06:00:00.000Z")  # no contacts on 1 March 2027
    before = len(_sent(reports))
    tick = reports.session.cloud.run_report_schedules(datetime(2027, 3, 2, 6, 15, tzinfo=UTC))
    assert saved["schedule_id"] in tick["sent"], tick
    [message] = _mails_to(reports, address, before)
    book = load_workbook(io.BytesIO(_attachment(message)[1]))
    data = book["Data"]
    assert data.max_row == 1  # the headings only
    assert data._charts == []


def test_a_failing_schedule_does_not_stop_the_others(reports: Api) -> None:
    from contactcenter.reports.schedule_models import ReportSchedule

    token = reports.session.token("supervisor", username=unique("sup-"))
    broken = _create(reports, token, recipients=[f"{unique('b-')}@example.com"])
    ReportSchedule.get(broken["schedule_id"]).update(actions=[ReportSchedule.report.set("retired_report")])
    fine_address = f"{unique('fine-')}@example.com"
    fine = _create(reports, token, recipients=[fine_address])
    for schedule in (broken, fine):
        _due_now(reports, schedule["schedule_id"], "2026-11-10T06:00:00.000Z")
    before = len(_sent(reports))
    tick = reports.session.cloud.run_report_schedules(datetime(2026, 11, 10, 6, 15, tzinfo=UTC))
    assert broken["schedule_id"] in tick["failed"]
    assert fine["schedule_id"] in tick["sent"]
    assert len(_mails_to(reports, fine_address, before)) == 1
    last = ReportSchedule.get(broken["schedule_id"])
    assert (last.last_outcome, last.next_run_at) == ("failed", "2026-11-10T06:00:00.000Z")  # tried again
    assert "retired_report" in (last.last_error or "")
    # Three attempts in all, then the schedule moves on; the period is not tried a fourth time.
    for _ in range(2):
        tick = reports.session.cloud.run_report_schedules(datetime(2026, 11, 10, 7, 15, tzinfo=UTC))
        assert broken["schedule_id"] in tick["failed"]
    assert ReportSchedule.get(broken["schedule_id"]).next_run_at == "2026-11-17T06:00:00.000Z"
    _due_now(reports, broken["schedule_id"], "2026-11-10T06:00:00.000Z")
    tick = reports.session.cloud.run_report_schedules(datetime(2026, 11, 10, 8, 15, tzinfo=UTC))
    assert broken["schedule_id"] in tick["skipped"]
    failures = [
        r.after["attempt"]
        for r in AuditRecord.query("report#retired_report")
        if r.action == "report.send_failed"
    ]
    assert failures == [1, 2, 3]


@pytest.mark.parametrize("role", ["agent", "department:billing", "integration", "portal"])
def test_only_supervisors_and_admins_keep_schedules(reports: Api, role: str) -> None:
    for method, path in (
        ("GET", "/reports/schedules"),
        ("POST", "/reports/schedules"),
        ("GET", "/reports/schedules/rsc_01aaaaaaaaaaaaaaaaaaaaaaaa"),
    ):
        response = reports.call(method, path, as_=role, json=SCHEDULE if method == "POST" else None)
        assert response.status_code == 403, (role, method, path, response.text)
        problem(response)


def test_a_customer_keeps_no_schedule(reports: Api) -> None:
    customer_id = reports.customer()["customer_id"]
    token = reports.session.token("customer", customer_id=customer_id)
    assert reports.call("POST", "/reports/schedules", token=token, json=SCHEDULE).status_code == 403


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"report": "revenue"}, "report"),
        ({"filters": ["queue:billing"]}, "queue"),
        ({"report": "tickets_by_dimension", "filters": ["dimension:colour"]}, "dimension"),
        ({"interval": "day"}, "interval"),
        ({"recipients": ["not-an-address"]}, "body.recipients.0"),
        ({"recipients": []}, "body.recipients"),
        ({"recipients": [f"r{n}@example.com" for n in range(51)]}, "body.recipients"),
        ({"time_zone": "Europe/Atlantis"}, "time_zone"),
        ({"weekday": None}, "weekday"),
        ({"frequency": "monthly"}, "weekday"),
        ({"frequency": "monthly", "weekday": None}, "day"),
        ({"hour": 24}, "body.hour"),
        ({"format": "pdf"}, "body.format"),
        ({"lang": "fr"}, "body.lang"),
    ],
)
def test_a_schedule_that_could_not_run_is_a_specific_problem(
    reports: Api, change: dict[str, Any], field: str
) -> None:
    response = reports.call("POST", "/reports/schedules", as_="supervisor", json={**SCHEDULE, **change})
    assert response.status_code == 422, response.text
    assert problem(response)["field"] == field


def test_a_schedule_is_its_owners_own(reports: Api) -> None:
    mine = reports.session.token("supervisor", username=unique("sam-"))
    other = reports.session.token("supervisor", username=unique("sue-"))
    saved = _create(reports, mine)
    path = f"/reports/schedules/{saved['schedule_id']}"
    for method in ("GET", "PUT", "DELETE"):
        response = reports.call(method, path, token=other, json=SCHEDULE if method == "PUT" else None)
        assert response.status_code == 404, (method, response.text)
    assert saved["schedule_id"] not in [
        item["schedule_id"] for item in reports.call("GET", "/reports/schedules", token=other).json()["items"]
    ]
    assert reports.call("GET", path, as_="admin").status_code == 200
    admin_list = reports.call("GET", "/reports/schedules", as_="admin", params={"limit": 100}).json()
    assert admin_list["items"]


def test_a_schedule_is_changed_and_deleted_with_audit(reports: Api) -> None:
    token = reports.session.token("supervisor", username=unique("sup-"))
    saved = _create(reports, token)
    path = f"/reports/schedules/{saved['schedule_id']}"
    changed = reports.call(
        "PUT",
        path,
        token=token,
        json={**SCHEDULE, "frequency": "monthly", "weekday": None, "day": 1, "format": "csv"},
        expect=200,
    ).json()
    assert (changed["frequency"], changed["day"], changed["format"], changed["revision"]) == (
        "monthly",
        1,
        "csv",
        2,
    )
    assert reports.call("DELETE", path, token=token).status_code == 204
    assert reports.call("GET", path, token=token).status_code == 404
    records = list(AuditRecord.query(f"report_schedule#{saved['schedule_id']}"))
    assert [r.action for r in records] == [
        "report_schedule.created",
        "report_schedule.changed",
        "report_schedule.deleted",
    ]
    assert records[1].before["format"] == "xlsx"
    assert records[1].after["format"] == "csv"


def test_a_retried_create_is_the_first_schedule(reports: Api) -> None:
    token = reports.session.token("supervisor", username=unique("sup-"))
    headers = {"Idempotency-Key": unique("schedule-")}
    first = reports.call(
        "POST", "/reports/schedules", token=token, json=SCHEDULE, headers=headers, expect=201
    )
    again = reports.call(
        "POST", "/reports/schedules", token=token, json=SCHEDULE, headers=headers, expect=201
    )
    assert again.json()["schedule_id"] == first.json()["schedule_id"]
    listed = reports.call("GET", "/reports/schedules", token=token).json()["items"]
    assert len(listed) == 1
