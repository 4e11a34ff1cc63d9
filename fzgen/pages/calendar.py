"""Calendar files (RFC 5545) for offers, built with the icalendar library.

Each rule is one VEVENT with its RRULE (INTERVAL for `every`, several BYDAY ordinals
for several monthly rules) and EXDATEs for the days it names that do not take place:
`except` and cancelled days, closures, and public holidays up to a year ahead. A
changed date is a second VEVENT with the same UID and a RECURRENCE-ID. A calendar
reader thus expands a file to exactly the dates `fzgen.pages.dates.offer_dates`
gives (within the year the pages look ahead).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vRecur, vText, vUri
from icalendar.parser import Contentline, Parameters

from fzgen.content.model import Change, Offer, OfferStatus, ScheduleEntry, Site, TimeRange
from fzgen.pages.dates import days_off, skips

BERLIN = ZoneInfo("Europe/Berlin")
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
#: How far ahead EXDATEs for public holidays are written (as far as pages list dates).
HOLIDAYS_AHEAD = dt.timedelta(days=365)
#: No EXDATE is written further ahead than this (a rule `until: 2199-12-31` would
#: otherwise list two centuries of holidays).
EXCLUDED_AHEAD = dt.timedelta(days=3 * 365)


@dataclass(frozen=True)
class CalendarOffer:
    """The texts of one offer's calendar entries, already in the reader's language."""

    uid: str
    summary: str
    description: str
    location: str
    url: str | None
    #: The place of each changed date that takes place elsewhere (room, address).
    changed_locations: Mapping[dt.date, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Timing:
    """The serialised language-independent lines of one VEVENT; `changed` is the date
    of a changed occurrence, whose place may differ."""

    lines: bytes
    changed: dt.date | None = None


@dataclass(frozen=True)
class _RuleDates:
    """What one rule's VEVENTs need of the offer's dates."""

    first: dt.date
    #: The rule's days that do not take place: except, cancelled, closed, holidays.
    excluded: tuple[dt.date, ...]
    #: The changed dates that take place, with their change.
    changed: Mapping[dt.date, Change]


def event_timings(
    uid: str, offer: Offer, site: Site, today: dt.date, stamp: dt.datetime
) -> tuple[Timing, ...]:
    """The serialised language-independent lines of each VEVENT: made once per offer.

    A paused or ended offer has none (its calendar stays, empty).
    """
    if offer.status != OfferStatus.ACTIVE:
        return ()
    timings: list[Timing] = []
    for index, entry in enumerate(offer.schedule):
        entry_uid = f"{uid}-{index + 1}"
        if entry.date is not None:
            timings.extend(_single(entry_uid, entry, entry.date, offer, site, stamp))
            continue
        dates = _rule_dates(entry, offer, site, today)
        if dates is None:
            continue
        timings.append(Timing(_inner_lines(_rule_event(entry_uid, entry, dates, stamp))))
        for day, change in dates.changed.items():
            event = _event(entry_uid, day, change.time or entry.time, stamp)
            event.add("recurrence-id", _start(day, entry.time))
            timings.append(Timing(_inner_lines(event), day))
    return tuple(timings)


def _single(
    uid: str, entry: ScheduleEntry, day: dt.date, offer: Offer, site: Site, stamp: dt.datetime
) -> list[Timing]:
    """A single date's VEVENT: none when it is cancelled or the centre is closed."""
    if any(c.date == day for c in offer.cancelled) or skips(entry, day, site, offer):
        return []
    change = next((c for c in offer.changed if c.date == day), None)
    time = change.time if change is not None and change.time else entry.time
    event = _event(uid, day, time, stamp)
    return [Timing(_inner_lines(event), day if change else None)]


def _start(day: dt.date, time: TimeRange | None) -> dt.date | dt.datetime:
    return dt.datetime.combine(day, time.start, BERLIN) if time else day


