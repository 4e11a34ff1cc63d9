"""The pipeline: load → render → write. `check` is a build without the write."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from fzgen.errors import ContentError, Diagnostic, UsageError
from fzgen.i18n import catalogue_languages
from fzgen.load import Content, load_content
from fzgen.project import Project, output_is_unsafe
from fzgen.templating import make_environment
from fzgen.translations import status
from fzgen.workers import collector_paused, render_content, render_portal
from fzgen.write import Staging


@dataclass(frozen=True)
class Report:
    """What a run did, for the command line to tell."""

    content: Content
    notes: tuple[Diagnostic, ...]
    files_written: int = 0


def reference_date() -> dt.date:
    """The day the site is built for: SOURCE_DATE_EPOCH when set (reproducible builds), else today.

    Pages show "the next dates" from this day on, so two builds on the same day,
    or with the same SOURCE_DATE_EPOCH, are byte-identical.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    berlin = ZoneInfo("Europe/Berlin")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), berlin).date()
    return dt.datetime.now(berlin).date()


def load(project: Project) -> Content:
    """Load and validate the whole content folder (raises ContentError)."""
    if not project.content_dir.is_dir():
        raise UsageError("content_missing", path=str(project.content_dir))
    return load_content(project.content_dir, catalogue_languages(project.translations_dir))


def translation_notes(content: Content) -> tuple[Diagnostic, ...]:
    """One note per site: how many texts each language still lacks."""

    notes = []
    rows = status(content)
    for site in content.sites:
        counts = [
            f"{r.language}={len(r.missing)}" for r in rows if r.site == site.slug and r.missing
        ]
        if counts:
            notes.append(
                Diagnostic(
                    site.slug,
                    "translation_missing",
                    params={"counts": ",".join(counts)},
                    severity="warning",
                )
            )
    return tuple(notes)


def check(project: Project) -> Report:
    """Validate everything and write nothing."""
    content = load(project)
    return Report(content, content.notes + translation_notes(content))


def build(
    project: Project, site: str | None = None, clean: bool = False, processes: int | None = None
) -> Report:
    """Validate everything; only if all is valid, render and swap in the new output."""
    with collector_paused():
        return _build(project, site, clean, processes)


def _build(project: Project, site: str | None, clean: bool, processes: int | None) -> Report:
    if output_is_unsafe(project):
        raise UsageError("output_unsafe", path=str(project.output_dir))
    content = load(project)
    if site is not None and content.site(site) is None:
        available = ", ".join(s.slug for s in content.sites)
        raise UsageError("site_unknown", site=site, available=available)
    keep = [s.slug for s in content.sites if site is not None and s.slug != site]
    staging = Staging(project.output_dir)
    try:
        env = make_environment(project)
        written = render_content(
            content,
            project,
            reference_date(),
            staging.write,
            only_site=site,
            processes=processes,
            env=env,
        )
        written += staging.write(render_portal(content, env))
        staging.commit(written, keep, clean)
    except BaseException:
        staging.discard()
        raise
    return Report(content, content.notes + translation_notes(content), len(written))


__all__ = ["ContentError", "Report", "build", "check", "load"]
