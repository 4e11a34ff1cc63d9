"""The calendar files of a site: one per offer with dates, and the site's of all offers."""

from __future__ import annotations

import datetime as dt

from fzgen.content.fields import Text
from fzgen.content.loader import SiteContent
from fzgen.content.model import Address, Change
from fzgen.pages.calendar import (
    CalendarOffer,
    Timing,
    build_calendar,
    event_timings,
    offer_events,
)
from fzgen.pages.views import OfferView, SiteViews


class SiteCalendars:
    """A site's calendars in each language; an offer's dates are serialised once, its
    events once per language, and both kept until the offer changes."""

    def __init__(self, site: SiteContent, today: dt.date, base_url: str | None) -> None:
        self.site = site
        self.today = today
        self.base_url = base_url
        self._stamp = dt.datetime.combine(today, dt.time(0), dt.UTC)
        #: (language, offer slug) → the offer's VEVENTs in that language.
        self._events: dict[tuple[str, str], bytes] = {}
        #: offer slug → its dates and rules, serialised (the same in every language).
        self._timings: dict[str, tuple[Timing, ...]] = {}

    def files(self, views: SiteViews, slugs: set[str]) -> dict[str, bytes]:
        """The calendars of these offers and the site's calendar of all offers, in one language."""
        slug = self.site.slug
        files: dict[str, bytes] = {}
        events = []
        for offer in views.offers:
            chunk = self.events(offer, views.language)
            events.append(chunk)
            if offer.calendar_href and offer.slug in slugs:
                files[f"{slug}/{offer.calendar_href}"] = build_calendar(
                    [chunk], offer.title_text, self.today
                )
        files[f"{slug}/{views.href('kalender.ics')}"] = build_calendar(
            events, views.loc.plain(self.site.site.name), self.today
        )
        return files

    def events(self, offer: OfferView, language: str) -> bytes:
        """An offer's VEVENTs in one language."""
        key = (language, offer.slug)
        if key not in self._events:
            calendar_offer = self._calendar_offer(offer, language)
            if offer.slug not in self._timings:
                self._timings[offer.slug] = event_timings(
                    calendar_offer.uid, offer.source, self.site.site, self.today, self._stamp
                )
            self._events[key] = offer_events(calendar_offer, self._timings[offer.slug])
        return self._events[key]

    def forget(self, site: SiteContent, slugs: set[str]) -> None:
        """Drop what these offers' calendars were made from (edited, added or removed)."""
        self.site = site
        for slug in slugs:
            self._timings.pop(slug, None)
        for key in [key for key in self._events if key[1] in slugs]:
            del self._events[key]

    def _calendar_offer(self, offer: OfferView, language: str) -> CalendarOffer:
        url = f"{self.base_url}{offer.href}" if self.base_url else None
        host = (self.base_url or "").split("//")[-1].strip("/") or f"{self.site.slug}.fzgen"
        location = offer.place.one_line if offer.place else ""
        return CalendarOffer(
            uid=f"{offer.slug}@{host}",
            summary=offer.title_text,
            description=offer.summary_text,
            location=location,
            url=url,
            changed_locations={
                change.date: self._changed_place(change, location, language)
                for change in offer.source.changed
                if change.room is not None or change.location is not None
            },
        )

    def _changed_place(self, change: Change, regular: str, language: str) -> str:
        """Room and address of a date that takes place elsewhere, in the reader's language."""
        place = regular
        if isinstance(change.location, str):
            partner = self.site.site.partner(change.location)
            place = _one_line(partner.address) if partner else regular
        elif change.location is not None:
            place = _one_line(change.location)
        return ", ".join(part for part in (_in_language(change.room, language), place) if part)


def _one_line(address: Address | object) -> str:
    """Street, postal code and town on one line."""
    street, code, city = (getattr(address, name) for name in ("street", "postal_code", "city"))
    return f"{street}, {code} {city}"


def _in_language(text: Text | None, language: str) -> str:
    return "" if text is None else text.get(language) or text.original
