from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute
from pynamodb.indexes import GlobalSecondaryIndex, IncludeProjection
from pynamodb.models import Model

from catalog.tables import IndexDefinition, Key, create_table_request, table_definition


class _ByStatus(GlobalSecondaryIndex["_Thing"]):
    class Meta:
        index_name = "by_status"
        projection = IncludeProjection(["title"])

    status = UnicodeAttribute(hash_key=True)
    updated = NumberAttribute(range_key=True)


class _Thing(Model):
    class Meta:
        table_name = "things"
        stream_view_type = "NEW_AND_OLD_IMAGES"

    pk = UnicodeAttribute(hash_key=True)
    status = UnicodeAttribute()
    updated = NumberAttribute()
    title = UnicodeAttribute()
    expires = TTLAttribute(null=True)
    by_status = _ByStatus()


def test_definition_comes_from_the_model() -> None:
    definition = table_definition("things", _Thing)
    assert definition.partition == Key("pk", "S")
    assert definition.sort is None
    assert definition.indexes == (
        IndexDefinition("by_status", Key("status", "S"), Key("updated", "N"), "INCLUDE", ("title",)),
    )
    assert definition.ttl_attribute == "expires"
    assert definition.stream_view_type == "NEW_AND_OLD_IMAGES"


def test_create_table_request_declares_every_key_attribute_once() -> None:
    request = create_table_request(table_definition("things", _Thing), "local-things")
    assert request["TableName"] == "local-things"
    assert request["BillingMode"] == "PAY_PER_REQUEST"
    assert request["AttributeDefinitions"] == [
        {"AttributeName": "pk", "AttributeType": "S"},
        {"AttributeName": "status", "AttributeType": "S"},
        {"AttributeName": "updated", "AttributeType": "N"},
    ]
    index = request["GlobalSecondaryIndexes"][0]
    assert index["Projection"] == {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["title"]}
    assert request["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
