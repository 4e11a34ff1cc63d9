"""The pipeline: load → render → write. `check` is load and render without the write;
the preview (`fzgen.build.live`) runs the same stages and keeps what they made.

    load     content/ (+ translations/) → Content, every error collected   `load`
    render   Content + theme → files in memory, handed to a sink          `render`
    write    the sink of a build: a staging folder, swapped in whole       `fzgen.output.write`

A build renders in forked workers where it pays (`fzgen.build.workers`); it
hands them the site folders, so that each task loads its own site and the
cores share the loading too. Nothing is swapped in unless every site is valid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from fzgen.build.job import FileSink, Job, SiteSource, TaskResult, discard
from fzgen.build.portal import PortalEntry, portal_entry, render_portal
from fzgen.build.workers import (
    collector_paused,
    render_content,
    run_job,
    unwind_on_sigterm,
    worker_count,
)
from fzgen.content.coverage import translation_notes
from fzgen.content.easy_notes import easy_read_notes
from fzgen.content.loader import (
    Content,
    LoadCache,
    SiteContent,
    content_notes,
    count_offer_files,
    load_content,
    load_site,
    site_folders,
)
from fzgen.errors import ContentError, Diagnostic, UsageError
from fzgen.output.write import Staging, read_manifest
from fzgen.pages.offer_notes import offer_notes
from fzgen.project import Project, output_problem, reference_date
from fzgen.render.environment import ThemeEnvironment, make_environment
from fzgen.render.site import SiteRenderer
from fzgen.theme.catalogue import catalogue_languages


@dataclass(frozen=True)
class Report:
    """What a run did, for the command line to tell."""

    #: The sites of the content (slugs), valid and, unless one was chosen, built.
    sites: tuple[str, ...]
    notes: tuple[Diagnostic, ...]
    files_written: int = 0
    #: The errors of the sites left out because they have errors: other sites than the
    #: one chosen with --site, or in the preview the sites it cannot show.
    skipped: tuple[Diagnostic, ...] = ()

    @property
    def skipped_sites(self) -> list[str]:
        """The slugs of the sites left out, in order."""
        return sorted({site_of(error) for error in self.skipped})


def site_of(diagnostic: Diagnostic) -> str:
    """The site (folder name) a finding is about: the first step of its path."""
    return diagnostic.path.split("/", 1)[0]


def load(project: Project, cache: LoadCache | None = None, site: str | None = None) -> Content:
    """Load and validate the whole content folder, or only the site `site` (raises
    ContentError with every error; UsageError where there is no such site)."""
    _require_content(project)
    languages = catalogue_languages(project.translations_dir)
    if site is None:
        return load_content(project.content_dir, languages, cache)
    site_dir = project.content_dir / site
    _require_site(project, site)
    loaded, found = load_site(project.content_dir, site_dir, languages, cache)
    notes = content_notes([site_dir], found)
    return Content(project.content_dir, (loaded,) if loaded is not None else (), notes)


def _require_content(project: Project) -> None:
    if not project.content_dir.is_dir():
        raise UsageError("content_missing", path=str(project.content_dir))


def site_names(project: Project) -> list[str]:
    """The folders of the content folder that may be sites, by name."""
    folders = site_folders(project.content_dir)
    return [folder.name for folder in folders if folder.is_dir() and not folder.is_symlink()]


def _require_site(project: Project, site: str) -> None:
    """Raise UsageError, naming the sites there are, unless `site` is one of them."""
    names = site_names(project)
    if site not in names:
        raise UsageError("site_unknown", site=site, available=", ".join(names))


def theme(project: Project) -> ThemeEnvironment:
    """The project's theme with every template compiled (raises ContentError with
    each syntax error of the theme, file and line)."""
    env = make_environment(project)
    env.compile_theme()
    return env


def load_with_theme(
    project: Project, cache: LoadCache | None = None, site: str | None = None
) -> tuple[Content, Environment]:
    """The content (or the site `site`) and the theme; one ContentError names the
    errors of both."""
    errors: list[Diagnostic] = []
    try:
        content = load(project, cache, site)
    except ContentError as exc:
        errors += exc.diagnostics
    try:
        env = theme(project)
    except ContentError as exc:
        errors += exc.diagnostics
    if errors:
        raise ContentError(errors)
    return content, env


def load_healthy(
    project: Project, cache: LoadCache | None = None
) -> tuple[Content, Environment, tuple[Diagnostic, ...]]:
    """The sites that load without errors and the theme, and the errors of the other
    sites, which are left out: the preview shows every site it can. Raises ContentError
    where the theme has errors or no site loads."""
    _require_content(project)
    languages = catalogue_languages(project.translations_dir)
    site_dirs = site_folders(project.content_dir)
    sites: list[SiteContent] = []
    found: list[Diagnostic] = []
    skipped: list[Diagnostic] = []
    for site_dir in site_dirs:
        site, diagnostics = load_site(project.content_dir, site_dir, languages, cache)
        errors = [d for d in diagnostics if d.severity == "error"]
        skipped += errors
        if not errors:
            found += diagnostics
            sites += [site] if site is not None else []
    try:
        env: Environment | None = theme(project)
    except ContentError:
        env = None
    if env is None or not sites:
        # Nothing to show: every error of the content and the theme, as a build says them.
        content, env = load_with_theme(project, cache)
        return content, env, ()
    content = Content(project.content_dir, tuple(sites), content_notes(site_dirs, found))
    return content, env, tuple(sorted(skipped, key=Diagnostic.sort_key))


def render(
    content: Content,
    project: Project,
    today: dt.date,
    env: Environment,
    sink: FileSink,
    *,
    keep: dict[str, SiteRenderer] | None = None,
    processes: int | None = None,
) -> list[str]:
    """Render every file of loaded content, the portal too, handing each batch to
    `sink`; their paths. With `keep`, the site renderers stay there for updates."""
    written = render_content(content, project, today, sink, processes, keep, env)
    portal = render_portal([portal_entry(site) for site in content.sites], env)
    sink(portal)
    return written + list(portal)


def _job(
    project: Project,
    env: Environment,
    today: dt.date,
    sources: Sequence[SiteSource],
    rendered: Sequence[int],
    sink: FileSink,
) -> Job:
    """A build's job: sites as folders, each loaded by the task that renders it first."""
    languages = catalogue_languages(project.translations_dir)
    return Job(project, env, today, tuple(sources), frozenset(rendered), languages, sink, True)


