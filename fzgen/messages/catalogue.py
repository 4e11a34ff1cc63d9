"""The wording of one language, read once from its data file (`de.yaml`, `en.yaml`).

The data files hold every sentence fzgen says to a person; this module only
reads them and checks their shape, so a broken file fails loudly at its key.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

#: The languages fzgen speaks; German is the default and the fallback.
LANGUAGES = ("de", "en")
#: Sections of plain `key: sentence` pairs, the same keys in every language
#: (`argparse` only where argparse's own English needs translating).
TEXT_SECTIONS = (
    "labels",
    "kinds",
    "phrases",
    "hints",
    "os_reasons",
    "cli",
    "preview",
    "help",
    "argparse",
    "files",
)
# libyaml's loader where PyYAML has it: the files are read on every run.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class FieldHelp:
    """What an editor shows for one field of a content file (JSON Schema)."""

    title: str
    description: str
    examples: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Wording:
    """Every sentence of one language, by section and key."""

    language: str
    #: Words of a report's frame: `Zeile`, `Fehler`, `Lösung`, the quote marks.
    labels: Mapping[str, str]
    #: A coordinator's word for the shape of a value (list, mapping, text, nothing).
    kinds: Mapping[str, str]
    #: Pieces fzgen composes into diagnostics (`Meinten Sie …?`).
    phrases: Mapping[str, str]
    #: The fix sentence of a file that does not belong where it lies.
    hints: Mapping[str, str]
    #: Problem and fix sentence per diagnostic code.
    diagnostics: Mapping[str, tuple[str, str]]
    #: Why the operating system refused, by errno name (`ENOSPC`).
    os_reasons: Mapping[str, str]
    #: Sentences of the command line.
    cli: Mapping[str, str]
    #: The preview's error page and plain answers.
    preview: Mapping[str, str]
    #: argparse help of the commands and options.
    help: Mapping[str, str]
    #: argparse's own English phrases, by name, as this language says them.
    argparse: Mapping[str, str]
    #: Comments fzgen writes into files (headers of generated files).
    files: Mapping[str, str]
    #: Editor help per content model (class name) and field.
    schema: Mapping[str, Mapping[str, FieldHelp]]


class WordingError(ValueError):
    """A data file of the wording has the wrong shape: a bug of fzgen, not of the content."""


@functools.cache
def wording(language: str) -> Wording:
    """The wording of `language` (`de` or `en`), read from its data file once."""
    if language not in LANGUAGES:
        raise WordingError(f"no wording for language {language!r}")
    source = resources.files(__package__).joinpath(f"{language}.yaml")
    data = yaml.load(source.read_text(encoding="utf-8"), Loader=_LOADER)
    if not isinstance(data, dict):
        raise WordingError(f"{language}.yaml: not a mapping")
    sections = {name: _texts(data, name, language) for name in TEXT_SECTIONS}
    return Wording(
        language=language,
        diagnostics=_diagnostics(data, language),
        schema=_schema(data, language),
        **sections,
    )


def _section(data: dict[str, Any], name: str, language: str) -> dict[Any, Any]:
    section = data.get(name)
    if not isinstance(section, dict):
        raise WordingError(f"{language}.yaml: section {name!r} is missing or not a mapping")
    return section


def _texts(data: dict[str, Any], name: str, language: str) -> dict[str, str]:
    section = _section(data, name, language)
    for key, value in section.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise WordingError(f"{language}.yaml: {name} → {key!r} is not a text")
    return section


def _diagnostics(data: dict[str, Any], language: str) -> dict[str, tuple[str, str]]:
    result: dict[str, tuple[str, str]] = {}
    for code, entry in _section(data, "diagnostics", language).items():
        entry = entry if isinstance(entry, dict) else {}
        problem, fix = entry.get("problem"), entry.get("fix")
        if not isinstance(problem, str) or not isinstance(fix, str):
            raise WordingError(f"{language}.yaml: diagnostics → {code!r} needs problem and fix")
        result[str(code)] = (problem, fix)
    return result


def _schema(data: dict[str, Any], language: str) -> dict[str, dict[str, FieldHelp]]:
    result: dict[str, dict[str, FieldHelp]] = {}
    for model, fields in _section(data, "schema", language).items():
        if not isinstance(fields, dict):
            raise WordingError(f"{language}.yaml: schema → {model!r} is not a mapping")
        result[str(model)] = {}
        for name, entry in fields.items():
            entry = entry if isinstance(entry, dict) else {}
            title, description = (entry.get(k) for k in ("title", "description"))
            if not isinstance(title, str) or not isinstance(description, str):
                raise WordingError(f"{language}.yaml: schema → {model} → {name} needs a title")
            examples = tuple(entry.get("examples") or ())
            result[str(model)][str(name)] = FieldHelp(title, description, examples)
    return result
