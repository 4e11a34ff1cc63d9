"""A year's figures of one site, counted from its offers, schedules and closures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from fzgen.content.loaded import OfferFile, SiteContent
from fzgen.content.model import Category, Offer, OfferStatus, Site
from fzgen.pages.dates import offer_dates

#: Durchführungshinweis 5: low-threshold offers such as the Elterncafé (a meeting
#: point), baby massage or the crying-baby consultation (offers for babies).
LOW_THRESHOLD = frozenset({Category.MEETING, Category.BABY})
#: Durchführungshinweis 6: offers with the focus on integration.
INTEGRATION = frozenset({Category.INTEGRATION})
MONTHS = range(1, 13)


@dataclass(frozen=True)
class Cancelled:
    """One date that did not (or will not) take place."""

    day: dt.date
    offer: str
    reason: str | None


@dataclass(frozen=True)
class OfferFigures:
    """One offer in one year: what it is and how often it met."""

    slug: str
    title: str
    offer: Offer
    #: Dates that take place, per month (index 0 is January).
    held: tuple[int, ...]
    #: Dates that were cancelled, per month.
    cancelled: tuple[int, ...]
    #: Dates taking place after the report's day (already part of `held`).
    planned: int
    #: The days that take place, for the attendance list to be checked against.
    days: frozenset[dt.date]
    cancellations: tuple[Cancelled, ...]

    @property
    def total(self) -> int:
        """Dates that take place in the year."""
        return sum(self.held)

    @property
    def by_appointment(self) -> bool:
        """Whether some of its dates are arranged one by one (not in the counts)."""
        return any(entry.by_appointment for entry in self.offer.schedule)

    @property
    def dated(self) -> bool:
        """Whether it has dates of its own (a rule or a single date) and takes place."""
        scheduled = any(not entry.by_appointment for entry in self.offer.schedule)
        return scheduled and self.offer.status == OfferStatus.ACTIVE

    @property
    def in_year(self) -> bool:
        """Whether it belongs to the year: a date in it (held or cancelled), or it takes
        place by appointment."""
        arranged = self.by_appointment and self.offer.status == OfferStatus.ACTIVE
        return arranged or bool(self.total or sum(self.cancelled))

    @property
    def low_threshold(self) -> bool:
        """A low-threshold offer in the sense of Durchführungshinweis 5."""
        return bool(LOW_THRESHOLD & set(self.offer.categories))

    @property
    def integration(self) -> bool:
        """An integration offer in the sense of Durchführungshinweis 6."""
        return bool(INTEGRATION & set(self.offer.categories))


def text_in(value: object, language: str) -> str:
    """A content text in `language` where it has one, else in the source language."""
    get = getattr(value, "get", None)
    original = getattr(value, "original", None)
    if get is None or original is None:
        return str(value)
    found = get(language)
    return str(found if found is not None else original)


def count_offer(
    entry: OfferFile, site: Site, year: int, today: dt.date, language: str
) -> OfferFigures:
    """How often one offer meets in `year`: per month, cancelled apart, planned after `today`."""
    held, cancelled = [0] * 12, [0] * 12
    days: set[dt.date] = set()
    cancellations: list[Cancelled] = []
    title = text_in(entry.offer.title, language)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    for occurrence in offer_dates(entry.offer, site, start, end, entry.slug):
        month = occurrence.day.month - 1
        if occurrence.cancelled is None:
            held[month] += 1
            days.add(occurrence.day)
            continue
        cancelled[month] += 1
        reason = occurrence.cancelled.reason
        text = text_in(reason, language) if reason is not None else None
        cancellations.append(Cancelled(occurrence.day, title, text))
    planned = sum(1 for day in days if day > today)
    return OfferFigures(
        entry.slug,
        title,
        entry.offer,
        tuple(held),
        tuple(cancelled),
        planned,
        frozenset(days),
        tuple(cancellations),
    )


@dataclass(frozen=True)
class Group:
    """Offers that share a property (a category, an audience, a language, a partner)."""

    key: str
    offers: tuple[OfferFigures, ...]

    @property
    def dates(self) -> int:
        """The dates the offers of the group take place in the year."""
        return sum(offer.total for offer in self.offers)


def grouped(
    offers: Iterable[OfferFigures], keys: Mapping[str, Iterable[str]], order: Iterable[str]
) -> list[Group]:
    """The offers under each key of `order` whose `keys[slug]` name it; empty groups left out."""
    offers = list(offers)
    groups = [
        Group(key, tuple(offer for offer in offers if key in set(keys[offer.slug])))
        for key in order
    ]
    return [group for group in groups if group.offers]


@dataclass(frozen=True)
class SiteFigures:
    """Everything the report says about one site in one year."""

    content: SiteContent
    year: int
    today: dt.date
    offers: tuple[OfferFigures, ...]
    #: The language the report is written in; content texts are taken in it where written.
    language: str = "de"

    @property
    def site(self) -> Site:
        """The site's `site.yaml`."""
        return self.content.site

    @property
    def in_year(self) -> tuple[OfferFigures, ...]:
        """The offers of the year: with a date in it, or by appointment."""
        return tuple(offer for offer in self.offers if offer.in_year)

    @property
    def dated(self) -> tuple[OfferFigures, ...]:
        """Offers with dates in the year."""
        return tuple(o for o in self.offers if o.dated and (o.total or sum(o.cancelled)))

    @property
    def undated(self) -> tuple[OfferFigures, ...]:
        """Offers by appointment, paused, ended or without a date in the year: not, or
        not wholly, in the date counts."""
        return tuple(o for o in self.offers if o.by_appointment or not o.in_year or not o.dated)

    def per_month(self) -> tuple[int, ...]:
        """Dates of all offers per month."""
        return tuple(sum(offer.held[m] for offer in self.offers) for m in range(12))

    def cancellations(self) -> list[Cancelled]:
        """Every cancelled date of the year, earliest first."""
        found = [c for offer in self.offers for c in offer.cancellations]
        return sorted(found, key=lambda c: (c.day, c.offer))

    def closures(self) -> list[tuple[dt.date, dt.date, str | None]]:
        """The site's closures that touch the year: first day, last day, reason."""
        start, end = dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        return [
            (c.from_, c.last, text_in(c.reason, self.language) if c.reason else None)
            for c in sorted(self.site.closures, key=lambda c: c.from_)
            if c.from_ <= end and c.last >= start
        ]


def count_site(content: SiteContent, year: int, today: dt.date, language: str) -> SiteFigures:
    """The figures of one site: every published offer counted over `year`."""
    offers = tuple(
        count_offer(entry, content.site, year, today, language)
        for entry in content.published_offers
    )
    return SiteFigures(content, year, today, offers, language)
