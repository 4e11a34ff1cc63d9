"""UI catalogues (`translations/<lang>.yaml`) and translation coverage of content."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date, format_interval
from babel.lists import format_list
from markupsafe import Markup, escape
from pydantic import BaseModel

from fzgen.errors import Diagnostic, UsageError
from fzgen.fields import Text
from fzgen.project import BUILTIN_TRANSLATIONS
from fzgen.yamlfile import parse_yaml


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


def load_catalogue(path: Path) -> tuple[dict[str, Entry], list[Diagnostic]]:
    """A catalogue as flat dotted keys (`category.meeting`) → text or plural forms."""
    document, problems = parse_yaml(path.read_text(encoding="utf-8"), path.name)
    if document is None:
        return {}, problems
    flat: dict[str, Entry] = {}
    _flatten(document.data, "", flat)
    return flat, problems


def _flatten(value: Any, prefix: str, into: dict[str, Entry]) -> None:
    if isinstance(value, dict) and value and set(value) <= PLURAL_CATEGORIES:
        into[prefix.rstrip(".")] = {k: str(v) for k, v in value.items()}
    elif isinstance(value, dict):
        for key, child in value.items():
            _flatten(child, f"{prefix}{key}.", into)
    elif value is not None:
        into[prefix.rstrip(".")] = str(value)


class Catalogue:
    """The UI texts of one language with CLDR formatting (Babel) for that language."""

    def __init__(
        self,
        language: str,
        entries: Mapping[str, Entry],
        fallback: Mapping[str, Entry],
        folder: Path,
    ):
        self.language = language
        #: The project's `translations/`, named in the message about a missing text.
        self.folder = folder
        self.locale = Locale.parse(language)
        self._entries = {**fallback, **entries}
        # Babel's CLDR formatting is slow and the same dates recur on many pages.
        self._dates: dict[tuple[dt.date, str], str] = {}
        self._times: dict[tuple[dt.time, dt.time], str] = {}
        self._markup: dict[str, Markup] = {}
        self._names: dict[str, str] = {}
        self._lists: dict[tuple[str, ...], str] = {}

    def __call__(self, key: str, **params: object) -> str:
        """The text under `key`, with `{placeholders}` filled in."""
        entry = self._entry(key)
        text = entry if isinstance(entry, str) else entry["other"]
        return text.format(**params) if params else text

    def markup(self, key: str, **params: object) -> Markup:
        """The text under `key` as HTML: the text and plain parameters escaped, Markup kept."""
        if not params and key in self._markup:
            return self._markup[key]
        entry = self._entry(key)
        text = entry if isinstance(entry, str) else entry["other"]
        if params:
            return escape(text).format(**params)
        self._markup[key] = escape(text)
        return self._markup[key]

    def plural(self, key: str, count: int) -> str:
        """The plural form of `key` that CLDR chooses for `count` in this language."""
        entry = self._entry(key)
        forms = {"other": entry} if isinstance(entry, str) else entry
        form = forms.get(self.locale.plural_form(count), forms["other"])
        return form.format(count=count)

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
        """A date in this language (`full` includes the weekday); each formatted once."""
        key = (day, style)
        if key not in self._dates:
            self._dates[key] = str(format_date(day, style, locale=self.locale))
        return self._dates[key]

    def time_range(self, start: dt.time, end: dt.time) -> str:
        """`9:30–11:00` in this language's notation; each formatted once."""
        key = (start, end)
        if key not in self._times:
            self._times[key] = str(format_interval(start, end, "Hm", locale=self.locale))
        return self._times[key]


@cache
def language_own_name(code: str) -> str:
    """A language's name in its own script, first letter capitalised."""
    name = Locale.parse(code).get_display_name(code) or code
    return str(name[:1].upper() + name[1:])


def load_catalogues(translations_dir: Path, languages: Sequence[str]) -> dict[str, Catalogue]:
    """The catalogues of `languages`; a missing key falls back to the German text.

    A project's own catalogues are laid over fzgen's (see `catalogue_folders`):
    a text they lack, say one a newer fzgen brought, comes from fzgen's
    catalogue of the same language first, then from German.
    """
    folders = catalogue_folders(translations_dir)
    loaded: dict[str, dict[str, Entry]] = {}
    for language in {"de", *languages}:
        loaded[language] = {}
        for folder in folders:
            path = folder / f"{language}.yaml"
            if path.is_file():
                loaded[language].update(load_catalogue(path)[0])
    return {
        language: Catalogue(language, loaded[language], loaded["de"], translations_dir)
        for language in languages
    }


def iter_texts(
    value: Any, field: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Text]]:
    """Every translatable Text inside a model, with its field path."""
    if isinstance(value, Text):
        yield field, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from iter_texts(getattr(value, name), (*field, info.alias or name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from iter_texts(item, (*field, index))
