"""The editor's pages for free pages: the list, and one form for all languages of a page."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from tornado import web

from fzgen.content.free_pages import RESERVED_PAGE_SLUGS
from fzgen.editor.checking import Finding, site_context
from fzgen.editor.editing import Conflict, source_text, text_of
from fzgen.editor.forms import FormView, language_names, slug_from
from fzgen.editor.handlers import Page, Trash
from fzgen.editor.page_files import PageSet, page_fields, split_page
from fzgen.editor.page_trash import PAGE_MARK, page_slugs, restore_page, trash_page, trashed_pages
from fzgen.editor.store import NotAllowed, SiteFiles, is_slug
from fzgen.editor.values import form_values

#: The name a new page's files are checked under while its own is not chosen yet.
PLACEHOLDER = "neue-inhaltsseite"


class Pages(Page):
    def get(self, slug: str) -> None:
        files = self.site(slug)
        languages = list(site_context(files.site_data())["languages"] or ["de"])
        try:
            found = page_slugs(files)
        except NotAllowed:
            raise web.HTTPError(404) from None
        pages = []
        for page, draft in found:
            shown = PageSet(files, page, languages).pages[languages[0]]
            if not shown.raw:  # a translation without its page is the check's to name
                continue
            published = split_page(shown.path, files.read_bytes(shown.path)).meta
            title = source_text(shown.meta.get("title")) or source_text(published.get("title"))
            pages.append((page, title or page, draft))
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

    def get(self, slug: str, page: str = "") -> None:
        pages = self.pages(slug, page)
        notices = [self.t("is_draft")] if pages.drafts else []
        # A draft's errors stand at their fields, as when it was saved.
        at, general = pages.check(pages.drafts, self.state.language)
        self.render_form(pages, pages.values(), pages.digest(), at, general, notices=notices)

    def post(self, slug: str, page: str = "") -> None:
        pages = self.pages(slug, page)
        arguments = self.arguments()
        sent = {k: v for k, v in arguments.items() if not k.startswith("_")}
        values = form_values(page_fields(self.state.language), sent)
        digest = (arguments.get("_digest") or [""])[0]
        texts = pages.changed(values)
        at, general = pages.check(pages.pending(texts), self.state.language)
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
        elif not pages.pending(texts):
            notices.append(self.t("no_changes"))
        else:
            self.saved(pages, texts, valid=not (at or general))
            return
        self.render_form(pages, values, digest, at, general, notices=notices, conflict=conflict)

    def saved(self, pages: PageSet, texts: dict[str, bytes], valid: bool) -> None:
        """Save (as drafts when not `valid`: the site keeps the last valid page) and
        show the page's form again."""
        written = pages.save(texts, valid)
        if valid:
            self.state.rebuild(written)
        after = "gespeichert" if valid else "entwurf"
        self.redirect(f"/_editor/{pages.files.slug}/inhaltsseiten/{pages.slug}/?{after}=1")

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
            delete=f"/_editor/{slug}/inhaltsseiten/{page}/loeschen",
            **extra,
        )


class NewPage(PageForm):
    """A new free page: its file name, then title and text in the languages given; its
    front matter starts with comments that say what the fields mean."""

    def get(self, slug: str, page: str = "") -> None:
        files = self.site(slug)
        languages = list(site_context(files.site_data())["languages"] or ["de"])
        self.render_new(PageSet(files, PLACEHOLDER, languages), {}, "", "")

    def post(self, slug: str, page: str = "") -> None:
        files = self.site(slug)
        languages = list(site_context(files.site_data())["languages"] or ["de"])
        arguments = self.arguments()
        sent = {k: v for k, v in arguments.items() if not k.startswith("_")}
        values = form_values(page_fields(self.state.language), sent)
        typed = (arguments.get("_slug") or [""])[0].strip()
        name = typed or slug_from(values.get(f"title.{languages[0]}", ""))
        error = self.name_error(files, name)
        pages = PageSet(files, name if not error else PLACEHOLDER, languages)
        header = "".join(
            f"# {self.t(key)}\n" for key in ("page_comment_title", "page_comment_menu")
        )
        texts = pages.changed(values, header)
        at, general = pages.check(texts, self.state.language)
        action = (arguments.get("_action") or ["save"])[0]
        if action == "live":
            names = language_names(languages, self.state.language)
            fields = page_fields(self.state.language)
            self.live(FormView(fields, values, languages, names, at=at, general=general))
            return
        if error or languages[0] not in texts or action != "save":
            self.render_new(pages, values, name, error, at, general)
            return
        self.saved(pages, texts, valid=not (at or general))

    def name_error(self, files: SiteFiles, name: str) -> str:
        if not is_slug(name):
            return self.t("slug_invalid", slug=name)
        if name in RESERVED_PAGE_SLUGS:
            return self.t(
                "page_slug_reserved", slug=name, reserved=", ".join(sorted(RESERVED_PAGE_SLUGS))
            )
        if any(taken == name for taken, _ in page_slugs(files)):
            return self.t("page_slug_taken", slug=name)
        return ""

    def render_new(
        self,
        pages: PageSet,
        values: dict[str, str],
        name: str,
        error: str,
        at: dict[str, list[Finding]] | None = None,
        general: list[Finding] | None = None,
    ) -> None:
        languages, language = pages.languages, self.state.language
        names = language_names(languages, language)
        view = FormView(
            page_fields(language), values, languages, names, at=at or {}, general=general or []
        )
        self.show(
            "form.html",
            self.t("new_page"),
            pages.files,
            wide=True,
            view=view,
            digest="",
            action=f"/_editor/{pages.files.slug}/neue-inhaltsseite/",
            new=True,
            slug=name,
            slug_error=error,
        )


class PageDelete(Page):
    """A page into the Papierkorb: every language's file and draft."""

    def post(self, slug: str, page: str) -> None:
        files = self.site(slug)
        try:
            moved = trash_page(files, page)
        except NotAllowed:
            raise web.HTTPError(404) from None
        if not moved:
            raise web.HTTPError(404)
        self.state.rebuild(moved)
        self.redirect(f"/_editor/{slug}/inhaltsseiten/?geloescht={quote(page)}")


class TrashWithPages(Trash):
    """The Papierkorb: deleted offers and deleted pages, each can be put back."""

    def get(self, slug: str) -> None:
        files = self.site(slug)
        try:
            names = files.trashed() + trashed_pages(files)
        except NotAllowed:
            raise web.HTTPError(404) from None
        self.show("trash.html", self.t("trash"), files, names=names)

    def post(self, slug: str) -> None:
        name = self.get_body_argument("name", "")
        if not name.endswith("." + PAGE_MARK):
            super().post(slug)
            return
        files = self.site(slug)
        try:
            page, paths = restore_page(files, name)
        except NotAllowed:
            raise web.HTTPError(404) from None
        self.state.rebuild(paths)
        self.redirect(f"/_editor/{slug}/inhaltsseiten/?zurueck={quote(page)}")
