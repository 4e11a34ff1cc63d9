"""What a form page shows: fields, values, errors at their inputs, words for the choices."""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from babel import Locale
from markupsafe import Markup

from fzgen.content.easy import EASY, EASY_NAME
from fzgen.content.fields import parse_date, parse_time_range
from fzgen.editor.checking import Finding
from fzgen.editor.fields import VOCABULARY_LABELS, Field
from fzgen.editor.values import Flat, entry_count
from fzgen.pages.markup import render_markdown
from fzgen.theme.catalogue import Catalogue

#: Languages written from right to left.
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur", "ps", "ku"})


#: German letters written out in a file name (by code point: ä ö ü ß).
_UMLAUTS = {0xE4: "ae", 0xF6: "oe", 0xFC: "ue", 0xDF: "ss"}


def language_names(codes: Sequence[str], language: str) -> dict[str, str]:
    """Each site language's name in the editor's language (`ar` → `Arabisch`)."""
    names = {**Locale(language).languages, EASY: EASY_NAME}
    return {code: str(names.get(code, code)) for code in codes}


def direction(code: str) -> str:
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"


def input_id(name: str) -> str:
    """The HTML id of the input `name` (`schedule.0.time` → `f-schedule-0-time`)."""
    return "f-" + name.replace(".", "-").replace("_", "-")


def choice_labels(
    fields: Sequence[Field], catalogue: Catalogue | None
) -> dict[str, dict[str, str]]:
    """The words of the closed vocabularies (`meeting` → `Treffpunkt und Elterncafé`),
    from the site theme's catalogue where it has them."""
    labels: dict[str, dict[str, str]] = {}
    for item in fields:
        section = VOCABULARY_LABELS.get(item.name)
        if item.choices:
            labels[item.name] = {}
            for value in item.choices:
                labels[item.name][value] = value
                if section and catalogue is not None:
                    with contextlib.suppress(KeyError, LookupError, ValueError):
                        labels[item.name][value] = catalogue(f"{section}.{value}")
        for name, words in choice_labels(item.children, catalogue).items():
            labels.setdefault(name, words)
    return labels


def slug_from(title: str) -> str:
    """A file name from a German title: `Eltern-Café Süd` → `eltern-cafe-sued`."""
    text = title.strip().lower().translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text)
    kept = "".join(
        c if c.isascii() and c.isalnum() else "-" for c in text if not unicodedata.combining(c)
    )
    return "-".join(part for part in kept.split("-") if part)[:60]


@dataclass
class FormView:
    """Everything a form template needs, prepared."""

    fields: tuple[Field, ...]
    values: Flat
    languages: list[str]
    names: dict[str, str]
    partners: list[tuple[str, str]] = field(default_factory=list)
    at: dict[str, list[Finding]] = field(default_factory=dict)
    general: list[Finding] = field(default_factory=list)
    sentences: list[str | None] = field(default_factory=list)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Inputs whose translation was made from an older source text.
    outdated: set[str] = field(default_factory=set)

    def preview(self, name: str) -> Markup:
        """A Markdown input's text as the site shows it (the site's own sanitised HTML)."""
        text = self.value(name)
        return Markup(render_markdown(text)) if text.strip() else Markup("")

    def markdown_inputs(self) -> list[str]:
        """The inputs whose text is Markdown."""
        return list(_names(self.fields, self, "", {"markdown"}))

    def value(self, name: str) -> str:
        return self.values.get(name, "")

    def iso_date(self, name: str) -> str:
        """A date input's value as the date picker takes it (`2027-01-12`), or nothing
        when the text is no date (then it is shown as typed, with its error)."""
        try:
            return parse_date(self.value(name)).isoformat()
        except (ValueError, TypeError, AttributeError):
            return ""

    def time_bounds(self, name: str) -> tuple[str, str]:
        """Start and end of a time range for the time pickers (`09:30`, `11:00`)."""
        try:
            found = parse_time_range(self.value(name))
        except (ValueError, TypeError, AttributeError):
            return "", ""
        return found.start.strftime("%H:%M"), found.end.strftime("%H:%M")

    def chosen(self, name: str) -> set[str]:
        return {word.strip() for word in self.value(name).split(",") if word.strip()}

    def with_typed(self, choices: Sequence[str], chosen: set[str]) -> list[str]:
        """The words of a closed list, and after them those typed that it lacks."""
        return [*choices, *sorted(chosen - set(choices))]

    def entries(self, name: str) -> range:
        return range(entry_count(self.values, name))

    def errors(self, name: str) -> list[Finding]:
        return self.at.get(name, [])

    def direction(self, code: str) -> str:
        return direction(code)

    def input_id(self, name: str) -> str:
        return input_id(name)

    def sentence(self, index: int) -> str | None:
        return self.sentences[index] if index < len(self.sentences) else None

    def input_names(self) -> list[str]:
        """Every input the form shows, by name (where errors can stand)."""
        return list(_names(self.fields, self, ""))


def _names(
    fields: Sequence[Field], view: FormView, prefix: str, kinds: set[str] | None = None
) -> Any:
    """The input names of `fields` (only those of `kinds`, when given)."""
    for item in fields:
        name = prefix + item.name
        if item.kind in {"text", "markdown"}:
            if kinds is None or item.kind in kinds:
                yield from (f"{name}.{code}" for code in view.languages)
        elif item.kind == "group":
            yield from _names(item.children, view, name + ".", kinds)
        elif item.kind == "entries":
            for index in view.entries(name):
                yield from _names(item.children, view, f"{name}.{index}.", kinds)
        elif item.kind == "location":
            if kinds is None:
                yield name
            yield from _names(item.children, view, name + ".", kinds)
        elif kinds is None:
            yield name
