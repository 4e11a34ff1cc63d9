"""Local preview: build into a private folder, serve it, rebuild on change, reload the browser.

The server never serves anything outside that folder, and answers only requests
addressed to itself by name (no DNS rebinding). While the content has errors,
every page answers with a readable error page (in the message language) instead.
"""

from __future__ import annotations

import contextlib
import logging
import mimetypes
import re
import shutil
import signal
import socket
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from livereload.handlers import ForceReloadHandler, LiveReloadHandler, LiveReloadJSHandler
from livereload.server import LiveScriptContainer, LiveScriptInjector
from livereload.watcher import Watcher
from tornado import web
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.netutil import bind_sockets
from tornado.routing import AnyMatches, HostMatches, Rule, RuleRouter
from tornado.websocket import WebSocketHandler

from fzgen.build.live import LiveBuild
from fzgen.build.pipeline import Report, site_of
from fzgen.errors import ContentError, Diagnostic, FzgenError, UsageError
from fzgen.messages import cli_text, error_page, preview_text
from fzgen.project import Project

StartResponse = Callable[[str, list[tuple[str, str]]], Any]

#: The names this machine always answers to; `--host` adds one.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")

#: livereload's snippet for every HTML page: it loads the reload client from
#: whatever name and port the page itself came from.
LIVE_SCRIPT = (
    b'<script type="text/javascript">(function(){'
    b'var s=document.createElement("script");'
    b"var port=(window.location.port || (window.location.protocol == 'https:' ? 443: 80));"
    b's.src="//"+window.location.hostname+":"+port+ "/livereload.js?port=" + port;'
    b"document.head.appendChild(s);"
    b"})();</script>"
)


def request_steps(path_info: str) -> tuple[str, ...] | None:
    """The folder and file names a request path walks down, decoded exactly once, or
    None where it cannot name anything inside the build (a step up, a backslash, a
    NUL, no UTF-8).

    The server has undone the %-escapes already and hands the bytes over as Latin-1
    (WSGI); undoing them again would turn a literal `%252e` into `.`.
    """
    try:
        path = path_info.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return None
    steps = tuple(step for step in path.split("/") if step)
    if any(step in {".", ".."} or "\\" in step or "\x00" in step for step in steps):
        return None
    return steps


def folder_address(steps: tuple[str, ...]) -> str:
    """The address of a folder of the build: always one `/` first, never `//host`."""
    return "/" + "".join(quote(step, safe="") + "/" for step in steps)


