"""An offer's concrete dates: its rules, less the centre's closures and the public
holidays, with cancelled and changed dates marked. Pure; the one expansion every page,
calendar and schema.org value uses."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import holidays

from fzgen.content.model import (
    Cancellation,
    Change,
    Closure,
    Offer,
    OfferStatus,
    ScheduleEntry,
    Site,
    TimeRange,
)

#: How far back `last_day` looks from a rule's `until` for its last date (a rhythm of
#: at most 52 weeks, and closures, fit into it).
_LOOK_BACK = dt.timedelta(days=800)


@dataclass(frozen=True)
class Occurrence:
    """One concrete date of an offer."""

    day: dt.date
    #: The time it takes place at: a changed date's new time, else the rule's.
    time: TimeRange | None
    offer_slug: str
    #: Set when this date does not take place (with the reason, if one is given).
    cancelled: Cancellation | None = None
    #: Set when this date takes place at another time or place (new time, room, location).
    changed: Change | None = None
    #: The rule's time, also for a changed date (`time` is then the new one).
    regular_time: TimeRange | None = None

    @property
    def takes_place(self) -> bool:
        """Whether families meet on this date (it is not cancelled)."""
        return self.cancelled is None


@lru_cache(maxsize=256)
def holiday_days(land: str, year: int) -> frozenset[dt.date]:
    """The public holidays of a German Land (`SH`) in one year."""
    return frozenset(holidays.country_holidays("DE", subdiv=land, years=year))


#: (id of the site, first year, last year, on holidays) → the site and its days off;
#: the site is kept so that its id cannot be reused for another.
_DAYS_OFF: dict[tuple[int, int, int, bool], tuple[Site, frozenset[dt.date]]] = {}


def days_off(
    site: Site, start: dt.date, end: dt.date, on_holidays: bool = False
) -> frozenset[dt.date]:
    """The days on which no rule meets, at least from `start` to `end` (whole years):
    closures, and the public holidays of the site's Land unless `on_holidays`. Made
    once per site and span of years."""
    key = (id(site), start.year, end.year, on_holidays)
    known = _DAYS_OFF.get(key)
    if known is not None and known[0] is site:
        return known[1]
    first, last = dt.date(start.year, 1, 1), dt.date(end.year, 12, 31)
    off: set[dt.date] = set()
    for closure in site.closures:
        day, until = max(closure.from_, first), min(closure.last, last)
        while day <= until:
            off.add(day)
            day += dt.timedelta(days=1)
    land = site.public_holidays
    if land is not None and not on_holidays:
        for year in range(start.year, end.year + 1):
            off.update(holiday_days(land, year))
    if len(_DAYS_OFF) > 256:
        _DAYS_OFF.clear()
    _DAYS_OFF[key] = (site, frozenset(off))
    return _DAYS_OFF[key][1]


def is_day_off(day: dt.date, site: Site, on_holidays: bool = False) -> bool:
    """Whether no offer's rule meets on `day`: a closure, or a public holiday of the
    site's Land (unless the offer meets `on_holidays`)."""
    if any(closure.covers(day) for closure in site.closures):
        return True
    land = site.public_holidays
    return not on_holidays and land is not None and day in holiday_days(land, day.year)


def skips(entry: ScheduleEntry, day: dt.date, site: Site, offer: Offer) -> bool:
    """Whether the rule's `day` falls out: a closure always, a public holiday for a rule
    (a single `date:` was chosen on purpose) unless the offer says `on_holidays`."""
    on_holidays = offer.on_holidays or entry.date is not None
    return is_day_off(day, site, on_holidays)


def offer_dates(
    offer: Offer, site: Site, start: dt.date, end: dt.date, slug: str = ""
) -> Iterator[Occurrence]:
    """Every date of `offer` from `start` to `end` (inclusive), earliest first.

    Cancelled dates are yielded, marked; changed ones carry the change and the new
    time; days of a closure or a public holiday are not yielded at all. A paused or
    ended offer has no dates. Lazy: read only as far as needed.
    """
    if offer.status != OfferStatus.ACTIVE:
        return iter(())
    return _rule_dates(offer, site, start, end, slug)


