"""Schedules: an offer's concrete dates, its rules in words and as schema.org data. Pure."""

from __future__ import annotations

import calendar
import datetime as dt
import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fzgen.content.model import MonthlyRule, ScheduleEntry, TimeRange
from fzgen.theme.catalogue import Catalogue

ORDINAL_KEYS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def weekday_key(day: int) -> str:
    """`monday` … `sunday`: the catalogue key of a weekday number (Monday is 0)."""
    return WEEKDAY_KEYS[day]


def nth_weekday(year: int, month: int, rule: MonthlyRule) -> dt.date | None:
    """The day of `month` that `rule` names (`first wednesday`), None if the month has none."""
    days = [
        dt.date(year, month, d)
        for d in range(1, calendar.monthrange(year, month)[1] + 1)
        if dt.date(year, month, d).weekday() == rule.weekday.value
    ]
    index = rule.ordinal - 1 if rule.ordinal > 0 else rule.ordinal
    return days[index] if -len(days) <= index < len(days) else None


def occurrences(entry: ScheduleEntry, start: dt.date, end: dt.date) -> Iterator[dt.date]:
    """Every day from `start` to `end` (inclusive) on which `entry` takes place."""
    if entry.date is not None:
        if start <= entry.date <= end:
            yield entry.date
        return
    first = max(start, entry.from_) if entry.from_ else start
    last = min(end, entry.until) if entry.until else end
    skipped = set(entry.except_)
    if entry.weekly:
        weekdays = {day.value for day in entry.weekly}
        day = first
        while day <= last:
            if day.weekday() in weekdays and day not in skipped:
                yield day
            day += dt.timedelta(days=1)
    elif entry.monthly:
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            day_or_none = nth_weekday(year, month, entry.monthly)
            if day_or_none and first <= day_or_none <= last and day_or_none not in skipped:
                yield day_or_none
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)


@dataclass(frozen=True)
class Occurrence:
    """One concrete date of an offer."""

    day: dt.date
    time: TimeRange | None
    offer_slug: str


def next_occurrences(
    schedule: list[ScheduleEntry], slug: str, today: dt.date, days: int, count: int, soon: int
) -> list[Occurrence]:
    """The offer's next dates within `days` days, earliest first: the first `count` of
    them, and every one of the next `soon` days.

    Each entry's dates come in order, so they are merged and read only as far as
    needed (a weekly offer would otherwise walk all of the `days`).
    """
    end = today + dt.timedelta(days=days)
    soon_end = today + dt.timedelta(days=soon)
    dates = heapq.merge(
        *(_dated(entry, slug, today, end) for entry in schedule),
        key=lambda o: (o.day, o.time.start if o.time else dt.time(0)),
    )
    found: list[Occurrence] = []
    for occurrence in dates:
        if len(found) >= count and occurrence.day > soon_end:
            break
        found.append(occurrence)
    return found


def _dated(entry: ScheduleEntry, slug: str, start: dt.date, end: dt.date) -> Iterator[Occurrence]:
    for day in occurrences(entry, start, end):
        yield Occurrence(day, entry.time, slug)


@dataclass(frozen=True)
class ScheduleLine:
    """One schedule entry in words: the rule, and its period and exceptions if any."""

    #: The rule and the time: "every Tuesday, 9:30–11:00".
    text: str
    #: From when until when the rule holds, in words; none when always.
    period: str | None
    #: The days it does not take place, in words; none when there are none.
    exceptions: str | None


def describe(entry: ScheduleEntry, cat: Catalogue) -> ScheduleLine:
    """`jeden Dienstag und Donnerstag, 9:30–11:00 Uhr` in the catalogue's language."""
    if entry.by_appointment:
        return ScheduleLine(cat("schedule.by_appointment"), None, None)
    if entry.weekly:
        days = [cat(f"weekday_weekly.{weekday_key(d.value)}") for d in entry.weekly]
        when = cat("schedule.weekly", days=cat.join(days))
    elif entry.monthly:
        key = weekday_key(entry.monthly.weekday.value)
        gender = cat(f"weekday_gender.{key}")
        ordinal = cat(f"ordinal.{ORDINAL_KEYS[entry.monthly.ordinal]}.{gender}")
        when = cat("schedule.monthly", ordinal=ordinal, weekday=cat(f"weekday_monthly.{key}"))
    else:
        assert entry.date is not None
        when = cat("schedule.date", date=cat.date(entry.date, "full"))
    time = (
        cat.time_range(entry.time.start, entry.time.end) if entry.time else cat("schedule.all_day")
    )
    text = cat("schedule.with_time", when=when, time=time)
    period = None
    if entry.from_ and entry.until:
        period = cat("schedule.from_until", start=cat.date(entry.from_), end=cat.date(entry.until))
    elif entry.from_:
        period = cat("schedule.from", start=cat.date(entry.from_))
    elif entry.until:
        period = cat("schedule.until", end=cat.date(entry.until))
    exceptions = None
    if entry.except_:
        dates = [cat.date(day) for day in sorted(entry.except_)]
        exceptions = cat("schedule.except", dates=cat.join(dates))
    return ScheduleLine(text, period, exceptions)


#: schema.org's names of the weekdays (`byDay`).
_SCHEMA_DAYS = {
    "monday": "Monday", "tuesday": "Tuesday", "wednesday": "Wednesday", "thursday": "Thursday",
    "friday": "Friday", "saturday": "Saturday", "sunday": "Sunday",
}  # fmt: skip


def schedule_data(entries: list[ScheduleEntry]) -> dict[str, Any]:
    """An offer's dated schedule entries as schema.org Schedules (empty if it has none):
    the same in every language, so one of the offer's facts."""
    dated = [e for e in entries if not e.by_appointment]
    if not dated:
        return {}
    schedules = []
    for item in dated:
        schedule: dict[str, Any] = {"@type": "Schedule", "scheduleTimezone": "Europe/Berlin"}
        if item.time:
            schedule["startTime"] = item.time.start.strftime("%H:%M")
            schedule["endTime"] = item.time.end.strftime("%H:%M")
        if item.date:
            schedule["startDate"] = schedule["endDate"] = item.date.isoformat()
        else:
            if item.weekly:
                schedule["repeatFrequency"] = "P1W"
                days = [d.name.lower() for d in item.weekly]
            else:
                assert item.monthly is not None
                schedule["repeatFrequency"] = "P1M"
                days = [item.monthly.weekday.name.lower()]
                schedule["byMonthWeek"] = item.monthly.ordinal
            schedule["byDay"] = [f"https://schema.org/{_SCHEMA_DAYS[d]}" for d in days]
            if item.from_:
                schedule["startDate"] = item.from_.isoformat()
            if item.until:
                schedule["endDate"] = item.until.isoformat()
            if item.except_:
                schedule["exceptDate"] = [d.isoformat() for d in sorted(item.except_)]
        schedules.append(schedule)
    data: dict[str, Any] = {"eventSchedule": schedules}
    dates = sorted(item.date for item in dated if item.date)
    if dates:
        data["startDate"] = dates[0].isoformat()
    return data
