"""Calendar files (RFC 5545) for offers, built with the icalendar library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vRecur, vText, vUri
from icalendar.parser import Contentline, Parameters

from fzgen.content.model import ScheduleEntry
from fzgen.pages.schedule import occurrences

BERLIN = ZoneInfo("Europe/Berlin")
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class CalendarOffer:
    """The texts of one offer's calendar entries, already in the reader's language."""

    uid: str
    summary: str
    description: str
    location: str
    url: str | None


def _first_date(entry: ScheduleEntry, today: dt.date) -> dt.date | None:
    """The first day the rule produces from its start (or from today when it has none)."""
    anchor = entry.from_ or today
    return next(occurrences(entry, anchor, anchor + dt.timedelta(days=400)), None)


def _timing(uid: str, entry: ScheduleEntry, today: dt.date, stamp: dt.datetime) -> Event | None:
    """The language-independent part of one entry's VEVENT: uid, start, end, rules, stamp."""
    first = entry.date if entry.date else _first_date(entry, today)
    if first is None:
        return None
    event = Event()
    event.add("uid", uid)
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
    event.add("dtstamp", stamp)
    return event


#: RFC 5545 folds content lines of this many octets or more.
_FOLD_FROM = 75


def _inner_lines(component: Event | Calendar) -> bytes:
    """A component's property lines, without its BEGIN and END lines."""
    # What component.to_ical() does, with `_folded` lines.
    lines = b"\r\n".join(_folded(line) for line in component.content_lines() if line) + b"\r\n"
    return lines[lines.index(b"\r\n") + 2 : lines.rindex(b"END:")]


def event_timings(
    uid: str, schedule: Iterable[ScheduleEntry], today: dt.date, stamp: dt.datetime
) -> tuple[bytes, ...]:
    """The serialised language-independent lines of each dated entry: made once per offer."""
    timings = []
    for index, entry in enumerate(schedule):
        if entry.by_appointment:
            continue
        event = _timing(f"{uid}-{index + 1}", entry, today, stamp)
        if event is not None:
            timings.append(_inner_lines(event))
    return tuple(timings)


def offer_events(offer: CalendarOffer, timings: tuple[bytes, ...]) -> bytes:
    """The serialised VEVENTs of one offer in one language: used in its own and the site's calendar.

    Only the texts are serialised per language (and the same texts once, as
    untranslated ones recur in several languages); the dates and rules come
    from `event_timings`.
    """
    lines = _text_lines(offer.summary, offer.description, offer.location)
    if offer.url:
        lines += _line("URL", vUri(offer.url))
    return b"".join(b"BEGIN:VEVENT\r\n" + timing + lines + b"END:VEVENT\r\n" for timing in timings)


def _line(name: str, value: vText | vUri) -> bytes:
    """One property line, escaped and folded by icalendar (a whole component costs 4x more)."""
    return _folded(Contentline.from_parts(name, Parameters(), value)) + b"\r\n"


def _folded(line: Contentline) -> bytes:
    """`line.to_ical()`: icalendar folds character by character in Python, and a line
    shorter than the fold limit (most of them) comes out unchanged, so it is taken
    as it is (the same bytes, tested against icalendar's fold)."""
    encoded = str(line).encode()
    return encoded if len(encoded) < _FOLD_FROM else bytes(line.to_ical())  # type: ignore[no-untyped-call]


@lru_cache(maxsize=65536)
def _text_lines(summary: str, description: str, location: str) -> bytes:
    """The text properties, each line escaped and folded by icalendar."""
    lines = [_line("SUMMARY", vText(summary))]
    if description:
        lines.append(_line("DESCRIPTION", vText(description)))
    if location:
        lines.append(_line("LOCATION", vText(location)))
    return b"".join(lines)


@cache
def _timezone(first_year: int, last_year: int) -> bytes:
    """VTIMEZONE of Europe/Berlin for these years, serialised once per run."""
    zone = Timezone.from_tzid(
        "Europe/Berlin", first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year, 1, 1)
    )
    return bytes(zone.to_ical())


@cache
def _calendar_head() -> tuple[bytes, bytes]:
    """The fixed lines of every calendar, before and after its name."""
    before, after = Calendar(), Calendar()
    before.add("prodid", "-//fzgen//Familienzentrum//DE")
    before.add("version", "2.0")
    before.add("calscale", "GREGORIAN")
    after.add("x-wr-timezone", "Europe/Berlin")
    return _inner_lines(before), _inner_lines(after)


def build_calendar(events: Iterable[bytes], name: str, today: dt.date) -> bytes:
    """One VCALENDAR around serialised events, with the time zone they refer to."""
    before, after = _calendar_head()
    named = _line("X-WR-CALNAME", vText(name))
    # Rules of the time zone from last year to a few years ahead keep the file small.
    zone = _timezone(today.year - 1, today.year + 5)
    return (
        b"BEGIN:VCALENDAR\r\n"
        + before
        + named
        + after
        + zone
        + b"".join(events)
        + b"END:VCALENDAR\r\n"
    )


def has_dates(schedule: Iterable[ScheduleEntry]) -> bool:
    """Whether an offer has any dated entry (and so a calendar file)."""
    return any(not entry.by_appointment for entry in schedule)