def url_host(host: str) -> str:
    """`host` as it stands in a URL and a Host header: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


@dataclass(frozen=True)
class Outcome:
    """What one (re)build of the preview gave: a report, or the errors."""

    report: Report | None
    errors: tuple[Diagnostic, ...] = ()
    failure: str | None = None


class Preview:
    """The state of a preview: where the current build lies, or why there is none."""

    def __init__(
        self, project: Project, on_build: Callable[[Outcome], None], language: str = "de"
    ) -> None:
        self.language = language
        self.folder = Path(tempfile.mkdtemp(prefix="fzgen-preview-"))
        self.project = replace(project, output_dir=self.folder / "site")
        self.on_build = on_build
        self.lock = threading.Lock()
        self.error_page: bytes | None = None
        #: The error pages of the sites left out for errors, by slug: the others are served.
        self.site_errors: dict[str, bytes] = {}
        # Everything renders in this process: forking under the server's event
        # loop is not safe, and the kept renderers make later changes cheap.
        self.live = LiveBuild(self.project)
        self._env = Environment(
            loader=PackageLoader("fzgen", "preview"), autoescape=select_autoescape(default=True)
        )

    def rebuild(self, changed: Iterable[Path] | None = None) -> Outcome:
        """Build again (only what `changed` touches, where known); on errors keep
        serving the error page until the content is fixed."""
        with self.lock:
            try:
                # After errors too, only what changed: the live build keeps the
                # changes it could not make and makes them with the fix.
                report = self.live.full() if changed is None else self._update(changed)
                outcome = Outcome(report)
                self.error_page = None
                self.site_errors = self.render_site_errors(report.skipped)
            except ContentError as exc:
                outcome = Outcome(None, tuple(exc.diagnostics))
                self.error_page = self.render_errors(exc.diagnostics)
            except FzgenError as exc:
                failure = (
                    cli_text(exc.code, self.language, **exc.params)
                    if isinstance(exc, UsageError)
                    else str(exc)
                )
                outcome = Outcome(None, failure=failure)
                self.error_page = self.render_errors([], failure=failure)
        self.on_build(outcome)
        return outcome

    def _update(self, changed: Iterable[Path]) -> Report:
        try:
            return self.live.update(changed)
        except FzgenError:
            raise
        except Exception:
            # Should an incremental step ever fail, a full build still gives the
            # coordinator the right pages; it is never worse, only slower.
            return self.live.full()

    def render_errors(self, diagnostics: Iterable[Diagnostic], failure: str | None = None) -> bytes:
        page = error_page(diagnostics, failure, self.language)
        return self._env.get_template("error.html").render(page=page).encode()

    def render_site_errors(self, errors: Iterable[Diagnostic]) -> dict[str, bytes]:
        """An error page for each site these errors are about."""
        by_site: dict[str, list[Diagnostic]] = {}
        for error in errors:
            by_site.setdefault(site_of(error), []).append(error)
        return {site: self.render_errors(found) for site, found in by_site.items()}

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- WSGI ---------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        """Serve a file of the current build; never one outside it, never an error
        for a path that names nothing (404)."""
        path = environ.get("PATH_INFO", "/")
        steps = request_steps(path)
        if steps is None:
            return self._not_found(start_response)
        name = PurePosixPath(steps[-1] if steps else "")
        error_page = self.error_page or (self.site_errors.get(steps[0]) if steps else None)
        if error_page is not None and name.suffix in {"", ".html"}:
            return self._respond(
                start_response, "500 Internal Server Error", error_page, "text/html"
            )
        target = self.locate(steps)
        try:
            if target is not None and target.is_dir():
                if not path.endswith("/"):
                    start_response(
                        "301 Moved Permanently",
                        [("Location", folder_address(steps)), ("Cache-Control", "no-store")],
                    )
                    return [b""]
                target = target / "index.html"
            # A name too long for the file system, or a file a rebuild just
            # replaced, is a page that is not there, not a failure of the server.
            body = target.read_bytes() if target is not None else None
        except OSError:
            body = None
        if target is None or body is None:
            return self._not_found(start_response)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in {"application/xml", "application/json"}:
            kind += "; charset=utf-8"
        return self._respond(start_response, "200 OK", body, kind)

    def locate(self, steps: tuple[str, ...]) -> Path | None:
        """The file or folder of the build that `steps` (from `request_steps`) name,
        or None: never a place outside the build."""
        root = self.project.output_dir
        try:
            target = root.joinpath(*steps).resolve()
            inside = target.is_relative_to(root.resolve())
        except (OSError, RuntimeError, ValueError):  # RuntimeError: a symlink loop
            return None
        return target if inside else None

    def _not_found(self, start_response: StartResponse) -> list[bytes]:
        page = self.project.output_dir / "index.html"
        not_found, overview = (preview_text(k, self.language) for k in ("not_found", "to_overview"))
        body = f"<!doctype html><title>404</title><p>{escape(not_found)}</p>"
        if page.is_file():
            body += f'<p><a href="/">{escape(overview)}</a></p>'
        return self._respond(start_response, "404 Not Found", body.encode(), "text/html")

    @staticmethod
    def _respond(start_response: StartResponse, status: str, body: bytes, kind: str) -> list[bytes]:
        if kind == "text/html":
            kind += "; charset=utf-8"
        start_response(
            status,
            [
                ("Content-Type", kind),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
            ],
        )
        return [body]


class ChangeWatcher(Watcher):  # type: ignore[misc]
    """livereload's watcher, told of changes by the operating system (watchfiles:
    inotify on Linux) instead of polling every 0.8 s, with the changed paths."""

    def __init__(self, folders: list[Path], rebuild: Callable[[list[Path]], object]) -> None:
        super().__init__()
        self.folders = [str(folder) for folder in folders if folder.exists()]
        self.rebuild = rebuild
        self.pending: list[Path] = []
        self.guard = threading.Lock()
        self.stop = threading.Event()

    def start(self, callback: Callable[[], None]) -> bool:
        """Watch in a thread; each batch of changes runs `callback` on the server's loop."""
        from watchfiles import watch

        loop = IOLoop.current()

        def run() -> None:
            # step: how long the folder must stay quiet before a batch is taken.
            for changes in watch(*self.folders, stop_event=self.stop, step=20, debounce=400):
                with self.guard:
                    self.pending += [Path(path) for _, path in changes]
                loop.add_callback(callback)

        threading.Thread(target=run, name="fzgen-watch", daemon=True).start()
        return True

    def examine(self) -> tuple[str | None, float | None]:
        """Rebuild for what changed since the last look; livereload then reloads the browsers."""
        with self.guard:
            changed, self.pending = self.pending, []
        if not changed:
            return None, None
        self.rebuild(changed)
        self.filepath = str(changed[0])
        return self.filepath, None


