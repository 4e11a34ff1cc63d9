"""Which pages a site has in one language, what each shows, and which content it uses.

The `uses` of a page are the edges of the dependency graph the preview rebuilds
by: an edited offer re-renders exactly the pages that showed it before or show
it now, and the filter menu's pages when the menu itself changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal
from urllib.parse import urlsplit

from fzgen.content.easy import EASY, EasyCheck, easy_name
from fzgen.content.loader import PageFile, SiteContent
from fzgen.pages.dates import closures_ahead
from fzgen.pages.facts import COMING_DAYS, map_url
from fzgen.pages.listing import (
    by_category,
    by_weekday,
    changes_ahead,
    coming_dates,
    filter_menu,
    filter_values,
    offers_by_filter,
)
from fzgen.pages.markup import Localizer
from fzgen.pages.news import HOME_NEWS, NEWS, NEWS_KEY, has_news, news_views
from fzgen.pages.programme import make_flyer, pdf_name
from fzgen.pages.statement import accessibility_values
from fzgen.pages.structured import json_ld, offer_json_ld, organisation_data
from fzgen.pages.values import (
    ChooserValues,
    ComingDate,
    ContactValues,
    FilterGroup,
    FreePageValues,
    HomeValues,
    ImprintValues,
    LanguageChoice,
    NetworkValues,
    NewsValues,
    OfferGroup,
    OfferListValues,
    OfferNotice,
    OfferPageValues,
    PageValues,
    PartnerView,
    PrivacyValues,
    ProgrammeValues,
)
from fzgen.pages.views import (
    ACCESSIBILITY,
    CHOOSE,
    CONTACT,
    IMPRINT,
    NETWORK,
    OFFERS,
    PRIVACY,
    PROGRAMME,
    OfferView,
    SiteViews,
)
from fzgen.theme.catalogue import Catalogue, language_own_name

#: The filter menu on every list page (its values depend on all offers).
FILTERS = "filters"


def offer_key(slug: str) -> str:
    """The graph node of one offer."""
    return f"offer:{slug}"


def chooser_values(
    site: SiteContent, catalogues: dict[str, Catalogue], base_url: str | None
) -> ChooserValues:
    """What the pages in every language at once (chooser.html, 404.html) show."""
    source = catalogues[site.languages[0]]
    languages = tuple(
        LanguageChoice(
            code=code,
            name=easy_name(site.site.ls_checked) if code == EASY else language_own_name(code),
            dir=catalogues[code].direction,
            t=catalogues[code],
            site_name=Localizer(catalogues[code], source).plain(site.site.name),
            lang=catalogues[code].html_lang,
            hreflang="" if code == EASY else code,
        )
        for code in site.languages
    )
    # A 404 page is served at any address: its links start at the host's root.
    base = urlsplit(base_url).path if base_url else f"/{site.slug}/"
    own = site.site
    return ChooserValues(
        languages, languages[0], languages[0].site_name, base, own.accent, own.logo
    )


def next_date(views: SiteViews, coming: tuple[ComingDate, ...]) -> ComingDate | None:
    """The next date that takes place: of the coming days, else the earliest of any
    listed offer's later dates (cancelled ones skipped)."""
    for date in coming:
        if date.when.status != "cancelled":
            return date
    later = [
        (occurrence, offer)
        for offer in views.listed
        for occurrence in views.facts[offer.slug].dates
        if occurrence.cancelled is None
    ]
    if not later:
        return None
    occurrence, offer = min(
        later, key=lambda pair: (pair[0].day, pair[0].time.start if pair[0].time else dt.time(0))
    )
    return ComingDate(views.writer.date_line(occurrence), offer)


def _uses(offers: Iterable[OfferView], *extra: str) -> frozenset[str]:
    return frozenset([*(offer_key(o.slug) for o in offers), *extra])


