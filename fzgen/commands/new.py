"""`fzgen new`: a new site from a commented template that builds at once."""

from __future__ import annotations

import argparse
import json
import unicodedata
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml

from fzgen.build.pipeline import check
from fzgen.commands.common import EXIT_OK, Commands, Parser, help_for
from fzgen.commands.schema import write_schemas
from fzgen.content.fields import SLUG_PATTERN
from fzgen.content.notes import examples
from fzgen.errors import UsageError
from fzgen.messages import cli_text
from fzgen.project import Project, find_project

#: What a folder name may say about the kind of place rather than where it is
#: (`familienzentrum-lindenhof`, `fz-moelln`): not part of the place's name.
KIND_WORDS = frozenset({"familienzentrum", "familienzentren", "fz"})
#: The start of the name of every site, unless `--name` says otherwise.
NAME_PREFIX = "Familienzentrum"


@dataclass(frozen=True)
class Names:
    """What the template says about the place: the centre's name, its Sozialraum, its town."""

    name: str
    place: str
    city: str


def names_for(slug: str, name: str | None = None, town: str | None = None) -> Names:
    """The names a new site starts with: given ones as typed, the others guessed from the
    folder name. A town cannot be guessed (a folder name is often a district or a
    centre's name, and has no umlauts), so without `--ort` it is the template's
    example town, which `fzgen check` notes until it is replaced."""
    name, town = _one_line(name), _one_line(town)
    words = [word for word in slug.split("-") if word not in KIND_WORDS]
    place = " ".join(word.capitalize() for word in words)
    if town and _loosely(town) == _loosely("-".join(words)):
        place = town  # `moelln --ort Mölln`: the town's spelling, with its umlauts
    if name:
        without_prefix = name.removeprefix(NAME_PREFIX).strip()
        place = without_prefix if name.startswith(NAME_PREFIX) and without_prefix else place
    city = town or examples().address["city"]
    place = place or city
    return Names(name or f"{NAME_PREFIX} {place}", place, city)


def _one_line(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def _loosely(text: str) -> str:
    """A name without case, accents, blanks or hyphens, an umlaut and its spelling in a
    folder name (`oe`) alike: `Mölln` and `moelln` are the same."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    letters = "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))
    for vowel in "aou":
        letters = letters.replace(vowel + "e", vowel)
    return letters.replace("ss", "s")


def _yaml_value(text: str) -> str:
    """`text` as a YAML value that reads back exactly: plain where it can, else quoted."""
    try:
        plain = "#" not in text and yaml.safe_load(f"key: {text}") == {"key": text}
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def _copy(source: Traversable, target: Path, names: Names, written: list[Path]) -> None:
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        if entry.is_dir():
            _copy(entry, target / entry.name, names, written)
            continue
        target.mkdir(parents=True, exist_ok=True)
        text = entry.read_text(encoding="utf-8")
        # In values of their own the names are YAML; in the intro's text block, as typed.
        for key in ("name", "place", "city"):
            value = getattr(names, key)
            text = text.replace(f": {{{key}}}\n", f": {_yaml_value(value)}\n")
            text = text.replace(f"{{{key}}}", value)
        (target / entry.name).write_text(text, encoding="utf-8")
        written.append(target / entry.name)


def create_site(content_dir: Path, slug: str, names: Names | None = None) -> list[Path]:
    """Create `content_dir/<slug>/` from the template; refuse a bad name or an existing folder."""
    if not SLUG_PATTERN.fullmatch(slug):
        raise UsageError("new_bad_slug", slug=slug)
    target = content_dir / slug
    if target.exists():
        raise UsageError("new_exists", path=str(target))
    written: list[Path] = []
    _copy(files("fzgen") / "templates" / "new", target, names or names_for(slug), written)
    return written


def add_parser(commands: Commands, options: Parser) -> None:
    """The `new` command's arguments."""
    parser = commands.add_parser("new", parents=[options], help=help_for("new"))
    parser.add_argument("slug", help=help_for("new.slug"))
    parser.add_argument("--name", help=help_for("new.name"))
    parser.add_argument("--ort", dest="town", help=help_for("new.ort"))


def run(project: Project, args: argparse.Namespace) -> int:
    """Create the site, the schemas its files point to, and check it."""
    args.content.mkdir(parents=True, exist_ok=True)
    names = names_for(args.slug, args.name, args.town)
    written = create_site(args.content, args.slug, names)
    schemas = args.content.resolve().parent / "schemas"
    if not schemas.exists():  # the template's files point there for editor help
        write_schemas(schemas, args.lang)
    check(find_project(args.content, Path("output")))
    folder = args.content / args.slug
    print(cli_text("new_done", args.lang, folder=folder, files=len(written), slug=args.slug))
    return EXIT_OK
