"""Argument parsing, printing and exit codes: the only module that prints."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from fzgen import __version__
from fzgen.build import Report, build, check
from fzgen.errors import ContentError, FzgenError, UsageError
from fzgen.messages import cli_text, format_diagnostic
from fzgen.project import Project, find_project

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class _Parser(argparse.ArgumentParser):
    """argparse, but a wrong call is a usage error worded for people (exit 2)."""

    def error(self, message: str) -> NoReturn:
        language = "en" if "en" in sys.argv[1:] and "--lang" in sys.argv[1:] else "de"
        self.exit(EXIT_USAGE, cli_text("usage", language, detail=message) + "\n")


def _parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--content", type=Path, default=Path("content"), help="Inhaltsordner (Standard: content/)"
    )
    common.add_argument(
        "--lang", choices=["de", "en"], default="de", help="Sprache der Meldungen (de oder en)"
    )
    common.add_argument(
        "--debug", action="store_true", help="bei internen Fehlern alle Details zeigen"
    )

    parser = _Parser(
        prog="fzgen",
        description="Statische, mehrsprachige Websites für Familienzentren.",
    )
    parser.add_argument("--version", action="version", version=f"fzgen {__version__}")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="BEFEHL", parser_class=_Parser
    )
    commands.add_parser("check", parents=[common], help="Inhalte prüfen, nichts schreiben")
    build_parser = commands.add_parser(
        "build", parents=[common], help="Inhalte prüfen und die Websites erzeugen"
    )
    build_parser.add_argument(
        "--output", type=Path, default=Path("output"), help="Ausgabeordner (Standard: output/)"
    )
    build_parser.add_argument("--site", help="nur diese Website erzeugen (Ordnername)")
    serve_parser = commands.add_parser(
        "serve", parents=[common], help="Vorschau im Browser, aktualisiert sich beim Speichern"
    )
    serve_parser.add_argument("--port", type=int, default=8000, help="Port (Standard: 8000)")
    serve_parser.add_argument(
        "--host", default="127.0.0.1", help="Adresse (Standard: 127.0.0.1, nur dieser Rechner)"
    )
    return parser


def _print_notes(report: Report, language: str) -> str:
    for note in report.notes:
        print(format_diagnostic(note, language))
    return cli_text("notes", language, count=len(report.notes)) if report.notes else ""


def _run(args: argparse.Namespace) -> int:
    output = getattr(args, "output", Path("output"))
    project = find_project(args.content, output)
    language = args.lang
    if args.command == "serve":
        return _serve(project, args)
    if args.command == "check":
        report = check(project)
        notes = _print_notes(report, language)
        content = report.content
        print(
            cli_text(
                "check_ok",
                language,
                sites=len(content.sites),
                offers=sum(len(s.offers) for s in content.sites),
                pages=sum(len(s.pages) for s in content.sites),
                notes=notes,
            )
        )
        return EXIT_OK
    report = build(project, site=args.site)
    notes = _print_notes(report, language)
    print(
        cli_text(
            "build_ok",
            language,
            files=report.files_written,
            sites=1 if args.site else len(report.content.sites),
            output=args.output,
            notes=notes,
        )
    )
    return EXIT_OK


def _serve(project: Project, args: argparse.Namespace) -> int:
    from fzgen.serve import Outcome, serve

    language = args.lang

    def on_build(outcome: Outcome) -> None:
        if outcome.report is not None:
            print(
                cli_text("preview_built", language, files=outcome.report.files_written), flush=True
            )
            return
        for diagnostic in outcome.errors:
            print(format_diagnostic(diagnostic, language), file=sys.stderr)
        if outcome.failure:
            print(outcome.failure, file=sys.stderr)
        print(
            cli_text("preview_errors", language, errors=len(outcome.errors)),
            file=sys.stderr,
            flush=True,
        )

    def on_ready(url: str) -> None:
        print(cli_text("preview_ready", language, url=url), flush=True)

    try:
        serve(project, args.host, args.port, on_build, on_ready)
    except OSError as exc:
        raise UsageError(
            "port_busy", port=str(args.port), detail=exc.strerror or str(exc)
        ) from None
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `fzgen` command."""
    args = _parser().parse_args(argv)
    language = args.lang
    try:
        return _run(args)
    except ContentError as exc:
        for diagnostic in exc.diagnostics:
            print(format_diagnostic(diagnostic, language), file=sys.stderr)
        files = len({d.path for d in exc.diagnostics})
        print(
            cli_text("errors_summary", language, errors=len(exc.diagnostics), files=files),
            file=sys.stderr,
        )
        if args.command == "build":
            print(cli_text("nothing_written", language), file=sys.stderr)
        return EXIT_CONTENT
    except UsageError as exc:
        print(cli_text(exc.code, language, **exc.params), file=sys.stderr)
        return EXIT_USAGE
    except FzgenError as exc:
        if args.debug:
            traceback.print_exc()
        print(
            cli_text("internal", language, detail=f"{type(exc).__name__}: {exc}"), file=sys.stderr
        )
        return EXIT_INTERNAL
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        print(
            cli_text("internal", language, detail=f"{type(exc).__name__}: {exc}"), file=sys.stderr
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    raise SystemExit(main())
