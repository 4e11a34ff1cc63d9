"""One task of a job, in whichever process runs it: load the site (content stage),
render its share of languages (render stage), hand the files to the sink (output stage)."""

from __future__ import annotations

from collections.abc import Sequence

from fzgen.build.job import Job, Task, TaskResult
from fzgen.build.portal import portal_entry
from fzgen.content.coverage import translation_notes
from fzgen.content.loader import Content, SiteContent, load_site
from fzgen.errors import Diagnostic
from fzgen.render.site import SiteRenderer
from fzgen.theme.catalogue import Catalogue, load_catalogues

#: A site as loading left it: the site (None where it could not be read) and what was found.
Loaded = tuple[SiteContent | None, tuple[Diagnostic, ...]]


class TaskRunner:
    """Runs a job's tasks in one process, keeping what its tasks share there: the
    sites it loaded, their renderers and the catalogues."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.loaded: dict[int, Loaded] = {}
        self.renderers: dict[int, SiteRenderer] = {}
        self.catalogues: dict[str, Catalogue] = {}

    def run(self, task: Task) -> TaskResult:
        """Load the site if need be, render its share of languages, hand the files to
        the sink; in this process, so that nothing large travels back to the parent."""
        job = self.job
        site, found = self.site(task.site)
        written: list[str] = []
        if site is not None and task.site in job.rendered and not _has_errors(found):
            written = self._render(task, self.renderer(task.site))
        if task.part != 0 or not job.report:
            return TaskResult(task.site, tuple(written))
        if site is None:
            return TaskResult(task.site, tuple(written), found)
        notes = translation_notes(Content(job.root, (site,)))
        return TaskResult(task.site, tuple(written), found, notes, portal_entry(site))

    def _render(self, task: Task, renderer: SiteRenderer) -> list[str]:
        sink, site = self.job.sink, renderer.site
        written: list[str] = []
        sitemap: list[str] = []
        for language in site.languages[task.part :: task.parts]:
            files, pages = renderer.render_language(language)
            sink(files)
            written += files
            if language == site.languages[0]:
                sitemap = pages  # the sitemap lists the source language's pages
        if task.part == 0:
            once = renderer.render_site_files(sitemap)
            sink(once)
            written += once
        return written

    def site(self, index: int) -> Loaded:
        """A site of the job, loaded in this process on first use when it came as a folder."""
        if index not in self.loaded:
            source = self.job.sources[index]
            if isinstance(source, SiteContent):
                self.loaded[index] = (source, ())
            else:
                site, found = load_site(self.job.root, source, self.job.languages)
                self.loaded[index] = (site, tuple(found))
        return self.loaded[index]

    def renderer(self, index: int) -> SiteRenderer:
        """The renderer of a loaded site, made on first use."""
        if index not in self.renderers:
            site = self.site(index)[0]
            assert site is not None
            job = self.job
            self.renderers[index] = SiteRenderer(
                site,
                job.project,
                job.env,
                job.today,
                job.root / site.slug,
                self.catalogues_of(site.languages),
            )
        return self.renderers[index]

    def catalogues_of(self, languages: Sequence[str]) -> dict[str, Catalogue]:
        """The catalogues of these languages; each language's is loaded once per process."""
        missing = [language for language in languages if language not in self.catalogues]
        if missing:
            loaded = load_catalogues(self.job.project.translations_dir, missing)
            self.catalogues.update(loaded)
        return {language: self.catalogues[language] for language in languages}

    def prepare_for_workers(self) -> None:
        """Load every catalogue and compile every template before the fork: the workers
        inherit them instead of each doing it again."""
        self.catalogues_of(sorted(self.job.languages))
        env = self.job.env
        for name in env.list_templates(filter_func=lambda name: name.endswith(".html")):
            env.get_template(name)


def _has_errors(found: Sequence[Diagnostic]) -> bool:
    return any(diagnostic.severity == "error" for diagnostic in found)
