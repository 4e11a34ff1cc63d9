"""Argument parsing, printing and exit codes: the only module that prints."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from fzgen import __version__
from fzgen.build.pipeline import build, check
from fzgen.errors import ContentError, Diagnostic, FzgenError, UsageError
from fzgen.messages import cli_text, format_diagnostic, os_reason
from fzgen.project import Project, find_project

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


#: argparse's own sentences, for coordinators who read German.
_ARGPARSE_GERMAN = {
    "usage: ": "Aufruf: ",
    "positional arguments": "Befehle und Angaben",
    "options": "Optionen",
    "show this help message and exit": "diese Hilfe zeigen und beenden",
    "show program's version number and exit": "die Version von fzgen zeigen und beenden",
    "argument %(argument_name)s: %(message)s": "Angabe %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "unbekannte Angaben: %s",
    "the following arguments are required: %s": "diese Angaben fehlen: %s",
    "expected one argument": "hier fehlt ein Wert",
    "invalid %(type)s value: %(value)r": "ungültiger Wert: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "„%(value)s“ gibt es nicht (möglich: %(choices)s)"
    ),
    "ambiguous option: %(option)s could match %(matches)s": (
        "%(option)s ist nicht eindeutig: %(matches)s"
    ),
}


_ARGPARSE_ENGLISH = argparse._  # type: ignore[attr-defined]


def _speak_german(argv: Sequence[str]) -> None:
    """Let argparse's help and errors speak German unless English messages are asked for."""
    if "--lang" in argv and "en" in argv:
        argparse._ = _ARGPARSE_ENGLISH  # type: ignore[attr-defined]
    else:
        argparse._ = lambda text: _ARGPARSE_GERMAN.get(text, text)  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """argparse, but a wrong call is a usage error worded for people (exit 2)."""

    def error(self, message: str) -> NoReturn:
        language = "en" if "en" in sys.argv[1:] and "--lang" in sys.argv[1:] else "de"
        self.exit(EXIT_USAGE, cli_text("usage", language, detail=message) + "\n")


def _port_number(text: str) -> int:
    """`serve --port`: a port one can listen on, 1 to 65535 (0 would pick one at random)."""
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        language = "en" if "en" in sys.argv[1:] and "--lang" in sys.argv[1:] else "de"
        raise argparse.ArgumentTypeError(cli_text("port_range", language, value=text))
    return port


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
    # `translations export --lang` names the target language, so these commands
    # speak German and take no message language.
    plain = _Parser(add_help=False)
    plain.add_argument(
        "--content", type=Path, default=Path("content"), help="Inhaltsordner (Standard: content/)"
    )
    plain.add_argument(
        "--debug", action="store_true", help="bei internen Fehlern alle Details zeigen"
    )
    plain.set_defaults(lang="de")

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
    build_parser.add_argument(
        "--clean",
        action="store_true",
        help="auch Dateien im Ausgabeordner löschen, die nicht von fzgen stammen",
    )
    new_parser = commands.add_parser(
        "new", parents=[common], help="eine neue Website aus einer kommentierten Vorlage anlegen"
    )
    new_parser.add_argument("slug", help="Ordnername der Website, z. B. bad-oldesloe")
    status_parser = commands.add_parser(
        "status", parents=[common], help="Stand der Übersetzungen je Website und Sprache"
    )
    status_parser.add_argument("--json", action="store_true", help="als JSON ausgeben")
    status_parser.add_argument(
        "--details", action="store_true", help="fehlende und veraltete Texte einzeln auflisten"
    )
    translations = commands.add_parser(
        "translations", help="Übersetzungen mit Übersetzungsbüros austauschen (PO-Dateien)"
    )
    actions = translations.add_subparsers(
        dest="action", required=True, metavar="AKTION", parser_class=_Parser
    )
    export_parser = actions.add_parser(
        "export", parents=[plain], help="PO-Datei für eine Sprache schreiben"
    )
    export_parser.add_argument("--site", required=True, help="Website (Ordnername)")
    export_parser.add_argument("--lang", dest="target", required=True, help="Zielsprache, z. B. tr")
    export_parser.add_argument(
        "--output", type=Path, help="Zieldatei (Standard: <site>.<sprache>.po)"
    )
    import_parser = actions.add_parser(
        "import", parents=[plain], help="übersetzte PO-Datei einlesen"
    )
    import_parser.add_argument("file", type=Path, help="die PO-Datei")
    confirm_parser = actions.add_parser(
        "confirm", parents=[plain], help="vorhandene Übersetzungen als aktuell bestätigen"
    )
    confirm_parser.add_argument("--site", required=True, help="Website (Ordnername)")
    schema_parser = commands.add_parser(
        "schema", parents=[common], help="JSON-Schemas für die Eingabehilfe im Editor schreiben"
    )
    schema_parser.add_argument(
        "--output", type=Path, default=Path("schemas"), help="Zielordner (Standard: schemas/)"
    )
    serve_parser = commands.add_parser(
        "serve", parents=[common], help="Vorschau im Browser, aktualisiert sich beim Speichern"
    )
    serve_parser.add_argument(
        "--port", type=_port_number, default=8000, help="Port (Standard: 8000)"
    )
    serve_parser.add_argument(
        "--host", default="127.0.0.1", help="Adresse (Standard: 127.0.0.1, nur dieser Rechner)"
    )
    return parser


