"""The values base.html receives: made once per language, and per page from memoised pieces.

Every page is rendered by Jinja as written, base.html included; what makes
that cheap is that its values are prepared once: the language's shared values
(`LayoutValues`), the main menu once per language and menu state, the
alternate addresses once per page address (the same in every language).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from markupsafe import Markup

from fzgen.content.easy import EASY, easy_name, effective_check, html_lang
from fzgen.content.loader import SiteContent
from fzgen.pages.markup import FALLBACK_CLASS
from fzgen.pages.meta import meta_description
from fzgen.pages.news import NEWS, NEWS_FEED, has_news
from fzgen.pages.outline import Page, SiteOutline
from fzgen.pages.views import (
    ACCESSIBILITY,
    CHOOSE,
    CONTACT,
    IMPRINT,
    NETWORK,
    OFFERS,
    PRIVACY,
    PROGRAMME,
    Link,
    SiteViews,
    language_href,
)
from fzgen.render.images import ResponsiveImage
from fzgen.render.values import (
    Alternate,
    EasyEntry,
    EasyStatus,
    LayoutValues,
    PageLayout,
    SiteLinks,
    SwitcherEntry,
)
from fzgen.theme.catalogue import Catalogue, language_own_name

NO_JSON_LD = Markup("")
#: The cards and programme entries (by offer slug) for pages at a root.
PageFragments = Callable[[str], tuple[Mapping[str, Markup], Mapping[str, Markup]]]


def root_of(href: str) -> str:
    """The way up from a page at `href` (site-relative, a folder) to the site folder."""
    return "../" * href.count("/")


class LanguageLayout:
    """The layout values of one language, with its main menu in each state."""

    def __init__(self, values: LayoutValues, menu: list[Link]) -> None:
        self.values = values
        #: The values as Jinja variables, copied into each page's context.
        self.context: dict[str, Any] = values.context()
        #: The main menu's entries, hrefs relative to the language folder.
        self.menu = menu
        self._navs: dict[tuple[bool, ...], tuple[Link, ...]] = {}

    def nav(self, path: str) -> tuple[Link, ...]:
        """The main menu on the page at `path`, its section's entry marked current."""
        current = tuple(_is_current(link.href, path) for link in self.menu)
        nav = self._navs.get(current)
        if nav is None:
            language = self.values.lang
            nav = tuple(
                Link(language_href(language, link.href), link.label, current=is_current)
                for link, is_current in zip(self.menu, current, strict=True)
            )
            self._navs[current] = nav
        return nav


def _is_current(link: str, path: str) -> bool:
    return path == link if not link else path.startswith(link)


