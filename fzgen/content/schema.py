"""JSON Schemas of the content files, generated from the models, with help for editors.

VS Code's YAML extension reads `# yaml-language-server: $schema=…` at the top of a
file and then completes and checks fields while the coordinator types.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from fzgen.content.accessibility import Accessibility
from fzgen.content.model import Offer, PageMeta, ScheduleEntry, Site
from fzgen.content.news import NewsMeta
from fzgen.messages import FieldHelp, wording

SCHEMA_FILES: dict[str, type[BaseModel]] = {
    "site.schema.json": Site,
    "offer.schema.json": Offer,
    "page.schema.json": PageMeta,
    "news.schema.json": NewsMeta,
}

#: YAML editors read `23843` and `045310000` as numbers: fine for these fields.
_NUMBER_OK = {"postal_code", "phone"}
#: Fields where one value may stand for a list of one (`weekly: tuesday`).
_ONE_OR_MANY: dict[str, set[str]] = {
    Offer.__name__: {"categories", "audience", "languages", "schedule", "cancelled", "changed"},
    Site.__name__: {"closures"},
    ScheduleEntry.__name__: {"weekly", "except"},
    Accessibility.__name__: {"known_limits"},
}


#: Fields whose mapping is written out in the field itself rather than as a model of
#: `$defs`: the catalogue section that documents the mapping's keys.
_INLINE = {"ls_checked": "EasyCheck"}


def _one_or_many(field: dict[str, Any]) -> None:
    options = field.pop("anyOf", None) or [
        {k: field.pop(k) for k in ("type", "items", "minItems") if k in field}
    ]
    arrays = [option for option in options if option.get("type") == "array"]
    singles = [array["items"] for array in arrays if "items" in array]
    field["anyOf"] = singles + options


def _document(properties: dict[str, Any], model: str, helps: Mapping[str, Any]) -> None:
    """Title, help and examples (from the message catalogue `helps`) on each field of `model`."""
    fields: dict[str, FieldHelp] = dict(helps.get(model, {}))
    for name, entry in fields.items():
        if name not in properties:
            continue
        field = properties[name]
        field["title"] = entry.title
        field["description"] = entry.description
        if entry.examples:
            field["examples"] = list(entry.examples)
        if name in _ONE_OR_MANY.get(model, set()):
            _one_or_many(field)
        if name in _INLINE:
            for option in field.get("anyOf", []):
                if option.get("type") == "object" and "properties" in option:
                    _document(option["properties"], _INLINE[name], helps)
        if name in _NUMBER_OK:
            field.pop("type", None)
            field.pop("anyOf", None)
            field["anyOf"] = [{"type": "string"}, {"type": "integer"}, {"type": "null"}]


def json_schema(model: type[BaseModel], language: str = "de") -> dict[str, Any]:
    """The JSON Schema of one content file, with titles, help and examples in `language`."""
    schema = model.model_json_schema(by_alias=True)
    definitions = schema.get("$defs", {})
    helps = wording(language).schema
    for name, definition in definitions.items():
        if name in helps:
            _document(definition.get("properties", {}), name, helps)
            definition["description"] = definition.get("description", "")
    _document(schema.get("properties", {}), model.__name__, helps)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def schema_files(language: str = "de") -> dict[str, bytes]:
    """Every schema file by name, as deterministic JSON, its help in `language`."""
    return {
        name: (
            json.dumps(json_schema(model, language), ensure_ascii=False, indent=2, sort_keys=True)
            + "\n"
        ).encode()
        for name, model in SCHEMA_FILES.items()
    }
