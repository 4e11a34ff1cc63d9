"""Which pages a site has in one language, what each shows, and which content it uses.

The `uses` of a page are the edges of the dependency graph the preview rebuilds
by: an edited offer re-renders exactly the pages that showed it before or show
it now, and the filter menu's pages when the menu itself changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from fzgen.content.loader import PageFile, SiteContent
from fzgen.content.model import Audience, Category
from fzgen.pages.schedule import WEEKDAY_KEYS
from fzgen.pages.structured import json_ld, offer_json_ld, organisation_data
from fzgen.pages.views import (
    CHOOSE,
    COMING_DAYS,
    CONTACT,
    IMPRINT,
    NETWORK,
    OFFERS,
    PRIVACY,
    PROGRAMME,
    Link,
    OfferView,
    SiteViews,
    map_url,
)
from fzgen.theme.catalogue import Catalogue

#: The filter menu on every list page (its values depend on all offers).
FILTERS = "filters"

Groups = list[tuple[str | None, tuple[OfferView, ...]]]
#: (folder, value, label, predicate) of one filter page.
FilterValue = tuple[str, str, str, Any]


def offer_key(slug: str) -> str:
    """The graph node of one offer."""
    return f"offer:{slug}"


def _uses(offers: tuple[OfferView, ...] | list[OfferView], *extra: str) -> frozenset[str]:
    return frozenset([*(offer_key(o.slug) for o in offers), *extra])


@dataclass(frozen=True)
class Page:
    """One page of a site in one language, before rendering.

    `context` is made only when the page is rendered, so listing every page
    (to find what an edit touches) costs next to nothing.
    """

    path: str
    template: str
    title: str
    context: Callable[[], dict[str, Any]]
    uses: frozenset[str] = frozenset()
    in_sitemap: bool = True


class SiteOutline:
    """The pages of one site: what each shows and which content it depends on."""

    def __init__(
        self,
        site: SiteContent,
        catalogues: dict[str, Catalogue],
        today: dt.date,
        base_url: str | None,
    ) -> None:
        self.site = site
        self.catalogues = catalogues
        self.today = today
        self.base_url = base_url
        self.page_versions: dict[str, dict[str, PageFile]] = {}
        for page in site.pages:
            self.page_versions.setdefault(page.slug, {})[page.language] = page
        #: Offers' JSON-LD without their address, by what it depends on (see `offer_json_ld`).
        self._json_ld: dict[tuple[str, ...], str] = {}
        sources = [p for p in site.pages if p.language == site.languages[0] and not p.meta.draft]
        #: Free pages (slug, menu position) in menu order, from the source-language files.
        self.menu_pages = [
            (p.slug, p.meta.menu)
            for p in sorted(sources, key=lambda p: (p.meta.menu is None, p.meta.menu or 0, p.slug))
        ]

    def page_in(self, slug: str, language: str) -> PageFile:
        """The page in `language`, or in the source language where it has no translation."""
        versions = self.page_versions[slug]
        return versions.get(language) or versions[self.site.languages[0]]

    def pages(self, views: SiteViews) -> Iterator[Page]:
        """Every HTML page of the site in the views' language."""
        cat, loc, offers = views.cat, views.loc, views.offers
        site = self.site.site
        # The filter menu is the same on every list page of a language: made once.
        values = self.filter_values(views)
        filters = self._filters(views, values)
        coming = self._coming(views)
        yield Page(
            "",
            "home.html",
            loc.plain(site.name),
            lambda: {
                "intro": loc.block(site.intro),
                "coming": coming,
                "json_ld": json_ld(organisation_data(self.site, views, self.base_url)),
            },
            _uses([offer for _, offer in coming]),
        )
        everything = _uses(offers, FILTERS)
        yield Page(
            f"{OFFERS}/",
            "offers.html",
            cat("offers.title"),
            lambda: {
                "groups": self._by_weekday(views),
                "filters": filters,
                "count": len(offers),
                "view": "weekday",
            },
            everything,
        )
        yield Page(
            f"{CHOOSE}/themen/",
            "offers.html",
            cat("offers.by_category"),
            lambda: {
                "groups": self._by_category(views),
                "filters": filters,
                "count": len(offers),
                "view": "category",
            },
            everything,
        )
        for kind, key, label, matches in values:
            selected = tuple(o for o in offers if matches(o))
            yield Page(
                f"{CHOOSE}/{kind}/{key}/",
                "offers.html",
                cat("offers.filtered", filter=label),
                lambda selected=selected: {  # type: ignore[misc]
                    "groups": [(None, selected)],
                    "filters": filters,
                    "count": len(selected),
                    "view": "filter",
                },
                _uses(selected, FILTERS),
            )
        for offer in offers:
            yield Page(
                f"{OFFERS}/{offer.slug}/",
                "offer.html",
                offer.title_text,
                lambda offer=offer: {  # type: ignore[misc]
                    "offer": offer,
                    "json_ld": offer_json_ld(offer, self.site, views, self.base_url, self._json_ld),
                },
                frozenset([offer_key(offer.slug)]),
            )
        yield Page(
            f"{NETWORK}/",
            "network.html",
            cat("network.title"),
            lambda: {"partners": self._partners(views)},
        )
        yield Page(f"{CONTACT}/", "contact.html", cat("contact.title"), dict)
        for slug, _menu in self.menu_pages:
            page = self.page_in(slug, views.language)
            direction = self.catalogues[page.language].direction
            yield Page(
                f"{slug}/",
                "page.html",
                page.meta.title,
                lambda page=page, direction=direction: {  # type: ignore[misc]
                    "body": loc.markdown_in(page.body, page.language, direction),
                    "title_lang": page.language,
                    "title_dir": direction,
                },
            )
        yield Page(f"{IMPRINT}/", "imprint.html", cat("nav.imprint"), dict)
        yield Page(f"{PRIVACY}/", "privacy.html", cat("nav.privacy"), dict)
        yield Page(
            f"{PROGRAMME}/",
            "programme.html",
            cat("programme.title"),
            lambda: {
                "groups": self._by_category(views, first_only=True),
                "as_of": cat("programme.as_of", date=cat.date(self.today)),
            },
            _uses(offers),
        )

    def _coming(self, views: SiteViews) -> list[tuple[str, OfferView]]:
        """(when, offer) for every date of the next COMING_DAYS days, earliest first."""
        by_slug = {o.slug: o for o in views.offers}
        horizon = self.today + dt.timedelta(days=COMING_DAYS)
        found = [
            occurrence
            for offer in views.offers
            for occurrence in views.facts[offer.slug].dates
            if occurrence.day <= horizon
        ]
        found.sort(key=lambda o: (o.day, o.time.start if o.time else dt.time(0), o.offer_slug))
        return [(views.occurrence_label(o), by_slug[o.offer_slug]) for o in found]

    @staticmethod
    def _by_weekday(views: SiteViews) -> Groups:
        cat, offers = views.cat, views.offers
        groups: Groups = [
            (cat(f"weekday.{day}"), tuple(o for o in offers if day in o.weekdays))
            for day in WEEKDAY_KEYS
        ]
        groups.append((cat("offers.single_dates"), tuple(o for o in offers if "date" in o.kinds)))
        groups.append(
            (cat("offers.by_appointment"), tuple(o for o in offers if "by_appointment" in o.kinds))
        )
        return [(label, group) for label, group in groups if group]

    @staticmethod
    def _by_category(views: SiteViews, first_only: bool = False) -> Groups:
        """Offers under each of their categories, or (the printed flyer) once, under the first."""
        groups: Groups = []
        for category in Category:
            matching = tuple(
                o
                for o in views.offers
                if (
                    o.first_category == category.value
                    if first_only
                    else category.value in o.category_keys
                )
            )
            if matching:
                groups.append((views.cat(f"category.{category.value}"), matching))
        return groups

    @staticmethod
    def filter_values(views: SiteViews) -> list[FilterValue]:
        """(folder, value, label, predicate) for every filter value some offer has."""
        cat, offers = views.cat, views.offers
        values: list[FilterValue] = []
        for category in Category:
            label = cat(f"category.{category.value}")
            values.append(
                ("thema", category.value, label, lambda o, v=category.value: v in o.category_keys)
            )
        for audience in Audience:
            label = cat(f"audience.{audience.value}")
            values.append(
                ("fuer", audience.value, label, lambda o, v=audience.value: v in o.audience_keys)
            )
        for day in WEEKDAY_KEYS:
            values.append(("tag", day, cat(f"weekday.{day}"), lambda o, v=day: v in o.weekdays))
        for code in sorted({code for offer in offers for code in offer.language_codes}):
            label = cat.language_name(code)
            values.append(("sprache", code, label, lambda o, v=code: v in o.language_codes))
        return [v for v in values if any(v[3](o) for o in offers)]

    @staticmethod
    def _filters(views: SiteViews, values: list[FilterValue]) -> list[tuple[str, list[Link]]]:
        cat = views.cat
        groups: dict[str, list[Link]] = {"thema": [], "fuer": [], "tag": [], "sprache": []}
        for kind, key, label, _ in values:
            groups[kind].append(Link(views.href(f"{CHOOSE}/{kind}/{key}/"), label))
        headings = {
            "thema": cat("offers.filter_category"),
            "fuer": cat("offers.filter_audience"),
            "tag": cat("offers.filter_weekday"),
            "sprache": cat("offers.filter_language"),
        }
        return [(headings[kind], links) for kind, links in groups.items() if links]

    def _partners(self, views: SiteViews) -> list[dict[str, Any]]:
        return [
            {
                "name": views.text(p.name),
                "kind": views.cat(f"partner_kind.{p.kind.value}"),
                "address": p.address,
                "map_url": map_url(p.address),
                "url": p.url,
                "phone": p.phone,
                "description": views.loc.block(p.description),
            }
            for p in self.site.site.partners
        ]