def _rule_dates(
    offer: Offer, site: Site, start: dt.date, end: dt.date, slug: str
) -> Iterator[Occurrence]:
    """`offer_dates` whatever the offer's status."""
    cancelled = {c.date: c for c in offer.cancelled}
    changed = {c.date: c for c in offer.changed}
    return heapq.merge(
        *(
            _entry_dates(entry, offer, site, start, end, slug, cancelled, changed)
            for entry in offer.schedule
            if not entry.by_appointment
        ),
        key=lambda o: (o.day, o.time.start if o.time else dt.time(0)),
    )


def _entry_dates(
    entry: ScheduleEntry,
    offer: Offer,
    site: Site,
    start: dt.date,
    end: dt.date,
    slug: str,
    cancelled: dict[dt.date, Cancellation],
    changed: dict[dt.date, Change],
) -> Iterator[Occurrence]:
    if entry.date is not None:
        if start <= entry.date <= end and not skips(entry, entry.date, site, offer):
            yield _occurrence(entry, entry.date, slug, cancelled, changed)
        return
    off = days_off(site, start, end, offer.on_holidays)
    for day in entry.days(start, end):
        if day not in off:
            yield _occurrence(entry, day, slug, cancelled, changed)


def _occurrence(
    entry: ScheduleEntry,
    day: dt.date,
    slug: str,
    cancelled: dict[dt.date, Cancellation],
    changed: dict[dt.date, Change],
) -> Occurrence:
    change = changed.get(day) if changed else None
    time = change.time if change is not None and change.time is not None else entry.time
    return Occurrence(
        day, time, slug, cancelled.get(day) if cancelled else None, change, entry.time
    )


def next_occurrences(
    offer: Offer, site: Site, slug: str, today: dt.date, days: int, count: int, soon: int
) -> list[Occurrence]:
    """The offer's next dates within `days` days, earliest first: the first `count` of
    them, and every one of the next `soon` days (cancelled ones included, marked)."""
    end = today + dt.timedelta(days=days)
    soon_end = today + dt.timedelta(days=soon)
    found: list[Occurrence] = []
    for occurrence in offer_dates(offer, site, today, end, slug):
        if len(found) >= count and occurrence.day > soon_end:
            break
        found.append(occurrence)
    return found


def changes_ahead(
    offer: Offer, site: Site, today: dt.date, days: int = 14, slug: str = ""
) -> list[Occurrence]:
    """The cancelled and changed dates from `today` to `today + days` (inclusive)."""
    if not offer.cancelled and not offer.changed:
        return []
    end = today + dt.timedelta(days=days)
    return [o for o in offer_dates(offer, site, today, end, slug) if o.cancelled or o.changed]


def closures_ahead(site: Site, today: dt.date, days: int = 14) -> list[Closure]:
    """The closures that last on `today` or begin within `days` days, earliest first."""
    horizon = today + dt.timedelta(days=days)
    return sorted(
        (c for c in site.closures if c.last >= today and c.from_ <= horizon),
        key=lambda c: (c.from_, c.last),
    )


def last_day(offer: Offer, site: Site) -> dt.date | None:
    """The last day the offer meets (cancelled dates do not count); None when it has
    no end (a rule without `until`, or by appointment) or no date at all."""
    if any(e.by_appointment or (e.date is None and e.until is None) for e in offer.schedule):
        return None
    ends = [e.date or e.until for e in offer.schedule]
    latest = max(day for day in ends if day is not None)
    earliest = min((e.date or e.from_ or (latest - _LOOK_BACK)) for e in offer.schedule)
    last = None
    for occurrence in _rule_dates(offer, site, earliest, latest, ""):
        if occurrence.takes_place:
            last = occurrence.day
    return last
