"""The preview's build: kept in memory, so a change re-renders only what it touches.

The first build renders everything in this process and keeps each site's
renderer with its dependency graph. After a change, only the touched sites are
loaded again (unchanged offers come from the loader's cache); where only offers
changed, the graph names the pages to render; a changed site.yaml, page or file
renders that site again. Anything else (theme, catalogues, a new site, a new
day) is a full build. The result is byte-identical to a full build (tested).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
from collections.abc import Iterable
from pathlib import Path

from fzgen.build.pipeline import Report, reference_date
from fzgen.errors import ContentError, Diagnostic, UsageError
from fzgen.theme.catalogue import catalogue_languages
from fzgen.content.loader import Content, LoadCache, SiteContent, load_content, load_site
from fzgen.project import Project
from fzgen.render.published import FileData
from fzgen.render.site import SiteRenderer
from fzgen.render.environment import make_environment
from fzgen.content.coverage import translation_notes
from fzgen.build.workers import collector_paused, portal_entry, render_content, render_portal
from fzgen.output.write import Staging, read_manifest, update_output


class LiveBuild:
    """One project's output, kept up to date file by file."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.cache = LoadCache()
        self.content: Content | None = None
        self.today: dt.date | None = None
        self.renderers: dict[str, SiteRenderer] = {}
        self.notes: dict[str, tuple[Diagnostic, ...]] = {}
        self.env = make_environment(project)

    def full(self) -> Report:
        """Load and render everything, keep the site renderers for updates, swap it in."""
        project = self.project
        self.content = None
        gc.unfreeze()
        if not project.content_dir.is_dir():
            raise UsageError("content_missing", path=str(project.content_dir))
        languages = catalogue_languages(project.translations_dir)
        today = reference_date()
        renderers: dict[str, SiteRenderer] = {}
        # Forked workers render large builds (never once the watcher thread
        # runs); the renderers come back prepared for updates either way. Templates
        # are compiled once per environment, so a full build (a changed theme) starts a new one.
        self.env = make_environment(project)
        with collector_paused():
            content = load_content(project.content_dir, languages, self.cache)
            staging = Staging(project.output_dir)
            try:
                written = render_content(
                    content, project, today, staging.write, keep=renderers, env=self.env
                )
                written += staging.write(
                    render_portal([portal_entry(s) for s in content.sites], self.env)
                )
                staging.commit(written, (), clean=False)
            except BaseException:
                staging.discard()
                raise
        self.content, self.today, self.renderers = content, today, renderers
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
        """Bring the output up to date after these files changed (raises ContentError)."""
        sites = self._touched_sites(changed)
        if sites is None or self.content is None:
            return self.full()
        content = self.content
        files: dict[str, FileData] = {}
        removed: set[str] = set()
        new_sites = {site.slug: site for site in content.sites}
        for slug in sorted(sites):
            old = content.site(slug)
            new, found = load_site(
                content.root,
                content.root / slug,
                catalogue_languages(self.project.translations_dir),
                self.cache,
            )
            errors = [d for d in found if d.severity == "error"]
            if errors:
                raise ContentError(errors)
            if old is None or new is None:
                return self.full()
            new_sites[slug] = new
            if (new.site, new.pages, new.files) == (old.site, old.pages, old.files):
                edited = _changed_offers(old, new)
                if edited:
                    updated, gone = self.renderers[slug].update(new, edited)
                    files.update(updated)
                    removed |= gone
            else:
                rendered = self._render_site(new)
                files.update(rendered)
                manifest = read_manifest(self.project.output_dir)
                removed |= {p for p in manifest if p.startswith(f"{slug}/")} - rendered.keys()
            self.notes[slug] = self._notes(new, found)
        self.content = dataclasses.replace(
            content, sites=tuple(new_sites[site.slug] for site in content.sites)
        )
        if files or removed:
            files.update(render_portal([portal_entry(s) for s in self.content.sites], self.env))
            update_output(self.project.output_dir, files, removed)
        return self._report(len(files))

    def _touched_sites(self, changed: Iterable[Path]) -> set[str] | None:
        """The site folders the changes lie in; None where only a full build will do."""
        if self.content is None or reference_date() != self.today:
            return None
        root = self.project.content_dir.resolve()
        known = {site.slug for site in self.content.sites}
        sites: set[str] = set()
        for path in changed:
            try:
                parts = path.resolve().relative_to(root).parts
            except ValueError:
                return None  # the theme or the catalogues
            if len(parts) < 2 or parts[0] not in known:
                if parts and parts[0].startswith((".", "_")):
                    continue
                return None  # a new or removed site, or a file beside the sites
            sites.add(parts[0])
        return sites

    def _render_site(self, site: SiteContent) -> dict[str, FileData]:
        """Every file of one site, with a fresh renderer kept for later updates."""
        assert self.today is not None
        files: dict[str, FileData] = {}
        alone = Content(self.project.content_dir, (site,))
        render_content(
            alone, self.project, self.today, files.update, keep=self.renderers, env=self.env
        )
        return files

    def _notes(self, site: SiteContent, found: list[Diagnostic]) -> tuple[Diagnostic, ...]:
        """A site's notes: what loading it found, and its missing translations."""
        root = self.project.content_dir
        return tuple(found) + translation_notes(Content(root, (site,)))

    def _report(self, written: int) -> Report:
        assert self.content is not None
        notes = tuple(note for site in self.content.sites for note in self.notes[site.slug])
        return Report(tuple(site.slug for site in self.content.sites), notes, written)


def _site_of(diagnostic: Diagnostic) -> str:
    return diagnostic.path.split("/", 1)[0]


def _changed_offers(old: SiteContent, new: SiteContent) -> set[str]:
    """Slugs of the offers edited, added, removed, published or unpublished."""
    before = {entry.slug: entry for entry in old.published_offers}
    after = {entry.slug: entry for entry in new.published_offers}
    return {slug for slug in before.keys() | after.keys() if before.get(slug) != after.get(slug)}
