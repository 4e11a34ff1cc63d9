"""The wording of one language, read from its data file (`de.yaml`, `en.yaml`).

The data files hold every sentence fzgen says to a person; this module only
reads them and checks their shape, so a broken file fails loudly at its key.
Each top-level section is parsed the first time it is used: a build that
only says "Fertig" reads a few lines, not the editor help of every field.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

#: The languages fzgen speaks; German is the default.
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
    "report",
    "editor",
)
#: The plural forms CLDR names (`babel`'s `Locale.plural_form` answers one of them).
PLURAL_FORMS = frozenset({"zero", "one", "two", "few", "many", "other"})
# libyaml's loader where PyYAML has it: a file is read on every run.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SECTION_START = re.compile(r"^(\w+):", re.MULTILINE)


class WordingError(ValueError):
    """A data file of the wording has the wrong shape: a bug of fzgen, not of the content."""


@dataclass(frozen=True)
class FieldHelp:
    """What an editor shows for one field of a content file (JSON Schema)."""

    title: str
    description: str
    examples: tuple[Any, ...] = ()


class Wording:
    """Every sentence of one language, by section and key."""

    def __init__(self, language: str, text: str) -> None:
        self.language = language
        starts = [(m.start(), m.group(1)) for m in _SECTION_START.finditer(text)]
        ends = [start for start, _ in starts[1:]] + [len(text)]
        #: The text of each top-level section, parsed when first asked for.
        self._blocks = {
            name: text[start:end] for (start, name), end in zip(starts, ends, strict=True)
        }

    @cached_property
    def labels(self) -> Mapping[str, str]:
        """Words of a report's frame: `Zeile`, `Fehler`, `Lösung`, the quote marks."""
        return self._texts("labels")

    @cached_property
    def kinds(self) -> Mapping[str, str]:
        """A coordinator's word for the shape of a value (list, mapping, text, nothing)."""
        return self._texts("kinds")

    @cached_property
    def phrases(self) -> Mapping[str, str]:
        """Pieces fzgen composes into diagnostics (`Meinten Sie …?`)."""
        return self._texts("phrases")

    @cached_property
    def hints(self) -> Mapping[str, str]:
        """The fix sentence of a file that does not belong where it lies."""
        return self._texts("hints")

    @cached_property
    def os_reasons(self) -> Mapping[str, str]:
        """Why the operating system refused, by errno name (`ENOSPC`)."""
        return self._texts("os_reasons")

    @cached_property
    def cli(self) -> Mapping[str, str]:
        """Sentences of the command line."""
        return self._texts("cli")

    @cached_property
    def preview(self) -> Mapping[str, str]:
        """The preview's error page and plain answers."""
        return self._texts("preview")

    @cached_property
    def help(self) -> Mapping[str, str]:
        """argparse help of the commands and options."""
        return self._texts("help")

    @cached_property
    def argparse(self) -> Mapping[str, str]:
        """argparse's own English phrases, by name, as this language says them."""
        return self._texts("argparse")

    @cached_property
    def files(self) -> Mapping[str, str]:
        """Comments fzgen writes into files it generates (headers)."""
        return self._texts("files")

    @cached_property
    def report(self) -> Mapping[str, str]:
        """The words of `fzgen report`: headings, columns, notes."""
        return self._texts("report")

    @cached_property
    def editor(self) -> Mapping[str, str]:
        """The words of `fzgen edit`: labels, buttons, notices, refusals."""
        return self._texts("editor")

    @cached_property
    def plurals(self) -> Mapping[str, Mapping[str, str]]:
        """A number with its noun (`{count} Datei`), per noun and CLDR plural form."""
        result: dict[str, dict[str, str]] = {}
        for noun, forms in self._section("plurals").items():
            texts = isinstance(forms, dict) and all(isinstance(t, str) for t in forms.values())
            if not texts or "other" not in forms or not set(forms) <= PLURAL_FORMS:
                raise self._error(f"plurals → {noun!r} needs texts for 'other' and other forms")
            result[str(noun)] = forms
        return result

    @cached_property
    def diagnostics(self) -> Mapping[str, tuple[str, str]]:
        """Problem and fix sentence per diagnostic code."""
        result: dict[str, tuple[str, str]] = {}
        for code, entry in self._section("diagnostics").items():
            entry = entry if isinstance(entry, dict) else {}
            problem, fix = entry.get("problem"), entry.get("fix")
            if not isinstance(problem, str) or not isinstance(fix, str):
                raise self._error(f"diagnostics → {code!r} needs problem and fix")
            result[str(code)] = (problem, fix)
        return result

    @cached_property
    def schema(self) -> Mapping[str, Mapping[str, FieldHelp]]:
        """Editor help per content model (class name) and field."""
        result: dict[str, dict[str, FieldHelp]] = {}
        for model, fields in self._section("schema").items():
            if not isinstance(fields, dict):
                raise self._error(f"schema → {model!r} is not a mapping")
            result[str(model)] = {}
            for name, entry in fields.items():
                entry = entry if isinstance(entry, dict) else {}
                title, description = entry.get("title"), entry.get("description")
                if not isinstance(title, str) or not isinstance(description, str):
                    raise self._error(f"schema → {model} → {name} needs a title and description")
                examples = tuple(entry.get("examples") or ())
                result[str(model)][str(name)] = FieldHelp(title, description, examples)
        return result

    def _section(self, name: str) -> dict[Any, Any]:
        data = yaml.load(self._blocks.get(name, ""), Loader=_LOADER)
        section = data.get(name) if isinstance(data, dict) else None
        if not isinstance(section, dict):
            raise self._error(f"section {name!r} is missing or not a mapping")
        return section

    def _texts(self, name: str) -> dict[str, str]:
        section = self._section(name)
        for key, value in section.items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise self._error(f"{name} → {key!r} is not a text")
        return section

    def _error(self, problem: str) -> WordingError:
        return WordingError(f"fzgen/messages/{self.language}.yaml: {problem}")


@functools.cache
def wording(language: str) -> Wording:
    """The wording of `language` (`de` or `en`), its file read once."""
    if language not in LANGUAGES:
        raise WordingError(f"no wording for language {language!r}")
    source = Path(__file__).with_name(f"{language}.yaml")
    return Wording(language, source.read_text(encoding="utf-8"))