def validate(project: Project, site: str | None = None) -> tuple[Content, tuple[Diagnostic, ...]]:
    """Load and validate the content (or the site `site`), render nothing: the content
    and what to note about it (for the commands that read the content, not the pages)."""
    content = load(project, site=site)
    return content, content.notes + translation_notes(content)


def check(project: Project, site: str | None = None) -> tuple[Content, tuple[Diagnostic, ...]]:
    """Load and render everything (or the site `site`), write nothing: the content and
    what to note about it.

    Rendering finds what loading cannot (a template's error at run time, a
    catalogue text a template asks for); the files go to a sink that drops them.
    """
    today = reference_date()  # a bad SOURCE_DATE_EPOCH fails here as it would in a build
    with collector_paused():
        content, env = load_with_theme(project, site=site)
        render(content, project, today, env, discard)
    notes = translation_notes(content) + offer_notes(content, today) + easy_read_notes(content)
    return content, content.notes + notes


def build(
    project: Project, site: str | None = None, clean: bool = False, processes: int | None = None
) -> Report:
    """Validate everything; only if all is valid, render and swap in the new output."""
    with collector_paused():
        return _build(project, site, clean, processes)


def _build(project: Project, site: str | None, clean: bool, processes: int | None) -> Report:
    problem = output_problem(project)
    if problem is not None:
        raise problem
    _require_content(project)
    if site is not None:
        _require_site(project, site)
    today = reference_date()
    env = _theme_or_every_error(project)
    site_dirs = site_folders(project.content_dir)
    names = [folder.name for folder in site_dirs]
    rendered = range(len(names)) if site is None else [names.index(site)]
    offers = sum(count_offer_files(site_dirs[index]) for index in rendered)
    # SIGTERM (a CI timeout, `kill`) unwinds like Ctrl+C: workers end, the staging folder goes.
    with unwind_on_sigterm():
        staging = Staging(project.output_dir)
        try:
            # Files land in the staging folder, which goes unused if any site has errors.
            job = _job(project, env, today, site_dirs, rendered, staging.write)
            results = run_job(job, processes or worker_count(offers))
            slugs, notes, skipped = _sites_and_notes(site_dirs, results, site)
            written = [path for result in results for path in result.files]
            keep = [slug for slug in names if site is not None and slug != site]
            if skipped and read_manifest(project.output_dir) & PORTAL_FILES:
                keep += PORTAL_FILES  # the portal as it was lists the sites left out too
            else:
                written += staging.write(render_portal(_portal_entries(results), env))
            staging.commit(written, keep, clean)
        except BaseException:
            staging.discard()
            raise
    return Report(slugs, notes, len(written), skipped)


#: The files of the portal at the top of the output (`render_portal`).
PORTAL_FILES = {"index.html", "_headers", ".htaccess"}


def _theme_or_every_error(project: Project) -> Environment:
    """The theme; where it has errors, the content is loaded to name its errors too."""
    try:
        return theme(project)
    except ContentError:
        load_with_theme(project)  # raises with both
        raise


def _sites_and_notes(
    site_dirs: list[Path], results: list[TaskResult], site: str | None
) -> tuple[tuple[str, ...], tuple[Diagnostic, ...], tuple[Diagnostic, ...]]:
    """The slugs of the sites loaded, the notes of the whole content (or of the site
    `site`), and the errors of other sites than `site`, which are left out (raises
    ContentError with every error any task found, or `site` has)."""
    found = [diagnostic for result in results for diagnostic in result.found]
    skipped: list[Diagnostic] = []
    if site is not None:
        skipped = [d for d in found if site_of(d) != site and d.severity == "error"]
        found = [d for d in found if site_of(d) == site]
        results = [r for r in results if r.site == _index(site_dirs, site)]
        site_dirs = [folder for folder in site_dirs if folder.name == site]
    notes = content_notes(site_dirs, found)
    # Tasks ran in any order; the sites' part 0 in their folders' order.
    loaded = _reported(results)
    notes += tuple(note for result in loaded for note in result.notes)
    slugs = tuple(entry.slug for entry in _portal_entries(loaded))
    return slugs, notes, tuple(sorted(skipped, key=Diagnostic.sort_key))


def _index(site_dirs: list[Path], site: str) -> int:
    return [folder.name for folder in site_dirs].index(site)


def _reported(results: list[TaskResult]) -> list[TaskResult]:
    """The results that report a loaded site, in the order of the site folders."""
    return sorted((r for r in results if r.portal is not None), key=lambda r: r.site)


def _portal_entries(results: list[TaskResult]) -> list[PortalEntry]:
    return [result.portal for result in _reported(results) if result.portal is not None]


__all__ = ["ContentError", "Report", "build", "check", "load", "render", "validate"]
