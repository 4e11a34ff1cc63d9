"""UI catalogue files: reading `translations/<lang>.yaml` as flat keys with their lines,
and the rules of their `{placeholders}`."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fzgen.content.yamlfile import Document, parse_yaml
from fzgen.errors import Diagnostic

PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})
Entry = str | Mapping[str, str]
#: A UI text cut at its placeholders: literal text at even places, names at odd ones.
Pieces = tuple[str, ...]
#: `{name}`, the doubled braces `{{` and `}}`, or a brace that is neither.
_BRACES = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class PlaceholderError(ValueError):
    """A UI text holds a placeholder that is not a plain `{name}`."""

    def __init__(self, placeholder: str) -> None:
        super().__init__(placeholder)
        self.placeholder = placeholder


def cut_placeholders(text: str) -> Pieces:
    """`Hallo {name}!` → ("Hallo ", "name", "!"). Only plain names: a text can never reach
    an attribute, an index or a format of the value it is given."""
    pieces: list[str] = []
    literal: list[str] = []
    position = 0
    for found in _BRACES.finditer(text):
        literal.append(text[position : found.start()])
        position = found.end()
        token = found.group()
        if token in ("{{", "}}"):
            literal.append(token[0])
        elif found.group(1) is not None and _NAME.fullmatch(found.group(1)):
            pieces += ["".join(literal), found.group(1)]
            literal = []
        else:
            raise PlaceholderError(token)
    literal.append(text[position:])
    pieces.append("".join(literal))
    return tuple(pieces)


def fill(pieces: Pieces, params: Mapping[str, object]) -> str:
    """The text with each `{name}` replaced by the value under that name."""
    return "".join(
        piece if index % 2 == 0 else str(params[piece]) for index, piece in enumerate(pieces)
    )


@dataclass(frozen=True)
class CatalogueFile:
    """The texts of one catalogue file, by dotted key, with the line of each."""

    #: As the messages name it: relative to the project, or the full path.
    path: str
    entries: dict[str, Entry]
    lines: dict[str, int]


def load_catalogue(path: Path, shown: str | None = None) -> tuple[CatalogueFile, list[Diagnostic]]:
    """A catalogue as flat dotted keys (`category.meeting`) → text or plural forms."""
    shown = shown or path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return CatalogueFile(shown, {}, {}), [
            Diagnostic(shown, "file_encoding", params={"offset": str(exc.start + 1)})
        ]
    document, problems = parse_yaml(text, shown)
    if document is None:
        return CatalogueFile(shown, {}, {}), problems
    if not isinstance(document.data, dict):
        return CatalogueFile(shown, {}, {}), [Diagnostic(shown, "catalogue_not_mapping", 1)]
    flat: dict[str, Entry] = {}
    lines: dict[str, int] = {}
    _flatten(document, document.data, (), flat, lines)
    return CatalogueFile(shown, flat, lines), problems


def _flatten(
    document: Document,
    value: Any,
    where: tuple[str | int, ...],
    into: dict[str, Entry],
    lines: dict[str, int],
) -> None:
    key = ".".join(map(str, where))
    if isinstance(value, dict) and value and set(value) <= PLURAL_CATEGORIES:
        into[key] = {k: str(v) for k, v in value.items()}
    elif isinstance(value, dict):
        for name, child in value.items():
            _flatten(document, child, (*where, name), into, lines)
        return
    elif value is not None:
        into[key] = str(value)
    else:
        return
    lines[key] = (document.position(where) or (1, 1))[0]


def check_placeholders(
    files: Sequence[CatalogueFile], template: Mapping[str, Entry]
) -> list[Diagnostic]:
    """Every text of these files uses only plain `{name}` placeholders, and only names the
    German text of fzgen's own catalogue (`template`) uses for the same key."""
    found: list[Diagnostic] = []
    for catalogue in files:
        for key, entry in catalogue.entries.items():
            forms = {"": entry} if isinstance(entry, str) else entry
            allowed = _names(template[key]) if key in template else None
            if allowed is not None and not isinstance(entry, str):
                allowed = allowed | {"count"}
            for text in forms.values():
                line = catalogue.lines.get(key)
                try:
                    names = set(cut_placeholders(text)[1::2])
                except PlaceholderError as exc:
                    params = {"key": key, "placeholder": exc.placeholder}
                    found.append(Diagnostic(catalogue.path, "ui_placeholder", line, params=params))
                    continue
                unknown = sorted(names - allowed) if allowed is not None else []
                if unknown:
                    params = {
                        "key": key,
                        "placeholder": "{" + unknown[0] + "}",
                        "allowed": ", ".join("{" + n + "}" for n in sorted(allowed or ())) or "–",
                    }
                    found.append(
                        Diagnostic(catalogue.path, "ui_placeholder_unknown", line, params=params)
                    )
    return found


def _names(entry: Entry) -> set[str]:
    forms = [entry] if isinstance(entry, str) else list(entry.values())
    names: set[str] = set()
    for text in forms:
        try:
            names |= set(cut_placeholders(text)[1::2])
        except PlaceholderError:
            continue
    return names
