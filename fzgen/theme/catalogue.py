"""UI catalogues (`translations/<lang>.yaml`) and translation coverage of content."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date, format_interval
from babel.lists import format_list
from markupsafe import Markup, escape

from fzgen.content.yamlfile import Document, parse_yaml
from fzgen.errors import ContentError, Diagnostic, UsageError
from fzgen.project import BUILTIN_TRANSLATIONS
from fzgen.theme.numerals import digit_table, kept_together, local_digits, unbroken


def catalogue_folders(translations_dir: Path) -> list[Path]:
    """Where UI catalogues are read from, lowest first: fzgen's own, then the
    project's `translations/` (if it has one), whose texts win."""
    folders = [BUILTIN_TRANSLATIONS]
    if translations_dir.is_dir() and translations_dir.resolve() != BUILTIN_TRANSLATIONS.resolve():
        folders.append(translations_dir)
    return folders


def catalogue_languages(translations_dir: Path) -> frozenset[str]:
    """The languages that have a UI catalogue, fzgen's or the project's."""
    return frozenset(
        p.stem
        for folder in catalogue_folders(translations_dir)
        for p in folder.glob("*.yaml")
        if not p.name.startswith((".", "_"))
    )


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


class Catalogue:
    """The UI texts of one language with CLDR formatting (Babel) for that language."""

    def __init__(
        self,
        language: str,
        entries: Mapping[str, Entry],
        fallback: Mapping[str, Entry],
        folder: Path,
        origins: Mapping[str, tuple[str, int]] | None = None,
    ):
        self.language = language
        #: The project's `translations/`, named in the message about a missing text.
        self.folder = folder
        self.locale = Locale.parse(language)
        #: Latin digits → the language's own (CLDR); None where it writes Latin digits.
        self.digits = digit_table(self.locale)
        self._entries = {**fallback, **entries}
        #: key → file and line the text came from, for messages about it.
        self._origins = origins or {}
        self._pieces: dict[tuple[str, str], Pieces] = {}
        # Babel's CLDR formatting is slow and the same dates recur on many pages.
        self._dates: dict[tuple[dt.date, str], str] = {}
        self._times: dict[tuple[dt.time, dt.time], str] = {}
        self._markup: dict[str, Markup] = {}
        self._names: dict[str, str] = {}
        self._lists: dict[tuple[str, ...], str] = {}

    def __call__(self, key: str, **params: object) -> str:
        """The text under `key`, with `{placeholders}` filled in."""
        if not params:
            entry = self._entry(key)
            return entry if isinstance(entry, str) else entry["other"]
        return self._fill(key, "other", params)

    def markup(self, key: str, **params: object) -> Markup:
        """The text under `key` as HTML: the text and plain parameters escaped, Markup kept."""
        if not params:
            if key not in self._markup:
                entry = self._entry(key)
                self._markup[key] = escape(entry if isinstance(entry, str) else entry["other"])
            return self._markup[key]
        escaped = {name: escape(self._number(value)) for name, value in params.items()}
        pieces = self._cut(key, "other")
        return Markup(
            _joined(
                [
                    str(escape(piece)) if index % 2 == 0 else self._value(key, escaped, piece)
                    for index, piece in enumerate(pieces)
                ]
            )
        )

    def plural(self, key: str, count: int) -> str:
        """The plural form of `key` that CLDR chooses for `count` in this language."""
        entry = self._entry(key)
        form = self.locale.plural_form(count)
        if isinstance(entry, str) or form not in entry:
            form = "other"
        return self._fill(key, form, {"count": self.number(count)})

    def _fill(self, key: str, form: str, params: Mapping[str, object]) -> str:
        return _joined(
            [
                piece if index % 2 == 0 else self._value(key, params, piece)
                for index, piece in enumerate(self._cut(key, form))
            ]
        )

    def _value(self, key: str, params: Mapping[str, object], name: str) -> str:
        if name not in params:
            path, line = self._origins.get(key, (str(self.folder / f"{self.language}.yaml"), 0))
            allowed = ", ".join("{" + n + "}" for n in sorted(params)) or "–"
            raise ContentError(
                [
                    Diagnostic(
                        path,
                        "ui_placeholder_unknown",
                        line or None,
                        params={"key": key, "placeholder": "{" + name + "}", "allowed": allowed},
                    )
                ]
            )
        return str(self._number(params[name]))

    def _number(self, value: object) -> object:
        # A count given to a text is written in the language's digits; other values as they are.
        return self.number(value) if type(value) is int else value

    def number(self, value: int) -> str:
        """A whole number in this language's digits (`۱۲` in Persian, `12` in German)."""
        return local_digits(str(value), self.digits)

    def _cut(self, key: str, form: str) -> Pieces:
        cached = self._pieces.get((key, form))
        if cached is None:
            entry = self._entry(key)
            text = entry if isinstance(entry, str) else entry.get(form, entry["other"])
            try:
                cached = cut_placeholders(text)
            except PlaceholderError as exc:
                path, line = self._origins.get(key, (f"{self.language}.yaml", 0))
                params = {"key": key, "placeholder": exc.placeholder}
                raise ContentError(
                    [Diagnostic(path, "ui_placeholder", line or None, params=params)]
                ) from None
            self._pieces[(key, form)] = cached
        return cached

    def _entry(self, key: str) -> Entry:
        try:
            return self._entries[key]
        except KeyError:
            # Not a LookupError: Jinja would take that for a missing item and go on.
            raise UsageError("ui_text_missing", key=key, path=str(self.folder)) from None

    @cached_property
    def direction(self) -> str:
        """`rtl` or `ltr`."""
        return str(self.locale.text_direction)

    def own_name(self) -> str:
        """The language's name in itself, capitalised: Türkçe, العربية, Українська."""
        return language_own_name(self.language)

    def language_name(self, code: str) -> str:
        """The name of language `code` in this language."""
        if code not in self._names:
            name = self.locale.languages.get(code) or code
            self._names[code] = str(name[:1].upper() + name[1:])
        return self._names[code]

    def join(self, items: Sequence[str]) -> str:
        """`A, B und C` as this language lists things; each list joined once."""
        key = tuple(items)
        if key not in self._lists:
            self._lists[key] = str(format_list(list(key), locale=self.locale)) if key else ""
        return self._lists[key]

    def date(self, day: dt.date, style: str = "long") -> str:
        """A date in this language and its digits (`full` includes the weekday); each
        formatted once."""
        key = (day, style)
        if key not in self._dates:
            self._dates[key] = local_digits(
                str(format_date(day, style, locale=self.locale)), self.digits
            )
        return self._dates[key]

    def time_range(self, start: dt.time, end: dt.time) -> str:
        """`9:30–11:00` in this language's notation and digits, never split over two
        lines; each formatted once."""
        key = (start, end)
        if key not in self._times:
            interval = str(format_interval(start, end, "Hm", locale=self.locale))
            self._times[key] = kept_together(local_digits(interval, self.digits))
        return self._times[key]

    def time_range_html(self, start: dt.time, end: dt.time) -> Markup:
        """`time_range` as HTML kept on one line (`numerals.unbroken`)."""
        return unbroken(self.time_range(start, end), self.direction)


