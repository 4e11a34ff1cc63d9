"""`fzgen edit`: the editor in the browser, with the live preview beside it."""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
from collections.abc import Iterable
from pathlib import Path

from fzgen.commands.common import EXIT_OK, Commands, Parser, help_for, print_errors
from fzgen.commands.preview import bound_port, port_number
from fzgen.errors import UsageError
from fzgen.messages import cli_text
from fzgen.project import Project

#: The names that reach only this machine.
LOCAL = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


def add_parser(commands: Commands, options: Parser) -> None:
    """The `edit` command's arguments."""
    parser = commands.add_parser("edit", parents=[options], help=help_for("edit"))
    parser.add_argument("--port", type=port_number, default=8010, help=help_for("edit.port"))
    parser.add_argument("--host", default="127.0.0.1", help=help_for("edit.host"))


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _ignore(value: object) -> None:
    """Drop a result nobody reads."""


def run(project: Project, args: argparse.Namespace) -> int:
    """Serve the editor and the preview until Ctrl+C."""
    # The server is imported only here: other commands start without tornado.
    from tornado.ioloop import IOLoop

    from fzgen.commands.serve import ChangeWatcher, Outcome, Preview
    from fzgen.editor.security import Guard
    from fzgen.editor.server import start_editor

    language = args.lang

    def on_build(outcome: Outcome) -> None:
        if outcome.report is None:
            print_errors(outcome.errors, language)
            if outcome.failure:
                print(outcome.failure, file=sys.stderr)
            errors = cli_text("preview_errors", language, errors=len(outcome.errors))
            print(errors, file=sys.stderr, flush=True)

    def rebuild(changed: Iterable[Path] | None = None) -> None:
        # The editor keeps running whatever the preview meets: a fault of fzgen
        # itself is said, and the forms still save.
        try:
            preview.rebuild(changed)
        except Exception as exc:
            detail = f"{type(exc).__name__}: {exc}"
            print(cli_text("internal", language, detail=detail), file=sys.stderr, flush=True)

    if not project.content_dir.is_dir():
        raise UsageError("content_missing", path=str(project.content_dir))
    if args.host not in LOCAL:
        print(cli_text("edit_host_warning", language, host=args.host), file=sys.stderr)
    sockets = bound_port(args.host, args.port, language)
    stops = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    before = {signum: signal.signal(signum, _interrupt) for signum in stops}
    preview = Preview(project, on_build, language)
    watched = [project.content_dir, project.theme_dir, project.translations_dir]
    watcher = ChangeWatcher(watched, rebuild)
    try:
        rebuild()
        # Access lines would be tornado's (English); refusals are answered in the browser.
        logging.getLogger("tornado.access").setLevel(logging.CRITICAL)
        guard = Guard.create(args.host, sockets[0].getsockname()[1])
        url = start_editor(project, guard, language, sockets, preview, rebuild)
        print(cli_text("edit_ready", language, url=url), flush=True)
        # A change on disk (an editor's save, or a file edited by hand) rebuilds the preview.
        watcher.start(lambda: _ignore(watcher.examine()))
        with contextlib.suppress(KeyboardInterrupt):
            IOLoop.current().start()
    finally:
        watcher.stop.set()
        for signum in stops:
            signal.signal(signum, signal.SIG_IGN)
        preview.close()
        for bound in sockets:
            bound.close()
        for signum, handler in before.items():
            signal.signal(signum, handler)
    return EXIT_OK
