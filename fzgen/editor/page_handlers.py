"""The editor's pages for free pages: the list, and one form for all languages of a page."""

from __future__ import annotations

from typing import Any

from tornado import web

from fzgen.editor.checking import Finding, site_context
from fzgen.editor.editing import Conflict, source_text, text_of
from fzgen.editor.forms import FormView, language_names
from fzgen.editor.handlers import Page
from fzgen.editor.page_files import PageSet, page_fields, split_page
from fzgen.editor.store import NotAllowed, is_slug
from fzgen.editor.values import form_values


class Pages(Page):
    def get(self, slug: str) -> None:
        files = self.site(slug)
        try:
            folder = files.inside(files.site_dir / "pages")
        except NotAllowed:
            raise web.HTTPError(404) from None
        pages = []
        for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
            if "." not in path.stem and is_slug(path.stem):
                title = source_text(split_page(path, files.read_bytes(path)).meta.get("title"))
                pages.append((path.stem, title or path.stem))
        self.show("pages.html", self.t("pages"), files, pages=pages)


class PageForm(Page):
    """A free page in every language of the site, as one form."""

    def pages(self, slug: str, page: str) -> PageSet:
        files = self.site(slug)
        languages = list(site_context(files.site_data())["languages"] or ["de"])
        try:
            pages = PageSet(files, page, languages)
        except NotAllowed:
            raise web.HTTPError(404) from None
        if not pages.exists:
            raise web.HTTPError(404)
        return pages

    def get(self, slug: str, page: str) -> None:
        pages = self.pages(slug, page)
        self.render_form(pages, pages.values(), pages.digest())

    def post(self, slug: str, page: str) -> None:
        pages = self.pages(slug, page)
        arguments = self.arguments()
        sent = {k: v for k, v in arguments.items() if not k.startswith("_")}
        values = form_values(page_fields(self.state.language), sent)
        digest = (arguments.get("_digest") or [""])[0]
        texts = pages.changed(values)
        at, general = pages.check(texts, self.state.language)
        notices, conflict = [], None
        action = (arguments.get("_action") or [""])[0]
        if action == "live":
            names = language_names(pages.languages, self.state.language)
            fields = page_fields(self.state.language)
            self.live(FormView(fields, values, pages.languages, names, at=at, general=general))
            return
        if action == "check":
            notices.append(self.t("errors_heading" if at or general else "checked_ok"))
        elif digest != pages.digest():
            disk = "\n".join(text_of(p.raw) for p in pages.pages.values() if p.raw)
            conflict = Conflict(disk, "\n".join(text_of(raw) for raw in texts.values()))
            digest = pages.digest()
        elif at or general:
            notices.append(self.t("page_not_saved"))
        elif not texts:
            notices.append(self.t("no_changes"))
        else:
            self.state.rebuild(pages.save(texts))
            self.redirect(f"/_editor/{slug}/inhaltsseiten/{page}/?gespeichert=1")
            return
        self.render_form(pages, values, digest, at, general, notices=notices, conflict=conflict)

    def render_form(
        self,
        pages: PageSet,
        values: dict[str, str],
        digest: str,
        at: dict[str, list[Finding]] | None = None,
        general: list[Finding] | None = None,
        **extra: Any,
    ) -> None:
        languages, language = pages.languages, self.state.language
        fields = page_fields(language)
        names = language_names(languages, language)
        view = FormView(fields, values, languages, names, at=at or {}, general=general or [])
        slug, page = pages.files.slug, pages.slug
        self.show(
            "form.html",
            values.get(f"title.{languages[0]}") or page,
            pages.files,
            wide=True,
            view=view,
            digest=digest,
            action=f"/_editor/{slug}/inhaltsseiten/{page}/",
            preview=f"/{slug}/{languages[0]}/{page}/",
            **extra,
        )
