"""Notes on content that is valid but would not go online as meant: an example value of
`fzgen new`'s template still in place, a title or a summary too long to read in a list."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from fzgen.content.fields import Text
from fzgen.content.model import Address, Offer, Site
from fzgen.content.yamlfile import Document
from fzgen.errors import Diagnostic

#: Characters a title or a summary may have before it is noted: about what a card
#: in a list or a line of a phone's menu shows (a summary is one sentence).
LENGTH_LIMITS = {"title": 80, "summary": 200}

#: The example values of `fzgen new`'s template, where only the coordinator knows
#: the right ones; none is anybody's real data.
EXAMPLES_FILE = Path(__file__).resolve().parent.parent / "templates" / "examples.yaml"


@dataclass(frozen=True)
class Examples:
    """Example names, e-mail addresses and the example address of the template."""

    names: frozenset[str]
    emails: frozenset[str]
    address: Mapping[str, str]


@functools.cache
def examples() -> Examples:
    """The template's example values, read once."""
    data = yaml.safe_load(EXAMPLES_FILE.read_text(encoding="utf-8"))
    address = {str(key): str(value) for key, value in data["address"].items()}
    return Examples(frozenset(data["names"]), frozenset(data["emails"]), address)


Field = tuple[str | int, ...]


def notes_on(value: object, document: Document, rel_path: str) -> list[Diagnostic]:
    """What to note about a validated file: lengths of its title and summary, and the
    template's example values it still holds."""
    notes = [
        _note(document, rel_path, code, field, found, params)
        for code, field, found, params in _long_texts(value, document)
    ]
    if isinstance(value, Site | Offer):
        notes += [
            _note(document, rel_path, code, field, found, {})
            for code, field, found in _example_values(value)
        ]
    return notes


def _note(
    document: Document,
    rel_path: str,
    code: str,
    field: Field,
    found: str | None,
    params: dict[str, str],
) -> Diagnostic:
    line, column = document.position(field) or (None, None)
    return Diagnostic(rel_path, code, line, column, field, found, params, severity="warning")


def _long_texts(
    value: object, document: Document
) -> Iterator[tuple[str, Field, str | None, dict[str, str]]]:
    """Titles and summaries over their limit, per language as written."""
    data = document.data if isinstance(document.data, dict) else {}
    for name, limit in LENGTH_LIMITS.items():
        text = getattr(value, name, None)
        if isinstance(text, str) and name == "title":  # a page's front matter: one language
            written: list[tuple[Field, str]] = [((name,), text)]
            code = f"page_{name}_long"
        elif isinstance(text, Text):
            per_language = isinstance(data.get(name), dict)
            written = [
                ((name, language) if per_language else (name,), words)
                for language, words in text.values.items()
            ]
            code = f"{name}_long"
        else:
            continue
        for field, words in written:
            length = len(words.strip())
            if length > limit:
                yield code, field, None, {"length": str(length), "limit": str(limit)}


def _example_values(value: Site | Offer) -> Iterator[tuple[str, Field, str]]:
    """Where the template's example names, e-mail addresses and addresses still stand."""
    names: list[tuple[Field, Text | str | None]] = []
    emails: list[tuple[Field, str | None]] = []
    addresses: list[tuple[Field, Address | None]] = []
    if isinstance(value, Site):
        names += [
            (("organisation",), value.organisation),
            (("coordinator", "name"), value.coordinator.name),
        ]
        names += [(("legal", "publisher"), value.legal.publisher)]
        names += [(("legal", "represented_by"), value.legal.represented_by)]
        emails += [(("coordinator", "email"), value.coordinator.email)]
        emails += [(("legal", "email"), value.legal.email)]
        addresses += [(("coordinator", "address"), value.coordinator.address)]
        for index, partner in enumerate(value.partners):
            names.append((("partners", index, "name"), partner.name))
            addresses.append((("partners", index, "address"), partner.address))
        addresses += [(("legal", "address"), value.legal.address)]
    else:
        location = value.location if isinstance(value.location, Address) else None
        addresses.append((("location",), location))
        if value.contact is not None:
            names.append((("contact", "name"), value.contact.name))
            emails.append((("contact", "email"), value.contact.email))
    for field, name in names:
        written = name.original if isinstance(name, Text) else name
        if written is not None and written.strip() in examples().names:
            yield "example_value", field, written.strip()
    for field, email in emails:
        if email is not None and email.lower() in examples().emails:
            yield "example_value", field, email
    for field, address in addresses:
        example = [
            key
            for key, text in examples().address.items()
            if address and getattr(address, key) == text
        ]
        if address is not None and example:
            found = f"{address.street}, {address.postal_code} {address.city}"
            yield "example_address", (*field, example[0]), found
