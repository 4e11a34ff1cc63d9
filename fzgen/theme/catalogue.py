"""UI catalogues (`translations/<lang>.yaml`) and translation coverage of content."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import cache, cached_property
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_interval
from babel.lists import format_list
from markupsafe import Markup, escape

from fzgen.content.easy import EASY, EASY_NAME, html_lang, locale_code
from fzgen.errors import ContentError, Diagnostic, UsageError
from fzgen.project import BUILTIN_TRANSLATIONS
from fzgen.theme.catalogue_files import (
    CatalogueFile,
    Entry,
    Pieces,
    PlaceholderError,
    check_placeholders,
    cut_placeholders,
    load_catalogue,
)
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
        self.locale = Locale.parse(locale_code(language))
        #: The pages' `lang`: Leichte Sprache is German to browsers and screen readers.
        self.html_lang = html_lang(language)
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
                text = entry if isinstance(entry, str) else entry["other"]
                self._markup[key] = Markup(self._lines(str(escape(text))))
            return self._markup[key]
        escaped = {name: escape(self._number(value)) for name, value in params.items()}
        pieces = self._cut(key, "other")
        return Markup(
            _joined(
                [
                    self._lines(str(escape(piece)))
                    if index % 2 == 0
                    else self._value(key, escaped, piece)
                    for index, piece in enumerate(pieces)
                ]
            )
        )

    def _lines(self, html: str) -> str:
        """Leichte Sprache writes one sentence per line: a line break of its catalogue's
        text is one on the page too (other languages' texts flow as usual)."""
        return html.replace("\n", "<br>\n") if self.language == EASY and "\n" in html else html

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
            # CLDR knows no Leichte Sprache: it is named in German, as it is written.
            easy = code == EASY and language_own_name(EASY)
            name = easy or self.locale.languages.get(code) or code
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
    if code == EASY:
        return EASY_NAME
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
