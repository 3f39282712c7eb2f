"""Who may see which article: one rule, applied by both engines (the embedded engine as a mask,
OpenSearch as `term`/`terms` filters built from the same sets)."""

from contactcenter.knowledge.models import SearchQuery

PUBLIC_AUDIENCES = frozenset({"public"})
AGENT_AUDIENCES = frozenset({"public", "agents"})
PUBLISHED = frozenset({"published"})
ALL_STATUSES = frozenset({"draft", "published", "archived"})


def allowed_audiences(query: SearchQuery) -> frozenset[str]:
    return AGENT_AUDIENCES if query.audience == "agents" else PUBLIC_AUDIENCES


def allowed_statuses(query: SearchQuery) -> frozenset[str]:
    """Public callers see published articles only, whatever the query asks for."""
    if query.audience == "agents" and query.include_unpublished:
        return ALL_STATUSES
    return PUBLISHED
