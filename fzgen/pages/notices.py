"""What families must know before they set out: cancelled and changed dates, the
centre's closing days, and whether an offer still takes place, in the reader's language.

Pure: made from the expanded dates (`fzgen.pages.dates`) and a catalogue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup, escape

from fzgen.content.fields import Text
from fzgen.content.model import Change, Closure, OfferStatus, Site
from fzgen.pages.dates import Occurrence
from fzgen.theme.catalogue import Catalogue

#: Turns a content text into HTML in the reader's language, marking a fallback.
TextMarkup = Callable[[Text | None], Markup]


@dataclass(frozen=True)
class Notice:
    """A cancelled or changed date of an offer, or days the whole centre is closed."""

    #: What it says: `cancelled`, `changed` or `closed`.
    kind: Literal["cancelled", "changed", "closed"]
    #: The sentence: "Fällt aus am Donnerstag, 21. Januar 2027."
    text: Markup
    #: The reason given, marked where it falls back; empty when none is given.
    reason: Markup
    #: The (first) day it concerns, as `2027-01-21` (for `<time datetime>`).
    day: str


@dataclass(frozen=True)
class DateLine:
    """One date in a list of dates; printed as it is, it shows `when`."""

    #: The day and time in words; a changed date at its new time.
    when: str
    #: The day (and time) as `2027-01-21` or `2027-01-21T15:00`, for `<time datetime>`.
    datetime: str
    #: `cancelled`, `changed`, or empty when the date takes place as usual.
    status: Literal["", "cancelled", "changed"]
    #: For a changed date, its new room or place; empty when there is nothing to add.
    note: Markup
    #: Why it is cancelled or changed, marked where it falls back; empty when none is given.
    reason: Markup
    #: `when` as HTML, its time range kept on one line: what `{{ when }}` prints.
    html: Markup

    def __str__(self) -> str:
        return self.when

    def __html__(self) -> Markup:
        return self.html


def machine_datetime(occurrence: Occurrence) -> str:
    """`2027-01-21T15:00` (or the day alone when it has no time), for `<time datetime>`."""
    day = occurrence.day.isoformat()
    if occurrence.time is None:
        return day
    return f"{day}T{occurrence.time.start.strftime('%H:%M')}"


class NoticeWriter:
    """Writes notices and dates in one language for one site."""

    def __init__(self, cat: Catalogue, text: TextMarkup, name: TextMarkup, site: Site) -> None:
        self.cat = cat
        self.text = text
        #: A proper name (a partner's): never marked as untranslated.
        self.name = name
        self.site = site

    def when(self, occurrence: Occurrence) -> str:
        """`Dienstag, 1. Dezember 2026, 09:30–11:00` in the reader's language."""
        day = self.cat.date(occurrence.day, "full")
        if occurrence.time is None:
            return day
        time = self.cat.time_range(occurrence.time.start, occurrence.time.end)
        return self.cat("schedule.with_time", when=day, time=time)

    def when_html(self, occurrence: Occurrence) -> Markup:
        """`when` as HTML, the time range in an element no line break splits."""
        day = self.cat.date(occurrence.day, "full")
        if occurrence.time is None:
            return escape(day)
        time = self.cat.time_range_html(occurrence.time.start, occurrence.time.end)
        return self.cat.markup("schedule.with_time", when=day, time=time)

    def date_line(self, occurrence: Occurrence) -> DateLine:
        """One date of a list, marked where it is cancelled or changed."""
        status: Literal["", "cancelled", "changed"] = ""
        note = reason = Markup("")
        if occurrence.cancelled is not None:
            status, reason = "cancelled", self.text(occurrence.cancelled.reason)
        elif occurrence.changed is not None:
            change = occurrence.changed
            # The new time is in the date itself; the room or place is said here.
            note = self.cat.markup("offer.separator").join(self._changed_place(change))
            status, reason = "changed", self.text(change.reason)
        when, machine = self.when(occurrence), machine_datetime(occurrence)
        return DateLine(when, machine, status, note, reason, self.when_html(occurrence))

    def _changed_place(self, change: Change) -> list[Markup]:
        parts: list[Markup] = []
        if change.room is not None:
            parts.append(self.cat.markup("notice.new_room", room=self.text(change.room)))
        location = change.location
        if isinstance(location, str):
            partner = self.site.partner(location)
            if partner is not None:
                place = self.name(partner.name)
                parts.append(self.cat.markup("notice.new_place", place=place))
        elif location is not None:
            address = f"{location.street}, {location.postal_code} {location.city}"
            if location.name:
                address = f"{location.name}, {address}"
            place = Markup("<bdi>{}</bdi>").format(address)
            parts.append(self.cat.markup("notice.new_place", place=place))
        return parts

    def change_notice(self, occurrence: Occurrence) -> Notice:
        """ "Fällt aus am …" or "Geändert am …: neue Uhrzeit …, Raum: …" with the reason."""
        date = self.cat.date(occurrence.day, "full")
        if occurrence.cancelled is not None:
            text = self.cat.markup("notice.cancelled", date=date)
            reason = self.text(occurrence.cancelled.reason)
            return Notice("cancelled", text, reason, occurrence.day.isoformat())
        change = occurrence.changed
        assert change is not None
        details = self._changed_place(change)
        if change.time is not None:
            time = self.cat.time_range_html(change.time.start, change.time.end)
            details.insert(0, self.cat.markup("notice.new_time", time=time))
        joined = Markup(self.cat.markup("offer.separator")).join(details)
        text = self.cat.markup("notice.changed", date=date, details=joined)
        return Notice("changed", text, self.text(change.reason), occurrence.day.isoformat())

    def closure_notice(self, closure: Closure, today: dt.date) -> Notice:
        """ "Das Familienzentrum ist vom … bis … geschlossen." (or on one day, or until …)."""
        cat = self.cat
        if closure.from_ == closure.last:
            text = cat.markup("notice.closed_day", date=cat.date(closure.from_, "full"))
        elif closure.from_ <= today:
            text = cat.markup("notice.closed_until", end=cat.date(closure.last, "full"))
        else:
            start, end = cat.date(closure.from_), cat.date(closure.last)
            text = cat.markup("notice.closed_range", start=start, end=end)
        return Notice("closed", text, self.text(closure.reason), closure.from_.isoformat())

    def status(self, status: OfferStatus, past: bool) -> tuple[str, str]:
        """The word for a card (`Pausiert`) and the sentence for the page; empty while
        the offer takes place."""
        if status == OfferStatus.PAUSED:
            return self.cat("notice.paused"), self.cat("notice.page_paused")
        if status == OfferStatus.ENDED:
            return self.cat("notice.ended"), self.cat("notice.page_ended")
        if past:
            return self.cat("notice.ended"), self.cat("notice.page_past")
        return "", ""
