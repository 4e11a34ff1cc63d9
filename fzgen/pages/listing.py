"""How the lists show offers: by weekday, by category, by filter value, and the coming dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass

from fzgen.content.model import Audience, Category
from fzgen.pages.facts import COMING_DAYS
from fzgen.pages.schedule import WEEKDAY_KEYS
from fzgen.pages.values import ComingDate, FilterGroup, OfferGroup, OfferNotice
from fzgen.pages.views import CHOOSE, Link, OfferView, SiteViews

#: The kinds of filter, in the menu's order: each is a folder under `auswahl/`,
#: and reads its keys from the offer.
FILTER_KEYS: dict[str, Callable[[OfferView], Collection[str]]] = {
    "thema": lambda offer: offer.category_keys,
    "fuer": lambda offer: offer.audience_keys,
    "tag": lambda offer: offer.weekdays,
    "sprache": lambda offer: offer.language_codes,
}
#: The catalogue key of each kind's heading in the filter menu.
_HEADINGS = {
    "thema": "offers.filter_category",
    "fuer": "offers.filter_audience",
    "tag": "offers.filter_weekday",
    "sprache": "offers.filter_language",
}


@dataclass(frozen=True)
class FilterValue:
    """One filter page: the offers that have `value` among their keys of one kind."""

    #: The kind of filter (a key of FILTER_KEYS), also the folder of its pages.
    kind: str
    #: The key the offers are filtered by (`eltern`, `tuesday`, `ar`).
    value: str
    #: The value in the page's language.
    label: str

    @property
    def path(self) -> str:
        """The folder of its page within a language: `auswahl/thema/eltern/`."""
        return f"{CHOOSE}/{self.kind}/{self.value}/"


def offers_by_filter(views: SiteViews) -> dict[tuple[str, str], tuple[OfferView, ...]]:
    """The offers of each (kind, value) some offer has, in the site's order.

    One pass over the offers: testing every value against every offer was the
    largest cost of listing a language's pages (the preview does that per edit).
    """
    found: dict[tuple[str, str], list[OfferView]] = {}
    for offer in views.listed:
        for kind, keys in FILTER_KEYS.items():
            for key in keys(offer):
                found.setdefault((kind, key), []).append(offer)
    return {value: tuple(offers) for value, offers in found.items()}


def filter_values(
    views: SiteViews, index: dict[tuple[str, str], tuple[OfferView, ...]] | None = None
) -> list[FilterValue]:
    """Every filter value some offer has, in the menu's order (`index`: `offers_by_filter`)."""
    cat = views.cat
    index = offers_by_filter(views) if index is None else index
    values = [
        *(FilterValue("thema", c.value, cat(f"category.{c.value}")) for c in Category),
        *(FilterValue("fuer", a.value, cat(f"audience.{a.value}")) for a in Audience),
        *(FilterValue("tag", day, cat(f"weekday.{day}")) for day in WEEKDAY_KEYS),
    ]
    codes = sorted(value for kind, value in index if kind == "sprache")
    values += (FilterValue("sprache", code, cat.language_name(code)) for code in codes)
    return [value for value in values if (value.kind, value.value) in index]


def filter_menu(views: SiteViews, values: list[FilterValue]) -> tuple[FilterGroup, ...]:
    """The filter menu: one group of links per kind of filter that has a value."""
    links: dict[str, list[Link]] = {kind: [] for kind in FILTER_KEYS}
    for value in values:
        links[value.kind].append(Link(views.href(value.path), value.label))
    return tuple(
        FilterGroup(views.cat(_HEADINGS[kind]), tuple(found))
        for kind, found in links.items()
        if found
    )


def by_weekday(views: SiteViews) -> tuple[OfferGroup, ...]:
    """Offers under each weekday they take place on, then single dates, then by appointment."""
    cat, offers = views.cat, views.listed
    groups = [
        OfferGroup(cat(f"weekday.{day}"), tuple(o for o in offers if day in o.weekdays))
        for day in WEEKDAY_KEYS
    ]
    groups.append(
        OfferGroup(cat("offers.single_dates"), tuple(o for o in offers if "date" in o.kinds))
    )
    groups.append(
        OfferGroup(
            cat("offers.by_appointment"), tuple(o for o in offers if "by_appointment" in o.kinds)
        )
    )
    return tuple(group for group in groups if group.offers)


def by_category(views: SiteViews, first_only: bool = False) -> tuple[OfferGroup, ...]:
    """Offers under each of their categories, or (the printed flyer) once, under the first."""
    groups: list[OfferGroup] = []
    for category in Category:
        matching = tuple(
            o
            for o in views.listed
            if (
                o.first_category == category.value
                if first_only
                else category.value in o.category_keys
            )
        )
        if matching:
            groups.append(OfferGroup(views.cat(f"category.{category.value}"), matching))
    return tuple(groups)


def coming_dates(views: SiteViews, today: dt.date) -> tuple[ComingDate, ...]:
    """Every date of the next COMING_DAYS days, earliest first, cancelled ones marked."""
    by_slug = {o.slug: o for o in views.listed}
    horizon = today + dt.timedelta(days=COMING_DAYS)
    found = [
        occurrence
        for offer in views.listed
        for occurrence in views.facts[offer.slug].dates
        if occurrence.day <= horizon
    ]
    found.sort(key=lambda o: (o.day, o.time.start if o.time else dt.time(0), o.offer_slug))
    return tuple(ComingDate(views.writer.date_line(o), by_slug[o.offer_slug]) for o in found)


def changes_ahead(views: SiteViews) -> tuple[OfferNotice, ...]:
    """The cancelled and changed dates of the coming days of every listed offer, earliest first."""
    found = [OfferNotice(notice, offer) for offer in views.listed for notice in offer.notices]
    found.sort(key=lambda item: item.notice.day)
    return tuple(found)
