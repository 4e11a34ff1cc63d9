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
    content_options,
    help_for,
    print_errors,
)
from fzgen.content.loader import Content
from fzgen.errors import UsageError
from fzgen.messages import LANGUAGES, cli_text
from fzgen.project import Project
from fzgen.theme.catalogue import catalogue_languages


def add_parser(commands: Commands, options: Parser) -> None:
    """The `translations` command and its actions; `export --to` names the target language."""
    translations = commands.add_parser("translations", help=help_for("translations"))
    actions = translations.add_subparsers(
        dest="action", required=True, metavar=help_for("translations.action"), parser_class=Parser
    )
    # Until fzgen 0.2, `export --lang` also names the target language (see `target_language`).
    export_options = content_options(with_language=False)
    export_parser = actions.add_parser("export", parents=[export_options], help=help_for("export"))
    export_parser.add_argument("--site", required=True, help=help_for("export.site"))
    export_parser.add_argument("--to", dest="target", help=help_for("export.to"))
    export_parser.add_argument("--lang", dest="old_target", help=help_for("export.lang"))
    export_parser.add_argument(
        "--output",
        type=Path,
        metavar=help_for("metavar.output_file"),
        help=help_for("export.output"),
    )
    import_parser = actions.add_parser("import", parents=[options], help=help_for("import"))
    import_parser.add_argument("file", type=Path, help=help_for("import.file"))
    confirm_parser = actions.add_parser("confirm", parents=[options], help=help_for("confirm"))
    confirm_parser.add_argument("--site", required=True, help=help_for("confirm.site"))


def run(project: Project, args: argparse.Namespace) -> int:
    """Export, import or confirm, as the action says."""
    if args.action == "export":
        return export_file(project, args)
    if args.action == "import":
        return import_file(project, validate(project)[0], args)
    count = po.confirm(validate(project, args.site)[0], args.site, None)
    print(cli_text("confirmed", args.lang, count=count, site=args.site))
    return EXIT_OK


def export_file(project: Project, args: argparse.Namespace) -> int:
    """Write the PO file of one site and target language."""
    target = target_language(args)
    content, _ = validate(project, args.site)
    data = po.export_po(content, args.site, target)
    path = args.output or Path(f"{args.site}.{target}.po")
    path.write_bytes(data)
    print(cli_text("po_written", args.lang, file=path))
    return EXIT_OK


def target_language(args: argparse.Namespace) -> str:
    """The language to export into: `--to`; the old `--lang` with a note that it is now
    `--to`; where both are given, `--lang` is the language of the messages."""
    if args.target is None:
        if args.old_target is None:
            raise UsageError("export_to_missing")
        print(cli_text("export_lang_renamed", args.lang, language=args.old_target), file=sys.stderr)
        return str(args.old_target)
    if args.old_target is not None:
        if args.old_target not in LANGUAGES:
            raise UsageError("export_lang_and_to", value=args.old_target, target=args.target)
        args.lang = args.old_target
    return str(args.target)


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