@cache
def language_own_name(code: str) -> str:
    """A language's name in its own script, first letter capitalised."""
    name = Locale.parse(code).get_display_name(code) or code
    return str(name[:1].upper() + name[1:])


def load_catalogues(translations_dir: Path, languages: Sequence[str]) -> dict[str, Catalogue]:
    """The catalogues of `languages`; a missing key falls back to the German text.

    A project's own catalogues are laid over fzgen's (see `catalogue_folders`):
    a text they lack, say one a newer fzgen brought, comes from fzgen's
    catalogue of the same language first, then from German. A catalogue that
    is broken, or whose texts use placeholders other than the plain names of
    fzgen's German text, stops the run with file and line (ContentError). The
    project's catalogues of languages no site uses are checked as well: a broken
    one stops every run, not only those that happen to read it.
    """
    folders = catalogue_folders(translations_dir)
    project = translations_dir.parent
    own = set()
    if len(folders) > 1:
        own = {p.stem for p in translations_dir.glob("*.yaml") if not p.name.startswith((".", "_"))}
    loaded: dict[str, dict[str, Entry]] = {}
    origins: dict[str, dict[str, tuple[str, int]]] = {}
    files: list[CatalogueFile] = []
    problems: list[Diagnostic] = []
    template: Mapping[str, Entry] = {}
    for language in sorted({"de", *languages, *own}):
        loaded[language], origins[language] = {}, {}
        for folder in folders:
            path = folder / f"{language}.yaml"
            if not path.is_file():
                continue
            shown = (
                path.relative_to(project).as_posix() if path.is_relative_to(project) else str(path)
            )
            catalogue, found = load_catalogue(path, shown)
            problems += found
            files.append(catalogue)
            loaded[language].update(catalogue.entries)
            origins[language].update(
                {key: (shown, catalogue.lines.get(key, 0)) for key in catalogue.entries}
            )
            if language == "de" and folder == BUILTIN_TRANSLATIONS:
                template = catalogue.entries
    problems += check_placeholders(files, template)
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors:
        raise ContentError(errors)
    return {
        language: Catalogue(
            language,
            loaded[language],
            loaded["de"],
            translations_dir,
            {**origins["de"], **origins[language]},
        )
        for language in languages
    }


def _joined(pieces: list[str]) -> str:
    """Text and filled-in values joined; a sentence's full stop right after a value that
    already ends with one (a Ukrainian or Russian date: `3 грудня 2026 р.`) is left out,
    so no page says `р..`."""
    for index in range(2, len(pieces), 2):
        piece = pieces[index]
        if piece.startswith(".") and not piece.startswith("..") and pieces[index - 1].endswith("."):
            pieces[index] = piece[1:]
    return "".join(pieces)
