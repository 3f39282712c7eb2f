"""/monitor's alert rules through the local API: thresholds as data per queue and figure, with
hysteresis checked, audited, for supervisors and administrators only."""

import pytest
import requests

from contactcenter.audit.models import AuditRecord
from tests.api.conftest import Api, problem

RULE = "/monitor/alert-rules/billing/oldest_wait_seconds"


def refused(response: requests.Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text
    return problem(response)


def test_a_supervisor_sets_changes_and_deletes_a_rule(api: Api) -> None:
    body = {"raise_at": 120, "clear_at": 60, "language": "nl"}
    first = api.call("PUT", RULE, as_="supervisor", json=body, expect=200).json()
    assert (first["raise_at"], first["clear_at"], first["raised"], first["language"]) == (
        120,
        60,
        False,
        "nl",
    )
    again = api.call("PUT", RULE, as_="admin", json={**body, "raise_at": 180}, expect=200).json()
    assert again["raise_at"] == 180 and again["version"] == first["version"] + 1
    listed = api.call("GET", "/monitor/alert-rules", as_="supervisor", expect=200).json()["items"]
    assert {(r["queue"], r["metric"], r["raise_at"]) for r in listed} >= {
        ("billing", "oldest_wait_seconds", 180)
    }
    actions = [r.action for r in AuditRecord.query("alert_rule#billing#oldest_wait_seconds")]
    assert actions.count("alert_rule.set") >= 2
    api.call("DELETE", RULE, as_="supervisor", expect=204)
    refused(api.call("DELETE", RULE, as_="supervisor"), 404)


@pytest.mark.parametrize(
    ("path", "body", "status", "field"),
    [
        (RULE, {"raise_at": 60, "clear_at": 90}, 422, "clear_at"),  # a wait clears below its raise level
        ("/monitor/alert-rules/billing/agents_available", {"raise_at": 2, "clear_at": 1}, 422, "clear_at"),
        ("/monitor/alert-rules/nowhere/contacts_waiting", {"raise_at": 5, "clear_at": 2}, 404, "queue"),
        ("/monitor/alert-rules/billing/colour", {"raise_at": 5, "clear_at": 2}, 422, None),
        (RULE, {"raise_at": 60, "clear_at": 30, "owner": "me"}, 422, None),
    ],
)
def test_a_malformed_rule_is_refused(
    api: Api, path: str, body: dict[str, object], status: int, field: str | None
) -> None:
    answer = refused(api.call("PUT", path, as_="supervisor", json=body), status)
    if field:
        assert answer["field"] == field


@pytest.mark.parametrize("role", ["agent", "department:billing", "integration", "portal"])
def test_only_supervisors_watch_and_act(api: Api, role: str) -> None:
    for method, path, body in (
        ("GET", "/monitor/queues", None),
        ("GET", "/monitor/agents", None),
        ("GET", "/monitor/alert-rules", None),
        ("PUT", RULE, {"raise_at": 120, "clear_at": 60}),
        ("PUT", "/monitor/agents/agent-1/status", {"status": "Break"}),
        ("PUT", "/monitor/contacts/contact-1/priority", {"priority": 1}),
        ("POST", "/monitor/contacts/contact-1/monitor", {"user_id": "sup-1"}),
    ):
        refused(api.call(method, path, as_=role, json=body), 403)
