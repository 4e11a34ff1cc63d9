"""The form of a content file, generated from its JSON Schema (the models' own description).

Each property becomes one `Field` whose kind says which inputs stand for it;
titles and help come from the message catalogue's `schema` section, so the form
and an editor's completion say the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from fzgen.content.model import Offer, PageMeta, Site
from fzgen.content.schema import json_schema

#: Texts written as Markdown: a text area instead of one line.
MARKDOWN_FIELDS = frozenset({"description", "intro", "office_hours", "note"})
#: Time ranges (`09:30-11:00`): typed, and picked as start and end.
TIME_RANGE_FIELDS = frozenset({"time"})
#: Which theme catalogue section names the words of a closed vocabulary field.
VOCABULARY_LABELS = {"categories": "category", "audience": "audience", "kind": "partner_kind"}
#: The models a form is made for, by the kind of file.
FORM_MODELS: dict[str, type[Any]] = {"offer": Offer, "site": Site, "page": PageMeta}


@dataclass(frozen=True)
class Field:
    """One field of a form: its key in the YAML file, its label and how it is typed.

    `kind` is one of: text (one input per site language), markdown (the same as
    text areas), line, number, yesno, choice, choices (checkboxes), words (a list
    typed with commas), location (a partner or an address), group (a nested
    mapping), entries (a list of mappings, entry by entry).
    """

    name: str
    label: str
    help: str
    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()
    children: tuple[Field, ...] = ()


def _options(prop: dict[str, Any]) -> list[dict[str, Any]]:
    """The alternatives of a property: its anyOf/oneOf, flattened one level."""
    found: list[dict[str, Any]] = []
    for option in prop.get("anyOf", []) + prop.get("oneOf", []):
        found += _options(option) if ("anyOf" in option or "oneOf" in option) else [option]
    return found or [prop]


def _reference(option: dict[str, Any]) -> str | None:
    ref = option.get("$ref") or option.get("items", {}).get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _kind(
    name: str, prop: dict[str, Any]
) -> tuple[str, tuple[str, ...], str | dict[str, Any] | None]:
    """The kind of a property, its closed words if any, and the model it nests (by its
    name in `$defs`, or its schema where the field writes it out: `ls_checked`)."""
    options = _options(prop)
    for option in options:
        if option.get("type") == "object" and option.get("additionalProperties") is False:
            return "group", (), option
    if any(o.get("type") == "object" and "additionalProperties" in o for o in options):
        return ("markdown" if name in MARKDOWN_FIELDS else "text"), (), None
    if any(True in o.get("enum", []) for o in options):
        return "yesno", (), None
    if name == "location":
        return "location", (), "Address"
    arrays = [o for o in options if o.get("type") == "array"]
    for array in arrays:
        items = array.get("items", {})
        if "enum" in items:
            return "choices", tuple(str(w) for w in items["enum"]), None
        if _reference(array):
            return "entries", (), _reference(array)
    if arrays:
        return "words", (), None
    if any(o.get("format") == "date" for o in options):
        return "date", (), None
    if name in TIME_RANGE_FIELDS:
        return "time", (), None
    for option in options:
        if "enum" in option:
            return "choice", tuple(str(w) for w in option["enum"]), None
        if _reference(option):
            return "group", (), _reference(option)
    if any(o.get("type") == "integer" for o in options) and not any(
        o.get("type") == "string" for o in options
    ):
        return "number", (), None
    return "line", (), None


def _fields(schema: dict[str, Any], definitions: dict[str, Any]) -> tuple[Field, ...]:
    required = set(schema.get("required", []))
    fields = []
    for name, prop in schema.get("properties", {}).items():
        kind, choices, nested = _kind(name, prop)
        children: tuple[Field, ...] = ()
        if isinstance(nested, dict):
            children = _fields(nested, definitions)
        elif nested is not None and nested in definitions:
            children = _fields(definitions[nested], definitions)
        fields.append(
            Field(
                name=name,
                label=str(prop.get("title", name)),
                help=str(prop.get("description", "")),
                kind=kind,
                required=name in required,
                choices=choices,
                children=children,
            )
        )
    return tuple(fields)


@cache
def form_fields(kind: str, language: str = "de") -> tuple[Field, ...]:
    """The fields of the form for a kind of file (`offer`, `site`, `page`), in the
    order the model names them."""
    schema = json_schema(FORM_MODELS[kind], language)
    return _fields(schema, schema.get("$defs", {}))
