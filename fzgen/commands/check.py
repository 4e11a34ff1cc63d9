"""`fzgen check`: validate everything, write nothing."""

from __future__ import annotations

import argparse

from fzgen.build.pipeline import check
from fzgen.commands.common import EXIT_OK, Commands, Parser, help_for, print_notes
from fzgen.messages import cli_text
from fzgen.project import Project


def add_parser(commands: Commands, options: Parser) -> None:
    """The `check` command's arguments."""
    parser = commands.add_parser("check", parents=[options], help=help_for("check"))
    parser.add_argument("--site", help=help_for("check.site"))


def run(project: Project, args: argparse.Namespace) -> int:
    """Check the content and tell what was found."""
    content, found = check(project, args.site)
    notes = print_notes(found, args.lang)
    print(
        cli_text(
            "check_ok",
            args.lang,
            sites=len(content.sites),
            offers=sum(len(s.offers) for s in content.sites),
            pages=sum(len(s.pages) for s in content.sites),
            notes=notes,
        )
    )
    return EXIT_OK
