"""Managing the knowledge base: articles are written here (the source of truth) and reach the
search index through the table's stream. Every save keeps a version and an audit record."""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pynamodb.exceptions import DoesNotExist, PutError, TransactWriteError

from contactcenter import clock, ids
from contactcenter.api.pagination import decode_cursor, encode_cursor
from contactcenter.articles.models import ArticleFeedback, ArticleItem, ArticleVersion, ReindexRequest
from contactcenter.articles.schemas import ArticleIn
from contactcenter.audit.records import audit_record, never_overwrite
from contactcenter.auth import Caller, Role
from contactcenter.errors import Conflict, DomainError, NotFound, PreconditionFailed
from contactcenter.knowledge.batch import LineError, parse_numbered_articles
from contactcenter.knowledge.models import Article
from contactcenter.storage import transaction

EDITORS = (Role.SUPERVISOR, Role.ADMIN)  # the help center's administrators
READERS = (Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.INTEGRATION, Role.SYSTEM)
# Whoever may search may read a published public answer and say whether it helped.
ANSWER_READERS = (*READERS, Role.DEPARTMENT, Role.PORTAL, Role.CUSTOMER)


@dataclass(frozen=True)
class ImportOutcome:
    imported: int
    updated: int
    unchanged: int
    errors: list[LineError]


