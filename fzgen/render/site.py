"""Model + theme → every output file in memory. Never writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, Template
from markupsafe import Markup, escape

from fzgen.content.loader import SiteContent
from fzgen.pages.calendar import CalendarOffer, build_calendar, event_timings, offer_events
from fzgen.pages.hosting import headers_file, htaccess
from fzgen.pages.markup import FALLBACK_CLASS, ROOT_MARKER, Localizer
from fzgen.pages.outline import FILTERS, Page, SiteOutline, offer_key
from fzgen.pages.sitemap import robots_txt, sitemap_xml
from fzgen.pages.views import (
    CHOOSE,
    CONTACT,
    IMPRINT,
    NETWORK,
    OFFERS,
    PRIVACY,
    PROGRAMME,
    Link,
    OfferFacts,
    OfferView,
    SiteViews,
    language_href,
)
from fzgen.project import Project
from fzgen.render.layout import (
    FALLBACK_ATTRIBUTE,
    JSON_LD_MARK,
    MAIN_MARK,
    NOTICE_MARK,
    PATH_MARK,
    SPLITTER,
    TITLE_MARK,
    Shell,
    cut_layout,
)
from fzgen.render.published import CopyOf, FileData
from fzgen.theme.catalogue import Catalogue, language_own_name, load_catalogues

#: The partials an offer is shown with in the lists.
CARD, PROGRAMME_ENTRY = "partials/offer_card.html", "partials/programme_entry.html"


def root_of(href: str) -> str:
    """The way up from a page at `href` (site-relative, a folder) to the site folder."""
    return "../" * href.count("/")


class Fragments(dict[str, Markup]):
    """One partial (a card, a programme entry) per offer slug, rendered on first use.

    Links inside go through the root marker, which `render_page` turns into the
    page's way up, so one rendering serves pages at every depth.
    """

    def __init__(self, template: Template, views: SiteViews) -> None:
        super().__init__()
        self.template = template
        self.views = views
        self._offers: tuple[OfferView, ...] = ()
        self._by_slug: dict[str, OfferView] = {}

    def __missing__(self, slug: str) -> Markup:
        offers = self.views.offers
        if self._offers is not offers:  # first use, or the views' offers were replaced
            self._offers, self._by_slug = offers, {o.slug: o for o in offers}
        self[slug] = self._render(self._by_slug[slug])
        return self[slug]

    def render_all(self) -> None:
        """Render every offer's partial now (the preview, before the first change)."""
        for offer in self.views.offers:
            if offer.slug not in self:
                self[offer.slug] = self._render(offer)

    def _render(self, offer: OfferView) -> Markup:
        html = self.template.render(offer=offer, root=ROOT_MARKER, t=self.views.cat.markup)
        return Markup(html)


