"""`fzgen schema`: JSON Schemas of the content format, for editor completion."""

from __future__ import annotations

import argparse
from pathlib import Path

from fzgen.commands.common import EXIT_OK, Commands, Parser, help_for
from fzgen.content.schema import schema_files
from fzgen.messages import cli_text
from fzgen.project import Project


def add_parser(commands: Commands, options: Parser) -> None:
    """The `schema` command's arguments."""
    parser = commands.add_parser("schema", parents=[options], help=help_for("schema"))
    parser.add_argument(
        "--output", type=Path, default=Path("schemas"), help=help_for("schema.output")
    )


def write_schemas(folder: Path, language: str = "de") -> int:
    """Write every schema into `folder`, its help in `language`; how many."""
    folder.mkdir(parents=True, exist_ok=True)
    files = schema_files(language)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return len(files)


def run(project: Project, args: argparse.Namespace) -> int:
    """Write the schemas and say where."""
    count = write_schemas(args.output, args.lang)
    print(cli_text("schema_written", args.lang, folder=args.output, count=count))
    return EXIT_OK
