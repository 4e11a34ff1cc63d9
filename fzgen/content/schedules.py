"""The schedule part of the content format: rules, cancellations, changes, closures.

The rules themselves (which days an entry names) live here too, as pure methods,
because validation needs them: a cancellation on a day the offer does not meet
is an error of the content file.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from fzgen.content.contact_fields import check_postal_code
from fzgen.content.fields import (
    DateField,
    MonthlyRule,
    TextField,
    TimeRangeField,
    Weekday,
    WeekdayField,
    YesNo,
    as_word_list,
    check_slug,
    fail,
)
from fzgen.content.schedule_fields import (
    DEFAULT_LAND,
    LAENDER,
    Every,
    MonthlyRules,
    PublicHolidays,
    weekly_words,
)

__all__ = [
    "DEFAULT_LAND",
    "LAENDER",
    "Cancellation",
    "Change",
    "ChangedAddress",
    "Closure",
    "OfferStatus",
    "PublicHolidays",
    "ScheduleEntry",
]

_SCHEDULE_KINDS = ("weekly", "monthly", "date", "by_appointment")


class _Model(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="forbid", arbitrary_types_allowed=True, populate_by_name=True
    )


def _or_a_date(schema: dict[str, Any]) -> None:
    """Editors accept the short form, a date alone, beside the fields (which apply only
    to a mapping, so their help stays where the schema's help is filled in)."""
    schema.pop("type", None)
    schema["anyOf"] = [{"type": "string", "format": "date"}, {"type": "object"}]


# --- One line of the schedule -----------------------------------------------------------


class ScheduleEntry(_Model):
    """One line of an offer's schedule: weekly, monthly, one date, or by appointment."""

    weekly: Annotated[list[WeekdayField], BeforeValidator(weekly_words)] | None = None
    #: Weekly rules hold every this many weeks, counted from `from`'s week.
    every: Every = 1
    monthly: MonthlyRules | None = None
    date: DateField | None = None
    by_appointment: YesNo | None = None
    time: TimeRangeField | None = None
    from_: DateField | None = Field(None, alias="from")
    until: DateField | None = None
    except_: list[DateField] = Field([], alias="except")

    @field_validator("weekly")
    @classmethod
    def _weekdays(cls, days: list[Weekday] | None) -> list[Weekday] | None:
        if days is not None and not days:
            raise fail("weekly_empty")
        return sorted(set(days), key=lambda d: d.value) if days else days

    @field_validator("until")
    @classmethod
    def _until_after_from(cls, until: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get("from_")
        if until is not None and start is not None and until < start:
            raise fail("until_before_from", start=start.isoformat(), until=until.isoformat())
        return until

    @field_validator("except_", mode="before")
    @classmethod
    def _except_list(cls, value: Any) -> Any:
        return [] if value is None else as_word_list(value)

    @model_validator(mode="after")
    def _one_kind(self) -> ScheduleEntry:
        kinds = [k for k in _SCHEDULE_KINDS if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise fail("schedule_kind", kinds=", ".join(kinds))
        kind = kinds[0]
        if kind == "by_appointment":
            if not self.by_appointment:
                raise fail("by_appointment_false")
            if self.time or self.from_ or self.until or self.except_:
                raise fail("by_appointment_extra")
        elif kind in {"weekly", "monthly"} and self.time is None:
            raise fail("time_missing", kind=kind)
        if kind == "date" and (self.from_ or self.until or self.except_):
            raise fail("date_range_extra")
        if self.every > 1:
            if kind != "weekly":
                raise fail("every_not_weekly", every=self.every, kind=kind, at="every")
            if self.from_ is None:
                weekday = self.weekly[0].name.lower() if self.weekly else "thursday"
                raise fail("every_from_missing", every=self.every, weekday=weekday, at="every")
        return self

    @property
    def kind(self) -> str:
        """Which of the four forms this entry has."""
        return next(k for k in _SCHEDULE_KINDS if getattr(self, k) is not None)

    def days(self, start: dt.date, end: dt.date, *, with_except: bool = False) -> Iterator[dt.date]:
        """Every day from `start` to `end` (inclusive) the rule names, earliest first;
        its `except` days only `with_except` (closures and holidays are not its business)."""
        if self.date is not None:
            if start <= self.date <= end:
                yield self.date
            return
        first = max(start, self.from_) if self.from_ else start
        last = min(end, self.until) if self.until else end
        skipped = frozenset() if with_except else frozenset(self.except_)
        if self.weekly:
            yield from self._weekly_days(first, last, skipped)
        elif self.monthly:
            yield from self._monthly_days(first, last, skipped)

    def _weekly_days(
        self, first: dt.date, last: dt.date, skipped: frozenset[dt.date]
    ) -> Iterator[dt.date]:
        assert self.weekly is not None
        weekdays = sorted(day.value for day in self.weekly)
        monday = first - dt.timedelta(days=first.weekday())
        if self.every > 1 and self.from_ is not None:
            # The rhythm counts weeks from the week of `from` (RFC 5545's WKST=MO).
            anchor = self.from_ - dt.timedelta(days=self.from_.weekday())
            behind = (monday - anchor).days // 7 % self.every
            if behind:
                monday += dt.timedelta(weeks=self.every - behind)
        step = dt.timedelta(weeks=self.every)
        while monday <= last:
            for weekday in weekdays:
                day = monday + dt.timedelta(days=weekday)
                if first <= day <= last and day not in skipped:
                    yield day
            monday += step

    def _monthly_days(
        self, first: dt.date, last: dt.date, skipped: frozenset[dt.date]
    ) -> Iterator[dt.date]:
        assert self.monthly is not None
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            found = sorted(
                day for rule in self.monthly if (day := nth_weekday(year, month, rule)) is not None
            )
            for day in found:
                if first <= day <= last and day not in skipped:
                    yield day
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)

    def meets_on(self, day: dt.date) -> bool:
        """Whether the rule names `day` (its `except` days not)."""
        return next(self.days(day, day), None) is not None


def nth_weekday(year: int, month: int, rule: MonthlyRule) -> dt.date | None:
    """The day of `month` that `rule` names (`first wednesday`), None if the month has none."""
    first_weekday, length = calendar.monthrange(year, month)
    first = 1 + (rule.weekday.value - first_weekday) % 7
    days = list(range(first, length + 1, 7))
    index = rule.ordinal - 1 if rule.ordinal > 0 else rule.ordinal
    return dt.date(year, month, days[index]) if -len(days) <= index < len(days) else None


# --- Single dates that do not take place or take place differently ----------------------


def _date_shorthand(value: Any) -> Any:
    # `- 2027-01-21` is the short form of `- date: 2027-01-21`.
    return {"date": value} if isinstance(value, str | dt.date) else value


class Cancellation(_Model):
    """One date of the offer that does not take place."""

    model_config = ConfigDict(json_schema_extra=_or_a_date)

    date: DateField
    reason: TextField | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return _date_shorthand(value)


def _location_value(value: Any) -> Any:
    """A partner's id or an address (checked as the offer's `location` is)."""
    if isinstance(value, str):
        return check_slug(value.strip())
    if isinstance(value, dict):
        return ChangedAddress.model_validate(value)
    raise fail("location_type")


class ChangedAddress(_Model):
    """Another place for one date (as an offer's `location` address)."""

    name: str | None = None
    street: str
    postal_code: Annotated[str, PlainValidator(lambda v: check_postal_code(str(v)))]
    city: str


class Change(_Model):
    """One date of the offer at another time or place."""

    date: DateField
    time: TimeRangeField | None = None
    room: TextField | None = None
    location: (
        Annotated[
            str | ChangedAddress,
            PlainValidator(_location_value),
            WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "object"}]}),
        ]
        | None
    ) = None
    reason: TextField | None = None

    @model_validator(mode="after")
    def _something_changes(self) -> Change:
        if self.time is None and self.room is None and self.location is None:
            raise fail("changed_nothing", date=self.date.isoformat())
        return self