class Layouts:
    """The layout values of one site's pages."""

    def __init__(
        self,
        site: SiteContent,
        catalogues: dict[str, Catalogue],
        base_url: str | None,
        photo: ResponsiveImage | None = None,
        pictures: Mapping[str, ResponsiveImage] | None = None,
    ) -> None:
        self.site = site
        self.photo = photo
        self.pictures = dict(pictures or {})
        self.catalogues = catalogues
        self.source = catalogues[site.languages[0]]
        self.base_url = base_url
        self.languages: dict[str, LanguageLayout] = {}
        self._alternates: dict[str, tuple[Alternate, ...]] = {}

    def language(self, views: SiteViews, outline: SiteOutline) -> LanguageLayout:
        """What every page of the views' language shares: made once per language."""
        layout = self.languages.get(views.language)
        if layout is None:
            values = self._values(views)
            layout = LanguageLayout(values, self._menu(views, outline))
            self.languages[views.language] = layout
        return layout

    def _values(self, views: SiteViews) -> LayoutValues:
        cat, site = views.cat, self.site.site
        news = has_news(self.site)
        notice = cat(
            "fallback.page",
            language=cat.own_name(),
            source=cat.language_name(self.source.language),
        )
        return LayoutValues(
            t=cat.markup,
            plural=cat.plural,
            lang=views.language,
            html_lang=cat.html_lang,
            dir=cat.direction,
            site_name=views.loc.name(site.name),
            site_name_text=views.loc.plain(site.name),
            sozialraum=views.loc.name(site.sozialraum),
            coordinator=site.coordinator,
            coordinator_role=views.text(site.coordinator.role),
            office_hours=views.text(site.coordinator.office_hours),
            organisation=views.loc.name(site.organisation),
            legal=site.legal,
            legal_represented_by=views.text(site.legal.represented_by),
            links=SiteLinks(
                home=views.href(""),
                offers=views.href(f"{OFFERS}/"),
                by_category=views.href(f"{CHOOSE}/themen/"),
                contact=views.href(f"{CONTACT}/"),
                imprint=views.href(f"{IMPRINT}/"),
                privacy=views.href(f"{PRIVACY}/"),
                programme=views.href(f"{PROGRAMME}/"),
                calendar=views.href("kalender.ics"),
                news=views.href(f"{NEWS}/") if news else None,
                news_feed=views.href(NEWS_FEED) if news else None,
                accessibility=views.href(f"{ACCESSIBILITY}/") if site.accessibility else None,
            ),
            fallback_notice=notice,
            description=meta_description(views.loc, site.intro)
            or f"{views.loc.plain(site.name)} – {views.loc.plain(site.sozialraum)}",
            accent=site.accent,
            logo=site.logo,
            photo=self.photo.described(views.loc.plain(site.photo.alt))
            if self.photo and site.photo
            else None,
            pictures=self.pictures,
        )

    def _menu(self, views: SiteViews, outline: SiteOutline) -> list[Link]:
        cat = views.cat
        return [
            Link("", cat("nav.home")),
            Link(f"{OFFERS}/", cat("nav.offers")),
            Link(f"{NETWORK}/", cat("nav.network")),
            *(
                Link(f"{slug}/", self._menu_title(outline, slug, views))
                for slug, menu in outline.menu_pages
                if menu is not None
            ),
            Link(f"{CONTACT}/", cat("nav.contact")),
        ]

    def _menu_title(self, outline: SiteOutline, slug: str, views: SiteViews) -> Markup:
        page = outline.page_in(slug, views.language)
        if page.language == views.language:
            return Markup("<bdi>{}</bdi>").format(page.meta.title)
        direction = self.catalogues[page.language].direction
        return Markup(
            f'<bdi class="{FALLBACK_CLASS}" lang="{page.language}" dir="{direction}">{{}}</bdi>'
        ).format(page.meta.title)

    def page(self, language: LanguageLayout, page: Page, fragments: PageFragments) -> PageLayout:
        """The layout values of one page; `fragments` makes its cards and programme
        entries for its root."""
        code, path = language.values.lang, page.path
        href = language_href(code, path)
        root = root_of(href)
        cards, programme_entries = fragments(root)
        return PageLayout(
            root=root,
            title=page.title,
            path=path,
            nav=language.nav(path),
            switcher=tuple(
                SwitcherEntry(
                    other,
                    self.easy_label if other == EASY else language_own_name(other),
                    language_href(other, path),
                    other == code,
                    html_lang(other),
                    "" if other == EASY else other,
                )
                for other in self.site.languages
            ),
            alternates=self.alternates(path, root),
            canonical=self.absolute(href, root),
            x_default=self.absolute(language_href(self.site.languages[0], path), root),
            json_ld=NO_JSON_LD,
            cards=cards,
            programme_entries=programme_entries,
            easy=self._easy_entry(code, path),
            easy_status=self._easy_status(code, page) if code == EASY else None,
        )

    @property
    def easy_label(self) -> str:
        """Leichte Sprache's name on this site: „Einfache Sprache“ until someone of the
        target group has checked its texts (`ls_checked` in site.yaml)."""
        return easy_name(self.site.site.ls_checked)

    def _easy_entry(self, code: str, path: str) -> EasyEntry | None:
        if code == EASY or EASY not in self.site.languages:
            return None
        return EasyEntry(language_href(EASY, path), self.easy_label)

    def _easy_status(self, code: str, page: Page) -> EasyStatus:
        cat = self.catalogues[code]
        check = effective_check(page.easy_check, self.site.site.ls_checked)
        standard = language_href(self.site.languages[0], path=page.path)
        if check is None:
            return EasyStatus(easy_name(None), None, None, standard)
        return EasyStatus(easy_name(check), check.by, cat.date(check.on), standard)

    def alternates(self, path: str, root: str) -> tuple[Alternate, ...]:
        """The page at `path` in every language: the same on each of them (same depth)."""
        alternates = self._alternates.get(path)
        if alternates is None:
            # BCP 47 has no tag for Leichte Sprache: its pages are no `hreflang` alternates.
            alternates = tuple(
                Alternate(code, self.absolute(language_href(code, path), root))
                for code in self.site.languages
                if code != EASY
            )
            self._alternates[path] = alternates
        return alternates

    def absolute(self, site_href: str, root: str) -> str:
        """A full address where base_url is known, else the page-relative one."""
        return f"{self.base_url}{site_href}" if self.base_url else f"{root}{site_href}"
