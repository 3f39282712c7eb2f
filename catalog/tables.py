"""Table definitions derived from the pynamodb models, for both clouds.

CDK builds each DynamoDB table from these definitions and the local cloud creates the same
tables from them, so the key schema, indexes, TTL and streams are written once: in the model.
"""

from dataclasses import dataclass
from typing import Any, Literal, cast

from pynamodb.attributes import TTLAttribute
from pynamodb.models import Model

KeyType = Literal["S", "N", "B"]


@dataclass(frozen=True)
class Key:
    name: str
    type: KeyType


@dataclass(frozen=True)
class IndexDefinition:
    name: str
    partition: Key
    sort: Key | None
    projection: str  # ALL | KEYS_ONLY | INCLUDE
    non_key_attributes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableDefinition:
    key: str  # logical key, e.g. "tickets"
    partition: Key
    sort: Key | None
    indexes: tuple[IndexDefinition, ...]
    ttl_attribute: str | None
    stream_view_type: str | None


def _keys(key_schema: list[dict[str, str]], types: dict[str, KeyType]) -> tuple[Key, Key | None]:
    by_role = {k["KeyType"]: Key(k["AttributeName"], types[k["AttributeName"]]) for k in key_schema}
    return by_role["HASH"], by_role.get("RANGE")


def table_definition(key: str, model: type[Model]) -> TableDefinition:
    # pynamodb's own CreateTable schema (the one Model.create_table sends) is the source, so
    # the definition cannot drift from what pynamodb expects at run time.
    # Read as plain dicts: pynamodb's ModelSchema types an index projection as dict[str, str],
    # though its NonKeyAttributes is a list, and attribute types as str, not the S/N/B literal.
    schema = cast("dict[str, Any]", model._get_schema())
    types: dict[str, KeyType] = {
        a["AttributeName"]: a["AttributeType"] for a in schema["attribute_definitions"]
    }
    partition, sort = _keys(schema["key_schema"], types)
    if schema["local_secondary_indexes"]:
        raise ValueError(f"{model.__name__}: local secondary indexes are not supported (use a GSI)")
    indexes = []
    for gsi in schema["global_secondary_indexes"]:
        p, s = _keys(gsi["key_schema"], types)
        projection = gsi["projection"]
        indexes.append(
            IndexDefinition(
                name=gsi["index_name"],
                partition=p,
                sort=s,
                projection=projection["ProjectionType"],
                non_key_attributes=tuple(projection.get("NonKeyAttributes", ())),
            )
        )
    ttl = [attr.attr_name for attr in model.get_attributes().values() if isinstance(attr, TTLAttribute)]
    return TableDefinition(
        key=key,
        partition=partition,
        sort=sort,
        indexes=tuple(sorted(indexes, key=lambda i: i.name)),
        ttl_attribute=ttl[0] if ttl else None,
        stream_view_type=getattr(model.Meta, "stream_view_type", None),
    )


def _key_schema(partition: Key, sort: Key | None) -> list[dict[str, str]]:
    schema = [{"AttributeName": partition.name, "KeyType": "HASH"}]
    if sort:
        schema.append({"AttributeName": sort.name, "KeyType": "RANGE"})
    return schema


def create_table_request(definition: TableDefinition, table_name: str) -> dict[str, Any]:
    """The CreateTable request for ``definition`` (on-demand billing, like the deployed tables)."""
    attributes = {definition.partition, *([definition.sort] if definition.sort else [])}
    for index in definition.indexes:
        attributes |= {index.partition, *([index.sort] if index.sort else [])}
    request: dict[str, Any] = {
        "TableName": table_name,
        "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": _key_schema(definition.partition, definition.sort),
        "AttributeDefinitions": [
            {"AttributeName": a.name, "AttributeType": a.type}
            for a in sorted(attributes, key=lambda a: a.name)
        ],
    }
    if definition.indexes:
        request["GlobalSecondaryIndexes"] = [
            {
                "IndexName": index.name,
                "KeySchema": _key_schema(index.partition, index.sort),
                "Projection": {"ProjectionType": index.projection}
                | ({"NonKeyAttributes": list(index.non_key_attributes)} if index.non_key_attributes else {}),
            }
            for index in definition.indexes
        ]
    if definition.stream_view_type:
        request["StreamSpecification"] = {
            "StreamEnabled": True,
            "StreamViewType": definition.stream_view_type,
        }
    return request
