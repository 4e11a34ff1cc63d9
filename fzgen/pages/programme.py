"""The printable programme as a flyer: a week from Monday to Sunday of the regular offers,
then the dated events, the offers by appointment, and a QR code of the site's address. Pure.

With each offer's entry (`partials/programme_entry.html`) a family finds on the
fridge door what it needs to go there: the time, the place, the languages it is held
in, what it costs and whom to call to register.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

import segno
from markupsafe import Markup

from fzgen.content.model import ScheduleEntry
from fzgen.pages.notices import DateLine
from fzgen.pages.schedule import WEEKDAY_KEYS, describe, monthly_words, weekday_key
from fzgen.pages.views import OfferView, SiteViews
from fzgen.theme.catalogue import Catalogue


@dataclass(frozen=True)
class FlyerEntry:
    """One offer at one time on the printed programme: a slot of the week or a dated event.

    What the offer is, where, in which languages, what it costs and whom to call to
    register is the offer's `programme_entries[entry.offer.slug]`, the same each time.
    """

    #: In the week, the time ("09:30–11:00"); for an event, the day and time in words;
    #: a time range as `Markup` that keeps it on one line, in the page's direction.
    when: str
    #: How often it meets beyond "every week" ("every 2 weeks", "every first Thursday of
    #: the month") and from when until when; empty for a plain weekly slot and for events.
    rhythm: str
    #: `cancelled` or `changed` for an event's date; empty otherwise.
    status: Literal["", "cancelled", "changed"]
    #: The offer.
    offer: OfferView


class FlyerDay(NamedTuple):
    """One day of the week: `{% for day in week %}{{ day.name }}…{% endfor %}`."""

    #: The weekday's catalogue key (`monday`).
    key: str
    #: The weekday in the page's language.
    name: str
    #: Its regular offers, earliest first; empty on a day without any.
    entries: tuple[FlyerEntry, ...]


@dataclass(frozen=True)
class Flyer:
    """What the flyer shows besides the layout values."""

    week: tuple[FlyerDay, ...]
    events: tuple[FlyerEntry, ...]
    by_appointment: tuple[FlyerEntry, ...]
    web_address: str | None
    qr_code: Markup


def make_flyer(views: SiteViews, base_url: str | None) -> Flyer:
    """The week, the events and the QR code of the site's address in the views' language."""
    week = tuple(
        FlyerDay(key, views.cat(f"weekday.{key}"), _day_entries(views, key)) for key in WEEKDAY_KEYS
    )
    address = f"{base_url}{views.href('')}" if base_url else None
    appointments = tuple(
        _entry(views, offer, views.cat("schedule.by_appointment"))
        for offer in views.listed
        if "by_appointment" in offer.kinds
    )
    qr = qr_code(address) if address else Markup("")
    return Flyer(week, _events(views), appointments, address, qr)


def _day_entries(views: SiteViews, day: str) -> tuple[FlyerEntry, ...]:
    """The regular offers of one weekday, by the time they begin."""
    found: list[tuple[dt.time, FlyerEntry]] = []
    for offer in views.listed:
        for entry in offer.source.schedule:
            rhythm = _rhythm(entry, day, views.cat, views.today)
            if rhythm is None:
                continue
            start = entry.time.start if entry.time else dt.time(0)
            when = (
                views.cat.time_range_html(entry.time.start, entry.time.end)
                if entry.time
                else views.cat("schedule.all_day")
            )
            found.append((start, _entry(views, offer, when, rhythm)))
    found.sort(key=lambda item: (item[0], item[1].offer.title_text))
    return tuple(entry for _start, entry in found)


def _rhythm(entry: ScheduleEntry, day: str, cat: Catalogue, today: dt.date) -> str | None:
    """How often the entry meets on `day` beyond every week, and until when (from when
    too, where that lies ahead); None when it does not meet on that weekday."""
    if entry.weekly and any(weekday_key(d.value) == day for d in entry.weekly):
        words = [cat.plural("schedule.every_weeks", entry.every)] if entry.every > 1 else []
    elif entry.monthly and any(weekday_key(r.weekday.value) == day for r in entry.monthly):
        rules = [r for r in entry.monthly if weekday_key(r.weekday.value) == day]
        words = [monthly_words(rules, cat)]
    else:
        return None
    if entry.from_ and entry.from_ > today:
        period = describe(entry, cat).period  # a rule that has not begun yet: from and until
    else:
        period = cat("schedule.until", end=cat.date(entry.until)) if entry.until else None
    return cat("offer.separator").join([*words, *([period] if period else [])])


def _events(views: SiteViews) -> tuple[FlyerEntry, ...]:
    """The coming dates of the offers' single dates, earliest first."""
    found: list[tuple[tuple[dt.date, dt.time], FlyerEntry]] = []
    for offer in views.listed:
        singles = {entry.date for entry in offer.source.schedule if entry.date}
        for occurrence in views.facts[offer.slug].dates:
            if occurrence.day in singles:
                line: DateLine = views.writer.date_line(occurrence)
                start = occurrence.time.start if occurrence.time else dt.time(0)
                entry = _entry(views, offer, line.html, "", line.status)
                found.append(((occurrence.day, start), entry))
    found.sort(key=lambda item: item[0])
    return tuple(entry for _key, entry in found)


def _entry(
    views: SiteViews,
    offer: OfferView,
    when: str,
    rhythm: str = "",
    status: Literal["", "cancelled", "changed"] = "",
) -> FlyerEntry:
    return FlyerEntry(when, rhythm, status, offer)


def pdf_name(site: str, language: str) -> str:
    """The PDF's file name in the programme's folder: a download keeps saying what it is."""
    return f"programm-{site}-{language}.pdf"


@lru_cache(maxsize=256)
def qr_code(address: str) -> Markup:
    """The QR code of `address` as inline SVG, hidden from screen readers: the address
    stands beside it as text. Made here, so the page asks no other host for it.

    Made once per address and process: it took 6 ms, more than the rest of the
    programme page, and the preview renders that page again on every edit."""
    code = segno.make(address, error="m")
    svg = code.svg_inline(omitsize=True, svgclass="qr-code", lineclass=None, border=2)
    # segno writes `<svg viewBox=…>`; the attributes are added to its first tag.
    return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))
