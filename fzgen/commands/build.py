"""`fzgen build`: check everything, then write every site into the output folder."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from fzgen.build.pipeline import build
from fzgen.commands.common import EXIT_OK, Commands, Parser, help_for, print_notes
from fzgen.messages import cli_text
from fzgen.project import Project
from fzgen.render.pdf import pdf_available


def add_parser(commands: Commands, options: Parser) -> None:
    """The `build` command's arguments."""
    parser = commands.add_parser("build", parents=[options], help=help_for("build"))
    parser.add_argument(
        "--output", type=Path, default=Path("output"), help=help_for("build.output")
    )
    parser.add_argument("--site", help=help_for("build.site"))
    parser.add_argument(
        "--clean",
        action="store_true",
        help=help_for("build.clean"),
    )
    parser.add_argument("--pdf", action="store_true", help=help_for("build.pdf"))


def run(project: Project, args: argparse.Namespace) -> int:
    """Build and tell what was written."""
    if args.pdf and not pdf_available():
        print(cli_text("pdf_missing", args.lang), file=sys.stderr)
    elif args.pdf:
        project = replace(project, programme_pdf=True)
    report = build(project, site=args.site, clean=args.clean)
    notes = print_notes(report.notes, args.lang)
    print(
        cli_text(
            "build_ok",
            args.lang,
            files=report.files_written,
            sites=1 if args.site else len(report.sites),
            output=args.output,
            notes=notes,
        )
    )
    for skipped in report.skipped_sites:
        print(cli_text("site_skipped", args.lang, site=skipped, chosen=args.site))
    return EXIT_OK
