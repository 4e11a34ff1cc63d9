"""A number said with its noun in the plural form the language's rules choose: `1 Datei`,
`2 Dateien`, `1 file`. CLDR's rules through babel, as the sites' UI catalogues do."""

from __future__ import annotations

from collections.abc import Mapping

from babel import Locale

from fzgen.messages.catalogue import wording


def counted(noun: str, count: int | float, language: str, number: str | None = None) -> str:
    """`count` with `noun` (a key of the `plurals` wording) in the form CLDR chooses;
    `number` is the count as it is to be shown, if not as Python writes it (`99.880`)."""
    forms = wording(language).plurals[noun]
    form = Locale.parse(language).plural_form(count)
    return forms.get(form, forms["other"]).format(count=count if number is None else number)


def counted_numbers(
    key: str, numbers: Mapping[str, int | float], language: str
) -> dict[str, int | float | str]:
    """The numbers of sentence `key`, each with its noun where the wording has one: the
    noun `key.name` for this sentence alone, else the noun called like the placeholder
    (`{files}` → `3 Dateien`); a number without a noun (a line, a port) stays a number."""
    plurals = wording(language).plurals
    result: dict[str, int | float | str] = {}
    for name, count in numbers.items():
        noun = next((n for n in (f"{key}.{name}", name) if n in plurals), None)
        result[name] = counted(noun, count, language) if noun else count
    return result