class SiteRenderer:
    """Renders every file of one site; kept by the preview to re-render only what changed."""

    def __init__(
        self,
        site: SiteContent,
        project: Project,
        env: Environment,
        today: dt.date,
        site_dir: Path,
        catalogues: dict[str, Catalogue] | None = None,
    ) -> None:
        self.site_dir = site_dir
        self.env = env
        self.today = today
        self.theme_dir = project.theme_dir
        self.catalogues = catalogues or load_catalogues(project.translations_dir, site.languages)
        self.source = self.catalogues[site.languages[0]]
        self.base_url = (site.site.base_url or "").rstrip("/") + "/" if site.site.base_url else None
        self._templates: dict[str, Template] = {}
        self._set_site(site)

    def _set_site(self, site: SiteContent) -> None:
        self.site = site
        self.outline = SiteOutline(site, self.catalogues, self.today, self.base_url)
        #: What each offer shows the same in every language (its next dates, for one).
        self.facts: dict[str, OfferFacts] = {}
        self.views: dict[str, SiteViews] = {}
        self._fragments: dict[tuple[str, str], Fragments] = {}
        self._events: dict[tuple[str, str], bytes] = {}
        self._timings: dict[str, tuple[bytes, ...]] = {}
        self._shared: dict[str, dict[str, Any]] = {}
        self._layouts: dict[tuple[str, tuple[bool, ...]], str] = {}
        self._shells: dict[tuple[str, str], Shell] = {}
        self._notices: dict[str, bytes] = {}
        #: The dependency graph of the last render: language → page path → what it uses.
        self.graph: dict[str, dict[str, frozenset[str]]] = {}
        self.menus: dict[str, list[tuple[str, str, str]]] = {}

    def template(self, name: str) -> Template:
        if name not in self._templates:
            self._templates[name] = self.env.get_template(name)
        return self._templates[name]

    def views_for(self, language: str) -> SiteViews:
        """The site prepared for one language, made once."""
        if language not in self.views:
            localizer = Localizer(self.catalogues[language], self.source)
            self.views[language] = SiteViews(self.site, localizer, self.today, self.facts)
        return self.views[language]

    # --- rendering ------------------------------------------------------------------

    def _shared_context(self, views: SiteViews) -> dict[str, Any]:
        """What every page of a language shows the same way: made once per language."""
        language = views.language
        if language in self._shared:
            return self._shared[language]
        cat, site = views.cat, self.site.site
        nav = [
            Link("", cat("nav.home")),
            Link(f"{OFFERS}/", cat("nav.offers")),
            Link(f"{NETWORK}/", cat("nav.network")),
            *(
                Link(f"{slug}/", self._menu_title(slug, views))
                for slug, menu in self.outline.menu_pages
                if menu is not None
            ),
            Link(f"{CONTACT}/", cat("nav.contact")),
        ]
        shared = {
            # Jinja's globals too: pages render in this context as it is (see `render_page`).
            **self.env.globals,
            "t": cat.markup,
            "plural": cat.plural,
            "lang": language,
            "dir": cat.direction,
            "nav_links": nav,
            "switcher_names": [(code, language_own_name(code)) for code in self.site.languages],
            "site_name": views.text(site.name),
            "site_name_text": views.loc.plain(site.name),
            "sozialraum": views.text(site.sozialraum),
            "coordinator": site.coordinator,
            "coordinator_role": views.text(site.coordinator.role),
            "office_hours": views.text(site.coordinator.office_hours),
            "organisation": views.text(site.organisation),
            "legal": site.legal,
            "legal_represented_by": views.text(site.legal.represented_by),
            "links": {
                "offers": views.href(f"{OFFERS}/"),
                "by_category": views.href(f"{CHOOSE}/themen/"),
                "contact": views.href(f"{CONTACT}/"),
                "imprint": views.href(f"{IMPRINT}/"),
                "privacy": views.href(f"{PRIVACY}/"),
                "programme": views.href(f"{PROGRAMME}/"),
                "calendar": views.href("kalender.ics"),
                "home": views.href(""),
            },
            "json_ld": Markup(""),
        }
        self._shared[language] = shared
        return shared

    def common(self, views: SiteViews, page: Page) -> dict[str, Any]:
        """The context of a page: the language's shared values, its root and title."""
        context = dict(self._shared_context(views))
        context["root"] = root_of(language_href(views.language, page.path))
        context["title"] = page.title
        return context

    def _layout(self, views: SiteViews, path: str) -> str:
        """base.html for one language and menu state, with marks for the page's values."""
        shared = self._shared_context(views)
        current = tuple(self._is_current(link.href, path) for link in shared["nav_links"])
        key = (views.language, current)
        if key not in self._layouts:
            context = dict(shared)
            here = language_href(views.language, PATH_MARK)
            context.update(
                root=ROOT_MARKER,
                title=TITLE_MARK,
                json_ld=Markup(JSON_LD_MARK),
                nav=[
                    Link(views.href(link.href), link.label, current=is_current)
                    for link, is_current in zip(shared["nav_links"], current, strict=True)
                ],
                switcher=[
                    {
                        "code": code,
                        "name": name,
                        "href": language_href(code, PATH_MARK),
                        "current": code == views.language,
                    }
                    for code, name in shared["switcher_names"]
                ],
                alternates=[
                    (code, self.absolute(language_href(code, PATH_MARK), ROOT_MARKER))
                    for code in self.site.languages
                ],
                canonical=self.absolute(here, ROOT_MARKER),
                x_default=self.absolute(
                    language_href(self.site.languages[0], PATH_MARK), ROOT_MARKER
                ),
            )
            self._layouts[key] = self.template(SPLITTER).render(context)
        return self._layouts[key]

    def _menu_title(self, slug: str, views: SiteViews) -> Markup:
        page = self.outline.page_in(slug, views.language)
        if page.language == views.language:
            return Markup("<bdi>{}</bdi>").format(page.meta.title)
        direction = self.catalogues[page.language].direction
        return Markup(
            f'<bdi class="{FALLBACK_CLASS}" lang="{page.language}" dir="{direction}">{{}}</bdi>'
        ).format(page.meta.title)

    @staticmethod
    def _is_current(link: str, path: str) -> bool:
        return path == link if not link else path.startswith(link)

    def absolute(self, site_href: str, root: str) -> str:
        """A full address where base_url is known, else the page-relative one."""
        return f"{self.base_url}{site_href}" if self.base_url else f"{root}{site_href}"

    def fragments(self, views: SiteViews, template: str) -> Fragments:
        """Offers as the lists show them (cards, programme entries), by slug: the same on
        many pages, so each is rendered once per language, when first shown."""
        key = (template, views.language)
        if key not in self._fragments:
            self._fragments[key] = Fragments(self.template(template), views)
        return self._fragments[key]

    def render_page(self, views: SiteViews, page: Page) -> bytes:
        context = self.common(views, page)
        context["cards"] = self.fragments(views, CARD)
        context["programme_entries"] = self.fragments(views, PROGRAMME_ENTRY)
        context.update(page.context())
        root = context["root"]
        template = self.template(page.template)
        # What Template.render does, without copying the context twice: it is
        # this page's own dict and holds the globals already.
        try:
            main = self.env.concat(
                template.root_render_func(template.new_context(context, shared=True))
            )
        except Exception:
            self.env.handle_exception()
        if ROOT_MARKER in main:
            main = main.replace(ROOT_MARKER, root)
        shell = self._shell(self._layout(views, page.path), root)
        # Only the main content counts: a menu entry or the Träger's name in the
        # footer in the source language do not make the whole page "untranslated".
        fallback = shell.fallback_in_main or FALLBACK_ATTRIBUTE in main
        return shell.page(
            {
                MAIN_MARK: main.encode(),
                PATH_MARK: page.path.encode(),
                TITLE_MARK: str(escape(page.title)).encode(),
                JSON_LD_MARK: str(context["json_ld"]).encode(),
                NOTICE_MARK: self._notice(views.cat) if fallback else b"",
            }
        )

    def _shell(self, layout: str, root: str) -> Shell:
        """The layout cut for pages at one depth (its links relative to them): once per depth."""
        key = (layout, root)
        if key not in self._shells:
            self._shells[key] = cut_layout(layout, root)
        return self._shells[key]

    def _notice(self, cat: Catalogue) -> bytes:
        """The page-wide note that some of the content is in the source language."""
        if cat.language not in self._notices:
            notice = cat(
                "fallback.page",
                language=cat.own_name(),
                source=cat.language_name(self.source.language),
            )
            self._notices[cat.language] = f'<p class="fallback-page">{escape(notice)}</p>'.encode()
        return self._notices[cat.language]

    def page_file(self, language: str, page: Page) -> str:
        """Where a page of this site lands in the output folder."""
        return f"{self.site.slug}/{language_href(language, page.path)}index.html"

    def render_language(self, language: str) -> tuple[dict[str, bytes], list[str]]:
        """Every page and calendar of the site in one language, and the pages' paths."""
        files: dict[str, bytes] = {}
        paths: list[str] = []
        views = self.views_for(language)
        graph: dict[str, frozenset[str]] = {}
        for page in self.outline.pages(views):
            files[self.page_file(language, page)] = self.render_page(views, page)
            graph[page.path] = page.uses
            if page.in_sitemap:
                paths.append(page.path)
        self.graph[language] = graph
        self.menus[language] = self._menu_keys(views)
        files.update(self.calendars(views, {offer.slug for offer in views.offers}))
        return files, paths

    @staticmethod
    def _menu_keys(views: SiteViews) -> list[tuple[str, str, str]]:
        return [(kind, key, label) for kind, key, label, _ in SiteOutline.filter_values(views)]

    def calendars(self, views: SiteViews, slugs: set[str]) -> dict[str, bytes]:
        """The calendars of these offers and the site's calendar of all offers, in one language."""
        slug, language = self.site.slug, views.language
        files: dict[str, bytes] = {}
        today_stamp = dt.datetime.combine(self.today, dt.time(0), dt.UTC)
        for offer in views.offers:
            chunk = self._offer_events(offer, language, today_stamp)
            if offer.calendar_href and offer.slug in slugs:
                files[f"{slug}/{offer.calendar_href}"] = build_calendar(
                    [chunk], offer.title_text, self.today
                )
        events = [self._events[(language, offer.slug)] for offer in views.offers]
        files[f"{slug}/{views.href('kalender.ics')}"] = build_calendar(
            events, views.loc.plain(self.site.site.name), self.today
        )
        return files

    def _offer_events(self, offer: OfferView, language: str, stamp: dt.datetime) -> bytes:
        """An offer's VEVENTs in one language (dates and rules serialised once per offer)."""
        key = (language, offer.slug)
        if key not in self._events:
            calendar_offer = self._calendar_offer(offer)
            if offer.slug not in self._timings:
                self._timings[offer.slug] = event_timings(
                    calendar_offer.uid, offer.source.schedule, self.today, stamp
                )
            self._events[key] = offer_events(calendar_offer, self._timings[offer.slug])
        return self._events[key]

    def sitemap(self) -> dict[str, bytes]:
        """sitemap.xml of the pages the source language has (every page exists in each)."""
        if not self.base_url:
            return {}
        views = self.views_for(self.site.languages[0])
        paths = [page.path for page in self.outline.pages(views) if page.in_sitemap]
        return {
            f"{self.site.slug}/sitemap.xml": sitemap_xml(self.base_url, paths, self.site.languages)
        }

    def render_site_files(self, sitemap_paths: list[str]) -> dict[str, FileData]:
        """The files a site has once: chooser, 404, CSS, sitemap, robots, headers, its files/."""
        slug = self.site.slug
        files: dict[str, FileData] = {}
        files[f"{slug}/index.html"] = self._render_plain("chooser.html")
        files[f"{slug}/404.html"] = self._render_plain("404.html")
        files[f"{slug}/style.css"] = (self.theme_dir / "static" / "style.css").read_bytes()
        if self.base_url:
            files[f"{slug}/sitemap.xml"] = sitemap_xml(
                self.base_url, sitemap_paths, self.site.languages
            )
        files[f"{slug}/robots.txt"] = robots_txt(self.base_url)
        files[f"{slug}/_headers"] = headers_file()
        error_page = (urlsplit(self.base_url).path if self.base_url else f"/{slug}/") + "404.html"
        files[f"{slug}/.htaccess"] = htaccess(error_page)
        for path in self.site.files:
            files[f"{slug}/{path}"] = CopyOf(self.site_dir / path)
        return files

    def _calendar_offer(self, offer: OfferView) -> CalendarOffer:
        url = f"{self.base_url}{offer.href}" if self.base_url else None
        host = (self.base_url or "").split("//")[-1].strip("/") or f"{self.site.slug}.fzgen"
        return CalendarOffer(
            uid=f"{offer.slug}@{host}",
            summary=offer.title_text,
            description=offer.summary_text,
            location=offer.place.one_line if offer.place else "",
            url=url,
        )

    def _render_plain(self, template: str) -> bytes:
        """A page for every language at once (language chooser, 404), at the site's top."""
        languages = [
            {
                "code": code,
                "name": language_own_name(code),
                "dir": self.catalogues[code].direction,
                "t": self.catalogues[code],
                "site_name": Localizer(self.catalogues[code], self.source).plain(
                    self.site.site.name
                ),
            }
            for code in self.site.languages
        ]
        html = self.env.get_template(template).render(
            languages=languages,
            source=languages[0],
            site_name=languages[0]["site_name"],
            # A 404 page is served at any address: links must start at the host's root.
            base=urlsplit(self.base_url).path if self.base_url else f"/{self.site.slug}/",
        )
        return html.encode()

    # --- incremental ----------------------------------------------------------------

    def prepare(self) -> None:
        """Make what `update` needs without rendering a page (after a build in workers):
        each language's views, dependency graph, filter menu, calendar entries, list
        fragments, compiled templates and layouts."""
        today_stamp = dt.datetime.combine(self.today, dt.time(0), dt.UTC)
        for language in self.site.languages:
            views = self.views_for(language)
            graph = {}
            for page in self.outline.pages(views):
                graph[page.path] = page.uses
                self.template(page.template)
                self._layout(views, page.path)
            self.graph[language] = graph
            self.menus[language] = self._menu_keys(views)
            for offer in views.offers:
                self._offer_events(offer, language, today_stamp)
            for template in (CARD, PROGRAMME_ENTRY):
                self.fragments(views, template).render_all()

    def update(self, site: SiteContent, changed: set[str]) -> tuple[dict[str, bytes], set[str]]:
        """After the offers `changed` were edited, added or removed (site.yaml, pages and
        files unchanged): the files to write again and those to remove.

        The pages to render are those whose uses, in the last render or in
        this one, include a changed offer, plus new pages; if the filter menu
        changed, every page that shows it.
        """
        self.site = site
        self.outline = SiteOutline(site, self.catalogues, self.today, self.base_url)
        for slug in changed:
            self.facts.pop(slug, None)
            self._timings.pop(slug, None)
        for fragments in self._fragments.values():
            for slug in changed:
                fragments.pop(slug, None)
        keys = {offer_key(slug) for slug in changed}
        files: dict[str, bytes] = {}
        removed: set[str] = set()
        for language in site.languages:
            views = self.views_for(language)
            for slug in changed:
                self._events.pop((language, slug), None)
            views.replace_offers(site, changed)
            before = self.graph.get(language, {})
            menu = self._menu_keys(views)
            stale = keys | ({FILTERS} if menu != self.menus.get(language) else set())
            graph: dict[str, frozenset[str]] = {}
            for page in self.outline.pages(views):
                graph[page.path] = page.uses
                old = before.get(page.path)
                if old is None or page.uses & stale or old & stale:
                    files[self.page_file(language, page)] = self.render_page(views, page)
            for path in before.keys() - graph.keys():
                removed.add(f"{self.site.slug}/{language_href(language, path)}index.html")
            for slug in changed:
                removed.add(f"{self.site.slug}/{views.href(f'{OFFERS}/{slug}/kalender.ics')}")
            self.graph[language] = graph
            self.menus[language] = menu
            files.update(self.calendars(views, changed))
        files.update(self.sitemap())
        return files, removed - files.keys()
