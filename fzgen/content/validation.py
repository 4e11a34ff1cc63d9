"""Validate a parsed YAML document against a model; errors become diagnostics with positions."""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from fzgen.content.notes import notes_on
from fzgen.content.words import field_of_word, schedule_field_outside
from fzgen.content.yamlfile import Document
from fzgen.errors import Diagnostic
from fzgen.messages import is_diagnostic_code, kind_of

ModelT = TypeVar("ModelT", bound=BaseModel)

#: pydantic's own error types, mapped to our message codes.
_BUILTIN_CODES = {
    "string_type": "expected_text",
    "list_type": "expected_list",
    "model_type": "expected_mapping",
    "model_attributes_type": "expected_mapping",
    "dict_type": "expected_mapping",
    "int_parsing": "expected_number",
    "int_type": "expected_number",
    "int_from_float": "expected_number",
    "too_short": "too_short",
    "string_too_short": "text_empty",
}


def validate(
    model: type[ModelT],
    document: Document,
    rel_path: str,
    context: Mapping[str, Any],
) -> tuple[ModelT | None, list[Diagnostic]]:
    """Validate `document` as `model`; the value and its notes, or every error found."""
    try:
        value = model.model_validate(document.data, context=dict(context))
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        return None, [_diagnostic(model, document, rel_path, error) for error in errors]
    return value, notes_on(value, document, rel_path)


def _diagnostic(
    model: type[BaseModel], document: Document, rel_path: str, error: ErrorDetails
) -> Diagnostic:
    # Discriminated unions add their tag ("⟨address⟩") to the location: not a field.
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("⟨")))
    if loc and isinstance(loc[-1], int) and loc not in document.values:
        loc = loc[:-1]  # a single value where a list may stand: no "1st entry" to point at
    kind = error["type"]
    value = error.get("input")
    params = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
    if "at" in params:  # a finding of a whole entry about one of its fields
        loc = (*loc, *(int(p) if p.isdigit() else p for p in params.pop("at").split("/")))
    position = document.position(loc)
    found = value if isinstance(value, str) else None
    if kind == "missing":
        code = "missing"
        params["name"] = str(loc[-1]) if loc else ""
        found = None
    elif kind == "extra_forbidden":
        code = "unknown_field"
        name = str(loc[-1])
        allowed = _allowed_fields(model, loc[:-1])
        # A German word for a field (`kinderbetreuung`) names it better than spelling does.
        close = _similar(name.lower(), allowed)
        suggestion = field_of_word(name, allowed) or (close[0] if close else "")
        params.update(name=name, allowed=", ".join(allowed), suggestion=suggestion)
        if outside := schedule_field_outside(name, allowed, value):
            code, params = outside[0], {**params, **outside[1]}
        position = document.keys.get(loc, position)
        found = None
    elif kind == "image_alt_missing":
        code = kind
        position = document.keys.get((*loc[:-1], "image"), position)
    elif is_diagnostic_code(kind):
        code = kind
        if "key" in params:  # a finding about one key of a mapping points at that key
            position = document.keys.get((*loc, params["key"]), position)
    elif kind in _BUILTIN_CODES:
        code = _BUILTIN_CODES[kind]
    else:
        code = "invalid"
        params["detail"] = error["msg"]
    if code in _SHAPES and _in_schedule(loc):
        code = "schedule_shape"  # its fix shows a schedule, not a general field
    note = document.notes.get(loc)
    if note is not None and code not in _NOT_ABOUT_THE_VALUE:
        # The value is wrong because YAML cut it or kept Word's quotes: that is the fix.
        return dataclasses.replace(
            note, code=_TYPED_AS_ERROR.get(note.code, note.code), severity="error"
        )
    params.setdefault("found_kind", kind_of(value))
    line, column = position if position else (None, None)
    return Diagnostic(rel_path, code, line, column, loc, found, params)


#: Findings about the shape of a value, worded for a schedule where one is meant.
_SHAPES = frozenset({"expected_mapping", "expected_list", "expected_text"})
#: Findings a note on the typed value does not explain.
_NOT_ABOUT_THE_VALUE = _SHAPES | {"missing", "unknown_field", "schedule_shape"}
#: A note on a typed value, said as the reason the value is wrong.
_TYPED_AS_ERROR = {"yaml_typographic_quotes": "yaml_typographic_quotes_invalid"}


def _in_schedule(loc: tuple[str | int, ...]) -> bool:
    """Whether `loc` is the schedule itself or one of its entries (not a field inside)."""
    if loc and isinstance(loc[-1], int):
        loc = loc[:-1]
    return bool(loc) and loc[-1] == "schedule"


def _allowed_fields(model: type[BaseModel], parent: tuple[str | int, ...]) -> list[str]:
    """The field names a coordinator may write at `parent` inside `model`."""
    current: type[BaseModel] | None = model
    for part in parent:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        field = next(
            (f for name, f in current.model_fields.items() if (f.alias or name) == part), None
        )
        current = _first_model(field.annotation) if field else None
    if current is None:
        return []
    return [f.alias or name for name, f in current.model_fields.items() if not f.exclude]


def _first_model(annotation: Any) -> type[BaseModel] | None:
    """The first pydantic model inside a type annotation (list[X], X | None, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _first_model(typing.get_args(annotation)[0])
    if origin is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _first_model(arg)
            if found is not None:
                return found
    return None


#: Words longer than this are not typing slips of a field name (and difflib's
#: comparison grows with the square of the length).
SIMILAR_UP_TO = 40


def _similar(name: str, allowed: list[str]) -> list[str]:
    """The allowed name closest to `name`, if one is close."""
    if len(name) > SIMILAR_UP_TO:
        return []
    return difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
