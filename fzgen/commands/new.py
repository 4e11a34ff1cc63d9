"""`fzgen new`: a new site from a commented template that builds at once."""

from __future__ import annotations

import argparse
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from fzgen.build.pipeline import check
from fzgen.commands.common import EXIT_OK, Commands, Parser, help_for
from fzgen.commands.schema import write_schemas
from fzgen.content.fields import SLUG_PATTERN
from fzgen.errors import UsageError
from fzgen.messages import cli_text
from fzgen.project import Project, find_project


def _title(slug: str) -> str:
    """`bad-oldesloe` → `Bad Oldesloe`: a first guess for the name the coordinator edits."""
    return " ".join(part.capitalize() for part in slug.split("-"))


def _copy(source: Traversable, target: Path, slug: str, written: list[Path]) -> None:
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        if entry.is_dir():
            _copy(entry, target / entry.name, slug, written)
            continue
        target.mkdir(parents=True, exist_ok=True)
        text = (
            entry.read_text(encoding="utf-8")
            .replace("{slug}", slug)
            .replace("{title}", _title(slug))
        )
        (target / entry.name).write_text(text, encoding="utf-8")
        written.append(target / entry.name)


def create_site(content_dir: Path, slug: str) -> list[Path]:
    """Create `content_dir/<slug>/` from the template; refuse a bad name or an existing folder."""
    if not SLUG_PATTERN.fullmatch(slug):
        raise UsageError("new_bad_slug", slug=slug)
    target = content_dir / slug
    if target.exists():
        raise UsageError("new_exists", path=str(target))
    written: list[Path] = []
    _copy(files("fzgen") / "templates" / "new", target, slug, written)
    return written


def add_parser(commands: Commands, options: Parser) -> None:
    """The `new` command's arguments."""
    parser = commands.add_parser("new", parents=[options], help=help_for("new"))
    parser.add_argument("slug", help=help_for("new.slug"))


def run(project: Project, args: argparse.Namespace) -> int:
    """Create the site, the schemas its files point to, and check it."""
    args.content.mkdir(parents=True, exist_ok=True)
    written = create_site(args.content, args.slug)
    schemas = args.content.resolve().parent / "schemas"
    if not schemas.exists():  # the template's files point there for editor help
        write_schemas(schemas, args.lang)
    check(find_project(args.content, Path("output")))
    folder = args.content / args.slug
    print(cli_text("new_done", args.lang, folder=folder, files=len(written), slug=args.slug))
    return EXIT_OK
