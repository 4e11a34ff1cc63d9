"""Calendar files (RFC 5545) for offers, built with the icalendar library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vRecur

from fzgen.model import ScheduleEntry
from fzgen.schedule import occurrences

BERLIN = ZoneInfo("Europe/Berlin")
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class CalendarOffer:
    """What a calendar needs to know of one offer, already in the reader's language."""

    uid: str
    summary: str
    description: str
    location: str
    url: str | None
    schedule: tuple[ScheduleEntry, ...]


def _first_date(entry: ScheduleEntry, today: dt.date) -> dt.date | None:
    """The first day the rule produces from its start (or from today when it has none)."""
    anchor = entry.from_ or today
    return next(occurrences(entry, anchor, anchor + dt.timedelta(days=400)), None)


def _event(offer: CalendarOffer, index: int, entry: ScheduleEntry, today: dt.date) -> Event | None:
    first = entry.date if entry.date else _first_date(entry, today)
    if first is None:
        return None
    event = Event()
    event.add("uid", f"{offer.uid}-{index + 1}")
    event.add("summary", offer.summary)
    if offer.description:
        event.add("description", offer.description)
    if offer.location:
        event.add("location", offer.location)
    if offer.url:
        event.add("url", offer.url)
    if entry.time is None:
        event.add("dtstart", first)
        event.add("dtend", first + dt.timedelta(days=1))
    else:
        event.add("dtstart", dt.datetime.combine(first, entry.time.start, BERLIN))
        event.add("dtend", dt.datetime.combine(first, entry.time.end, BERLIN))
    rule: dict[str, object] = {}
    if entry.weekly:
        rule = {"freq": "weekly", "byday": [_BYDAY[d.value] for d in entry.weekly]}
    elif entry.monthly:
        rule = {
            "freq": "monthly",
            "byday": f"{entry.monthly.ordinal}{_BYDAY[entry.monthly.weekday.value]}",
        }
    if rule:
        if entry.until:
            # With a TZID start, RFC 5545 wants UNTIL in UTC.
            end_time = entry.time.end if entry.time else dt.time(23, 59)
            until = dt.datetime.combine(entry.until, end_time, BERLIN).astimezone(dt.UTC)
            rule["until"] = until
        event.add("rrule", vRecur(rule))
        for day in sorted(entry.except_):
            start = entry.time.start if entry.time else dt.time(0)
            event.add("exdate", dt.datetime.combine(day, start, BERLIN))
    return event


def offer_events(offer: CalendarOffer, today: dt.date, stamp: dt.datetime) -> bytes:
    """The serialised VEVENTs of one offer: made once, used in its own and the site's calendar."""
    chunks = []
    for index, entry in enumerate(offer.schedule):
        if entry.by_appointment:
            continue
        event = _event(offer, index, entry, today)
        if event is not None:
            event.add("dtstamp", stamp)
            chunks.append(bytes(event.to_ical()))
    return b"".join(chunks)


@cache
def _timezone(first_year: int, last_year: int) -> bytes:
    """VTIMEZONE of Europe/Berlin for these years, serialised once per run."""
    zone = Timezone.from_tzid(
        "Europe/Berlin", first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year, 1, 1)
    )
    return bytes(zone.to_ical())


def build_calendar(events: Iterable[bytes], name: str, today: dt.date) -> bytes:
    """One VCALENDAR around serialised events, with the time zone they refer to."""
    calendar = Calendar()
    calendar.add("prodid", "-//fzgen//Familienzentrum//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    head, end = bytes(calendar.to_ical()).rsplit(b"END:VCALENDAR", 1)
    # Rules of the time zone from last year to a few years ahead keep the file small.
    zone = _timezone(today.year - 1, today.year + 5)
    return head + zone + b"".join(events) + b"END:VCALENDAR" + end


def has_dates(schedule: Iterable[ScheduleEntry]) -> bool:
    """Whether an offer has any dated entry (and so a calendar file)."""
    return any(not entry.by_appointment for entry in schedule)
