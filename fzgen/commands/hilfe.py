"""`fzgen hilfe`: where the coordinators' guide lies on this machine, and the commands."""

from __future__ import annotations

import argparse
from pathlib import Path

from fzgen.commands.common import EXIT_OK, Commands, Parser, help_for
from fzgen.messages import cli_text, shown
from fzgen.project import BUILTIN_ROOT, Project

#: The guides, in the order a coordinator needs them: step by step, then every field.
GUIDES = ("anleitung.md", "inhalte.md")
#: Paths are echoed whole (their invisible characters escaped), however long.
PATH_LIMIT = 10_000


def guide_folder() -> Path:
    """The folder of fzgen's guides: `docs/` of a checkout, else the copy the package
    carries (so it opens without the repository and without internet)."""
    checkout = BUILTIN_ROOT / "docs"
    if (checkout / GUIDES[0]).is_file():
        return checkout
    return Path(__file__).resolve().parent.parent / "docs"


def add_parser(commands: Commands, options: Parser) -> None:
    """The `hilfe` command: no arguments of its own."""
    commands.add_parser("hilfe", parents=[options], help=help_for("hilfe"))


def run(project: Project, args: argparse.Namespace) -> int:
    """Print the guides' paths and the commands at a glance."""
    folder = guide_folder()
    print(cli_text("hilfe_guide", args.lang))
    print("  " + shown(folder / GUIDES[0], args.lang, PATH_LIMIT))
    print(cli_text("hilfe_fields", args.lang))
    print("  " + shown(folder / GUIDES[1], args.lang, PATH_LIMIT))
    print()
    print(cli_text("hilfe_commands", args.lang))
    return EXIT_OK
