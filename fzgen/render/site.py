"""One site's files in memory: its pages through the theme, calendars and the files it has once.

`SiteRenderer` is what the build and the preview hold per site. It renders
every page with Jinja as the theme wrote it, from values prepared once
(`fzgen.render.layout`, `fzgen.render.fragments`, `fzgen.render.calendars`),
and keeps what the preview needs to re-render only what an edit touches: the
dependency graph from pages to the offers they show. Never writes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template

from fzgen.content.loader import SiteContent
from fzgen.pages.facts import OfferFacts
from fzgen.pages.listing import filter_values
from fzgen.pages.markup import ROOT_MARKER, Localizer
from fzgen.pages.news import NEWS_FEED, NEWS_KEY, has_news
from fzgen.pages.outline import FILTERS, Page, SiteOutline, offer_key
from fzgen.pages.programme import pdf_name
from fzgen.pages.sitemap import sitemap_xml
from fzgen.pages.views import OFFERS, PROGRAMME, SiteViews, language_href
from fzgen.project import Project
from fzgen.render.calendars import SiteCalendars
from fzgen.render.environment import ThemeEnvironment
from fzgen.render.feeds import news_feed
from fzgen.render.fragments import CARD, PROGRAMME_ENTRY, Fragments, SiteFragments
from fzgen.render.images import (
    ResponsiveImage,
    offer_pictures,
    responsive_image,
    without_metadata,
)
from fzgen.render.layout import LanguageLayout, Layouts, root_of
from fzgen.render.pdf import programme_pdf
from fzgen.render.published import FileData
from fzgen.render.site_files import site_files
from fzgen.theme.catalogue import Catalogue, load_catalogues
from fzgen.theme.folder import ThemeFolder

#: The filter menu's entries of one language: (kind, key, label); a change re-renders its pages.
MenuKeys = list[tuple[str, str, str]]


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
        if isinstance(env, ThemeEnvironment):
            env.compile_theme()  # every syntax error of the theme, before the first page
        self.env = env
        self.today = today
        self.site_dir = site_dir
        self.theme = ThemeFolder(project.theme_dir, project.content_dir.parent)
        self.catalogues = catalogues or load_catalogues(project.translations_dir, site.languages)
        self.source = self.catalogues[site.languages[0]]
        self.base_url = (site.site.base_url or "").rstrip("/") + "/" if site.site.base_url else None
        #: Whether each language's programme is made as a PDF too (`fzgen build --pdf`).
        self.programme_pdf = project.programme_pdf
        self._set_site(site)

    def _set_site(self, site: SiteContent) -> None:
        self.site = site
        self.outline = SiteOutline(
            site, self.catalogues, self.today, self.base_url, self.programme_pdf
        )
        #: What each offer shows the same in every language (its next dates, for one).
        self.facts: dict[str, OfferFacts] = {}
        self.views: dict[str, SiteViews] = {}
        #: The site's photo in its sizes, and the files that make them; read once per site.
        self.photo: ResponsiveImage | None = None
        self.images: dict[str, FileData] = {}
        if site.site.photo is not None:
            self.photo, self.images = responsive_image(self.site_dir, site.site.photo.file)
        #: The offers' pictures in their sizes, by reference (`files/elterncafe.jpg`).
        self.pictures: dict[str, ResponsiveImage] = {}
        for reference in offer_pictures(site, self.site_dir):
            self.pictures[reference], files = responsive_image(self.site_dir, reference)
            self.images.update(files)
        # Every other picture under files/ (in a page's Markdown, for download) is
        # published without its camera data too.
        for reference in site.files:
            clean = None if reference in self.images else without_metadata(self.site_dir, reference)
            if clean is not None:
                self.images[reference] = clean
        self.layouts = Layouts(site, self.catalogues, self.base_url, self.photo, self.pictures)
        self.fragments = SiteFragments()
        self.calendar_files = SiteCalendars(site, self.today, self.base_url)
        #: The dependency graph of the last render: language → page path → what it uses.
        self.graph: dict[str, dict[str, frozenset[str]]] = {}
        #: The filter menu of the last render, per language.
        self.menus: dict[str, MenuKeys] = {}

    def template(self, name: str) -> Template:
        """A template of the theme, compiled once per run."""
        if isinstance(self.env, ThemeEnvironment):
            return self.env.template(name)
        return self.env.get_template(name)

    def views_for(self, language: str) -> SiteViews:
        """The site prepared for one language, made once."""
        if language not in self.views:
            localizer = Localizer(self.catalogues[language], self.source)
            self.views[language] = SiteViews(self.site, localizer, self.today, self.facts)
        return self.views[language]

    # --- rendering ------------------------------------------------------------------

    def page_context(self, views: SiteViews, page: Page) -> dict[str, Any]:
        """Everything a page's template receives: the layout values of its language and
        of itself (with the offers' cards and programme entries), and its own values."""
        language = self.layouts.language(views, self.outline)

        def fragments(root: str) -> tuple[Fragments, Fragments]:
            return (
                self.fragments.get(CARD, self.template, views, language.context, root),
                self.fragments.get(PROGRAMME_ENTRY, self.template, views, language.context, root),
            )

        layout = self.layouts.page(language, page, fragments)
        return {**language.context, **vars(layout), **page.context()}

    def render_page(self, views: SiteViews, page: Page) -> bytes:
        """One page, rendered by Jinja from the page's template as the theme wrote it."""
        context = self.page_context(views, page)
        html = self.template(page.template).render(context)
        # Links to the site's files in Markdown texts lead up through the root marker.
        if ROOT_MARKER in html:
            html = html.replace(ROOT_MARKER, context["root"])
        return html.encode()

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
        files.update(self.news_feed(views))
        files.update(self.programme_pdf_file(views, files))
        return files, paths

    @staticmethod
    def _menu_keys(views: SiteViews) -> MenuKeys:
        return [(value.kind, value.value, value.label) for value in filter_values(views)]

    def calendars(self, views: SiteViews, slugs: set[str]) -> dict[str, bytes]:
        """The calendars of these offers and the site's calendar of all offers, in one language."""
        return self.calendar_files.files(views, slugs)

    def news_feed(self, views: SiteViews) -> dict[str, bytes]:
        """The Atom feed of the site's news in one language, where the site has news."""
        if not has_news(self.site):
            return {}
        name = views.loc.plain(self.site.site.name)
        feed = news_feed(views, self.today, self.base_url, name, self.site.slug)
        return {f"{self.site.slug}/{views.href(NEWS_FEED)}": feed}

    def programme_pdf_file(self, views: SiteViews, pages: dict[str, bytes]) -> dict[str, bytes]:
        """The programme of one language as a PDF, from its page among `pages`, when the
        run makes PDFs."""
        if not self.programme_pdf:
            return {}
        href = views.href(f"{PROGRAMME}/")
        html = pages[f"{self.site.slug}/{href}index.html"]
        sources: dict[str, Path | bytes] = dict(self.theme.static_files())
        sources.update((path, self.site_dir / path) for path in self.site.files)
        pdf = programme_pdf(html, href, sources)
        return {f"{self.site.slug}/{href}{pdf_name(self.site.slug, views.language)}": pdf}

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
        """The files a site has once: chooser, 404, the theme's static files, sitemap,
        robots, headers, its files/."""
        return site_files(
            self.site,
            self.template,
            self.catalogues,
            self.base_url,
            self.theme,
            self.site_dir,
            sitemap_paths,
            self.images,
        )

    # --- incremental ----------------------------------------------------------------

    def prepare(self) -> None:
        """Make what `update` needs without rendering a page (after a build in workers):
        each language's views, layout values, dependency graph, filter menu, calendar
        entries and the offers' cards and programme entries."""
        for language in self.site.languages:
            views = self.views_for(language)
            layout = self.layouts.language(views, self.outline)
            pages = list(self.outline.pages(views))
            self.graph[language] = {page.path: page.uses for page in pages}
            self.menus[language] = self._menu_keys(views)
            for offer in views.offers:
                self.calendar_files.events(offer, language)
            self._prepare_fragments(views, layout, pages)

    def _prepare_fragments(
        self, views: SiteViews, layout: LanguageLayout, pages: list[Page]
    ) -> None:
        """Render the offers' partials at each depth a page template shows them, as the
        build did in its workers: the first edit then renders only what it changed."""
        wanted = {
            (partial, root_of(language_href(views.language, page.path)))
            for page in pages
            for name, partial in (("cards", CARD), ("programme_entries", PROGRAMME_ENTRY))
            if name in self._reads(page.template)
        }
        for partial, root in sorted(wanted):
            self.fragments.get(partial, self.template, views, layout.context, root).render_all()

    def _reads(self, template: str) -> frozenset[str]:
        if isinstance(self.env, ThemeEnvironment):
            return self.env.reads(template)
        return frozenset({"cards", "programme_entries"})

    def update(
        self, site: SiteContent, changed: set[str], news_changed: bool = False
    ) -> tuple[dict[str, bytes], set[str]]:
        """After the offers `changed` were edited, added or removed, or the news changed
        (site.yaml, pages, files and whether the site has news unchanged): the files to
        write again and those to remove.

        The pages to render are those whose uses, in the last render or in
        this one, include a changed offer, plus new pages; if the filter menu
        changed, every page that shows it.
        """
        self.site = site
        self.outline = SiteOutline(
            site, self.catalogues, self.today, self.base_url, self.programme_pdf
        )
        for slug in changed:
            self.facts.pop(slug, None)
        self.fragments.forget(changed)
        self.calendar_files.forget(site, changed)
        files: dict[str, bytes] = {}
        removed: set[str] = set()
        for language in site.languages:
            views = self.views_for(language)
            views.replace_offers(site, changed)
            written, gone = self._update_language(views, changed, news_changed)
            files.update(written)
            removed |= gone
            files.update(self.calendars(views, changed))
            if news_changed:
                files.update(self.news_feed(views))
        files.update(self.sitemap())
        return files, removed - files.keys()

    def _update_language(
        self, views: SiteViews, changed: set[str], news_changed: bool
    ) -> tuple[dict[str, bytes], set[str]]:
        """The pages of one language that show a changed offer (or the changed filter
        menu), rendered again, and the files of pages that are gone."""
        language = views.language
        before = self.graph.get(language, {})
        menu = self._menu_keys(views)
        stale = {offer_key(slug) for slug in changed}
        if menu != self.menus.get(language):
            stale.add(FILTERS)
        if news_changed:
            stale.add(NEWS_KEY)
        files: dict[str, bytes] = {}
        graph: dict[str, frozenset[str]] = {}
        for page in self.outline.pages(views):
            graph[page.path] = page.uses
            old = before.get(page.path)
            if old is None or page.uses & stale or old & stale:
                files[self.page_file(language, page)] = self.render_page(views, page)
        removed = {
            f"{self.site.slug}/{language_href(language, path)}index.html"
            for path in before.keys() - graph.keys()
        }
        removed |= {
            f"{self.site.slug}/{views.href(f'{OFFERS}/{slug}/kalender.ics')}" for slug in changed
        }
        self.graph[language] = graph
        self.menus[language] = menu
        return files, removed
