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
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

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
from fzgen.content.loader import (
    Content,
    LoadCache,
    content_notes,
    count_offer_files,
    load_content,
    site_folders,
)
from fzgen.errors import ContentError, Diagnostic, UsageError
from fzgen.output.write import Staging
from fzgen.project import Project, output_problem
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


def reference_date() -> dt.date:
    """The day the site is built for: SOURCE_DATE_EPOCH when set (reproducible builds), else today.

    Pages show "the next dates" from this day on, so two builds on the same day,
    or with the same SOURCE_DATE_EPOCH, are byte-identical.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    berlin = ZoneInfo("Europe/Berlin")
    if not epoch:
        return dt.datetime.now(berlin).date()
    if not epoch.isdigit() or int(epoch) > LATEST_EPOCH:
        raise UsageError("source_date_epoch", value=epoch)
    return dt.datetime.fromtimestamp(int(epoch), berlin).date()


#: SOURCE_DATE_EPOCH of 2999-12-31: the pages look a year or two ahead of the day.
LATEST_EPOCH = 32_503_593_600


def load(project: Project, cache: LoadCache | None = None) -> Content:
    """Load and validate the whole content folder (raises ContentError with every error)."""
    _require_content(project)
    languages = catalogue_languages(project.translations_dir)
    return load_content(project.content_dir, languages, cache)


def _require_content(project: Project) -> None:
    if not project.content_dir.is_dir():
        raise UsageError("content_missing", path=str(project.content_dir))


def theme(project: Project) -> ThemeEnvironment:
    """The project's theme with every template compiled (raises ContentError with
    each syntax error of the theme, file and line)."""
    env = make_environment(project)
    env.compile_theme()
    return env


def load_with_theme(
    project: Project, cache: LoadCache | None = None
) -> tuple[Content, Environment]:
    """The content and the theme; one ContentError names the errors of both."""
    errors: list[Diagnostic] = []
    try:
        content = load(project, cache)
    except ContentError as exc:
        errors += exc.diagnostics
    try:
        env = theme(project)
    except ContentError as exc:
        errors += exc.diagnostics
    if errors:
        raise ContentError(errors)
    return content, env


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


def validate(project: Project) -> tuple[Content, tuple[Diagnostic, ...]]:
    """Load and validate the content, render nothing: the content and what to note
    about it (for the commands that read the content, not the pages)."""
    content = load(project)
    return content, content.notes + translation_notes(content)


def check(project: Project) -> tuple[Content, tuple[Diagnostic, ...]]:
    """Load and render everything, write nothing: the content and what to note about it.

    Rendering finds what loading cannot (a template's error at run time, a
    catalogue text a template asks for); the files go to a sink that drops them.
    """
    today = reference_date()  # a bad SOURCE_DATE_EPOCH fails here as it would in a build
    with collector_paused():
        content, env = load_with_theme(project)
        render(content, project, today, env, discard)
    return content, content.notes + translation_notes(content)


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
    today = reference_date()
    env = _theme_or_every_error(project)
    site_dirs = site_folders(project.content_dir)
    names = [folder.name for folder in site_dirs]
    rendered = range(len(names)) if site is None else [names.index(site)] if site in names else []
    offers = sum(count_offer_files(site_dirs[index]) for index in rendered)
    # SIGTERM (a CI timeout, `kill`) unwinds like Ctrl+C: workers end, the staging folder goes.
    with unwind_on_sigterm():
        staging = Staging(project.output_dir)
        try:
            # Files land in the staging folder, which goes unused if any site has errors.
            job = _job(project, env, today, site_dirs, rendered, staging.write)
            results = run_job(job, processes or worker_count(offers))
            slugs, notes = _sites_and_notes(site_dirs, results)
            if site is not None and site not in slugs:
                raise UsageError("site_unknown", site=site, available=", ".join(slugs))
            written = [path for result in results for path in result.files]
            written += staging.write(render_portal(_portal_entries(results), env))
            keep = [slug for slug in slugs if site is not None and slug != site]
            staging.commit(written, keep, clean)
        except BaseException:
            staging.discard()
            raise
    return Report(slugs, notes, len(written))


def _theme_or_every_error(project: Project) -> Environment:
    """The theme; where it has errors, the content is loaded to name its errors too."""
    try:
        return theme(project)
    except ContentError:
        load_with_theme(project)  # raises with both
        raise


def _sites_and_notes(
    site_dirs: list[Path], results: list[TaskResult]
) -> tuple[tuple[str, ...], tuple[Diagnostic, ...]]:
    """The slugs of the sites loaded, and the notes of the whole content (raises
    ContentError with every error any task found)."""
    found = [diagnostic for result in results for diagnostic in result.found]
    notes = content_notes(site_dirs, found)
    # Tasks ran in any order; the sites' part 0 in their folders' order.
    loaded = _reported(results)
    notes += tuple(note for result in loaded for note in result.notes)
    return tuple(entry.slug for entry in _portal_entries(loaded)), notes


def _reported(results: list[TaskResult]) -> list[TaskResult]:
    """The results that report a loaded site, in the order of the site folders."""
    return sorted((r for r in results if r.portal is not None), key=lambda r: r.site)


def _portal_entries(results: list[TaskResult]) -> list[PortalEntry]:
    return [result.portal for result in _reported(results) if result.portal is not None]


__all__ = ["ContentError", "Report", "build", "check", "load", "render", "validate"]