class ArticleService:
    def get(self, caller: Caller, article_id: str) -> ArticleItem:
        caller.require(*READERS)
        try:
            return ArticleItem.get(article_id)
        except DoesNotExist:
            raise NotFound(f"no article {article_id}", field="article_id") from None

    def history(
        self, caller: Caller, article_id: str, *, limit: int, cursor: str | None
    ) -> tuple[list[ArticleVersion], str | None]:
        """The saved versions, latest first (kept after the article is deleted)."""
        caller.require(*READERS)
        query = f"versions:{article_id}"
        results = ArticleVersion.query(
            article_id, scan_index_forward=False, limit=limit, last_evaluated_key=decode_cursor(cursor, query)
        )
        versions = list(results)
        if not versions and cursor is None:
            raise NotFound(f"no article {article_id}", field="article_id")
        return versions, encode_cursor(results.last_evaluated_key, query)

    def list(
        self, caller: Caller, *, status: str | None, language: str | None, limit: int, cursor: str | None
    ) -> tuple[list[ArticleItem], str | None]:
        caller.require(*READERS)
        condition = None
        for attribute, value in ((ArticleItem.status, status), (ArticleItem.language, language)):
            if value:
                term = attribute == value
                condition = term if condition is None else condition & term
        query = f"articles:{status}:{language}"
        results = ArticleItem.by_listing.query(
            "article",
            filter_condition=condition,
            scan_index_forward=False,
            limit=limit,
            last_evaluated_key=decode_cursor(cursor, query),
        )
        return list(results), encode_cursor(results.last_evaluated_key, query)

    def create(self, caller: Caller, data: ArticleIn) -> ArticleItem:
        caller.require(*EDITORS)
        now = clock.iso(clock.now())
        article = ArticleItem(
            article_id=data.article_id or ids.new_id("kb"),
            created_at=now,
            **self._fields(caller, data, now),
        )
        # A deleted article's history stays under its id, so an id is never used twice.
        conflict = Conflict(
            f"article {article.article_id} exists or existed (a deleted article's versions are kept "
            "under its id); PUT replaces an article, a new one needs another id",
            field="article_id",
        )
        if next(iter(ArticleVersion.query(article.article_id, limit=1)), None) is not None:
            raise conflict
        try:
            self._save(caller, article, None, create=True)
        except TransactWriteError:
            raise conflict from None
        return article

    def replace(
        self, caller: Caller, article_id: str, data: ArticleIn, expected_version: int | None
    ) -> ArticleItem:
        caller.require(*EDITORS)
        article = self.get(caller, article_id)
        if expected_version is not None and article.version != expected_version:
            raise PreconditionFailed(
                f"article {article_id} is at version {article.version}, not {expected_version}",
                field="If-Match",
            )
        before = _snapshot(article)
        for name, value in self._fields(caller, data, clock.iso(clock.now())).items():
            setattr(article, name, value)
        self._save(caller, article, before)
        return article

    def set_status(self, caller: Caller, article_id: str, status: str) -> ArticleItem:
        caller.require(*EDITORS)
        article = self.get(caller, article_id)
        if article.status == status:
            return article
        before = _snapshot(article)
        article.status, article.updated_at, article.updated_by = status, clock.iso(clock.now()), caller.actor
        self._save(caller, article, before)
        return article

    def delete(self, caller: Caller, article_id: str) -> None:
        caller.require(*EDITORS)
        article = self.get(caller, article_id)
        try:
            with transaction() as write:
                write.delete(article)  # conditional on the version read
                write.save(
                    audit_record(
                        f"article#{article_id}",
                        "article.deleted",
                        caller,
                        before=_snapshot(article),
                        after=None,
                    ),
                    condition=never_overwrite(),
                )
        except TransactWriteError as error:
            raise PreconditionFailed(
                f"article {article_id} changed while it was being deleted; read it again", field="article_id"
            ) from error

    def import_lines(self, caller: Caller, lines: Iterable[str], first_line: int = 1) -> ImportOutcome:
        """Articles from JSON Lines (the shared import format); a bad line is reported by its
        number and skipped, every good line is saved (created, or replacing the article)."""
        caller.require(*EDITORS)
        articles, errors = parse_numbered_articles(lines)
        counts = {"imported": 0, "updated": 0, "unchanged": 0}
        for number, article in articles:
            try:
                counts[self._import(caller, article)] += 1
            except ValidationError as error:  # the import format is looser than the API's
                errors.append(LineError(number, _validation_message(error)))
            except DomainError as error:
                errors.append(LineError(number, str(error)))
        shifted = sorted(
            (LineError(error.line + first_line - 1, error.message) for error in errors), key=lambda e: e.line
        )
        return ImportOutcome(counts["imported"], counts["updated"], counts["unchanged"], shifted)

    def _import(self, caller: Caller, article: Article) -> str:
        data = ArticleIn(
            article_id=article.id,
            language=article.language,  # checked by parse_numbered_articles
            title=article.title,
            answer=article.answer,
            questions=list(article.questions),
            products=list(article.products),
            tags=list(article.tags),
            audience=article.audience,
            status=article.status,
        )
        try:
            current = self.get(caller, article.id)
        except NotFound:
            self.create(caller, data)
            return "imported"
        if self._same(current, data):
            return "unchanged"  # importing a file again adds no versions
        self.replace(caller, article.id, data, None)
        return "updated"

    def reindex(self, caller: Caller) -> str:
        """Ask the indexer (through the stream) to rebuild the index from the table."""
        caller.require(*EDITORS)
        now = clock.iso(clock.now())
        ReindexRequest(requested_at=now, requested_by=caller.actor).save()
        return now

    def public_answer(self, caller: Caller, article_id: str) -> ArticleItem:
        """A published public article; any other (a draft, archived, for agents only) is not
        found, as the search never shows it to customers."""
        caller.require(*ANSWER_READERS)
        try:
            article = ArticleItem.get(article_id)
        except DoesNotExist:
            article = None
        if article is None or article.status != "published" or article.audience != "public":
            raise NotFound(f"no published public article {article_id}", field="article_id")
        return article

    def rate(self, caller: Caller, article_id: str, helpful: bool) -> None:
        """A reader's thumbs up or down on a public answer (the counters the chat's feedback adds to)."""
        self.public_answer(caller, article_id)
        self.feedback(article_id, helpful)

    def feedback_of(self, caller: Caller, article_id: str) -> ArticleFeedback:
        self.get(caller, article_id)  # 404 for an unknown article
        try:
            return ArticleFeedback.get(article_id)
        except DoesNotExist:
            return ArticleFeedback(article_id=article_id)

    @staticmethod
    def feedback(article_id: str, helpful: bool) -> None:
        counter = ArticleFeedback.helpful if helpful else ArticleFeedback.unhelpful
        ArticleFeedback(article_id=article_id).update(actions=[counter.add(1)])

    @staticmethod
    def _same(article: ArticleItem, data: ArticleIn) -> bool:
        wanted = data.model_dump(exclude={"article_id"})
        return all(_plain(getattr(article, name)) == value for name, value in wanted.items())

    @staticmethod
    def _fields(caller: Caller, data: ArticleIn, now: str) -> dict[str, Any]:
        values = data.model_dump(exclude={"article_id"})
        return {**values, "updated_at": now, "updated_by": caller.actor}

    @staticmethod
    def _save(
        caller: Caller, article: ArticleItem, before: dict[str, Any] | None, create: bool = False
    ) -> None:
        after = _snapshot(article)
        version = ArticleVersion(
            article_id=article.article_id,
            version=int(article.version or 0) + 1,
            snapshot=json.dumps(after, ensure_ascii=False),
            saved_at=article.updated_at,
            saved_by=caller.actor,
        )
        action = "article.created" if create else "article.saved"
        try:
            with transaction() as write:
                write.save(article, condition=ArticleItem.article_id.does_not_exist() if create else None)
                write.save(version, condition=ArticleVersion.version.does_not_exist())
                write.save(
                    audit_record(f"article#{article.article_id}", action, caller, before=before, after=after),
                    condition=never_overwrite(),
                )
        except (TransactWriteError, PutError) as error:
            if create:
                raise
            raise PreconditionFailed(
                f"article {article.article_id} changed meanwhile; read it again", field="If-Match"
            ) from error


def _validation_message(error: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'article'}: {e['msg']}" for e in error.errors())


def _plain(value: Any) -> Any:
    """A pynamodb list attribute as a plain list, for comparison with the request's."""
    return list(value) if isinstance(value, list | tuple) else value


def _snapshot(article: ArticleItem) -> dict[str, Any]:
    data = article.to_simple_dict()
    data.pop("listing", None)
    return data
