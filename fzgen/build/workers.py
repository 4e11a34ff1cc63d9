"""A job's tasks, mapped over forked workers where it pays, else run in this process.

A build hands the workers site folders: each task loads and checks its site,
renders its share of languages and writes the files itself, and gives back
only what the parent reports (paths, findings, notes, the portal entry); so
loading is shared by the cores too, and nothing large travels back. `check`
and the preview hand over sites they loaded already; the rest is the same.
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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from jinja2 import Environment

from fzgen.build.job import FileSink, Job, Task, TaskResult
from fzgen.build.portal import portal_entry, render_portal
from fzgen.build.tasks import TaskRunner
from fzgen.content.loader import Content
from fzgen.project import Project
from fzgen.render.environment import make_environment
from fzgen.render.site import SiteRenderer
from fzgen.theme.catalogue import catalogue_languages

#: From this many offers a second process saves more than it costs: about 300
#: pages in eight languages (measured: 800 offer pages, 4.9 s -> 3.2 s).
PARALLEL_FROM_OFFERS = 40


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
def _worker_pool(workers: int, runner: TaskRunner) -> Iterator[multiprocessing.pool.Pool]:
    """Forked workers that die with this process and leave Ctrl+C to it.

    Ctrl+C and SIGTERM are held back while the workers are forked, so that none
    reaches a worker before it has set itself up (`_worker_started`); this
    process gets them once the pool stands, and leaving the `with` for any
    reason terminates the workers.
    """
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        context = multiprocessing.get_context("fork")
        # Forked, the workers inherit the runner (its job, the compiled templates,
        # the catalogues) as it is: initializer arguments are not pickled then.
        with context.Pool(workers, _worker_started, (os.getpid(), runner)) as pool:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            yield pool
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _worker_started(parent: int, runner: TaskRunner) -> None:
    """In each new worker: take the job's runner, die with the parent, ignore Ctrl+C
    (the parent ends the pool), end quietly on the parent's SIGTERM."""
    global _WORKER_RUNNER
    _WORKER_RUNNER = runner
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


def plan(sites: int, workers: int, only: Sequence[int] | None = None) -> list[Task]:
    """The tasks in the order they are handed out.

    Whole sites first, so that a site's dates, calendar entries and Markdown
    (the same in every language) are made in one process only; then the last
    sites in one part per worker, so that no worker waits idle while another
    finishes a whole site. Sites not in `only` are loaded (checked) but not
    rendered: one task each, first.
    """
    rendered = list(range(sites)) if only is None else list(only)
    tasks = [Task(index, 0, 1) for index in range(sites) if index not in rendered]
    whole = max(0, len(rendered) - workers) if workers > 1 else len(rendered)
    tasks += [Task(index, 0, 1) for index in rendered[:whole]]
    tasks += [Task(index, part, workers) for index in rendered[whole:] for part in range(workers)]
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


def run_job(
    job: Job, workers: int, keep: dict[str, SiteRenderer] | None = None
) -> list[TaskResult]:
    """Every task of the job, in `workers` forked processes or (one) in this one; the
    results in task order.

    With `keep`, the renderers of the rendered sites are left in it by slug,
    ready for `SiteRenderer.update` (prepared here after a run in workers,
    whose renderers ended with them).
    """
    only = None if len(job.rendered) == len(job.sources) else sorted(job.rendered)
    tasks = plan(len(job.sources), workers, only)
    runner = TaskRunner(job)
    if workers > 1 and len(tasks) > 1:
        results = _run_in_workers(runner, tasks, workers)
        if keep is not None:
            for index in sorted(job.rendered):
                runner.renderer(index).prepare()  # the workers' state went with them
    else:
        results = [runner.run(task) for task in tasks]
    if keep is not None:
        keep.update({runner.renderer(i).site.slug: runner.renderer(i) for i in job.rendered})
    return results


def _run_in_workers(runner: TaskRunner, tasks: list[Task], workers: int) -> list[TaskResult]:
    runner.prepare_for_workers()
    # Objects made so far are shared with the workers; kept out of the
    # collector, they are not copied page by page into each worker.
    gc.freeze()
    try:
        with _worker_pool(workers, runner) as pool:
            return pool.map(_run_in_worker, tasks, chunksize=1)
    finally:
        gc.unfreeze()


#: The runner of this process's job, in a worker only (set by `_worker_started`):
#: `Pool.map` hands a worker tasks, and the worker needs the job to run them.
_WORKER_RUNNER: TaskRunner | None = None


def _run_in_worker(task: Task) -> TaskResult:
    assert _WORKER_RUNNER is not None
    return _WORKER_RUNNER.run(task)


def render_content(
    content: Content,
    project: Project,
    today: dt.date,
    sink: FileSink,
    processes: int | None = None,
    keep: dict[str, SiteRenderer] | None = None,
    env: Environment | None = None,
) -> list[str]:
    """Render every file of loaded sites (not the portal: `render_portal`), handing each
    batch to `sink`; their paths. With `keep`, the site renderers stay there for updates.

    The result is byte-identical in one process or several.
    """
    job = Job(
        project,
        env or make_environment(project),
        today,
        content.sites,
        frozenset(range(len(content.sites))),
        catalogue_languages(project.translations_dir),
        sink,
        report=False,
    )
    offers = sum(len(site.published_offers) for site in content.sites)
    results = run_job(job, processes or worker_count(offers), keep)
    return [path for result in results for path in result.files]


#: Kept importable from here for the callers of the portal before it had a module.
__all__ = [
    "collector_paused",
    "plan",
    "portal_entry",
    "render_content",
    "render_portal",
    "run_job",
    "unwind_on_sigterm",
    "worker_count",
]
