"""Model + theme → every output file in memory. Never writes."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from fzgen.hosting import headers_file, htaccess
from fzgen.i18n import Catalogue, language_own_name, load_catalogues
from fzgen.ical import CalendarOffer, build_calendar, offer_events
from fzgen.load import Content, PageFile, SiteContent
from fzgen.markup import FALLBACK_CLASS, ROOT_MARKER, Localizer
from fzgen.model import Audience, Category
from fzgen.project import Project
from fzgen.schedule import WEEKDAY_KEYS, Occurrence
from fzgen.sitemap import robots_txt, sitemap_xml
from fzgen.structured import json_ld, offer_data, organisation_data
from fzgen.views import (
    CHOOSE,
    CONTACT,
    IMPRINT,
    NETWORK,
    OFFERS,
    PRIVACY,
    PROGRAMME,
    Link,
    OfferView,
    SiteViews,
    language_href,
    mailto,
    map_url,
    phone_href,
)

#: How many days ahead the home page lists dates.
COMING_DAYS = 14
_FALLBACK_MARK = "<!--fallback-notice-->"


def make_environment(project: Project) -> Environment:
    """The one Jinja environment of a run: autoescaped, strict about undefined names."""
    env = Environment(
        loader=FileSystemLoader(project.theme_dir / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Templates do not change during a run: no stat() per get_template.
        auto_reload=False,
    )
    env.filters["mailto"] = mailto
    env.filters["tel"] = phone_href
    return env


@dataclass(frozen=True)
class Page:
    """One page of a site in one language, before rendering."""

    path: str
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    in_sitemap: bool = True


def root_of(href: str) -> str:
    """The way up from a page at `href` (site-relative, a folder) to the site folder."""
    return "../" * href.count("/")


class SiteRenderer:
    """Renders every file of one site."""

    def __init__(
        self, site: SiteContent, project: Project, env: Environment, today: dt.date, site_dir: Path
    ) -> None:
        self.site = site
        self.site_dir = site_dir
        self.dates: dict[str, list[Occurrence]] = {}
        self._cards: dict[tuple[str, str, str], Markup] = {}
        self.env = env
        self.today = today
        self.catalogues = load_catalogues(project.translations_dir, site.languages)
        self.source = self.catalogues[site.languages[0]]
        self.theme_dir = project.theme_dir
        self.base_url = (site.site.base_url or "").rstrip("/") + "/" if site.site.base_url else None
        self.menu_pages = self._menu_pages()
        self.page_versions: dict[str, dict[str, PageFile]] = {}
        for page in site.pages:
            self.page_versions.setdefault(page.slug, {})[page.language] = page

    # --- pages ----------------------------------------------------------------------

    def _menu_pages(self) -> list[tuple[str, int | None]]:
        """Free pages (slug, menu position) in menu order, from the source-language files."""
        sources = [
            p for p in self.site.pages if p.language == self.site.languages[0] and not p.meta.draft
        ]
        return [
            (p.slug, p.meta.menu)
            for p in sorted(sources, key=lambda p: (p.meta.menu is None, p.meta.menu or 0, p.slug))
        ]

    def _page_in(self, slug: str, language: str) -> PageFile:
        """The page in `language`, or in the source language where it has no translation."""
        versions = self.page_versions[slug]
        return versions.get(language) or versions[self.site.languages[0]]

    def pages(self, views: SiteViews) -> Iterator[Page]:
        """Every HTML page of the site in the views' language."""
        cat, loc, offers = views.cat, views.loc, views.offers
        site = self.site.site
        # The filter menu is the same on every list page of a language: made once.
        values = self._filter_values(views)
        filters = self._filters(views, values)
        yield Page(
            "",
            "home.html",
            loc.plain(site.name),
            {
                "intro": loc.block(site.intro),
                "coming": self._coming(views),
                "json_ld": json_ld(organisation_data(self.site, views, self.base_url)),
            },
        )
        yield Page(
            f"{OFFERS}/",
            "offers.html",
            cat("offers.title"),
            {
                "groups": self._by_weekday(views),
                "filters": filters,
                "count": len(offers),
                "view": "weekday",
            },
        )
        yield Page(
            f"{CHOOSE}/themen/",
            "offers.html",
            cat("offers.by_category"),
            {
                "groups": self._by_category(views),
                "filters": filters,
                "count": len(offers),
                "view": "category",
            },
        )
        for kind, key, label, matches in values:
            selected = tuple(o for o in offers if matches(o))
            title = cat("offers.filtered", filter=label)
            yield Page(
                f"{CHOOSE}/{kind}/{key}/",
                "offers.html",
                title,
                {
                    "groups": [(None, selected)],
                    "filters": filters,
                    "count": len(selected),
                    "view": "filter",
                },
            )
        for offer in offers:
            data = offer_data(offer, self.site, views, self.base_url)
            yield Page(
                f"{OFFERS}/{offer.slug}/",
                "offer.html",
                offer.title_text,
                {
                    "offer": offer,
                    "json_ld": json_ld(data),
                },
            )
        yield Page(
            f"{NETWORK}/", "network.html", cat("network.title"), {"partners": self._partners(views)}
        )
        yield Page(f"{CONTACT}/", "contact.html", cat("contact.title"), {})
        for slug, _menu in self.menu_pages:
            page = self._page_in(slug, views.language)
            direction = self.catalogues[page.language].direction
            yield Page(
                f"{slug}/",
                "page.html",
                page.meta.title,
                {
                    "body": loc.markdown_in(page.body, page.language, direction),
                    "title_lang": page.language,
                    "title_dir": direction,
                },
            )
        yield Page(f"{IMPRINT}/", "imprint.html", cat("nav.imprint"), {})
        yield Page(f"{PRIVACY}/", "privacy.html", cat("nav.privacy"), {})
        yield Page(
            f"{PROGRAMME}/",
            "programme.html",
            cat("programme.title"),
            {
                "groups": self._by_category(views, first_only=True),
                "as_of": cat("programme.as_of", date=cat.date(self.today)),
            },
        )

    def _coming(self, views: SiteViews) -> list[tuple[str, OfferView]]:
        """(when, offer) for every date of the next COMING_DAYS days, earliest first."""
        by_slug = {o.slug: o for o in views.offers}
        horizon = self.today + dt.timedelta(days=COMING_DAYS)
        found = [
            occurrence
            for entry in self.site.published_offers
            for occurrence in views.dates[entry.slug]
            if occurrence.day <= horizon
        ]
        found.sort(key=lambda o: (o.day, o.time.start if o.time else dt.time(0), o.offer_slug))
        return [(views.occurrence_label(o), by_slug[o.offer_slug]) for o in found]

    def _by_weekday(self, views: SiteViews) -> list[tuple[str | None, tuple[OfferView, ...]]]:
        cat, offers = views.cat, views.offers
        groups: list[tuple[str | None, tuple[OfferView, ...]]] = [
            (cat(f"weekday.{day}"), tuple(o for o in offers if day in o.weekdays))
            for day in WEEKDAY_KEYS
        ]
        groups.append((cat("offers.single_dates"), tuple(o for o in offers if "date" in o.kinds)))
        groups.append(
            (cat("offers.by_appointment"), tuple(o for o in offers if "by_appointment" in o.kinds))
        )
        return [(label, group) for label, group in groups if group]

    def _by_category(
        self, views: SiteViews, first_only: bool = False
    ) -> list[tuple[str | None, tuple[OfferView, ...]]]:
        """Offers under each of their categories, or (the printed flyer) once, under the first."""
        groups: list[tuple[str | None, tuple[OfferView, ...]]] = []
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

    def _filter_values(self, views: SiteViews) -> list[tuple[str, str, str, Any]]:
        """(folder, value, label, predicate) for every filter value some offer has."""
        cat, offers = views.cat, views.offers
        values: list[tuple[str, str, str, Any]] = []
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

    def _filters(
        self, views: SiteViews, values: list[tuple[str, str, str, Any]]
    ) -> list[tuple[str, list[Link]]]:
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

    # --- rendering ------------------------------------------------------------------

    def common(self, views: SiteViews, page: Page) -> dict[str, Any]:
        cat, site = views.cat, self.site.site
        href = language_href(views.language, page.path)
        root = root_of(href)
        nav = [
            Link("", cat("nav.home")),
            Link(f"{OFFERS}/", cat("nav.offers")),
            Link(f"{NETWORK}/", cat("nav.network")),
            *(
                Link(f"{slug}/", self._menu_title(slug, views))
                for slug, menu in self.menu_pages
                if menu is not None
            ),
            Link(f"{CONTACT}/", cat("nav.contact")),
        ]
        nav = [
            Link(views.href(link.href), link.label, current=self._is_current(link.href, page.path))
            for link in nav
        ]
        switcher = [
            {
                "code": code,
                "name": language_own_name(code),
                "href": language_href(code, page.path),
                "current": code == views.language,
            }
            for code in self.site.languages
        ]
        alternates = [
            (code, self.absolute(language_href(code, page.path), root))
            for code in self.site.languages
        ]
        return {
            "t": cat.markup,
            "plural": cat.plural,
            "lang": views.language,
            "dir": cat.direction,
            "root": root,
            "title": page.title,
            "site_name": views.text(site.name),
            "site_name_text": views.loc.plain(site.name),
            "sozialraum": views.text(site.sozialraum),
            "nav": nav,
            "switcher": switcher,
            "canonical": self.absolute(href, root),
            "alternates": alternates,
            "x_default": self.absolute(language_href(self.site.languages[0], page.path), root),
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

    def _menu_title(self, slug: str, views: SiteViews) -> Markup:
        page = self._page_in(slug, views.language)
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

    def card(self, views: SiteViews, offer: OfferView, root: str) -> Markup:
        """An offer's card in the lists: the same on many pages, so rendered once per depth."""
        key = (views.language, root, offer.slug)
        if key not in self._cards:
            html = self.env.get_template("partials/offer_card.html").render(offer=offer, root=root)
            self._cards[key] = Markup(html)
        return self._cards[key]

    def render_page(self, views: SiteViews, page: Page) -> bytes:
        context = self.common(views, page)
        context["card"] = lambda offer: self.card(views, offer, context["root"])
        context.update(page.context)
        html = self.env.get_template(page.template).render(context)
        return finish(html, context["root"], views.cat, self.source)

    def render_language(self, language: str) -> tuple[dict[str, bytes], list[str]]:
        """Every page and calendar of the site in one language, and the pages' paths."""
        slug = self.site.slug
        files: dict[str, bytes] = {}
        paths: list[str] = []
        today_stamp = dt.datetime.combine(self.today, dt.time(0), dt.UTC)
        cat = self.catalogues[language]
        views = SiteViews(self.site, Localizer(cat, self.source), self.today, self.dates)
        for page in self.pages(views):
            files[f"{slug}/{language_href(language, page.path)}index.html"] = self.render_page(
                views, page
            )
            if page.in_sitemap:
                paths.append(page.path)
        events = [
            offer_events(self._calendar_offer(views, offer), self.today, today_stamp)
            for offer in views.offers
        ]
        for offer, chunk in zip(views.offers, events, strict=True):
            if offer.calendar_href:
                files[f"{slug}/{offer.calendar_href}"] = build_calendar(
                    [chunk], offer.title_text, self.today
                )
        files[f"{slug}/{views.href('kalender.ics')}"] = build_calendar(
            events, views.loc.plain(self.site.site.name), self.today
        )
        return files, paths

    def render_site_files(self, sitemap_paths: list[str]) -> dict[str, bytes]:
        """The files a site has once: chooser, 404, CSS, sitemap, robots, headers, its files/."""
        slug = self.site.slug
        files: dict[str, bytes] = {}
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
            files[f"{slug}/{path}"] = (self.site_dir / path).read_bytes()
        return files

    def _calendar_offer(self, views: SiteViews, offer: OfferView) -> CalendarOffer:
        url = f"{self.base_url}{offer.href}" if self.base_url else None
        host = (self.base_url or "").split("//")[-1].strip("/") or f"{self.site.slug}.fzgen"
        return CalendarOffer(
            uid=f"{offer.slug}@{host}",
            summary=offer.title_text,
            description=offer.summary_text,
            location=offer.place.one_line if offer.place else "",
            url=url,
            schedule=tuple(offer.source.schedule),
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


def finish(html: str, root: str, cat: Catalogue, source: Catalogue) -> bytes:
    """Point file links at the site folder and add the page-wide fallback notice if needed."""
    html = html.replace(ROOT_MARKER, root)
    # Only the main content counts: a menu entry or the Träger's name in the
    # footer in the source language do not make the whole page "untranslated".
    main = html[html.find("<main") : html.rfind("</main>")]
    if f'class="{FALLBACK_CLASS}"' in main:
        notice = cat(
            "fallback.page", language=cat.own_name(), source=cat.language_name(source.language)
        )
        html = html.replace(_FALLBACK_MARK, f'<p class="fallback-page">{escape(notice)}</p>', 1)
    else:
        html = html.replace(_FALLBACK_MARK, "", 1)
    return html.encode()


#: What forked workers need; set in the parent just before the fork.
_JOB: dict[str, Any] = {}
#: Below this many pages a second process costs more than it saves.
PARALLEL_FROM_PAGES = 300


def _render_task(task: tuple[int, str]) -> tuple[dict[str, bytes], list[str]]:
    """Render one site in one language (in a worker or in the main process)."""
    index, language = task
    renderers: dict[int, SiteRenderer] = _JOB["renderers"]
    if index not in renderers:
        site = _JOB["sites"][index]
        renderers[index] = SiteRenderer(
            site, _JOB["project"], _JOB["env"], _JOB["today"], _JOB["root"] / site.slug
        )
    return renderers[index].render_language(language)


def worker_count(pages: int) -> int:
    """Processes to render with: FZGEN_WORKERS if set, else every core for large builds.

    Never fork while other threads run; the preview (an event loop) asks for one.
    """
    configured = os.environ.get("FZGEN_WORKERS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        wanted = int(configured)
    else:
        wanted = (os.cpu_count() or 1) if pages >= PARALLEL_FROM_PAGES else 1
    return wanted if threading.active_count() == 1 else 1


def render_content(
    content: Content,
    project: Project,
    today: dt.date,
    only_site: str | None = None,
    processes: int | None = None,
) -> dict[str, bytes]:
    """Every file of the output folder (only one site's and the portal with `only_site`).

    Sites × languages are independent: large builds render them in forked
    workers (both cores here), and the result is byte-identical either way.
    """
    env = make_environment(project)
    sites = [site for site in content.sites if only_site is None or site.slug == only_site]
    tasks = [(index, language) for index, site in enumerate(sites) for language in site.languages]
    pages = sum(len(site.published_offers) * len(site.languages) for site in sites)
    _JOB.update(sites=sites, project=project, env=env, today=today, root=content.root, renderers={})
    workers = processes or worker_count(pages)
    try:
        if workers > 1 and len(tasks) > 1:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                results = pool.map(_render_task, tasks, chunksize=1)
        else:
            results = [_render_task(task) for task in tasks]
        files: dict[str, bytes] = {}
        sitemaps: dict[int, list[str]] = {}
        for (index, language), (rendered, paths) in zip(tasks, results, strict=True):
            files.update(rendered)
            if language == sites[index].languages[0]:
                sitemaps[index] = paths
        for index, site in enumerate(sites):
            renderer = _JOB["renderers"].get(index) or SiteRenderer(
                site, project, env, today, content.root / site.slug
            )
            files.update(renderer.render_site_files(sitemaps.get(index, [])))
    finally:
        _JOB.clear()
    portal = [
        {
            "slug": site.slug,
            "name": site.site.name.original,
            "sozialraum": site.site.sozialraum.original,
            "languages": [(code, language_own_name(code)) for code in site.languages],
            "source": site.languages[0],
        }
        for site in content.sites
    ]
    files["index.html"] = env.get_template("portal.html").render(sites=portal).encode()
    files["_headers"] = headers_file()
    files[".htaccess"] = htaccess(None)
    return files
