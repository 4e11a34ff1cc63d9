"""Sites loaded and rendered: sites × languages, in forked workers where it pays.

A build hands each worker site folders, not loaded sites: the worker loads and
checks a site, renders it and writes its files, and gives back only what the
parent reports (paths, findings, notes, the portal entry). Loading is then
shared by the cores too. The preview loads first (it keeps the content) and
hands over the loaded sites; the rest is the same.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import gc
import multiprocessing
import multiprocessing.pool
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment

from fzgen.errors import Diagnostic
from fzgen.pages.hosting import headers_file, htaccess
from fzgen.theme.catalogue import Catalogue, catalogue_languages, language_own_name, load_catalogues
from fzgen.render.layout import SPLITTER
from fzgen.content.loader import Content, SiteContent, count_offer_files, load_site
from fzgen.project import Project
from fzgen.render.published import FileData
from fzgen.render.site import SiteRenderer
from fzgen.render.environment import make_environment
from fzgen.content.coverage import translation_notes

#: What forked workers need; set in the parent just before the fork.
_JOB: dict[str, Any] = {}
#: From this many offers a second process saves more than it costs: about 300
#: pages in eight languages (measured: 800 offer pages, 4.9 s -> 3.2 s).
PARALLEL_FROM_OFFERS = 40
#: Takes rendered files (path → bytes) and writes them; see `fzgen.output.write.Staging`.
FileSink = Callable[[Mapping[str, FileData]], object]
#: One task: site number, part, parts. A task renders the site's languages
#: [part::parts]; part 0 (with the source language) also the files a site has once.
Task = tuple[int, int, int]
#: A site as the workers get it: loaded (the preview) or its folder (a build).
SiteSource = SiteContent | Path


@dataclass(frozen=True)
class SiteResult:
    """What one task hands back: the paths it wrote, and for part 0 of a site it
    loaded itself, what loading found, the translation notes and the portal entry."""

    site: int
    files: list[str]
    found: tuple[Diagnostic, ...] = ()
    notes: tuple[Diagnostic, ...] = ()
    portal: dict[str, Any] | None = None


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off while a build loads and renders.

    A build makes millions of short-lived objects that reference counting
    frees; the collector would walk them anyway (a quarter of the render's
    CPU time at 10,000 pages) and find almost no cycles (under a hundred
    objects at 10,000 pages). Workers inherit the paused state.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Terminated(BaseException):
    """SIGTERM came during a build: unwound like Ctrl+C, then the process ends by it."""


@contextmanager
def unwind_on_sigterm() -> Iterator[None]:
    """SIGTERM unwinds what runs inside (its workers end, its staging folder goes),
    then ends the process by SIGTERM, as it would have without this.

    Left as it is where SIGTERM has a handler already (the preview has its
    own) and outside the main thread, where Python cannot set one.
    """
    main = threading.current_thread() is threading.main_thread()
    if not main or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL:
        yield
        return
    signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    except Terminated:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)
        raise
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _raise_terminated(signum: int, frame: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second one must not cut the cleanup short
    raise Terminated


#: Signals the parent decides about; its workers are forked with them held back.
_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
_PR_SET_PDEATHSIG = 1


@contextmanager
def _worker_pool(workers: int) -> Iterator[multiprocessing.pool.Pool]:
    """Forked workers that die with this process and leave Ctrl+C to it.

    Ctrl+C and SIGTERM are held back while the workers are forked, so that none
    reaches a worker before it has set itself up (`_worker_started`); this
    process gets them once the pool stands, and leaving the `with` for any
    reason terminates the workers.
    """
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, _worker_started, (os.getpid(),)) as pool:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            yield pool
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _worker_started(parent: int) -> None:
    """In each new worker: die with the parent, ignore Ctrl+C (the parent ends the
    pool), end quietly on the parent's SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if not _die_with_parent():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)