def _print_notes(notes: tuple[Diagnostic, ...], language: str) -> str:
    for note in notes:
        print(format_diagnostic(note, language))
    return cli_text("notes", language, count=len(notes)) if notes else ""


def _run(args: argparse.Namespace) -> int:
    output = args.output if args.command == "build" else Path("output")
    project = find_project(args.content, output)
    language = args.lang
    if args.command == "serve":
        return _serve(project, args)
    if args.command == "status":
        return _status(project, args)
    if args.command == "translations":
        return _translations(project, args)
    if args.command == "new":
        from fzgen.commands.new import create_site

        args.content.mkdir(parents=True, exist_ok=True)
        written = create_site(args.content, args.slug)
        schemas = args.content.resolve().parent / "schemas"
        if not schemas.exists():  # the template's files point there for editor help
            from fzgen.content.schema import schema_files

            schemas.mkdir()
            for name, data in schema_files().items():
                (schemas / name).write_bytes(data)
        check(find_project(args.content, Path("output")))
        folder = args.content / args.slug
        print(cli_text("new_done", language, folder=folder, files=len(written), slug=args.slug))
        return EXIT_OK
    if args.command == "schema":
        from fzgen.content.schema import schema_files

        args.output.mkdir(parents=True, exist_ok=True)
        for name, data in schema_files().items():
            (args.output / name).write_bytes(data)
        print(cli_text("schema_written", language, folder=args.output, count=len(schema_files())))
        return EXIT_OK
    if args.command == "check":
        content, found = check(project)
        notes = _print_notes(found, language)
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
    report = build(project, site=args.site, clean=args.clean)
    notes = _print_notes(report.notes, language)
    print(
        cli_text(
            "build_ok",
            language,
            files=report.files_written,
            sites=1 if args.site else len(report.sites),
            output=args.output,
            notes=notes,
        )
    )
    return EXIT_OK


def _status(project: Project, args: argparse.Namespace) -> int:
    import json

    from fzgen.content.coverage import status

    rows = status(check(project)[0])
    if args.json:
        data = [
            {
                "site": r.site,
                "language": r.language,
                "total": r.total,
                "translated": r.translated,
                "missing": list(r.missing),
                "outdated": list(r.outdated),
            }
            for r in rows
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    headings = cli_text("status_header", args.lang).split("|")
    table = [headings] + [
        [r.site, r.language, f"{r.translated}/{r.total}", str(len(r.missing)), str(len(r.outdated))]
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(headings))]
    for row in table:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
    if args.details:
        for r in rows:
            for key in r.missing:
                print(
                    cli_text("status_missing", args.lang, site=r.site, language=r.language, key=key)
                )
            for key in r.outdated:
                print(
                    cli_text(
                        "status_outdated", args.lang, site=r.site, language=r.language, key=key
                    )
                )
    return EXIT_OK


