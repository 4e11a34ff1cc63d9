"""`fzgen serve`: the preview in the browser (the server itself is `fzgen.commands.serve`)."""

from __future__ import annotations

import argparse
import errno
import socket
import sys
from typing import TYPE_CHECKING

from fzgen.commands.common import EXIT_OK, Commands, Parser, help_for, print_errors
from fzgen.errors import UsageError
from fzgen.messages import cli_text, os_reason
from fzgen.project import Project

if TYPE_CHECKING:
    from fzgen.commands.serve import Outcome


def port_number(text: str) -> int:
    """`serve --port`: a port one can listen on, 1 to 65535 (0 would pick one at random)."""
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(cli_text("port_range", Parser.language, value=text))
    return port


def add_parser(commands: Commands, options: Parser) -> None:
    """The `serve` command's arguments."""
    parser = commands.add_parser("serve", parents=[options], help=help_for("serve"))
    parser.add_argument("--port", type=port_number, default=8000, help=help_for("serve.port"))
    parser.add_argument("--host", default="127.0.0.1", help=help_for("serve.host"))


def run(project: Project, args: argparse.Namespace) -> int:
    """Serve the preview until Ctrl+C, telling each rebuild."""
    # The server (tornado, livereload) is imported only here: every other
    # command starts 50 ms sooner without it.
    from fzgen.commands.serve import serve

    language = args.lang

    def on_build(outcome: Outcome) -> None:
        if outcome.report is not None:
            files = outcome.report.files_written
            print(cli_text("preview_built", language, files=files), flush=True)
            for site in outcome.report.skipped_sites:
                print(cli_text("preview_skipped", language, site=site), flush=True)
            return
        print_errors(outcome.errors, language)
        if outcome.failure:
            print(outcome.failure, file=sys.stderr)
        errors = cli_text("preview_errors", language, errors=len(outcome.errors))
        print(errors, file=sys.stderr, flush=True)

    def on_ready(url: str) -> None:
        print(cli_text("preview_ready", language, url=url), flush=True)

    if not project.content_dir.is_dir():
        raise UsageError("content_missing", path=str(project.content_dir))
    sockets = bound_port(args.host, args.port, language)
    serve(project, args.host, sockets, on_build, on_ready, language)
    return EXIT_OK


def bound_port(host: str, port: int, language: str) -> list[socket.socket]:
    """The preview's port, taken before anything is built; a port in use is a usage error
    that names it and how to choose another."""
    from fzgen.commands.serve import open_port

    try:
        return open_port(host, port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            other = port + 1 if port < 65535 else port - 1
            raise UsageError("port_in_use", port=str(port), other=str(other)) from None
        detail = os_reason(exc, language)
        raise UsageError("port_busy", port=str(port), detail=detail) from None
