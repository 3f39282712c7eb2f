"""/reports/keyword-analyses: the keyword analyses managers save, run as the
``keyword_analysis`` report (``GET /reports/keyword_analysis?filter=analysis:<id>``).

Supervisors and administrators only. Every manager reads and runs every analysis (they are the
center's, not private); its author or an administrator changes or deletes it, with If-Match
(the ETag of a read) checked when given. Every change is audited.
"""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Header, Path

from contactcenter.api.answers import json_response
from contactcenter.api.conditional import ETAG_PATTERN, expected_version
from contactcenter.api.deps import CallerDep
from contactcenter.api.idempotency import IdempotencyKey, Idempotent
from contactcenter.api.models import Out
from contactcenter.api.pagination import DEFAULT_LIMIT
from contactcenter.api.params import Cursor, Limit
from contactcenter.api.responses import documented
from contactcenter.reports import keywords
from contactcenter.reports.api import MANAGERS, require_manager
from contactcenter.reports.keywords import ID_PATTERN, KeywordAnalysisIn
from contactcenter.reports.models import KeywordAnalysis

router = Router()
AnalysisId = Annotated[str, Path(pattern=ID_PATTERN)]
IfMatch = Annotated[str | None, Header(alias="If-Match", pattern=ETAG_PATTERN)]
_PATH = "/reports/keyword-analyses"


class KeywordAnalysisOut(Out):
    analysis_id: str
    name: str
    definition: dict[str, Any]
    version: int
    created_by: str
    created_at: str
    updated_by: str
    updated_at: str
    run: str  # the report's path for this analysis (add from and to)


class KeywordAnalysisList(Out):
    items: list[KeywordAnalysisOut]
    next_cursor: str | None


def _out(analysis: KeywordAnalysis) -> KeywordAnalysisOut:
    return KeywordAnalysisOut(
        analysis_id=analysis.analysis_id,
        name=analysis.name,
        definition=analysis.definition,
        version=int(analysis.version or 0),
        created_by=analysis.created_by,
        created_at=analysis.created_at,
        updated_by=analysis.updated_by,
        updated_at=analysis.updated_at,
        run=f"/reports/keyword_analysis?filter=analysis:{analysis.analysis_id}",
    )


def _answer(analysis: KeywordAnalysis, status: int = 200) -> Response[KeywordAnalysisOut]:
    out = _out(analysis)
    location = f"{_PATH}/{analysis.analysis_id}" if status == 201 else None
    return json_response(out, status=status, version=out.version, location=location)


@router.post(
    _PATH,
    summary="Save a keyword analysis: keywords (labels and terms), a dimension, when a dispatch is late",
    tags=["reports"],
    responses=documented(201, "The analysis", 409),
    security=MANAGERS,
)
def create_analysis(
    body: KeywordAnalysisIn, caller: CallerDep, idempotent: Idempotent, key: IdempotencyKey = None
) -> Response[KeywordAnalysisOut]:
    def save() -> dict[str, str]:
        return {"analysis_id": keywords.create(caller, body).analysis_id}

    # A retried request (the same Idempotency-Key) answers the first one's analysis, not a copy.
    analysis_id = idempotent.run("create_keyword_analysis", caller, key, body.model_dump(mode="json"), save)
    return _answer(keywords.get(analysis_id["analysis_id"]), status=201)


@router.get(
    _PATH,
    summary="The saved keyword analyses",
    tags=["reports"],
    responses=documented(200, "A page of the analyses, oldest first", 400),
    security=MANAGERS,
)
def list_analyses(
    caller: CallerDep, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None
) -> KeywordAnalysisList:
    require_manager(caller)
    found, next_cursor = keywords.page_of_analyses(limit, cursor)
    return KeywordAnalysisList(items=[_out(a) for a in found], next_cursor=next_cursor)


@router.get(
    f"{_PATH}/<analysis_id>",
    summary="A saved keyword analysis",
    tags=["reports"],
    responses=documented(200, "The analysis", 404),
    security=MANAGERS,
)
def get_analysis(analysis_id: AnalysisId, caller: CallerDep) -> Response[KeywordAnalysisOut]:
    require_manager(caller)
    return _answer(keywords.get(analysis_id))


@router.put(
    f"{_PATH}/<analysis_id>",
    summary="Change a keyword analysis (its author or an administrator)",
    tags=["reports"],
    responses=documented(200, "The changed analysis", 404, 412),
    security=MANAGERS,
)
def replace_analysis(
    analysis_id: AnalysisId, body: KeywordAnalysisIn, caller: CallerDep, if_match: IfMatch = None
) -> Response[KeywordAnalysisOut]:
    version = expected_version(if_match) if if_match else None
    return _answer(keywords.replace(caller, analysis_id, body, version))


@router.delete(
    f"{_PATH}/<analysis_id>",
    summary="Delete a keyword analysis (its author or an administrator)",
    tags=["reports"],
    responses=documented(204, "Deleted", 404, 412),
    security=MANAGERS,
)
def delete_analysis(analysis_id: AnalysisId, caller: CallerDep, if_match: IfMatch = None) -> Response[None]:
    keywords.delete(caller, analysis_id, expected_version(if_match) if if_match else None)
    return Response(status_code=204)
