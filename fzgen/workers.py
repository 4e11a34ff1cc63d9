"""A whole content folder rendered: sites × languages, in forked workers where it pays."""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from jinja2 import Environment

from fzgen.hosting import headers_file, htaccess
from fzgen.i18n import Catalogue, language_own_name, load_catalogues
from fzgen.load import Content, SiteContent
from fzgen.project import Project
from fzgen.render import SiteRenderer
from fzgen.templating import make_environment

#: What forked workers need; set in the parent just before the fork.
_JOB: dict[str, Any] = {}
#: Below this many pages a second process costs more than it saves.
PARALLEL_FROM_PAGES = 300
#: Takes rendered files (path → bytes) and writes them; see `fzgen.write.Staging`.
FileSink = Callable[[Mapping[str, bytes]], object]


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


def _renderer(index: int) -> SiteRenderer:
    renderers: dict[int, SiteRenderer] = _JOB["renderers"]
    if index not in renderers:
        site, project = _JOB["sites"][index], _JOB["project"]
        # Sites with the same languages share their catalogues within a run.
        shared: dict[tuple[str, ...], dict[str, Catalogue]] = _JOB["catalogues"]
        key = tuple(site.languages)
        if key not in shared:
            shared[key] = load_catalogues(project.translations_dir, site.languages)
        renderers[index] = SiteRenderer(
            site, project, _JOB["env"], _JOB["today"], _JOB["root"] / site.slug, shared[key]
        )
    return renderers[index]


def _prepare_for_workers(env: Environment, count: int) -> None:
    """Load catalogues and CLDR data and compile every template once, before forking:
    the workers inherit them instead of each doing it again."""
    for index in range(count):
        _renderer(index)._splitter()
    for name in env.list_templates(filter_func=lambda name: name.endswith(".html")):
        env.get_template(name)


Task = tuple[int, str]


def _render_task(task: Task) -> tuple[list[str], list[str]]:
    """Render one site in one language and hand the files to the sink, in this process.

    Workers write their own files: nothing large travels back to the parent,
    and both cores create files. Returns the files' and the pages' paths.
    """
    index, language = task
    files, pages = _renderer(index).render_language(language)
    _JOB["sink"](files)
    return list(files), pages


Rendered = tuple[list[tuple[list[str], list[str]]], list[str] | None]


def _render_chunk(chunk: list[Task]) -> Rendered:
    """Render the tasks; a chunk with a whole site also renders the files it has once.

    Returns each task's result and the paths of the site's own files (None if
    the chunk held only some of its languages: the parent renders them then).
    """
    results = [_render_task(task) for task in chunk]
    index = chunk[0][0]
    if [language for _, language in chunk] != list(_JOB["sites"][index].languages):
        return results, None
    # The first language is the source language: the sitemap lists its pages.
    return results, _render_site_files(index, results[0][1])


def _render_site_files(index: int, sitemap_paths: list[str]) -> list[str]:
    files = _renderer(index).render_site_files(sitemap_paths)
    _JOB["sink"](files)
    return list(files)


def chunks(tasks: list[Task], workers: int) -> list[list[Task]]:
    """The tasks in the order they are handed out: whole sites first, so that a
    site's dates, calendar entries and Markdown (the same in every language) are
    made in one process only; then the last sites one language at a time, so
    that no worker waits idle while another finishes a whole site."""
    sites: dict[int, list[Task]] = {}
    for task in tasks:
        sites.setdefault(task[0], []).append(task)
    grouped = list(sites.values())
    whole = max(0, len(grouped) - workers)
    return grouped[:whole] + [[task] for site in grouped[whole:] for task in site]


def planned_pages(sites: Iterable[SiteContent]) -> int:
    """About how many pages a build renders: what decides whether to fork."""
    return sum(len(site.published_offers) * len(site.languages) for site in sites)


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
    sink: FileSink,
    only_site: str | None = None,
    processes: int | None = None,
    keep: dict[str, SiteRenderer] | None = None,
    env: Environment | None = None,
) -> list[str]:
    """Render every file of the sites (only one with `only_site`), handing each batch
    to `sink`; returns their paths. The portal is `render_portal`'s.

    Sites × languages are independent: large builds render them in forked
    workers (both cores here), and the result is byte-identical either way.
    With `keep`, the site renderers are left in `keep` for incremental updates,
    with their dependency graphs (prepared here after a build in workers).
    """
    env = env or make_environment(project)
    sites = [site for site in content.sites if only_site is None or site.slug == only_site]
    tasks = [(index, language) for index, site in enumerate(sites) for language in site.languages]
    pages = planned_pages(sites)
    _JOB.update(
        sites=sites,
        project=project,
        env=env,
        today=today,
        root=content.root,
        renderers={},
        catalogues={},
        sink=sink,
    )
    workers = processes or worker_count(pages)
    written: list[str] = []
    try:
        parallel = workers > 1 and len(tasks) > 1
        if parallel:
            # Objects made so far are shared with the workers; kept out of the
            # collector, they are not copied page by page into each worker.
            _prepare_for_workers(env, len(sites))
            gc.freeze()
            try:
                with multiprocessing.get_context("fork").Pool(workers) as pool:
                    ordered = chunks(tasks, workers)
                    done = pool.map(_render_chunk, ordered, chunksize=1)
            finally:
                gc.unfreeze()
        else:
            ordered = chunks(tasks, 0)  # one chunk per site
            done = [_render_chunk(chunk) for chunk in ordered]
        sitemaps: dict[int, list[str]] = {}
        site_files: set[int] = set()
        for chunk, (results, own_files) in zip(ordered, done, strict=True):
            for (index, language), (paths, page_paths) in zip(chunk, results, strict=True):
                written += paths
                if language == sites[index].languages[0]:
                    sitemaps[index] = page_paths
            if own_files is not None:
                written += own_files
                site_files.add(chunk[0][0])
        for index, site in enumerate(sites):
            if index not in site_files:
                written += _render_site_files(index, sitemaps.get(index, []))
            if keep is not None:
                renderer = _renderer(index)
                if parallel:
                    renderer.prepare()  # the workers' state went with them
                keep[site.slug] = renderer
    finally:
        _JOB.clear()
    return written


def render_portal(content: Content, env: Environment) -> dict[str, bytes]:
    """The portal page listing every site of `content`, and its headers."""
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
    return {
        "index.html": env.get_template("portal.html").render(sites=portal).encode(),
        "_headers": headers_file(),
        ".htaccess": htaccess(None),
    }
