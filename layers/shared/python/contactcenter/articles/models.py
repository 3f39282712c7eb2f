"""The knowledge-base tables.

articles (one item per article; its stream drives the search indexer)
  - one article                                 -> GetItem article_id
  - every article, latest change first          -> Query index by_listing: listing="article", updated_at desc
  - a rebuild of the search index, requested    -> PutItem article_id="#reindex" (the stream carries it)
article_versions (every saved version of every article, for the record)
  - an article's versions, newest first         -> Query article_id, version desc
article_feedback (thumbs up and down from the chat, per article; counters apart from the
article, so feedback never touches the article's version or the index)
  - one article's feedback                      -> GetItem article_id; UpdateItem ADD
"""

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, VersionAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from contactcenter.constants import TABLE_ARTICLE_FEEDBACK, TABLE_ARTICLE_VERSIONS, TABLE_ARTICLES
from contactcenter.storage import TableModel, string_list

REINDEX_ID = "#reindex"


class ArticlesByListing(GlobalSecondaryIndex["ArticleItem"]):
    class Meta:
        index_name = "by_listing"
        projection = AllProjection()

    listing = UnicodeAttribute(hash_key=True)
    updated_at = UnicodeAttribute(range_key=True)


class ArticleItem(TableModel):
    class Meta:
        table_name = TABLE_ARTICLES
        stream_view_type = "NEW_AND_OLD_IMAGES"

    article_id = UnicodeAttribute(hash_key=True)
    language = UnicodeAttribute()
    title = UnicodeAttribute()
    answer = UnicodeAttribute(default="")
    questions = string_list(default=list)  # the ways customers ask it
    products = string_list(default=list)
    tags = string_list(default=list)
    audience = UnicodeAttribute(default="public")  # public | agents
    status = UnicodeAttribute(default="draft")  # draft | published | archived
    listing = UnicodeAttribute(default="article")
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    updated_by = UnicodeAttribute()
    version = VersionAttribute()

    by_listing = ArticlesByListing()


class ReindexRequest(TableModel):
    """Asks the indexer, through the stream, to rebuild the index from the table."""

    class Meta:
        table_name = TABLE_ARTICLES

    article_id = UnicodeAttribute(hash_key=True, default=REINDEX_ID)
    requested_at = UnicodeAttribute()
    requested_by = UnicodeAttribute()


class ArticleVersion(TableModel):
    class Meta:
        table_name = TABLE_ARTICLE_VERSIONS

    article_id = UnicodeAttribute(hash_key=True)
    version = NumberAttribute(range_key=True)
    snapshot = UnicodeAttribute()  # the article as saved, JSON
    saved_at = UnicodeAttribute()
    saved_by = UnicodeAttribute()


class ArticleFeedback(TableModel):
    class Meta:
        table_name = TABLE_ARTICLE_FEEDBACK

    article_id = UnicodeAttribute(hash_key=True)
    helpful = NumberAttribute(default=0)
    unhelpful = NumberAttribute(default=0)
