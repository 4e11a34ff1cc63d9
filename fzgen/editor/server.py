"""The editor's tornado application: the forms below /_editor/, the preview everywhere else,
both behind the same guard (token, Host, Origin)."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from tornado import web
from tornado.httpserver import HTTPServer
from tornado.wsgi import WSGIContainer

from fzgen.editor.handlers import (
    Delete,
    EditorState,
    Form,
    Gaps,
    NewOffer,
    Offers,
    Settings,
    Site,
    Sites,
    Static,
    Upload,
    guarded_prepare,
)
from fzgen.editor.page_handlers import NewPage, PageDelete, PageForm, Pages, TrashWithPages
from fzgen.editor.security import Guard, url_host
from fzgen.errors import ContentError
from fzgen.project import Project
from fzgen.theme.catalogue import Catalogue, load_catalogues

#: The largest request the editor reads: a large photo; tornado holds a request in memory.
MAX_REQUEST_BYTES = 64 * 1024 * 1024


def source_catalogue(project: Project, language: str = "de") -> Catalogue | None:
    """The site theme's catalogue the schedule sentences and vocabulary words come from;
    None while the catalogues have errors (the preview shows those)."""
    try:
        return load_catalogues(project.translations_dir, [language])[language]
    except (ContentError, OSError, KeyError):
        return None


def routes(state: EditorState) -> list[tuple[str, type[web.RequestHandler], dict[str, Any]]]:
    """The editor's addresses below /_editor/ (site slugs never start with `_`)."""
    slug, name = r"([a-z0-9-]+)", r"([a-z0-9-]+)"
    pages: list[tuple[str, type[web.RequestHandler]]] = [
        (r"/_editor/?", Sites),
        (r"/_editor/static/([a-z.]+)", Static),
        (rf"/_editor/{slug}/", Site),
        (rf"/_editor/{slug}/angebote/", Offers),
        (rf"/_editor/{slug}/angebote/{name}/", Form),
        (rf"/_editor/{slug}/angebote/{name}/loeschen", Delete),
        (rf"/_editor/{slug}/angebote/{name}/bild", Upload),
        (rf"/_editor/{slug}/neues-angebot/", NewOffer),
        (rf"/_editor/{slug}/einstellungen/", Settings),
        (rf"/_editor/{slug}/inhaltsseiten/", Pages),
        (rf"/_editor/{slug}/inhaltsseiten/{name}/", PageForm),
        (rf"/_editor/{slug}/inhaltsseiten/{name}/loeschen", PageDelete),
        (rf"/_editor/{slug}/neue-inhaltsseite/", NewPage),
        (rf"/_editor/{slug}/papierkorb/", TrashWithPages),
        (rf"/_editor/{slug}/was-fehlt/", Gaps),
    ]
    return [(pattern, handler, {"state": state}) for pattern, handler in pages]


def application(state: EditorState, preview: Callable[..., Any]) -> web.Application:
    """The editor's pages and, for every other address, the preview (a WSGI application)."""

    class PreviewPage(web.FallbackHandler):
        def prepare(self) -> None:
            if guarded_prepare(self, state.guard, state.language):
                super().prepare()

    fallback = WSGIContainer(preview)
    return web.Application(
        [*routes(state), (r".*", PreviewPage, {"fallback": fallback})],
        xsrf_cookies=False,
    )


def start_editor(
    project: Project,
    guard: Guard,
    language: str,
    sockets: list[socket.socket],
    preview: Callable[..., Any],
    rebuild: Callable[[Iterable[Path]], object],
) -> str:
    """Serve the editor on the bound `sockets`; the address to open, with the token."""
    state = EditorState(project, guard, language, lambda: source_catalogue(project), rebuild)
    # Pictures are checked against the site's own limit; this only bounds a request.
    HTTPServer(application(state, preview), max_body_size=MAX_REQUEST_BYTES).add_sockets(sockets)
    host = url_host(sockets[0].getsockname()[0])
    if host in {"0.0.0.0", "[::]"}:
        host = "127.0.0.1"
    return f"http://{host}:{guard.port}/_editor/?token={guard.token}"