def _die_with_parent() -> bool:
    """Have Linux kill this process when its parent ends; False where it cannot."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return False
    return bool(prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0)


def _watch_parent(parent: int) -> None:
    """Without Linux's death signal: end this worker soon after its parent ended."""
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def _site(index: int) -> tuple[SiteContent | None, tuple[Diagnostic, ...]]:
    """A site of the run, loaded in this process on first use when it came as a folder."""
    loaded: dict[int, tuple[SiteContent | None, tuple[Diagnostic, ...]]] = _JOB["loaded"]
    if index not in loaded:
        source: SiteSource = _JOB["sources"][index]
        if isinstance(source, SiteContent):
            loaded[index] = (source, ())
        else:
            site, found = load_site(_JOB["root"], source, _JOB["languages"])
            loaded[index] = (site, tuple(found))
    return loaded[index]


def _catalogues(languages: Sequence[str]) -> dict[str, Catalogue]:
    """The catalogues of these languages; each language's is loaded once per run."""
    every: dict[str, Catalogue] = _JOB["catalogues"]
    missing = [language for language in languages if language not in every]
    if missing:
        every.update(load_catalogues(_JOB["project"].translations_dir, missing))
    return {language: every[language] for language in languages}


def _renderer(index: int) -> SiteRenderer:
    renderers: dict[int, SiteRenderer] = _JOB["renderers"]
    if index not in renderers:
        site = _site(index)[0]
        assert site is not None
        renderers[index] = SiteRenderer(
            site,
            _JOB["project"],
            _JOB["env"],
            _JOB["today"],
            _JOB["root"] / site.slug,
            _catalogues(site.languages),
        )
    return renderers[index]


def _prepare_for_workers(env: Environment) -> None:
    """Load the catalogues and compile every template once, before forking: the
    workers inherit them instead of each doing it again."""
    _catalogues(sorted(_JOB["languages"]))
    env.get_template(SPLITTER)
    for name in env.list_templates(filter_func=lambda name: name.endswith(".html")):
        env.get_template(name)


def _run_task(task: Task) -> SiteResult:
    """Load the site if needed, render its share of languages and hand the files to the
    sink, in this process. Workers write their own files: nothing large travels back
    to the parent, and both cores create files."""
    index, part, parts = task
    site, found = _site(index)
    written: list[str] = []
    if site is not None and _JOB["render"][index] and not _has_errors(found):
        renderer, sink = _renderer(index), _JOB["sink"]
        sitemap: list[str] = []
        for language in site.languages[part::parts]:
            files, pages = renderer.render_language(language)
            sink(files)
            written += files
            if language == site.languages[0]:
                sitemap = pages  # the sitemap lists the source language's pages
        if part == 0:
            once = renderer.render_site_files(sitemap)
            sink(once)
            written += once
    if part != 0 or not _JOB["report"]:
        return SiteResult(index, written)
    if site is None:
        return SiteResult(index, written, found)
    notes = translation_notes(Content(_JOB["root"], (site,)))
    return SiteResult(index, written, found, notes, portal_entry(site))


def _has_errors(found: Sequence[Diagnostic]) -> bool:
    return any(diagnostic.severity == "error" for diagnostic in found)


def plan(sites: int, workers: int, only: Sequence[int] | None = None) -> list[Task]:
    """The tasks in the order they are handed out.

    Whole sites first, so that a site's dates, calendar entries and Markdown
    (the same in every language) are made in one process only; then the last
    sites in one part per worker, so that no worker waits idle while another
    finishes a whole site. Sites not in `only` are loaded (checked) but not
    rendered: one task each, first.
    """
    rendered = list(range(sites)) if only is None else list(only)
    tasks: list[Task] = [(index, 0, 1) for index in range(sites) if index not in rendered]
    whole = max(0, len(rendered) - workers) if workers > 1 else len(rendered)
    tasks += [(index, 0, 1) for index in rendered[:whole]]
    tasks += [(index, part, workers) for index in rendered[whole:] for part in range(workers)]
    return tasks


