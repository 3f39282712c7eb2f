"""Every simulated contact leaves its record in the lake, as Connect's contact-record stream
and flow logs do in AWS: the contact (in the contact trace record's shape) and one event per
block it passed; and the reports read them."""

from pathlib import Path

import pytest

from contactcenter import clock
from contactcenter.reports.service import run_report
from localcloud.lake import DuckDbEngine
from localcloud.session import LocalSession
from tests.flows.conftest import JAN, PHONES, PINS, Phone


@pytest.fixture
def lake(local: LocalSession) -> Path:
    assert local.cloud.resources.lake_path is not None
    return local.cloud.resources.lake_path


def _records(lake: Path, contact_id: str) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    import duckdb

    with duckdb.connect() as db:
        contacts = db.execute(
            "SELECT * FROM read_parquet(?, hive_partitioning = true) WHERE contact_id = ?",
            [str(lake / "contact_records" / "*" / "*.parquet"), contact_id],
        )
        names = [c[0] for c in contacts.description or ()]
        records = [dict(zip(names, row, strict=True)) for row in contacts.fetchall()]
        blocks = db.execute(
            "SELECT * FROM read_parquet(?, hive_partitioning = true) WHERE contact_id = ? "
            "ORDER BY entered_at",
            [str(lake / "flow_node_events" / "*" / "*.parquet"), contact_id],
        )
        names = [c[0] for c in blocks.description or ()]
        events = [dict(zip(names, row, strict=True)) for row in blocks.fetchall()]
    return records, events


def test_a_queued_call_is_recorded_with_every_block(phone: Phone, lake: Path) -> None:
    result = phone.call("1", f"{JAN}#", f"{PINS[JAN]}#")
    assert result.queue, result.outcome
    (record,), blocks = _records(lake, result.contact_id)
    assert record["channel"] == "VOICE"
    assert record["queue_name"] == result.queue
    assert record["enqueue_timestamp"] is not None
    assert record["self_service"] is False
    assert len(result.path) == result.blocks
    # As Connect logs them: every block but those run while the flow paused logging (the PIN)
    logged = [step["block"] for step in result.path if step["logged"] == "true"]
    assert [b["block_id"] for b in blocks] == logged
    assert "Ask PIN" not in logged and "Pause flow logging" in logged and "Resume flow logging" in logged
    assert PHONES[JAN] not in str(record)  # no caller number in the lake


def test_a_call_that_ends_in_the_flow_ends_at_its_last_block(phone: Phone, lake: Path) -> None:
    phone.session.cloud.connect.open_override = False  # closed: the flow says so and hangs up
    result = phone.call()
    assert result.queue is None, result.outcome
    (record,), blocks = _records(lake, result.contact_id)
    assert record["queue_name"] is None and record["self_service"] is True
    assert record["disconnect_reason"] == "CONTACT_FLOW_DISCONNECT"
    assert len(blocks) == len(result.path)  # logging was on throughout
    today = clock.now().date().isoformat()
    nodes = run_report(DuckDbEngine(lake), "ivr_nodes", start=today, end=today).records
    last = blocks[-1]
    row = next(n for n in nodes if n["flow"] == last["flow_name"] and n["block"] == last["block_id"])
    assert row["dropped"] >= 1
