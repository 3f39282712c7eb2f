"""Keyword analyses: the keywords a manager defines, saved as data and run as a report.

A keyword is a label ("Rotterdam branch") and the terms that mean it ("rotterdam", "rdam"); a
ticket matches when its category, product, department or tags contain one of the terms, case
blind. The lake holds no free text about anyone (docs/privacy.md), so the ticket's words are
never searched here; tags are where agents label a ticket with a branch or a campaign.

The ``keyword_analysis`` report reads the analysis named by its ``analysis`` filter: every
run uses the analysis as it is saved then, so a change shows in the next run (and export).
"""

import re
from typing import Any, Literal

from pydantic import Field, field_validator
from pynamodb.exceptions import DoesNotExist, TransactWriteError

from contactcenter import clock, ids
from contactcenter.api.models import Strict
from contactcenter.api.pagination import decode_cursor, encode_cursor
from contactcenter.audit.records import audit_record, never_overwrite
from contactcenter.auth import Caller, Role
from contactcenter.errors import Conflict, Forbidden, NotFound, PreconditionFailed
from contactcenter.reports.definitions import DIMENSIONS, TICKET_TYPES
from contactcenter.reports.models import LISTING, KeywordAnalysis
from contactcenter.storage import transaction

MAX_ANALYSES = 200  # a center keeps tens; the list is one partition's Query
ID_PATTERN = r"^kwa_[0-9a-z]{26}$"
# The report's SQL receives the keywords as "label=term|term;label=term": these separate them.
_RESERVED = re.compile(r"[;=|]")

Dimension = Literal["type", "category", "product", "channel", "department"]
TicketType = Literal["complaint", "request", "compliment"]
assert set(DIMENSIONS) == set(Dimension.__args__) and set(TICKET_TYPES) == set(TicketType.__args__)  # type: ignore[attr-defined]


def _plain(text: str, what: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise ValueError(f"a {what} must not be blank")
    if _RESERVED.search(text):
        raise ValueError(f"a {what} must not contain ; = or |, as {text!r} does")
    return text


class Keyword(Strict):
    label: str = Field(min_length=1, max_length=80, description="What the report's row is called")
    terms: list[str] = Field(
        min_length=1,
        max_length=20,
        description="Any of these in a ticket's category, product, department or tags",
    )

    @field_validator("label")
    @classmethod
    def _label(cls, label: str) -> str:
        return _plain(label, "label")

    @field_validator("terms")
    @classmethod
    def _terms(cls, terms: list[str]) -> list[str]:
        cleaned = [_plain(term, "term").lower() for term in terms]
        if any(len(term) > 80 for term in cleaned):
            raise ValueError("a term has at most 80 characters")
        return list(dict.fromkeys(cleaned))  # in order, once each


class KeywordAnalysisIn(Strict):
    name: str = Field(min_length=1, max_length=120)
    keywords: list[Keyword] = Field(min_length=1, max_length=30)
    dimension: Dimension | None = Field(
        default=None, description="Each keyword's tickets broken down by this"
    )
    ticket_type: TicketType | None = Field(default=None, description="Only tickets of this type")
    late_after_hours: int = Field(
        default=24, ge=1, le=24 * 90, description="A first dispatch later than this after creation is late"
    )

    @field_validator("keywords")
    @classmethod
    def _distinct(cls, keywords: list[Keyword]) -> list[Keyword]:
        labels = [k.label.lower() for k in keywords]
        if len(set(labels)) != len(labels):
            raise ValueError("each keyword needs its own label")
        return keywords


def parameters(analysis_id: str) -> dict[str, Any]:
    """The report's SQL values for a saved analysis."""
    return values_of(KeywordAnalysisIn.model_validate(get(analysis_id).definition))


def values_of(definition: KeywordAnalysisIn) -> dict[str, Any]:
    return {
        "keywords": ";".join(f"{k.label}={'|'.join(k.terms)}" for k in definition.keywords),
        "dimension": definition.dimension,
        "ticket_type": definition.ticket_type,
        "late_hours": definition.late_after_hours,
    }


def get(analysis_id: str) -> KeywordAnalysis:
    try:
        return KeywordAnalysis.get(LISTING, analysis_id)
    except DoesNotExist:
        raise NotFound(f"no keyword analysis {analysis_id}", field="analysis") from None


def page_of_analyses(limit: int, cursor: str | None) -> tuple[list[KeywordAnalysis], str | None]:
    """A page of the analyses, oldest first (ids are time-ordered), and the next page's cursor."""
    found = KeywordAnalysis.query(
        LISTING, limit=limit, last_evaluated_key=decode_cursor(cursor, "keyword-analyses")
    )
    return list(found), encode_cursor(found.last_evaluated_key, "keyword-analyses")


def _audited(caller: Caller, analysis: KeywordAnalysis, action: str, before: dict[str, Any] | None) -> None:
    after = None if action.endswith("deleted") else analysis.definition
    record = audit_record(
        f"keyword_analysis#{analysis.analysis_id}", action, caller, before=before, after=after
    )
    try:
        with transaction() as writes:  # the change and its audit record, or neither
            # The version attribute makes a change or deletion conditional on the version read.
            if action.endswith("deleted"):
                writes.delete(analysis)
            else:
                writes.save(analysis)
            writes.save(record, condition=never_overwrite())
    except TransactWriteError as error:  # another change won the race
        raise PreconditionFailed(
            f"{analysis.analysis_id} changed while this change was made; read it again", field="If-Match"
        ) from error


def create(caller: Caller, data: KeywordAnalysisIn) -> KeywordAnalysis:
    caller.require(Role.SUPERVISOR, Role.ADMIN)
    if KeywordAnalysis.count(LISTING, limit=MAX_ANALYSES) >= MAX_ANALYSES:
        raise Conflict(f"a center keeps at most {MAX_ANALYSES} keyword analyses; delete one first")
    now = clock.iso(clock.now())
    analysis = KeywordAnalysis(
        analysis_id=ids.new_id("kwa"),
        name=data.name,
        definition=data.model_dump(mode="json"),
        created_by=caller.actor,
        created_at=now,
        updated_by=caller.actor,
        updated_at=now,
    )
    _audited(caller, analysis, "keyword_analysis.created", None)
    return get(analysis.analysis_id)


def _changeable(caller: Caller, analysis_id: str, version: int | None) -> KeywordAnalysis:
    """Any manager may read and run an analysis; its author or an administrator changes it."""
    caller.require(Role.SUPERVISOR, Role.ADMIN)
    analysis = get(analysis_id)
    if analysis.created_by != caller.actor and Role.ADMIN not in caller.roles:
        raise Forbidden(f"{analysis_id} is its author's; only they or an administrator change it")
    if version is not None and version != analysis.version:
        raise PreconditionFailed(
            f"{analysis_id} is at version {analysis.version}, not {version}", field="If-Match"
        )
    return analysis


def replace(
    caller: Caller, analysis_id: str, data: KeywordAnalysisIn, version: int | None
) -> KeywordAnalysis:
    analysis = _changeable(caller, analysis_id, version)
    before = analysis.definition
    analysis.name = data.name
    analysis.definition = data.model_dump(mode="json")
    analysis.updated_by, analysis.updated_at = caller.actor, clock.iso(clock.now())
    _audited(caller, analysis, "keyword_analysis.changed", before)
    return get(analysis_id)


def delete(caller: Caller, analysis_id: str, version: int | None) -> None:
    analysis = _changeable(caller, analysis_id, version)
    _audited(caller, analysis, "keyword_analysis.deleted", analysis.definition)