@dataclass(frozen=True)
class Page:
    """One page of a site in one language, before rendering.

    Its values are made only when the page is rendered, so listing every page
    (to find what an edit touches) costs next to nothing.
    """

    path: str
    template: str
    title: str
    #: Makes the values the page's template shows (see fzgen/pages/values.py).
    make_values: Callable[[], PageValues]
    uses: frozenset[str] = frozenset()
    in_sitemap: bool = True
    #: Who checked its Leichte Sprache text, as its file says (`ls_checked`); None:
    #: as the site says.
    easy_check: EasyCheck | bool | None = None

    def values(self) -> PageValues:
        """What the page's template shows besides the layout's values, made now."""
        return self.make_values()

    def context(self) -> dict[str, Any]:
        """The page's values as Jinja variables."""
        return self.make_values().context()


class SiteOutline:
    """The pages of one site: what each shows and which content it depends on."""

    def __init__(
        self,
        site: SiteContent,
        catalogues: dict[str, Catalogue],
        today: dt.date,
        base_url: str | None,
        programme_pdf: bool = False,
    ) -> None:
        self.site = site
        #: Whether the programme is also made as a PDF (`fzgen build --pdf`): its page links it.
        self.programme_pdf = programme_pdf
        self.catalogues = catalogues
        self.today = today
        self.base_url = base_url
        self.page_versions: dict[str, dict[str, PageFile]] = {}
        #: Each offer's own `ls_checked`, by slug.
        self.easy_checks = {o.slug: o.offer.ls_checked for o in site.offers}
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
        """Every HTML page of the site in the views' language, in the menu's order."""
        cat = views.cat
        yield self._home(views)
        yield from self._lists(views)
        for offer in views.offers:
            yield Page(
                f"{OFFERS}/{offer.slug}/",
                "offer.html",
                offer.title_text,
                partial(self._offer_values, views, offer),
                frozenset([offer_key(offer.slug)]),
                easy_check=self.easy_checks.get(offer.slug),
            )
        network = partial(self._network_values, views)
        yield Page(f"{NETWORK}/", "network.html", cat("network.title"), network)
        yield Page(f"{CONTACT}/", "contact.html", cat("contact.title"), ContactValues)
        for slug, _menu in self.menu_pages:
            page = self.page_in(slug, views.language)
            values = partial(self._free_page_values, views, page)
            check = page.meta.ls_checked if page.language == EASY else None
            yield Page(f"{slug}/", "page.html", page.meta.title, values, easy_check=check)
        yield Page(f"{IMPRINT}/", "imprint.html", cat("nav.imprint"), ImprintValues)
        yield Page(f"{PRIVACY}/", "privacy.html", cat("nav.privacy"), PrivacyValues)
        accessibility = self.site.site.accessibility
        if accessibility is not None:
            statement = partial(
                accessibility_values, self.site, accessibility, views, self.base_url
            )
            title = cat("accessibility.title")
            yield Page(f"{ACCESSIBILITY}/", "accessibility.html", title, statement)
        programme = partial(self._programme_values, views)
        title = cat("programme.title")
        yield Page(f"{PROGRAMME}/", "programme.html", title, programme, _uses(views.listed))
        if has_news(self.site):
            news = partial(self._news_values, views)
            yield Page(f"{NEWS}/", "news.html", cat("news.title"), news, frozenset([NEWS_KEY]))

    def _home(self, views: SiteViews) -> Page:
        coming = coming_dates(views, self.today)
        changes = changes_ahead(views)
        upcoming = next_date(views, coming)
        values = partial(self._home_values, views, coming, changes, upcoming)
        title = views.loc.plain(self.site.site.name)
        shown = [*(date.offer for date in coming), *(change.offer for change in changes)]
        if upcoming is not None:
            shown.append(upcoming.offer)
        uses = _uses(shown, NEWS_KEY)
        return Page("", "home.html", title, values, uses)

    def _lists(self, views: SiteViews) -> Iterator[Page]:
        """The lists of all offers and a page per filter value."""
        cat, offers = views.cat, views.listed
        # The filter menu is the same on every list page of a language: made once.
        index = offers_by_filter(views)
        values = filter_values(views, index)
        menu = filter_menu(views, values)
        everything = _uses(offers, FILTERS)
        weekday = partial(self._list_values, views, menu, "weekday")
        yield Page(f"{OFFERS}/", "offers.html", cat("offers.title"), weekday, everything)
        category = partial(self._list_values, views, menu, "category")
        title = cat("offers.by_category")
        yield Page(f"{CHOOSE}/themen/", "offers.html", title, category, everything)
        for value in values:
            selected = index[value.kind, value.value]
            yield Page(
                value.path,
                "offers.html",
                cat("offers.filtered", filter=value.label),
                partial(self._filter_values, menu, selected),
                _uses(selected, FILTERS),
            )

    # --- the values of each kind of page, made when it is rendered ----------------

    def _home_values(
        self,
        views: SiteViews,
        coming: tuple[ComingDate, ...],
        changes: tuple[OfferNotice, ...],
        upcoming: ComingDate | None,
    ) -> HomeValues:
        organisation = organisation_data(self.site, views, self.base_url)
        intro = views.loc.block(self.site.site.intro)
        news = news_views(views, self.today)[:HOME_NEWS]
        closures = tuple(
            views.writer.closure_notice(closure, self.today)
            for closure in closures_ahead(self.site.site, self.today, COMING_DAYS)
        )
        return HomeValues(
            intro,
            coming,
            json_ld(organisation),
            news,
            closures=closures,
            changes=changes,
            next_date=upcoming,
        )

    def _news_values(self, views: SiteViews) -> NewsValues:
        return NewsValues(news_views(views, self.today))

    @staticmethod
    def _list_values(
        views: SiteViews, menu: tuple[FilterGroup, ...], view: Literal["weekday", "category"]
    ) -> OfferListValues:
        groups = by_weekday(views) if view == "weekday" else by_category(views)
        return OfferListValues(groups, menu, len(views.listed), view)

    @staticmethod
    def _filter_values(
        menu: tuple[FilterGroup, ...], selected: tuple[OfferView, ...]
    ) -> OfferListValues:
        return OfferListValues((OfferGroup(None, selected),), menu, len(selected), "filter")

    def _offer_values(self, views: SiteViews, offer: OfferView) -> OfferPageValues:
        data = offer_json_ld(offer, self.site, views, self.base_url, self._json_ld)
        return OfferPageValues(offer, data)

    def _network_values(self, views: SiteViews) -> NetworkValues:
        return NetworkValues(
            tuple(
                PartnerView(
                    name=views.loc.name(p.name),
                    kind=views.cat(f"partner_kind.{p.kind.value}"),
                    address=p.address,
                    map_url=map_url(p.address),
                    url=p.url,
                    phone=p.phone,
                    description=views.loc.block(p.description),
                )
                for p in self.site.site.partners
            )
        )

    def _free_page_values(self, views: SiteViews, page: PageFile) -> FreePageValues:
        direction = self.catalogues[page.language].direction
        body = views.loc.markdown_in(page.body, page.language, direction)
        return FreePageValues(body, page.language, direction)

    def _programme_values(self, views: SiteViews) -> ProgrammeValues:
        as_of = views.cat("programme.as_of", date=views.cat.date(self.today))
        flyer = make_flyer(views, self.base_url)
        pdf = views.href(f"{PROGRAMME}/{pdf_name(self.site.slug, views.language)}")
        return ProgrammeValues(
            groups=by_category(views, first_only=True),
            as_of=as_of,
            week=flyer.week,
            events=flyer.events,
            by_appointment=flyer.by_appointment,
            web_address=flyer.web_address,
            qr_code=flyer.qr_code,
            pdf_href=pdf if self.programme_pdf else None,
        )
