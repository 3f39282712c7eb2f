"""The retention rules (catalog.retention): one for every place that holds customer data,
true to the tables' own TTL, and presented in docs/privacy.md."""

from pathlib import Path

import catalog
from catalog.retention import RETENTION

ROOT = Path(__file__).resolve().parents[2]


def test_every_table_with_customer_data_has_a_rule() -> None:
    ruled = {rule.store for rule in RETENTION}
    missing = {t.key for t in catalog.TABLES if t.customer_data} - ruled
    assert missing == set()
    assert len(ruled) == len(RETENTION)  # one rule per place


def test_a_rule_names_the_ttl_its_table_has() -> None:
    tables = {t.key: t for t in catalog.TABLES}
    for rule in RETENTION:
        assert rule.ends_by.partition(":")[0] in {"ttl", "lifecycle", "erasure", "none"}, rule
        if rule.store in tables:
            ttl = tables[rule.store].definition.ttl_attribute
            assert rule.ends_by == f"ttl:{ttl}" if ttl else not rule.ends_by.startswith("ttl"), rule


def test_the_privacy_document_presents_every_rule() -> None:
    document = (ROOT / "docs" / "privacy.md").read_text()
    for rule in RETENTION:
        assert f"| `{rule.store}` | {rule.holds} | {rule.kept} | {rule.ends_by} | {rule.why} |" in document, (
            rule
        )