def _event(uid: str, day: dt.date, time: TimeRange | None, stamp: dt.datetime) -> Event:
    """A VEVENT with uid, start, end and stamp."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstart", _start(day, time))
    if time is None:
        event.add("dtend", day + dt.timedelta(days=1))
    else:
        event.add("dtend", dt.datetime.combine(day, time.end, BERLIN))
    event.add("dtstamp", stamp)
    return event


def _rule_dates(
    entry: ScheduleEntry, offer: Offer, site: Site, today: dt.date
) -> _RuleDates | None:
    """The first day, the excluded days and the changes of one rule's dates.

    Days off are excluded from the first day to `until`, or, for a rule without end,
    to a year ahead or the last cancelled, except or closed day, whichever is later;
    never more than three years ahead.
    """
    anchor = entry.from_ or today
    first = next(entry.days(anchor, anchor + dt.timedelta(weeks=60 * entry.every)), None)
    if first is None:
        return None
    cancelled = {c.date for c in offer.cancelled}
    skipped = set(entry.except_) | cancelled
    explicit = [*skipped, *(c.last for c in site.closures)]
    end = min(entry.until or max([today + HOLIDAYS_AHEAD, *explicit]), today + EXCLUDED_AHEAD)
    off = days_off(site, first, end, offer.on_holidays)
    excluded = tuple(
        day for day in entry.days(first, end, with_except=True) if day in skipped or day in off
    )
    changed = {
        c.date: c
        for c in sorted(offer.changed, key=lambda c: c.date)
        if c.date >= first and entry.meets_on(c.date) and c.date not in excluded
    }
    return _RuleDates(first, excluded, changed)


def _rule_event(uid: str, entry: ScheduleEntry, dates: _RuleDates, stamp: dt.datetime) -> Event:
    """The VEVENT of a weekly or monthly rule, with its RRULE and EXDATEs."""
    event = _event(uid, dates.first, entry.time, stamp)
    rule: dict[str, object]
    if entry.weekly:
        rule = {"freq": "weekly", "byday": [_BYDAY[d.value] for d in entry.weekly]}
        if entry.every > 1:
            # Weeks are counted from Monday, as `ScheduleEntry.days` counts them.
            rule["interval"] = entry.every
            rule["wkst"] = "MO"
    else:
        assert entry.monthly is not None
        rule = {
            "freq": "monthly",
            "byday": [f"{r.ordinal}{_BYDAY[r.weekday.value]}" for r in entry.monthly],
        }
    if entry.until:
        # With a TZID start, RFC 5545 wants UNTIL in UTC.
        end_time = entry.time.end if entry.time else dt.time(23, 59)
        rule["until"] = dt.datetime.combine(entry.until, end_time, BERLIN).astimezone(dt.UTC)
    event.add("rrule", vRecur(rule))
    if dates.excluded:
        event.add("exdate", [_start(day, entry.time) for day in dates.excluded])
    return event


#: RFC 5545 folds content lines of this many octets or more.
_FOLD_FROM = 75


def _inner_lines(component: Event | Calendar) -> bytes:
    """A component's property lines, without its BEGIN and END lines."""
    # What component.to_ical() does, with `_folded` lines.
    lines = b"\r\n".join(_folded(line) for line in component.content_lines() if line) + b"\r\n"
    return lines[lines.index(b"\r\n") + 2 : lines.rindex(b"END:")]


def offer_events(offer: CalendarOffer, timings: tuple[Timing, ...]) -> bytes:
    """The serialised VEVENTs of one offer in one language: used in its own and the site's calendar.

    Only the texts are serialised per language (and the same texts once, as
    untranslated ones recur in several languages); the dates and rules come
    from `event_timings`. A changed date taking place elsewhere names that place.
    """
    url = _line("URL", vUri(offer.url)) if offer.url else b""
    regular = _text_lines(offer.summary, offer.description, offer.location) + url
    events = []
    for timing in timings:
        lines = regular
        if timing.changed is not None and timing.changed in offer.changed_locations:
            place = offer.changed_locations[timing.changed]
            lines = _text_lines(offer.summary, offer.description, place) + url
        events.append(b"BEGIN:VEVENT\r\n" + timing.lines + lines + b"END:VEVENT\r\n")
    return b"".join(events)


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
