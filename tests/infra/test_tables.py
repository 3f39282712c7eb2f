"""The synthesized tables are exactly what the models say (keys, indexes, TTL, streams), and
the local cloud creates the same; tables are encrypted, recoverable and protected."""

from typing import Any

import pytest

import catalog
from catalog.tables import create_table_request
from localcloud.session import LocalSession
from tests.infra.conftest import Synthesized

pytestmark = pytest.mark.infra


def _table_for(synthesized: Synthesized, key: str) -> dict[str, Any]:
    prefix = f"{key.title().replace('_', '')}Table"
    tables = {
        k: v
        for k, v in synthesized.template("Data")["Resources"].items()
        if v["Type"] == "AWS::DynamoDB::GlobalTable"
    }
    matches = [v for k, v in tables.items() if k.startswith(prefix)]
    assert len(matches) == 1, f"{key}: {list(tables)}"
    return matches[0]["Properties"]


def _normalise_indexes(indexes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(
        (
            {"IndexName": i["IndexName"], "KeySchema": i["KeySchema"], "Projection": i["Projection"]}
            for i in indexes
        ),
        key=lambda i: i["IndexName"],
    )


@pytest.mark.parametrize("spec", catalog.TABLES, ids=lambda s: s.key)
def test_synthesized_table_equals_the_model(synthesized: Synthesized, spec: catalog.TableSpec) -> None:
    table = _table_for(synthesized, spec.key)
    expected = create_table_request(spec.definition, "x")
    assert table["KeySchema"] == expected["KeySchema"]
    assert (
        sorted(table["AttributeDefinitions"], key=lambda a: a["AttributeName"])
        == expected["AttributeDefinitions"]
    )
    assert _normalise_indexes(table.get("GlobalSecondaryIndexes", [])) == _normalise_indexes(
        expected.get("GlobalSecondaryIndexes", [])
    )
    ttl = table.get("TimeToLiveSpecification")
    if spec.definition.ttl_attribute:
        assert ttl == {"AttributeName": spec.definition.ttl_attribute, "Enabled": True}
    else:
        assert ttl is None
    stream = table.get("StreamSpecification")
    assert (stream or {}).get("StreamViewType") == spec.definition.stream_view_type
    assert table["BillingMode"] == "PAY_PER_REQUEST"


@pytest.mark.parametrize("spec", catalog.TABLES, ids=lambda s: s.key)
def test_tables_are_encrypted_recoverable_and_protected(
    synthesized: Synthesized, spec: catalog.TableSpec
) -> None:
    table = _table_for(synthesized, spec.key)
    assert table["SSESpecification"]["SSEEnabled"] is True
    assert table["SSESpecification"]["SSEType"] == "KMS"
    replica = table["Replicas"][0]
    assert "KMSMasterKeyId" in replica["SSESpecification"]
    assert replica["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert replica["DeletionProtectionEnabled"] is True


@pytest.mark.local_cloud
@pytest.mark.parametrize("spec", catalog.TABLES, ids=lambda s: s.key)
def test_the_local_cloud_created_the_same_table(
    synthesized: Synthesized, local: LocalSession, spec: catalog.TableSpec
) -> None:
    table = _table_for(synthesized, spec.key)
    described = local.cloud.client("dynamodb").describe_table(
        TableName=local.cloud.resources.tables[spec.key]
    )["Table"]
    assert described["KeySchema"] == table["KeySchema"]
    assert _normalise_indexes(described.get("GlobalSecondaryIndexes", [])) == _normalise_indexes(
        table.get("GlobalSecondaryIndexes", [])
    )
