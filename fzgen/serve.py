"""Local preview: build into a private folder, serve it, rebuild on change, reload the browser.

The server never serves anything outside that folder. While the content has
errors, every page answers with a readable German error page instead.
"""

from __future__ import annotations

import logging
import mimetypes
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from jinja2 import Environment, PackageLoader, select_autoescape
from livereload.watcher import Watcher

from fzgen.build import Report
from fzgen.errors import ContentError, Diagnostic, FzgenError, UsageError
from fzgen.live import LiveBuild
from fzgen.messages import cli_text, describe, field_label
from fzgen.project import Project

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


@dataclass(frozen=True)
class Outcome:
    """What one (re)build of the preview gave: a report, or the errors."""

    report: Report | None
    errors: tuple[Diagnostic, ...] = ()
    failure: str | None = None


class Preview:
    """The state of a preview: where the current build lies, or why there is none."""

    def __init__(self, project: Project, on_build: Callable[[Outcome], None]) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="fzgen-preview-"))
        self.project = replace(project, output_dir=self.folder / "site")
        self.on_build = on_build
        self.lock = threading.Lock()
        self.error_page: bytes | None = None
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
                if changed is None or self.error_page is not None:
                    report = self.live.full()
                else:
                    report = self._update(changed)
                outcome = Outcome(report)
                self.error_page = None
            except ContentError as exc:
                outcome = Outcome(None, tuple(exc.diagnostics))
                self.error_page = self.render_errors(exc.diagnostics)
            except FzgenError as exc:
                failure = (
                    cli_text(exc.code, "de", **exc.params)
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
        items = []
        for diagnostic in diagnostics:
            problem, fix = describe(diagnostic, "de")
            items.append(
                {
                    "path": diagnostic.path,
                    "line": diagnostic.line,
                    "column": diagnostic.column,
                    "field": field_label(diagnostic.field, "de"),
                    "problem": problem,
                    "fix": fix,
                }
            )
        html = self._env.get_template("error.html").render(errors=items, failure=failure)
        return html.encode()

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- WSGI ---------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        """Serve a file of the current build; never one outside it."""
        path = unquote(environ.get("PATH_INFO", "/"))
        if not self.is_safe(path):
            return self._not_found(start_response)
        if self.error_page is not None and PurePosixPath(path).suffix in {"", ".html"}:
            return self._respond(
                start_response, "500 Internal Server Error", self.error_page, "text/html"
            )
        target = self.resolve(path)
        if target is None:
            return self._not_found(start_response)
        if target.is_dir():
            if not path.endswith("/"):
                start_response("301 Moved Permanently", [("Location", path + "/")])
                return [b""]
            target = target / "index.html"
            if not target.is_file():
                return self._not_found(start_response)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in {"application/xml", "application/json"}:
            kind += "; charset=utf-8"
        return self._respond(start_response, "200 OK", target.read_bytes(), kind)

    @staticmethod
    def is_safe(path: str) -> bool:
        """No step up, no backslash trick, no NUL: a request stays below the root."""
        parts = PurePosixPath("/" + path.replace("\\", "/")).parts[1:]
        return not any(part in {"..", "."} or "\x00" in part for part in parts)

    def resolve(self, path: str) -> Path | None:
        """The file or folder `path` names inside the build, or None."""
        root = self.project.output_dir
        if not self.is_safe(path):
            return None
        target = root.joinpath(*PurePosixPath("/" + path).parts[1:])
        try:
            resolved = target.resolve()
        except OSError:
            return None
        if not resolved.is_relative_to(root.resolve()) or not resolved.exists():
            return None
        return resolved

    def _not_found(self, start_response: StartResponse) -> list[bytes]:
        page = self.project.output_dir / "index.html"
        body = b"<!doctype html><title>404</title><p>Nicht gefunden.</p>"
        if page.is_file():
            body += b'<p><a href="/">Zur \xc3\x9cbersicht</a></p>'
        return self._respond(start_response, "404 Not Found", body, "text/html")

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
        from tornado import ioloop
        from watchfiles import watch

        loop = ioloop.IOLoop.current()

        def run() -> None:
            # step: how long the folder must stay quiet before a batch is taken.
            for changes in watch(*self.folders, stop_event=self.stop, step=20, debounce=400):
                with self.guard:
                    self.pending += [Path(path) for _, path in changes]
                loop.add_callback(callback)

        threading.Thread(target=run, name="fzgen-watch", daemon=True).start()
        callback()  # livereload's own note from the start (reload after a restart)
        return True

    def examine(self) -> tuple[str | None, float | None]:
        """Rebuild for what changed since the last look; livereload then reloads the browsers."""
        if self._changes:
            return self._changes.pop()  # type: ignore[no-any-return]
        with self.guard:
            changed, self.pending = self.pending, []
        if not changed:
            return None, None
        self.rebuild(changed)
        self.filepath = str(changed[0])
        return self.filepath, None


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(
    project: Project,
    host: str,
    port: int,
    on_build: Callable[[Outcome], None],
    on_ready: Callable[[str], None],
) -> None:
    """Build, serve on host:port, rebuild and reload on every change until interrupted."""
    from livereload import Server

    class QuietServer(Server):  # type: ignore[misc]
        """livereload without its own (English) log lines: cli.py reports."""

        def _setup_logging(self) -> None:
            logging.getLogger("tornado.access").setLevel(logging.CRITICAL)

    # `kill` or a supervisor (SIGTERM) and a closed terminal window (SIGHUP)
    # would end the process without `finally`: stop as on Ctrl-C instead, so
    # the preview folder (a full copy of the sites) does not stay behind in /tmp.
    stops = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    before = {signum: signal.signal(signum, _interrupt) for signum in stops}
    preview: Preview | None = None
    try:
        preview = Preview(project, on_build)
        watched = [project.content_dir, project.theme_dir, project.translations_dir]
        watcher = ChangeWatcher(watched, preview.rebuild)
        try:
            preview.rebuild()
            server = QuietServer(preview, watcher=watcher)
            on_ready(f"http://{host}:{port}/")
            server.serve(host=host, port=port, debug=False, restart_delay=0)
        finally:
            watcher.stop.set()
    finally:
        # A second signal must not cut the removal of the preview folder short.
        for signum in stops:
            signal.signal(signum, signal.SIG_IGN)
        if preview is not None:
            preview.close()
        for signum, handler in before.items():
            signal.signal(signum, handler)
