"""Schedules: an offer's concrete dates, its rules in words and as schema.org data. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from fzgen.content.model import MonthlyRule, Offer, ScheduleEntry, Site
from fzgen.pages.dates import Occurrence, days_off, next_occurrences, offer_dates
from fzgen.theme.catalogue import Catalogue

__all__ = ["Occurrence", "ScheduleLine", "describe", "next_occurrences", "schedule_data"]

ORDINAL_KEYS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def weekday_key(day: int) -> str:
    """`monday` … `sunday`: the catalogue key of a weekday number (Monday is 0)."""
    return WEEKDAY_KEYS[day]


@dataclass(frozen=True)
class ScheduleLine:
    """One schedule entry in words: the rule, and its period and exceptions if any."""

    #: The rule and the time: "every Tuesday, 9:30–11:00".
    text: str
    #: From when until when the rule holds, in words; none when always.
    period: str | None
    #: The days it does not take place, in words; none when there are none.
    exceptions: str | None
    #: `text` as HTML, its time range kept on one line.
    html: Markup


def describe(entry: ScheduleEntry, cat: Catalogue) -> ScheduleLine:
    """`jeden Dienstag und Donnerstag, 9:30–11:00 Uhr` in the catalogue's language."""
    if entry.by_appointment:
        words = cat("schedule.by_appointment")
        return ScheduleLine(words, None, None, escape(words))
    if entry.weekly:
        days = cat.join([cat(f"weekday_weekly.{weekday_key(d.value)}") for d in entry.weekly])
        if entry.every > 1:
            every = cat.plural("schedule.every_weeks", entry.every)
            when = cat("schedule.weekly_every", every=every, days=days)
        else:
            when = cat("schedule.weekly", days=days)
    elif entry.monthly:
        when = monthly_words(entry.monthly, cat)
    else:
        assert entry.date is not None
        when = cat("schedule.date", date=cat.date(entry.date, "full"))
    html_time: str
    if entry.time:
        time = cat.time_range(entry.time.start, entry.time.end)
        html_time = cat.time_range_html(entry.time.start, entry.time.end)
    else:
        time = html_time = cat("schedule.all_day")
    text = cat("schedule.with_time", when=when, time=time)
    html = cat.markup("schedule.with_time", when=when, time=html_time)
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
    return ScheduleLine(text, period, exceptions, html)


def monthly_words(rules: list[MonthlyRule], cat: Catalogue) -> str:
    """`jeden ersten und dritten Donnerstag im Monat`: the ordinals of one weekday joined."""
    by_day: dict[int, list[int]] = {}
    for rule in rules:
        by_day.setdefault(rule.weekday.value, []).append(rule.ordinal)
    phrases = []
    for day, ordinals in by_day.items():
        key = weekday_key(day)
        gender = cat(f"weekday_gender.{key}")
        ordinal = cat.join([cat(f"ordinal.{ORDINAL_KEYS[n]}.{gender}") for n in ordinals])
        phrases.append(
            cat("schedule.monthly", ordinal=ordinal, weekday=cat(f"weekday_monthly.{key}"))
        )
    return cat.join(phrases)


#: schema.org's names of the weekdays (`byDay`).
_SCHEMA_DAYS = {
    "monday": "Monday", "tuesday": "Tuesday", "wednesday": "Wednesday", "thursday": "Thursday",
    "friday": "Friday", "saturday": "Saturday", "sunday": "Sunday",
}  # fmt: skip


