"""One run of the pipeline as values: the job every worker gets, its tasks, their results.

A job is made once, in the process that starts the run, and handed to the
forked workers as it is (they inherit it; nothing of it is pickled). Tasks
and results travel between the processes and are small.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from jinja2 import Environment

from fzgen.build.portal import PortalEntry
from fzgen.content.loader import SiteContent
from fzgen.errors import Diagnostic
from fzgen.project import Project
from fzgen.render.published import FileData

#: Takes rendered files (path → content) and writes them (`fzgen.output.write.Staging`),
#: keeps them (a test) or drops them (`check`).
FileSink = Callable[[Mapping[str, FileData]], object]
#: A site as a job gets it: loaded (check, the preview) or its folder, which the
#: task loads itself (a build: loading is then shared by the cores too).
SiteSource = SiteContent | Path


def discard(files: Mapping[str, FileData]) -> None:
    """The sink of `check`: every file is rendered, none is kept."""


@dataclass(frozen=True)
class Job:
    """What every task of a run needs; the same in every process of the run."""

    project: Project
    #: The theme's templates, compiled before the workers are forked.
    env: Environment
    #: The day the pages are made for (`fzgen.project.reference_date`).
    today: dt.date
    sources: tuple[SiteSource, ...]
    #: The numbers of the sites to render; the others are only loaded (checked).
    rendered: frozenset[int]
    #: The languages fzgen has catalogues for (a site may use only these).
    languages: frozenset[str]
    sink: FileSink
    #: Whether a site's first task hands back its notes and portal entry: a build
    #: needs them from the workers that loaded the sites; who loaded them has them.
    report: bool

    @property
    def root(self) -> Path:
        """The content folder the sites lie in."""
        return self.project.content_dir


class Task(NamedTuple):
    """One share of the work: the site numbered `site`, its languages [part::parts].

    Part 0 (with the source language) also makes the files a site has once.
    """

    site: int
    part: int
    parts: int


@dataclass(frozen=True)
class TaskResult:
    """What one task hands back: the paths it gave the sink, and, for the first task
    of a site it loaded itself, what loading found, its notes and its portal entry."""

    site: int
    files: tuple[str, ...]
    found: tuple[Diagnostic, ...] = ()
    notes: tuple[Diagnostic, ...] = ()
    portal: PortalEntry | None = None