class OfferStatus(StrEnum):
    """Whether an offer takes place: `paused` and `ended` offers have no dates."""

    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


# --- The whole centre: closing days and public holidays ----------------------------------


class Closure(_Model):
    """Days the whole centre is closed: every offer skips them."""

    model_config = ConfigDict(json_schema_extra=_or_a_date)

    from_: DateField = Field(alias="from")
    until: DateField | None = None
    reason: TextField | None = None

    @model_validator(mode="before")
    @classmethod
    def _one_day(cls, value: Any) -> Any:
        # `- date: 2026-10-02` (or just the date) closes one day.
        if isinstance(value, dict) and "date" in value and "from" not in value:
            return {"from": value["date"], **{k: v for k, v in value.items() if k != "date"}}
        return {"from": value} if isinstance(value, str | dt.date) else value

    @field_validator("until")
    @classmethod
    def _until_after_from(cls, until: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get("from_")
        if until is not None and start is not None and until < start:
            raise fail(
                "closure_until_before_from", start=start.isoformat(), until=until.isoformat()
            )
        return until

    @property
    def last(self) -> dt.date:
        """The last closed day."""
        return self.until or self.from_

    def covers(self, day: dt.date) -> bool:
        """Whether the centre is closed on `day`."""
        return self.from_ <= day <= self.last


def check_single_dates(
    schedule: list[ScheduleEntry], cancelled: list[Cancellation], changed: list[Change]
) -> None:
    """A cancelled or changed date must be one the schedule names, and not both."""
    cancelled_days = {c.date for c in cancelled}
    dated = [("cancelled", c.date) for c in cancelled] + [("changed", c.date) for c in changed]
    counted = {"cancelled": 0, "changed": 0}
    for field, day in dated:
        at = f"{field}/{counted[field]}/date"
        counted[field] += 1
        if not any(entry.meets_on(day) for entry in schedule):
            raise fail("single_date_not_meeting", date=day.isoformat(), field=field, at=at)
        if field == "changed" and day in cancelled_days:
            raise fail("changed_and_cancelled", date=day.isoformat(), at=at)
