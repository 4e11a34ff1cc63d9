"""YAML data as flat form values (`title.de`, `schedule.0.time`) and back.

A form shows every value as the coordinator typed it (fzgen's reader keeps
every scalar a string). Saving turns both the values the form was filled with
and the values sent back into nested data the same way: a field whose values
did not change comes out equal, so its YAML node is left exactly as it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fzgen.content.fields import parse_date, parse_time_range
from fzgen.editor.fields import Field

#: The value of the location choice that means "the address below, no partner".
OWN_ADDRESS = "@adresse"
#: What a yes/no field shows for the words fzgen reads as yes or no.
_YES = frozenset({"ja", "yes", "true", "j", "y", "on"})
_NO = frozenset({"nein", "no", "false", "n", "off"})

Flat = dict[str, str]


def shown_yes_no(value: object) -> str:
    """`ja`, `nein`, or the text as typed when it is neither (the check then says why)."""
    if value is None:
        return ""
    text = str(value).strip()
    if text.lower() in _YES:
        return "ja"
    if text.lower() in _NO:
        return "nein"
    return text


def _scalar(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_scalar(item) for item in value)
    if isinstance(value, dict):
        return ""
    return str(value)


def as_entries(value: object) -> list[Any]:
    """A list of entries; a single mapping where a list may stand is one entry."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return [value]
    return []


def flatten(
    fields: Sequence[Field], data: object, languages: Sequence[str], prefix: str = ""
) -> Flat:
    """The form values of `data` (a mapping as fzgen's reader gives it), by input name."""
    found: Flat = {}
    mapping = data if isinstance(data, dict) else {}
    for field in fields:
        name, value = prefix + field.name, mapping.get(field.name)
        if field.kind in {"text", "markdown"}:
            texts = value if isinstance(value, dict) else {languages[0]: value}
            for language in languages:
                found[f"{name}.{language}"] = _scalar(texts.get(language))
        elif field.kind == "yesno":
            found[name] = shown_yes_no(value)
        elif field.kind == "group":
            found.update(flatten(field.children, value, languages, name + "."))
        elif field.kind == "location":
            found[name] = OWN_ADDRESS if isinstance(value, dict) else _scalar(value)
            found.update(flatten(field.children, value, languages, name + "."))
        elif field.kind == "entries":
            for index, entry in enumerate(as_entries(value)):
                found.update(flatten(field.children, entry, languages, f"{name}.{index}."))
        else:
            found[name] = _scalar(value)
    return found


def entry_count(values: Mapping[str, str], name: str) -> int:
    """How many entries of the list `name` the values hold."""
    start = name + "."
    indexes = {
        int(key[len(start) :].split(".", 1)[0])
        for key in values
        if key.startswith(start) and key[len(start) :].split(".", 1)[0].isdigit()
    }
    return max(indexes) + 1 if indexes else 0


def _words(text: str) -> list[str]:
    return [word.strip() for word in text.split(",") if word.strip()]


def _text(values: Flat, name: str, languages: Sequence[str], original: object) -> Any:
    texts = {lang: values.get(f"{name}.{lang}", "") for lang in languages}
    filled = {lang: text for lang, text in texts.items() if text.strip()}
    if not filled:
        return None
    if list(filled) == [languages[0]] and not isinstance(original, dict):
        return filled[languages[0]]
    return filled


def same_value(parse: Any, one: str, other: object) -> bool:
    """Whether two texts stand for the same date or time range (both readable)."""
    try:
        return bool(parse(one) == parse(other))
    except (ValueError, TypeError, AttributeError):
        return False


def _time_range(values: Flat, name: str, original: object) -> Any:
    """A time range as typed; picked with the start and end pickers when the typed
    text was left as it was (a browser without the script); the file's own writing
    (`9:30-11`) while the range is the same."""
    typed, before = values.get(name, ""), _scalar(original)
    start, end = values.get(f"{name}.start", ""), values.get(f"{name}.end", "")
    if typed.strip() != before.strip() or not (start and end):
        return typed if typed.strip() else None
    picked = f"{start}-{end}"
    return before if same_value(parse_time_range, picked, before) else picked


