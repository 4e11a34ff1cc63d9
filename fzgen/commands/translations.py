"""`fzgen translations export|import|confirm`: translations through PO files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fzgen.build.pipeline import validate
from fzgen.commands import po
from fzgen.commands.common import (
    EXIT_CONTENT,
    EXIT_OK,
    Commands,
    Parser,
    help_for,
    print_errors,
)
from fzgen.content.loader import Content
from fzgen.messages import cli_text
from fzgen.project import Project
from fzgen.theme.catalogue import catalogue_languages


def add_parser(commands: Commands, options: Parser) -> None:
    """The `translations` command and its actions (`--lang` names the target language)."""
    translations = commands.add_parser("translations", help=help_for("translations"))
    actions = translations.add_subparsers(
        dest="action", required=True, metavar=help_for("translations.action"), parser_class=Parser
    )
    export_parser = actions.add_parser("export", parents=[options], help=help_for("export"))
    export_parser.add_argument("--site", required=True, help=help_for("export.site"))
    export_parser.add_argument("--lang", dest="target", required=True, help=help_for("export.lang"))
    export_parser.add_argument("--output", type=Path, help=help_for("export.output"))
    import_parser = actions.add_parser("import", parents=[options], help=help_for("import"))
    import_parser.add_argument("file", type=Path, help=help_for("import.file"))
    confirm_parser = actions.add_parser("confirm", parents=[options], help=help_for("confirm"))
    confirm_parser.add_argument("--site", required=True, help=help_for("confirm.site"))


def run(project: Project, args: argparse.Namespace) -> int:
    """Export, import or confirm, as the action says."""
    content, _ = validate(project)
    if args.action == "export":
        data = po.export_po(content, args.site, args.target)
        target = args.output or Path(f"{args.site}.{args.target}.po")
        target.write_bytes(data)
        print(cli_text("po_written", args.lang, file=target))
        return EXIT_OK
    if args.action == "import":
        return import_file(project, content, args)
    count = po.confirm(content, args.site, None)
    print(cli_text("confirmed", args.lang, count=count, site=args.site))
    return EXIT_OK


def import_file(project: Project, content: Content, args: argparse.Namespace) -> int:
    """Import a PO file: all files written, or none and the reasons."""
    languages = catalogue_languages(project.translations_dir)
    try:
        imported = po.import_po(content, args.file, languages)
    except po.ImportRefused as exc:
        print_errors(exc.diagnostics, args.lang)
        refused = cli_text("po_refused", args.lang, file=args.file, errors=len(exc.diagnostics))
        print(refused, file=sys.stderr)
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
    for sentence in po.skipped_lines(imported, args.lang):
        print(sentence)
    return EXIT_OK
