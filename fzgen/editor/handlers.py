"""The editor's pages: every request checked by the guard first, every text from the catalogue."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from tornado import web

from fzgen.content.folder import DEFAULT_MAX_FILE_MB
from fzgen.editor.editing import Editing, Result, source_text
from fzgen.editor.forms import FormView, language_names
from fzgen.editor.images import ImageRefused, clean_image, save_image
from fzgen.editor.missing import site_gaps
from fzgen.editor.saving import digest
from fzgen.editor.security import HEADERS, Guard, Refusal, check_request
from fzgen.editor.store import NotAllowed, SiteFiles, read_data, site_slugs
from fzgen.editor.values import flatten
from fzgen.messages import editor_text
from fzgen.project import Project
from fzgen.theme.catalogue import Catalogue

#: The editor's own files (no other file of the package is served).
STATIC_FILES = {
    "editor.css": "text/css; charset=utf-8",
    "editor.js": "text/javascript; charset=utf-8",
}
#: Notices a page shows after a redirect, by query argument.
AFTER = {
    "gespeichert": "saved",
    "entwurf": "saved_draft",
    "geloescht": "deleted",
    "zurueck": "restored",
}


@dataclass
class EditorState:
    """What every handler of one editor server shares."""

    project: Project
    guard: Guard
    language: str
    load_catalogue: Callable[[], Catalogue | None]
    rebuild: Callable[[Iterable[Path]], object]
    env: Environment = field(init=False)
    loaded: Catalogue | None = field(init=False, default=None)

    @property
    def catalogue(self) -> Catalogue | None:
        """The theme's catalogue of the source language, loaded again while it has errors."""
        if self.loaded is None:
            self.loaded = self.load_catalogue()
        return self.loaded

    def __post_init__(self) -> None:
        self.env = Environment(
            loader=PackageLoader("fzgen", "editor/templates"),
            autoescape=select_autoescape(default=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals["t"] = lambda key, **params: editor_text(key, self.language, **params)
        self.env.globals["lang"] = self.language
        self.env.filters["list_pair"] = lambda value, words: (value, words.get(value, value))


def guarded_prepare(handler: web.RequestHandler, guard: Guard, language: str) -> bool:
    """Run the guard; False when the request is answered already (refused or redirected)."""
    for name, value in HEADERS.items():
        handler.set_header(name, value)
    try:
        target = check_request(guard, handler)
    except Refusal as refusal:
        handler.set_status(refusal.status)
        handler.set_header("Content-Type", "text/plain; charset=utf-8")
        handler.finish(editor_text(refusal.key, language, **refusal.params) + "\n")
        return False
    if target is not None:
        handler.redirect(target)
        return False
    return True


class Page(web.RequestHandler):
    """Base of the editor's pages."""

    def initialize(self, state: EditorState) -> None:
        self.state = state

    def prepare(self) -> None:
        guarded_prepare(self, self.state.guard, self.state.language)

    def t(self, key: str, **params: object) -> str:
        return editor_text(key, self.state.language, **params)

    def check_xsrf_cookie(self) -> None:
        """The guard checks the Origin of every change instead."""

    def site(self, slug: str) -> SiteFiles:
        try:
            return SiteFiles(self.state.project.content_dir, slug)
        except NotAllowed:
            raise web.HTTPError(404) from None

    def site_info(self, files: SiteFiles) -> dict[str, str]:
        name = source_text(files.site_data().get("name")) or files.slug
        return {"slug": files.slug, "name": name}

    def show(
        self, template: str, heading: str, files: SiteFiles | None = None, **values: Any
    ) -> None:
        notices = list(values.pop("notices", []))
        for argument, key in AFTER.items():
            if self.get_query_argument(argument, None) is not None:
                notices.append(self.t(key, name=self.get_query_argument(argument)))
        page = self.state.env.get_template(template).render(
            heading=heading,
            site=self.site_info(files) if files else None,
            notices=notices,
            **values,
        )
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(page)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(self.t("not_found") + "\n")

    def live(self, view: FormView) -> None:
        """The errors and schedule sentences of a form as JSON, for the page's own script:
        messages by input id, and those no input stands for."""
        errors = {
            view.input_id(name): [f"{e.problem} {e.fix}".strip() for e in found]
            for name, found in view.at.items()
        }
        general = [f"{e.place}: {e.problem} {e.fix}".strip() for e in view.general]
        sentences = [self.t("schedule_sentence", sentence=s) if s else "" for s in view.sentences]
        previews = {view.input_id(n): str(view.preview(n)) for n in view.markdown_inputs()}
        found = {"errors": errors, "general": general, "sentences": sentences, "previews": previews}
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(found).encode())

    def arguments(self) -> dict[str, list[str]]:
        return {
            name: [v.decode("utf-8", "replace") for v in values]
            for name, values in self.request.body_arguments.items()
        }


def max_file_mb(site_data: dict[str, Any]) -> int:
    """The size limit of files under files/ (site.yaml `max_file_mb`), read leniently."""
    try:
        limit = int(str(site_data.get("max_file_mb", DEFAULT_MAX_FILE_MB)))
    except ValueError:
        limit = DEFAULT_MAX_FILE_MB
    return limit if 1 <= limit <= 1000 else DEFAULT_MAX_FILE_MB


class Sites(Page):
    def get(self) -> None:
        content = self.state.project.content_dir
        sites = [
            (slug, self.site_info(SiteFiles(content, slug))["name"]) for slug in site_slugs(content)
        ]
        self.show("sites.html", self.t("sites_heading"), sites=sites)


class Site(Page):
    def get(self, slug: str) -> None:
        files = self.site(slug)
        self.show("site.html", self.site_info(files)["name"], files)


class Offers(Page):
    def get(self, slug: str) -> None:
        files = self.site(slug)
        offers = []
        try:
            found = files.offers()
        except NotAllowed:
            raise web.HTTPError(404) from None
        for offer, draft in found:
            title = source_text(files.version("offer", offer).data.get("title")) or offer
            offers.append((offer, title, draft))
        self.show("offers.html", self.t("offers"), files, offers=offers)


class Gaps(Page):
    def get(self, slug: str) -> None:
        files = self.site(slug)
        project = self.state.project
        gaps = site_gaps(project.content_dir, slug, project.translations_dir)
        languages = [gap.language for gap in gaps or []]
        names = language_names(languages, self.state.language)
        self.show("missing.html", self.t("missing_heading"), files, gaps=gaps, names=names)


class Form(Page):
    """The form of one offer, of a new offer, or of site.yaml."""

    kind = "offer"

    def editing(self, slug: str, offer: str) -> Editing:
        files = self.site(slug)
        try:
            editing = Editing(files, self.kind, offer, self.state.catalogue, self.state.language)
            if offer:
                files.path(self.kind, offer)
        except NotAllowed:
            raise web.HTTPError(404) from None
        return editing

    @staticmethod
    def submit(editing: Editing, arguments: dict[str, list[str]], new: bool = False) -> Result:
        """The form's outcome; a file that would lie outside the site is not found."""
        try:
            return editing.submit(arguments, new=new)
        except NotAllowed:
            raise web.HTTPError(404) from None

    def address(self, slug: str, offer: str) -> str:
        if self.kind == "site":
            return f"/_editor/{slug}/einstellungen/"
        return f"/_editor/{slug}/angebote/{quote(offer)}/"

    def preview(self, editing: Editing, offer: str) -> str:
        language = editing.languages()[0]
        if self.kind == "site":
            return f"/{editing.files.slug}/{language}/"
        return f"/{editing.files.slug}/{language}/angebote/{quote(offer)}/"

    def get(self, slug: str, offer: str = "") -> None:
        editing = self.editing(slug, offer)
        if self.kind == "offer" and not editing.files.version("offer", offer).raw:
            raise web.HTTPError(404)
        view, version = editing.open()
        notices = [self.t("is_draft")] if version.draft else []
        self.page(editing, offer, view=view, digest=digest(version.raw), notices=notices)

    def post(self, slug: str, offer: str = "") -> None:
        editing = self.editing(slug, offer)
        arguments = self.arguments()
        result = self.submit(editing, arguments)
        if arguments.get("_action") == ["live"]:
            self.live(result.view)
            return
        self.answer(editing, result)

    def answer(self, editing: Editing, result: Result, new: bool = False) -> None:
        slug, offer = editing.files.slug, editing.slug
        if result.saved is not None:
            if not result.draft:
                self.state.rebuild([result.saved])
            after = "entwurf" if result.draft else "gespeichert"
            self.redirect(f"{self.address(slug, offer)}?{after}=1")
            return
        self.page(
            editing,
            offer,
            view=result.view,
            digest=result.digest,
            notices=result.notices,
            conflict=result.conflict,
            new=new,
            slug=result.slug,
            slug_error=result.slug_error,
        )

    def page(self, editing: Editing, offer: str, **values: Any) -> None:
        files = editing.files
        new = values.get("new", False)
        if self.kind == "site":
            heading = self.t("settings")
        elif new:
            heading = self.t("new_offer")
        else:
            title = values["view"].value(f"title.{editing.languages()[0]}")
            heading = title or offer
        self.show(
            "form.html",
            heading,
            files,
            wide=True,
            action=f"/_editor/{files.slug}/neues-angebot/"
            if new
            else self.address(files.slug, offer),
            preview=None if new else self.preview(editing, offer),
            delete=None
            if new or self.kind == "site"
            else self.address(files.slug, offer) + "loeschen",
            **values,
        )


class Upload(Form):
    """A picture for an offer: checked, cleaned of metadata, put under files/ and named in
    the offer (`image`, `image_alt` in every language given) through the usual save."""

    def post(self, slug: str, offer: str = "") -> None:
        editing = self.editing(slug, offer)
        version = editing.files.version("offer", offer)
        if not version.raw:
            raise web.HTTPError(404)
        languages = editing.languages()
        alts = {code: self.get_body_argument(f"alt.{code}", "").strip() for code in languages}
        uploads = self.request.files.get("bild") or []
        try:
            if not uploads or not uploads[0].body:
                raise ImageRefused("upload_no_file")
            if not alts[languages[0]]:
                raise ImageRefused("upload_alt_missing")
            image = clean_image(uploads[0].body, max_file_mb(editing.site_data))
        except ImageRefused as refused:
            view, _ = editing.open()
            notices = [self.t(refused.key, limit=max_file_mb(editing.site_data))]
            self.page(editing, offer, view=view, digest=digest(version.raw), notices=notices)
            return
        try:
            reference = save_image(editing.files, uploads[0].filename, image)
        except NotAllowed:
            raise web.HTTPError(404) from None
        values = flatten(editing.fields, version.data, languages)
        values["image"] = reference
        values.update({f"image_alt.{code}": text for code, text in alts.items() if text})
        arguments = {name: [value] for name, value in values.items()}
        arguments.update({"_digest": [digest(version.raw)], "_action": ["save"]})
        self.answer(editing, self.submit(editing, arguments))


class NewOffer(Form):
    def get(self, slug: str, offer: str = "") -> None:
        editing = self.editing(slug, "")
        view, _ = editing.open()
        self.page(editing, "", view=view, digest=digest(b""), new=True, slug="")

    def post(self, slug: str, offer: str = "") -> None:
        editing = self.editing(slug, "")
        arguments = self.arguments()
        result = self.submit(editing, arguments, new=True)
        if arguments.get("_action") == ["live"]:
            self.live(result.view)
            return
        self.answer(editing, result, new=True)


class Settings(Form):
    kind = "site"


class Delete(Page):
    def post(self, slug: str, offer: str) -> None:
        files = self.site(slug)
        try:
            moved = files.trash(offer)
        except NotAllowed:
            raise web.HTTPError(404) from None
        if not moved:
            raise web.HTTPError(404)
        self.state.rebuild(moved)
        self.redirect(f"/_editor/{slug}/angebote/?geloescht={quote(offer)}")


class Trash(Page):
    def get(self, slug: str) -> None:
        files = self.site(slug)
        try:
            names = files.trashed()
        except NotAllowed:
            raise web.HTTPError(404) from None
        self.show("trash.html", self.t("trash"), files, names=names)

    def post(self, slug: str) -> None:
        files = self.site(slug)
        try:
            offer, path = files.restore(self.get_body_argument("name", ""))
        except NotAllowed:
            raise web.HTTPError(404) from None
        self.state.rebuild([path])
        self.redirect(f"/_editor/{slug}/angebote/?zurueck={quote(offer)}")


class Static(Page):
    def get(self, name: str) -> None:
        if name not in STATIC_FILES:
            raise web.HTTPError(404)
        self.set_header("Content-Type", STATIC_FILES[name])
        self.finish((resources.files("fzgen") / "editor" / "static" / name).read_bytes())


__all__ = ["EditorState", "Page", "guarded_prepare", "read_data"]