def _single(field: Field, text: str, original: object) -> Any:
    """One input's value as it goes into the file: lists for list fields, else the text."""
    if not text.strip():
        return None
    if field.kind == "date" and isinstance(original, str):
        # The date picker sends 2027-01-12 for the 12.01.2027 a coordinator typed.
        return original if same_value(parse_date, text, original) else text
    if field.kind in {"words", "choices"}:
        words = _words(text)
        if field.kind == "choices" and isinstance(original, list):
            # Boxes come back in the list's order: the file's own order stays.
            kept = [str(word) for word in original if str(word) in words]
            words = kept + [word for word in words if word not in kept]
        # `weekly: tuesday` stays a single word while it is one.
        return words[0] if len(words) == 1 and isinstance(original, str) else words
    return text


def nest(
    fields: Sequence[Field],
    values: Flat,
    languages: Sequence[str],
    original: object,
    prefix: str = "",
) -> dict[str, Any]:
    """The data the form values stand for; `original` (the file's data) decides only
    shapes that both may have: a text in one language written plain or as a mapping."""
    result: dict[str, Any] = {}
    mapping = original if isinstance(original, dict) else {}
    for field in fields:
        name, before = prefix + field.name, mapping.get(field.name)
        if field.kind in {"text", "markdown"}:
            value = _text(values, name, languages, before)
        elif field.kind == "group":
            value = nest(field.children, values, languages, before, name + ".") or None
        elif field.kind == "location":
            choice = values.get(name, "")
            if choice == OWN_ADDRESS:
                value = nest(field.children, values, languages, before, name + ".") or None
            else:
                value = choice or None
        elif field.kind == "time":
            value = _time_range(values, name, before)
        elif field.kind == "entries":
            entries = as_entries(before)
            value = [
                nest(
                    field.children,
                    values,
                    languages,
                    entries[index] if index < len(entries) else None,
                    f"{name}.{index}.",
                )
                for index in range(entry_count(values, name))
            ]
            value = [entry for entry in value if entry] or None
        else:
            value = _single(field, values.get(name, ""), before)
        if value is not None:
            result[field.name] = value
    return result


def form_values(fields: Sequence[Field], arguments: Mapping[str, Sequence[str]]) -> Flat:
    """The values a browser sent, as flat strings: checked boxes joined with commas,
    entries marked for removal dropped and the others counted again from 0."""
    values: Flat = {}
    for name, given in arguments.items():
        # Browsers send the line ends of a text area as CRLF; the file's own stay.
        sent = [value.replace("\r\n", "\n") for value in given]
        values[name] = (
            ", ".join(v for v in sent if v) if len(sent) > 1 else (sent[0] if sent else "")
        )
    return renumber(fields, values)


def renumber(fields: Sequence[Field], values: Flat, prefix: str = "") -> Flat:
    """Entries without those marked `<list>.<n>.remove`, numbered 0, 1, 2 … again."""
    result = dict(values)
    for field in fields:
        name = prefix + field.name
        if field.kind == "group" or field.kind == "location":
            result = renumber(field.children, result, name + ".")
        if field.kind != "entries":
            continue
        count = entry_count(result, name)
        kept = [i for i in range(count) if result.get(f"{name}.{i}.remove") != "ja"]
        moved = {k: v for k, v in result.items() if not k.startswith(name + ".")}
        for new, old in enumerate(kept):
            start = f"{name}.{old}."
            for key, value in result.items():
                if key.startswith(start) and not key.endswith(".remove"):
                    moved[f"{name}.{new}.{key[len(start) :]}"] = value
        result = moved
    return result


def add_entry(values: Flat, name: str) -> Flat:
    """The values with one more, empty entry in the list `name`."""
    return {**values, f"{name}.{entry_count(values, name)}.": ""}