def schedule_data(offer: Offer, site: Site, today: dt.date, horizon: int) -> dict[str, Any]:
    """An offer's dated schedule entries as schema.org Schedules (empty if it has none),
    its cancelled and changed dates as sub-events: the same in every language, so one
    of the offer's facts.

    `exceptDate` lists the days within `horizon` days on which the rule names a date
    that does not take place (cancelled, closed, a holiday, an `except` day).
    """
    dated = [e for e in offer.schedule if not e.by_appointment]
    if not dated:
        return {}
    end = today + dt.timedelta(days=horizon)
    off = days_off(site, today, end, offer.on_holidays)
    cancelled = {c.date for c in offer.cancelled}
    schedules = []
    for item in dated:
        if item.date:
            schedules.append(_schedule(item, None))
            continue
        skipped = set(item.except_) | cancelled
        excepted = [d for d in item.days(today, end, with_except=True) if d in off or d in skipped]
        for rules in [None] if item.weekly else [[rule] for rule in item.monthly or []]:
            schedule = _schedule(item, rules)
            if excepted:
                schedule["exceptDate"] = [d.isoformat() for d in excepted]
            schedules.append(schedule)
    data: dict[str, Any] = {"eventSchedule": schedules}
    dates = sorted(item.date for item in dated if item.date)
    if dates:
        data["startDate"] = dates[0].isoformat()
    data.update(_status(offer, site, today, end))
    return data


def _schedule(item: ScheduleEntry, monthly: list[MonthlyRule] | None) -> dict[str, Any]:
    """One schema.org Schedule: a single date, a weekly rule or one monthly rule."""
    schedule: dict[str, Any] = {"@type": "Schedule", "scheduleTimezone": "Europe/Berlin"}
    if item.time:
        schedule["startTime"] = item.time.start.strftime("%H:%M")
        schedule["endTime"] = item.time.end.strftime("%H:%M")
    if item.date:
        schedule["startDate"] = schedule["endDate"] = item.date.isoformat()
        return schedule
    if item.weekly:
        schedule["repeatFrequency"] = f"P{item.every}W"
        days = [d.name.lower() for d in item.weekly]
    else:
        assert monthly
        schedule["repeatFrequency"] = "P1M"
        days = [monthly[0].weekday.name.lower()]
        schedule["byMonthWeek"] = monthly[0].ordinal
    schedule["byDay"] = [f"https://schema.org/{_SCHEMA_DAYS[d]}" for d in days]
    if item.from_:
        schedule["startDate"] = item.from_.isoformat()
    if item.until:
        schedule["endDate"] = item.until.isoformat()
    return schedule


_SCHEMA_STATUS = "https://schema.org/"


def _status(offer: Offer, site: Site, today: dt.date, end: dt.date) -> dict[str, Any]:
    """`eventStatus` of the offer (paused: postponed, ended: cancelled; single dates that
    are all cancelled or changed: so) and a sub-event per cancelled or changed date."""
    if offer.status != "active":
        kind = "EventPostponed" if offer.status == "paused" else "EventCancelled"
        return {"eventStatus": _SCHEMA_STATUS + kind}
    if not offer.cancelled and not offer.changed:
        return {}
    occurring = list(offer_dates(offer, site, today, end))
    marked = [o for o in occurring if o.cancelled or o.changed]
    if not marked:
        return {}
    status: dict[str, Any] = {"subEvent": [_sub_event(o) for o in marked]}
    singles = [e for e in offer.schedule if not e.by_appointment]
    if all(e.date is not None for e in singles) and len(marked) == len(occurring):
        kinds = {"EventCancelled" if o.cancelled else "EventRescheduled" for o in marked}
        status["eventStatus"] = _SCHEMA_STATUS + min(kinds)
    return status


def _sub_event(occurrence: Occurrence) -> dict[str, Any]:
    """One cancelled or changed date as an Event with its status."""

    def moment(time: dt.time | None) -> str:
        day = occurrence.day.isoformat()
        return f"{day}T{time.strftime('%H:%M')}" if time else day

    regular = occurrence.regular_time.start if occurrence.regular_time else None
    event: dict[str, Any] = {"@type": "Event", "startDate": moment(regular)}
    if occurrence.cancelled:
        event["eventStatus"] = _SCHEMA_STATUS + "EventCancelled"
        return event
    event["eventStatus"] = _SCHEMA_STATUS + "EventRescheduled"
    if occurrence.time:
        event["startDate"] = moment(occurrence.time.start)
        event["endDate"] = moment(occurrence.time.end)
        event["previousStartDate"] = moment(regular)
    return event
