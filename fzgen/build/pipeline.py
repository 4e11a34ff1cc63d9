"""The pipeline: load → render → write. `check` is a build without the write."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from fzgen.errors import ContentError, Diagnostic, UsageError
from fzgen.theme.catalogue import catalogue_languages
from fzgen.content.loader import Content, content_notes, load_content, site_folders
from fzgen.project import Project, output_problem
from fzgen.render.environment import make_environment
from fzgen.content.coverage import translation_notes
from fzgen.build.workers import collector_paused, load_and_render, render_portal, unwind_on_sigterm
from fzgen.output.write import Staging


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


def load(project: Project) -> Content:
    """Load and validate the whole content folder (raises ContentError)."""
    _require_content(project)
    return load_content(project.content_dir, catalogue_languages(project.translations_dir))


def _require_content(project: Project) -> None:
    if not project.content_dir.is_dir():
        raise UsageError("content_missing", path=str(project.content_dir))


def check(project: Project) -> tuple[Content, tuple[Diagnostic, ...]]:
    """Validate everything and write nothing: the content and what to note about it."""
    reference_date()  # a bad SOURCE_DATE_EPOCH fails here as it would in a build
    content = load(project)
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
    site_dirs = site_folders(project.content_dir)
    names = [folder.name for folder in site_dirs]
    only = None if site is None else [names.index(site)] if site in names else []
    # SIGTERM (a CI timeout, `kill`) unwinds like Ctrl+C: workers end, the staging folder goes.
    with unwind_on_sigterm():
        staging = Staging(project.output_dir)
        try:
            # Each site is loaded, checked and rendered in one go (in the workers
            # for large builds); files land in the staging folder, which goes
            # unused if any site has errors.
            env = make_environment(project)
            results = load_and_render(
                site_dirs, project, reference_date(), staging.write, only, processes, env
            )
            found = [diagnostic for result in results for diagnostic in result.found]
            notes = content_notes(site_dirs, found)
            # Part 0 of each valid site carries its portal entry; tasks ran in any order.
            sites = sorted((r for r in results if r.portal is not None), key=lambda r: r.site)
            slugs = tuple(result.portal["slug"] for result in sites if result.portal)
            if site is not None and site not in slugs:
                raise UsageError("site_unknown", site=site, available=", ".join(slugs))
            written = [path for result in results for path in result.files]
            written += staging.write(render_portal([s.portal for s in sites if s.portal], env))
            keep = [slug for slug in slugs if site is not None and slug != site]
            staging.commit(written, keep, clean)
        except BaseException:
            staging.discard()
            raise
    notes += tuple(note for result in sites for note in result.notes)
    return Report(slugs, notes, len(written))


__all__ = ["ContentError", "Report", "build", "check", "load"]
