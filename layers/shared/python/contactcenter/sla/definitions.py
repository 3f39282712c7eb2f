"""What the SLA admin API accepts, and the checks that make a definition usable.

Shapes are checked by pydantic (422 on a malformed body); the meaning is checked here and
refused with a specific 400 (a calendar with overlapping or empty hours or an unknown time
zone, a policy with a zero target or an unknown calendar, a rule naming an unknown level or
role), before anything is saved.
"""

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from contactcenter.api.models import Out, Slug, Strict, Text
from contactcenter.errors import InvalidRequest
from contactcenter.sla.calendar import BusinessCalendar, CalendarError

Timer = Literal["first_response", "resolution"]
NOTIFY_ROLES = ("assignee", "supervisor", "department_head")
PRIORITIES = ("P1", "P2", "P3", "P4")
Clock = Annotated[str, StringConstraints(max_length=8)]


class InvalidCalendar(InvalidRequest):
    slug = "invalid-calendar"
    title = "The calendar cannot be used"


class InvalidPolicy(InvalidRequest):
    slug = "invalid-sla-policy"
    title = "The SLA policy cannot be used"


class InvalidRule(InvalidRequest):
    slug = "invalid-escalation-rule"
    title = "The escalation rule cannot be used"


class HolidaysIn(Strict):
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,3}$")]
    subdivision: Annotated[str, StringConstraints(max_length=10)] | None = None


class CalendarIn(Strict):
    name: Text
    time_zone: Annotated[str, StringConstraints(max_length=64)]
    weekly: dict[str, list[tuple[Clock, Clock]]]  # MONDAY: [["09:00", "17:00"]]
    holidays: HolidaysIn | None = None
    closed_days: list[date] = Field(default_factory=list, max_length=366)

    def calendar(self) -> BusinessCalendar:
        try:
            return BusinessCalendar.build(
                time_zone=self.time_zone,
                weekly=self.weekly,
                country=self.holidays.country if self.holidays else None,
                subdivision=self.holidays.subdivision if self.holidays else None,
                closed_days=self.closed_days,
            )
        except CalendarError as error:
            raise InvalidCalendar(str(error), field="body") from None


class MatchIn(Strict):
    """Which tickets: every listed field must match; an empty list matches anything."""

    types: list[Slug] = Field(default_factory=list)
    priorities: list[str] = Field(default_factory=list)
    tiers: list[Slug] = Field(default_factory=list)

    def matches(self, ticket_type: str, priority: str, tier: str) -> bool:
        return (
            (not self.types or ticket_type in self.types)
            and (not self.priorities or priority in self.priorities)
            and (not self.tiers or tier in self.tiers)
        )


class PolicyIn(Strict):
    name: Text
    calendar_id: Slug
    match: MatchIn = Field(default_factory=MatchIn)
    precedence: Annotated[int, Field(ge=0, le=10_000)] = 100  # the lowest matching one applies
    first_response_minutes: float
    resolution_minutes: float

    def check(self, calendars: set[str]) -> None:
        for field in ("first_response_minutes", "resolution_minutes"):
            if not getattr(self, field) > 0:
                raise InvalidPolicy(f"{field} must be more than zero", field=field)
        if self.first_response_minutes > self.resolution_minutes:
            raise InvalidPolicy(
                "the first response cannot be due after the resolution", field="first_response_minutes"
            )
        if self.calendar_id not in calendars:
            raise InvalidPolicy(f"no calendar {self.calendar_id!r}", field="calendar_id")
        if unknown := set(self.match.priorities) - set(PRIORITIES):
            raise InvalidPolicy(f"unknown priorities {sorted(unknown)}", field="match.priorities")

    def target_seconds(self, timer: str) -> float:
        return 60 * (self.first_response_minutes if timer == "first_response" else self.resolution_minutes)


class ActionIn(Strict):
    """notify (roles), raise_priority, reassign (to a department) or note (text)."""

    type: Literal["notify", "raise_priority", "reassign", "note"]
    roles: list[str] = Field(default_factory=list)
    department: Slug | None = None
    text: Annotated[str, StringConstraints(max_length=2000)] | None = None


class AfterIn(Strict):
    level: Slug
    minutes: float


class LevelIn(Strict):
    level: Slug
    percent: float | None = None  # of the target, in business time
    after: AfterIn | None = None  # business minutes after an earlier level of this rule
    actions: list[ActionIn] = Field(min_length=1, max_length=10)


class RuleIn(Strict):
    name: Text
    timer: Timer
    match: MatchIn = Field(default_factory=MatchIn)
    levels: list[LevelIn] = Field(min_length=1, max_length=5)

    def check(self, departments: set[str]) -> None:
        seen: set[str] = set()
        for index, level in enumerate(self.levels):
            where = f"levels.{index}"
            if level.level in seen:
                raise InvalidRule(f"level {level.level!r} appears twice", field=f"{where}.level")
            if (level.percent is None) == (level.after is None):
                raise InvalidRule(
                    "give a level either percent (of the target) or after (a level)", field=where
                )
            if level.percent is not None and not level.percent > 0:
                raise InvalidRule("percent must be more than zero", field=f"{where}.percent")
            if level.after is not None:
                if level.after.level not in seen:
                    raise InvalidRule(
                        f"unknown level {level.after.level!r}: after names an earlier level of this rule",
                        field=f"{where}.after.level",
                    )
                if not level.after.minutes > 0:
                    raise InvalidRule("after.minutes must be more than zero", field=f"{where}.after.minutes")
            for number, action in enumerate(level.actions):
                _check_action(action, f"{where}.actions.{number}", departments)
            seen.add(level.level)


def _check_action(action: ActionIn, where: str, departments: set[str]) -> None:
    if action.type == "notify":
        if not action.roles:
            raise InvalidRule("notify names at least one role", field=f"{where}.roles")
        if unknown := set(action.roles) - set(NOTIFY_ROLES):
            raise InvalidRule(
                f"unknown role {sorted(unknown)[0]!r} (known: {', '.join(NOTIFY_ROLES)})",
                field=f"{where}.roles",
            )
    if action.type == "reassign" and action.department not in departments:
        raise InvalidRule(f"no department {action.department!r} to reassign to", field=f"{where}.department")
    if action.type == "note" and not action.text:
        raise InvalidRule("a note has text", field=f"{where}.text")


class ConfigOut(Out):
    config_id: str
    definition: dict[str, Any]
    revision: int
    updated_by: str
    updated_at: str


class ConfigList(Out):
    items: list[ConfigOut]
    next_cursor: str | None
