"""Editing the SLA configuration: calendars, policies and escalation rules, each checked
against the rest before it is saved, each change audited."""

from typing import Any

from pydantic import BaseModel
from pynamodb.exceptions import DoesNotExist

from contactcenter import clock
from contactcenter.api.pagination import decode_cursor, encode_cursor
from contactcenter.audit.records import audit_record, never_overwrite
from contactcenter.auth import Caller, Role
from contactcenter.directory.models import Department
from contactcenter.errors import Conflict, NotFound
from contactcenter.sla.definitions import CalendarIn, PolicyIn, RuleIn
from contactcenter.sla.models import CALENDAR, POLICY, RULE, ConfigItem
from contactcenter.storage import transaction

MANAGERS = (Role.SUPERVISOR, Role.ADMIN)
_NAMES = {CALENDAR: "calendar", POLICY: "SLA policy", RULE: "escalation rule"}


class SlaAdmin:
    def list(
        self, caller: Caller, kind: str, *, limit: int, cursor: str | None
    ) -> tuple[list[ConfigItem], str | None]:
        caller.require(*MANAGERS, Role.AGENT)
        query = f"sla-config:{kind}"
        results = ConfigItem.query(kind, limit=limit, last_evaluated_key=decode_cursor(cursor, query))
        return list(results), encode_cursor(results.last_evaluated_key, query)

    def get(self, caller: Caller, kind: str, config_id: str) -> ConfigItem:
        caller.require(*MANAGERS, Role.AGENT)
        return _get(kind, config_id)

    def put_calendar(self, caller: Caller, config_id: str, data: CalendarIn) -> ConfigItem:
        caller.require(*MANAGERS)
        data.calendar()  # refuses what cannot be used
        return self._save(caller, CALENDAR, config_id, data)

    def put_policy(self, caller: Caller, config_id: str, data: PolicyIn) -> ConfigItem:
        caller.require(*MANAGERS)
        data.check({item.config_id for item in ConfigItem.query(CALENDAR)})
        return self._save(caller, POLICY, config_id, data)

    def put_rule(self, caller: Caller, config_id: str, data: RuleIn) -> ConfigItem:
        caller.require(*MANAGERS)
        data.check({d.department_id for d in Department.by_listing.query("department")})
        return self._save(caller, RULE, config_id, data)

    def delete(self, caller: Caller, kind: str, config_id: str) -> None:
        caller.require(*MANAGERS)
        item = _get(kind, config_id)
        if kind == CALENDAR:
            users = [
                p.config_id for p in ConfigItem.query(POLICY) if p.definition.get("calendar_id") == config_id
            ]
            if users:
                raise Conflict(
                    f"policies {users} use calendar {config_id}; change them first", field="config_id"
                )
        with transaction() as write:
            write.delete(item)
            write.save(
                self._record(caller, item, "deleted", item.definition, None), condition=never_overwrite()
            )

    def _save(self, caller: Caller, kind: str, config_id: str, data: BaseModel) -> ConfigItem:
        definition = data.model_dump(mode="json")
        try:
            item = ConfigItem.get(kind, config_id)
            before: dict[str, Any] | None = item.definition
            item.revision = int(item.revision) + 1
        except DoesNotExist:
            item, before = ConfigItem(kind=kind, config_id=config_id, revision=1), None
        item.definition, item.updated_by, item.updated_at = definition, caller.actor, clock.iso(clock.now())
        revision = int(item.revision)
        # A concurrent edit of the same item loses: the revision it read must still be there.
        condition = (
            ConfigItem.revision == revision - 1 if before is not None else ConfigItem.kind.does_not_exist()
        )
        with transaction() as write:
            write.save(item, condition=condition)
            write.save(self._record(caller, item, "saved", before, definition), condition=never_overwrite())
        return item

    @staticmethod
    def _record(caller: Caller, item: ConfigItem, what: str, before: Any, after: Any) -> Any:
        return audit_record(
            f"sla#{item.kind}#{item.config_id}", f"sla.{item.kind}.{what}", caller, before=before, after=after
        )


def _get(kind: str, config_id: str) -> ConfigItem:
    try:
        return ConfigItem.get(kind, config_id)
    except DoesNotExist:
        raise NotFound(f"no {_NAMES[kind]} {config_id}", field="config_id") from None
