"""The reports' infrastructure: the lake's Glue tables (the schema both clouds share), day
partitions projected, the Athena workgroup's enforced limits, and a role that may query that
workgroup only."""

from typing import Any

import pytest

from contactcenter.reports.lake import LAKE_TABLES
from tests.infra.conftest import Synthesized, synthesize
from tests.infra.test_knowledge import function_named, only


def _policy_statements(synthesized: Synthesized, function: str) -> list[dict[str, Any]]:
    _, properties = function_named(synthesized, function)
    role = properties["Role"]["Fn::GetAtt"][0]
    policies = [
        p["Properties"]
        for p in synthesized.resources("AWS::IAM::Policy").values()
        if any(r.get("Ref") == role for r in p["Properties"]["Roles"])
    ]
    return [s for p in policies for s in p["PolicyDocument"]["Statement"]]


def test_each_lake_table_is_a_glue_table_with_projected_days(synthesized: Synthesized) -> None:
    tables = {
        r["Properties"]["TableInput"]["Name"]: r["Properties"]
        for r in synthesized.resources("AWS::Glue::Table").values()
    }
    assert set(tables) == {t.name for t in LAKE_TABLES}
    for table in LAKE_TABLES:
        table_input = tables[table.name]["TableInput"]
        columns = [(c["Name"], c["Type"]) for c in table_input["StorageDescriptor"]["Columns"]]
        assert columns == list(table.columns)
        assert table_input["PartitionKeys"] == [{"Name": "dt", "Type": "string"}]
        assert table_input["Parameters"]["projection.enabled"] == "true"
        assert table_input["Parameters"]["projection.dt.type"] == "date"
        assert tables[table.name]["DatabaseName"] == "contactcenter_dev_lake"


def test_the_workgroup_enforces_encrypted_results_and_a_scan_limit(synthesized: Synthesized) -> None:
    workgroup = only(synthesized.resources("AWS::Athena::WorkGroup"))
    assert workgroup["Name"] == "contactcenter-dev-reports"
    configuration = workgroup["WorkGroupConfiguration"]
    assert configuration["EnforceWorkGroupConfiguration"] is True
    assert configuration["BytesScannedCutoffPerQuery"] == 1_000_000_000
    assert configuration["ResultConfiguration"]["EncryptionConfiguration"]["EncryptionOption"] == "SSE_KMS"


def test_the_report_function_queries_its_workgroup_only(synthesized: Synthesized) -> None:
    statements = _policy_statements(synthesized, "api_reports")
    athena = [s for s in statements if any(a.startswith("athena:") for a in _list(s["Action"]))]
    assert len(athena) == 1
    assert "workgroup/contactcenter-dev-reports" in str(athena[0]["Resource"])
    actions = {a for s in statements for a in _list(s["Action"])}
    assert not any(a.endswith("*") for a in actions)
    assert "s3:PutObject" in actions  # the results bucket
    assert "dynamodb:PutItem" in actions  # the audit log, the export jobs
    audit = [s for s in statements if "AuditTable" in str(s["Resource"])]
    # Append only: PutItem, and Query for the newest record to chain to.
    assert audit and all(_list(s["Action"]) == ["dynamodb:PutItem", "dynamodb:Query"] for s in audit)


def test_workbooks_leave_the_api_as_bytes(synthesized: Synthesized) -> None:
    api = only(synthesized.resources("AWS::ApiGateway::RestApi"))
    assert api["BinaryMediaTypes"] == ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]


def _list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value


def test_the_report_schedules_rule_fires_hourly_and_the_scheduler_mails_from_its_identity_only(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    flagged = synthesize(tmp_path_factory.mktemp("cdk.out"), reportSenderEmail="reports@example.com")
    api = flagged.template("Api")["Resources"]
    rules = [r["Properties"] for r in api.values() if r["Type"] == "AWS::Events::Rule"]
    (rule,) = [r for r in rules if "report schedules" in r["Description"]]
    assert rule["ScheduleExpression"] == "cron(15 * * * ? *)"
    (identity,) = [r["Properties"] for r in api.values() if r["Type"] == "AWS::SES::EmailIdentity"]
    assert identity["EmailIdentity"] == "reports@example.com"
    statements = _policy_statements(flagged, "report_scheduler")
    ses = [s for s in statements if any(a.startswith("ses:") for a in _list(s["Action"]))]
    assert [_list(s["Action"]) for s in ses] == [["ses:SendRawEmail"]]
    assert "identity/reports@example.com" in str(ses[0]["Resource"])
    _, properties = function_named(flagged, "report_scheduler")
    assert properties["Environment"]["Variables"]["CC_REPORT_SENDER_EMAIL"] == "reports@example.com"
    # The API's function keeps the schedules but sends nothing.
    assert not any("ses:" in str(s["Action"]) for s in _policy_statements(flagged, "api_reports"))


def test_without_a_report_sender_no_identity_and_no_mail_grant(synthesized: Synthesized) -> None:
    assert not synthesized.resources("AWS::SES::EmailIdentity")
    statements = _policy_statements(synthesized, "report_scheduler")
    assert not any("ses:" in str(s["Action"]) for s in statements)
