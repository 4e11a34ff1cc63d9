"""The preview's build: the pipeline's stages, with what they made kept for the next change.

The first build loads and renders everything (`fzgen.build.pipeline`) and
keeps the loaded content, each site's renderer with its dependency graph, the
files each site publishes as copies, and a digest of every file under a
site's `files/`. After a change, `fzgen.build.changes` says per kind of input
what is stale; only that is made again. The result is byte-identical to a
full build (tests/test_live.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment

from fzgen.build.changes import Change, Input, Rule, classify, digest
from fzgen.build.pipeline import Report, load_healthy, render
from fzgen.build.portal import portal_entry, render_portal
from fzgen.build.workers import collector_paused, render_content
from fzgen.content.coverage import translation_notes
from fzgen.content.loader import Content, LoadCache, SiteContent, load_site
from fzgen.errors import ContentError, Diagnostic
from fzgen.output.write import Staging, read_manifest, update_output
from fzgen.pages.news import has_news
from fzgen.project import Project, reference_date
from fzgen.render.images import PICTURE_SUFFIXES, image_digest, offer_pictures
from fzgen.render.published import CopyOf, FileData, theme_copy
from fzgen.render.site import SiteRenderer
from fzgen.theme.catalogue import catalogue_languages

#: A site as it was, and as it is now with what loading it found.
Reloaded = tuple[SiteContent, tuple[SiteContent, list[Diagnostic]]]


class LiveBuild:
    """One project's output, kept up to date file by file."""

    def __init__(self, project: Project) -> None:
        self.project = project
        #: Offers read before, by file text: a reload reads only what changed.
        self.cache = LoadCache()
        self.content: Content | None = None
        self.today: dt.date | None = None
        self.env: Environment | None = None
        self.renderers: dict[str, SiteRenderer] = {}
        self.notes: dict[str, tuple[Diagnostic, ...]] = {}
        #: Per site: the files it publishes as copies (output path → source file).
        self.copies: dict[str, dict[str, Path]] = {}
        #: The digest of each file under a site's `files/` as last copied.
        self.digests: dict[Path, bytes] = {}
        #: Changed paths not made yet: their sites had errors.
        self.pending: list[Path] = []
        #: The errors of the sites left out: the preview shows the others.
        self.skipped: tuple[Diagnostic, ...] = ()

    def full(self) -> Report:
        """Load and render everything, keep the site renderers for updates, swap it in."""
        project = self.project
        self.content, self.pending = None, []
        gc.unfreeze()
        today = reference_date()
        renderers: dict[str, SiteRenderer] = {}
        with collector_paused():
            # A new environment: a full build follows a changed template. A site
            # with errors is left out (its folder is no known site: a change there
            # builds all again), so that the others can be seen.
            content, env, self.skipped = load_healthy(project, self.cache)
            staging = Staging(project.output_dir)
            try:
                # Forked workers render large builds (never once the watcher thread runs).
                written = render(content, project, today, env, staging.write, keep=renderers)
                staging.commit(written, (), clean=False)
            except BaseException:
                staging.discard()
                raise
        self.content, self.today, self.env, self.renderers = content, today, env, renderers
        self.copies = {slug: _copies(renderer) for slug, renderer in renderers.items()}
        self.digests = {path: digest(path) for path in self._site_files(self.copies)}
        # What stays until the next full build is kept out of the cycle
        # collector: a collection over all of it would stall an edit by 100 ms.
        gc.collect()
        gc.freeze()
        self.notes = {
            site.slug: self._notes(site, [d for d in content.notes if _site_of(d) == site.slug])
            for site in content.sites
        }
        return self._report(len(written))

    def update(self, changed: Iterable[Path]) -> Report:
        """Bring the output up to date after these files changed (raises ContentError).

        Changes that met errors are kept and made with the next ones: the kept
        state is left as it was until every touched site loads without errors.
        """
        content = self.content
        if content is None or reference_date() != self.today:
            return self.full()
        paths, self.pending = [*self.pending, *changed], []
        known = {site.slug for site in content.sites}
        changes = [c for c in (classify(p, self.project, known) for p in paths) if c]
        if any(change.rule is Rule.RENDER_ALL for change in changes):
            return self.full()
        try:
            # Every touched site is loaded (and checked) before any kept state changes.
            reloaded = self._reload({change.site for change in changes if change.site})
        except ContentError:
            self.pending = paths
            raise
        if reloaded is None:
            return self.full()
        try:
            return self._apply(changes, reloaded)
        except BaseException:
            self.content = None  # the kept state is half updated: the next change builds all
            raise

    def _apply(self, changes: list[Change], reloaded: list[Reloaded]) -> Report:
        """Make and write what the changes touched, following each kind's rule."""
        files: dict[str, FileData] = {}
        removed: set[str] = set()
        for old, (new, found) in reloaded:
            names = {c.name for c in changes if c.site == new.slug and c.input is Input.SITE_FILE}
            self._update_site(old, new, names, files, removed)
            self.notes[new.slug] = self._notes(new, found)
        static = {c.name for c in changes if c.rule is Rule.COPY_INTO_SITES}
        if static:
            self._copy_static(static, files, removed)
        if files or removed:
            assert self.env is not None and self.content is not None
            entries = [portal_entry(site) for site in self.content.sites]
            files.update(render_portal(entries, self.env))
            update_output(self.project.output_dir, files, removed - files.keys())
        return self._report(len(files))

    def _reload(self, slugs: set[str]) -> list[Reloaded] | None:
        """These sites as they were and as they are now; None where one appeared or
        vanished (a full build). Raises ContentError with the errors of all of them."""
        assert self.content is not None
        languages = catalogue_languages(self.project.translations_dir)
        root = self.project.content_dir
        reloaded: list[Reloaded] = []
        errors: list[Diagnostic] = []
        for slug in sorted(slugs):
            old = self.content.site(slug)
            new, found = load_site(root, root / slug, languages, self.cache)
            site_errors = [d for d in found if d.severity == "error"]
            errors += site_errors
            # A site with errors is said here: a full build would leave it out instead.
            if old is None or (new is None and not site_errors):
                return None
            if new is not None:
                reloaded.append((old, (new, found)))
        if errors:
            raise ContentError(errors)
        return reloaded

    def _update_site(
        self,
        old: SiteContent,
        new: SiteContent,
        copied: set[str],
        files: dict[str, FileData],
        removed: set[str],
    ) -> None:
        """Make what a site's changes touched: the pages that use an edited offer or the
        news, its files (`copied`, under `files/`) whose bytes changed, or the whole site."""
        assert self.content is not None
        slug = new.slug
        same = (new.site, new.pages, new.files, has_news(new))
        if (
            same == (old.site, old.pages, old.files, has_news(old))
            and not self._new_photo(new, copied)
            and not self._new_pictures(new, copied)
        ):
            edited = _changed_offers(old, new)
            if edited or new.news != old.news:
                updated, gone = self.renderers[slug].update(new, edited, new.news != old.news)
                files.update(updated)
                removed |= gone
            site_dir = self.project.content_dir / slug
            files.update(self._changed_copies(slug, site_dir, copied & set(new.files)))
        else:
            rendered = self._render_site(new)
            files.update(rendered)
            manifest = read_manifest(self.project.output_dir)
            removed |= {p for p in manifest if p.startswith(f"{slug}/")} - rendered.keys()
        self.content = dataclasses.replace(
            self.content,
            sites=tuple(new if site.slug == slug else site for site in self.content.sites),
        )

    def _new_photo(self, site: SiteContent, copied: set[str]) -> bool:
        """Whether the site's photo got other bytes under its name: its sizes get other
        names, so every page that shows it is made again."""
        photo = site.site.photo.file if site.site.photo else None
        if photo is None or photo not in copied:
            return False
        made = self.renderers[site.slug].photo
        now = image_digest((self.project.content_dir / site.slug / photo).read_bytes())
        return made is None or made.digest != now

    def _new_pictures(self, site: SiteContent, copied: set[str]) -> bool:
        """Whether the offers now show other pictures than the last render made sizes of,
        or a picture under files/ changed (an offer's gets sizes of other names, any may
        now hold metadata the site must not publish): then the site is made again."""
        made = self.renderers[site.slug].pictures
        if offer_pictures(site, self.project.content_dir / site.slug) != sorted(made):
            return True
        return any(name.lower().endswith(PICTURE_SUFFIXES) for name in copied)

    def _changed_copies(self, slug: str, site_dir: Path, names: set[str]) -> dict[str, FileData]:
        """The site's own files (`files/…`) among `names` whose bytes changed, to copy again."""
        sources = {(site_dir / name).resolve() for name in names}
        files: dict[str, FileData] = {}
        for path, source in self.copies[slug].items():
            if source in sources:
                now = digest(source)
                if self.digests.get(source) != now:
                    files[path] = CopyOf(source)
                    self.digests[source] = now
        return files

    def _copy_static(self, names: set[str], files: dict[str, FileData], removed: set[str]) -> None:
        """Theme files under `static/` that changed, copied again into every site that
        publishes them (the site's own file of that name wins); removed where they went."""
        static = self.project.theme_dir.resolve() / "static"
        sources = {static / name for name in names}
        for slug, renderer in self.renderers.items():
            before, now = self.copies[slug], _copies(renderer)
            for path, source in now.items():
                if source in sources:
                    files[path] = theme_copy(source)
            removed |= {path for path, source in before.items() if source in sources} - now.keys()
            self.copies[slug] = now

    def _render_site(self, site: SiteContent) -> dict[str, FileData]:
        """Every file of one site, with a fresh renderer kept for later updates."""
        assert self.today is not None and self.env is not None
        files: dict[str, FileData] = {}
        alone = Content(self.project.content_dir, (site,))
        # In this process: forking for one site, then preparing its graph, costs more.
        render_content(
            alone, self.project, self.today, files.update, 1, keep=self.renderers, env=self.env
        )
        self.copies[site.slug] = _copies(self.renderers[site.slug])
        for source in self._site_files({site.slug: self.copies[site.slug]}):
            self.digests[source] = digest(source)
        return files

    def _site_files(self, copies: dict[str, dict[str, Path]]) -> set[Path]:
        """The sources among these copies that are a site's own files (under `files/`)."""
        content = self.project.content_dir.resolve()
        return {
            source
            for published in copies.values()
            for source in published.values()
            if source.is_relative_to(content)
        }

    def _notes(self, site: SiteContent, found: list[Diagnostic]) -> tuple[Diagnostic, ...]:
        """A site's notes: what loading it found, and its missing translations."""
        root = self.project.content_dir
        return tuple(found) + translation_notes(Content(root, (site,)))

    def _report(self, written: int) -> Report:
        assert self.content is not None
        notes = tuple(note for site in self.content.sites for note in self.notes[site.slug])
        slugs = tuple(site.slug for site in self.content.sites)
        return Report(slugs, notes, written, self.skipped)


def _copies(renderer: SiteRenderer) -> dict[str, Path]:
    """The files a site publishes as copies (its `files/`, the theme's `static/`), by
    output path; read from what the renderer makes, so the preview never guesses."""
    once = renderer.render_site_files([])  # the sitemap is not taken from this
    return {path: data.source.resolve() for path, data in once.items() if isinstance(data, CopyOf)}


def _site_of(diagnostic: Diagnostic) -> str:
    return diagnostic.path.split("/", 1)[0]


def _changed_offers(old: SiteContent, new: SiteContent) -> set[str]:
    """Slugs of the offers edited, added, removed, published or unpublished."""
    before = {entry.slug: entry for entry in old.published_offers}
    after = {entry.slug: entry for entry in new.published_offers}
    return {slug for slug in before.keys() | after.keys() if before.get(slug) != after.get(slug)}