class WrongHost(web.RequestHandler):
    """The answer to a request addressed to another name (a page of another site that
    made its name point here, DNS rebinding): 403 and one sentence, nothing of the site."""

    def initialize(self, message: str) -> None:
        self.message = message

    def prepare(self) -> None:
        self.set_status(403)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(self.message + "\n")


def open_port(host: str, port: int) -> list[socket.socket]:
    """Sockets bound to host:port, before anything is built: a port another preview
    holds is said at once (raises OSError: taken, not allowed, no such address)."""
    return bind_sockets(port, address=host)


class OwnPagesReload(LiveReloadHandler):  # type: ignore[misc]
    """livereload's socket for this preview's own pages only. livereload lets every
    origin in; then any web page open in the same browser could listen to which files
    the coordinator saves. Tornado's own check wants the page's origin to be the host
    the socket was asked on."""

    def check_origin(self, origin: str) -> bool:
        return bool(WebSocketHandler.check_origin(self, origin))


def listen(preview: Preview, host: str, sockets: list[socket.socket], language: str) -> str:
    """Serve on the bound `sockets` behind one host check for every request (the pages,
    the reload script and its socket alike); the address it really listens on."""

    class LiveScript(LiveScriptInjector):  # type: ignore[misc]
        script = LIVE_SCRIPT

    site = web.Application(
        [
            (r"/livereload", OwnPagesReload),
            (r"/forcereload", ForceReloadHandler),
            (r"/livereload.js", LiveReloadJSHandler),
            (r".*", web.FallbackHandler, {"fallback": LiveScriptContainer(preview, LIVE_SCRIPT)}),
        ],
        transforms=[LiveScript],
    )
    url = f"http://{url_host(host)}:{sockets[0].getsockname()[1]}/"
    message = cli_text("preview_wrong_host", language, url=url)
    refusal = web.Application([(r".*", WrongHost, {"message": message})])
    # Tornado compares the name without the port, in lower case.
    names = sorted({*LOCAL_HOSTS, url_host(host).lower()})
    known = HostMatches("(?:" + "|".join(re.escape(name) for name in names) + ")$")
    HTTPServer(RuleRouter([Rule(known, site), Rule(AnyMatches(), refusal)])).add_sockets(sockets)
    return url


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(
    project: Project,
    host: str,
    sockets: list[socket.socket],
    on_build: Callable[[Outcome], None],
    on_ready: Callable[[str], None],
    language: str = "de",
) -> None:
    """Build, serve on the bound `sockets` (`open_port`), rebuild and reload on every
    change until interrupted; `on_ready` gets the address once the server listens."""
    # `kill` or a supervisor (SIGTERM) and a closed terminal window (SIGHUP)
    # would end the process without `finally`: stop as on Ctrl-C instead, so
    # the preview folder (a full copy of the sites) does not stay behind in /tmp.
    stops = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    before = {signum: signal.signal(signum, _interrupt) for signum in stops}
    preview: Preview | None = None
    try:
        preview = Preview(project, on_build, language)
        watched = [project.content_dir, project.theme_dir, project.translations_dir]
        watcher = ChangeWatcher(watched, preview.rebuild)
        try:
            preview.rebuild()
            # Access lines would be livereload's (English); cli.py reports what matters.
            logging.getLogger("tornado.access").setLevel(logging.CRITICAL)
            # livereload's reload socket asks the watcher, as its own server does.
            LiveReloadHandler.watcher = watcher
            LiveReloadHandler.live_css = True
            on_ready(listen(preview, host, sockets, language))
            LiveReloadHandler.start_tasks()
            # Ctrl-C, or a signal turned into one, is the ordinary way to stop.
            with contextlib.suppress(KeyboardInterrupt):
                IOLoop.current().start()
        finally:
            watcher.stop.set()
    finally:
        # A second signal must not cut the removal of the preview folder short.
        for signum in stops:
            signal.signal(signum, signal.SIG_IGN)
        if preview is not None:
            preview.close()
        for bound in sockets:
            bound.close()
        for signum, handler in before.items():
            signal.signal(signum, handler)
