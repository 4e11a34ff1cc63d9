"""`fzgen status`: translated, missing and outdated texts per site and language."""

from __future__ import annotations

import argparse
import json

from fzgen.build.pipeline import validate
from fzgen.commands.common import EXIT_OK, Commands, Parser, help_for
from fzgen.content.coverage import LanguageStatus, status
from fzgen.messages import cli_text
from fzgen.project import Project


def add_parser(commands: Commands, options: Parser) -> None:
    """The `status` command's arguments."""
    parser = commands.add_parser("status", parents=[options], help=help_for("status"))
    parser.add_argument("--site", help=help_for("status.site"))
    parser.add_argument("--json", action="store_true", help=help_for("status.json"))
    parser.add_argument("--details", action="store_true", help=help_for("status.details"))


def run(project: Project, args: argparse.Namespace) -> int:
    """Print the coverage table (or JSON), and with --details every text."""
    rows = status(validate(project, args.site)[0])
    if args.json:
        print(json.dumps([as_json(row) for row in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    print_table(rows, args.lang)
    if args.details:
        for row in rows:
            where = {"site": row.site, "language": row.language}
            for key in row.missing:
                print(cli_text("status_missing", args.lang, key=key, **where))
            for key in row.outdated:
                print(cli_text("status_outdated", args.lang, key=key, **where))
    return EXIT_OK


def as_json(row: LanguageStatus) -> dict[str, object]:
    """One row as `--json` shows it."""
    return {
        "site": row.site,
        "language": row.language,
        "total": row.total,
        "translated": row.translated,
        "missing": list(row.missing),
        "outdated": list(row.outdated),
    }


def print_table(rows: list[LanguageStatus], language: str) -> None:
    """The rows as a table with aligned columns."""
    headings = cli_text("status_header", language).split("|")
    table = [headings] + [
        [r.site, r.language, f"{r.translated}/{r.total}", str(len(r.missing)), str(len(r.outdated))]
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(headings))]
    for row in table:
        cells = zip(row, widths, strict=True)
        print("  ".join(cell.ljust(width) for cell, width in cells).rstrip())