def worker_count(offers: int) -> int:
    """Processes to render with: FZGEN_WORKERS if set, else every core for large builds.

    Never fork while other threads run; the preview (an event loop) asks for one.
    """
    configured = os.environ.get("FZGEN_WORKERS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        wanted = int(configured)
    else:
        wanted = (os.cpu_count() or 1) if offers >= PARALLEL_FROM_OFFERS else 1
    return wanted if threading.active_count() == 1 else 1


def _run(
    sources: Sequence[SiteSource],
    project: Project,
    today: dt.date,
    sink: FileSink,
    *,
    root: Path,
    offers: int,
    only: Sequence[int] | None,
    processes: int | None,
    env: Environment,
    report: bool,
    keep: dict[str, SiteRenderer] | None = None,
) -> list[SiteResult]:
    """Every task of the run, in workers or in this process; the results in task order."""
    rendered = set(range(len(sources)) if only is None else only)
    _JOB.update(
        sources=sources,
        project=project,
        env=env,
        today=today,
        root=root,
        languages=catalogue_languages(project.translations_dir),
        loaded={},
        renderers={},
        catalogues={},
        render=[index in rendered for index in range(len(sources))],
        report=report,
        sink=sink,
    )
    workers = processes or worker_count(offers)
    tasks = plan(len(sources), workers, only)
    try:
        if workers > 1 and len(tasks) > 1:
            _prepare_for_workers(env)
            # Objects made so far are shared with the workers; kept out of the
            # collector, they are not copied page by page into each worker.
            gc.freeze()
            try:
                with _worker_pool(workers) as pool:
                    results = pool.map(_run_task, tasks, chunksize=1)
            finally:
                gc.unfreeze()
            if keep is not None:
                for index in sorted(rendered):
                    renderer = _renderer(index)
                    renderer.prepare()  # the workers' state went with them
                    keep[renderer.site.slug] = renderer
        else:
            results = [_run_task(task) for task in tasks]
            if keep is not None:
                keep.update({_renderer(i).site.slug: _renderer(i) for i in sorted(rendered)})
    finally:
        _JOB.clear()
    return results


def load_and_render(
    site_dirs: Sequence[Path],
    project: Project,
    today: dt.date,
    sink: FileSink,
    only: Sequence[int] | None = None,
    processes: int | None = None,
    env: Environment | None = None,
) -> list[SiteResult]:
    """Load, check and render the sites in these folders (only those numbered in `only`
    are rendered, all are checked), handing each batch of files to `sink`.

    Results come in task order; each site's part 0 carries what loading it
    found, its translation notes and its portal entry. A site with errors is
    not rendered; the caller decides what the errors mean for the run.
    """
    offers = sum(count_offer_files(site_dirs[i]) for i in (only or range(len(site_dirs))))
    return _run(
        site_dirs,
        project,
        today,
        sink,
        root=project.content_dir,
        offers=offers,
        only=only,
        processes=processes,
        env=env or make_environment(project),
        report=True,
    )


def render_content(
    content: Content,
    project: Project,
    today: dt.date,
    sink: FileSink,
    processes: int | None = None,
    keep: dict[str, SiteRenderer] | None = None,
    env: Environment | None = None,
) -> list[str]:
    """Render every file of loaded sites, handing each batch to `sink`; returns their
    paths. The portal is `render_portal`'s.

    With `keep`, the site renderers are left in `keep` for incremental updates,
    with their dependency graphs (prepared here after a build in workers).
    The result is byte-identical in one process or several.
    """
    results = _run(
        content.sites,
        project,
        today,
        sink,
        root=content.root,
        offers=sum(len(site.published_offers) for site in content.sites),
        only=None,
        processes=processes,
        env=env or make_environment(project),
        report=False,
        keep=keep,
    )
    return [path for result in results for path in result.files]


def portal_entry(site: SiteContent) -> dict[str, Any]:
    """How the portal page lists one site."""
    return {
        "slug": site.slug,
        "name": site.site.name.original,
        "sozialraum": site.site.sozialraum.original,
        "languages": [(code, language_own_name(code)) for code in site.languages],
        "source": site.languages[0],
    }


def render_portal(entries: Sequence[Mapping[str, Any]], env: Environment) -> dict[str, bytes]:
    """The portal page listing these sites (see `portal_entry`), and its headers."""
    return {
        "index.html": env.get_template("portal.html").render(sites=list(entries)).encode(),
        "_headers": headers_file(),
        ".htaccess": htaccess(None),
    }