def _translations(project: Project, args: argparse.Namespace) -> int:
    from fzgen.commands import po

    content, _ = check(project)
    if args.action == "export":
        language = args.target
        data = po.export_po(content, args.site, language)
        target = args.output or Path(f"{args.site}.{language}.po")
        target.write_bytes(data)
        print(cli_text("po_written", args.lang, file=target))
        return EXIT_OK
    if args.action == "import":
        from fzgen.theme.catalogue import catalogue_languages

        try:
            imported = po.import_po(
                content, args.file, catalogue_languages(project.translations_dir)
            )
        except po.ImportRefused as exc:
            for diagnostic in exc.diagnostics:
                print(format_diagnostic(diagnostic, args.lang), file=sys.stderr)
            print(
                cli_text("po_refused", args.lang, file=args.file, errors=len(exc.diagnostics)),
                file=sys.stderr,
            )
            for key, line in exc.entries:
                print(cli_text("po_entry", args.lang, key=key, line=line or "?"), file=sys.stderr)
            return EXIT_CONTENT
        print(
            cli_text(
                "po_imported",
                args.lang,
                count=len(imported.written),
                site=imported.site,
                language=imported.language,
            )
        )
        if imported.skipped:
            print(cli_text("po_skipped", args.lang, count=imported.skipped))
        return EXIT_OK
    count = po.confirm(content, args.site, None)
    print(cli_text("confirmed", args.lang, count=count, site=args.site))
    return EXIT_OK


def _serve(project: Project, args: argparse.Namespace) -> int:
    from fzgen.commands.serve import Outcome, serve

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

    if not project.content_dir.is_dir():
        raise UsageError("content_missing", path=str(project.content_dir))
    try:
        serve(project, args.host, args.port, on_build, on_ready, language)
    except OSError as exc:
        raise UsageError(
            "port_busy", port=str(args.port), detail=exc.strerror or str(exc)
        ) from None
    return EXIT_OK


def _environment_error(error: OSError, args: argparse.Namespace) -> str:
    """The German (or English) sentence for an error of the operating system."""
    path = error.filename
    if path is None:  # writing into an open file (a full disk) names no path
        path = args.output if args.command == "build" else args.content
    reason = os_reason(error, args.lang)
    return cli_text("environment", args.lang, path=os.fsdecode(path), reason=reason)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `fzgen` command."""
    _speak_german(sys.argv[1:] if argv is None else argv)
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
        # The build has ended its workers and removed its staging folder by now.
        if args.command == "build":
            print(cli_text("interrupted", language), file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        return EXIT_OK
    except OSError as exc:
        # The machine refused (a full disk, no rights, a path too long): not a bug of
        # fzgen. A build that fails so has discarded its staging folder.
        if args.debug:
            traceback.print_exc()
        print(_environment_error(exc, args), file=sys.stderr)
        if args.command == "build":
            print(cli_text("nothing_written", language), file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        print(
            cli_text("internal", language, detail=f"{type(exc).__name__}: {exc}"), file=sys.stderr
        )
        return EXIT_INTERNAL


def run() -> NoReturn:
    """The `fzgen` console script: `main`, then exit at once.

    When the command is done, nothing is left to clean up (files are written
    and swapped in, worker processes have ended), so the interpreter's
    teardown, which frees every object of the build one by one (0.1 s at
    10,000 pages), is skipped; only the output streams are flushed.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader of our output went away: nothing more to say
        pass
    os._exit(code)


if __name__ == "__main__":
    run()
