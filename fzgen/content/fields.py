"""Field types of the content format: how a typed string becomes a value.

Every validator here receives the text exactly as the coordinator wrote it
(see `fzgen.content.yamlfile`) and either returns a typed value or raises a
`PydanticCustomError` whose type is a message code of `fzgen.messages`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import time
from enum import Enum
from functools import cache
from types import MappingProxyType
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainValidator, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

from fzgen.content.words import fold, language_codes, language_of_name, similar_language


def fail(code: str, **params: object) -> PydanticCustomError:
    """A validation error whose type is a message code; the text is worded later."""
    return PydanticCustomError(code, code, {k: str(v) for k, v in params.items()})


# --- Slugs and language codes ------------------------------------------------

SLUG_PATTERN = re.compile(r"[a-z0-9-]+")


def check_slug(value: str) -> str:
    """A slug as the format defines it: lowercase a-z, 0-9 and hyphens."""
    if not SLUG_PATTERN.fullmatch(value):
        raise fail("slug", value=value)
    return value


#: Leichte Sprache (see fzgen.content.easy): a site language with its own code.
EASY_CODE = "ls"


@cache
def known_language_codes() -> frozenset[str]:
    """ISO 639-1 codes that CLDR can name (two letters), and `ls` for Leichte Sprache."""
    return language_codes() | {EASY_CODE}


def _not_a_code(value: str) -> PydanticCustomError:
    """The error for a language that is not written as its code: the code it names, or
    the closest one."""
    named = language_of_name(value)
    if named is not None:
        return fail("language_name", value=value, suggestion=named)
    close = similar_language(value)
    if close is not None:
        return fail("language_code_similar", value=value, suggestion=close)
    return fail("language_code", value=value)


def check_language_code(value: str) -> str:
    """A two-letter ISO 639-1 language code, lowercase; a language's name is answered
    with its code (the code also names files and addresses, so it is written as such)."""
    code = value.strip().lower()
    if code not in known_language_codes():
        raise _not_a_code(value)
    return code


def check_spoken_language(value: str) -> str:
    """A language an offer is held in: its code, or its name in German or English
    (`Türkisch`, `arabisch`), which means the same."""
    code = value.strip().lower()
    if code in language_codes():
        return code
    named = language_of_name(value)
    if named is None:
        raise _not_a_code(value)
    return named


# --- Yes/no ------------------------------------------------------------------

_YES = frozenset({"true", "yes", "ja", "j", "y", "wahr", "jawohl"})
_NO = frozenset({"false", "no", "nein", "n", "falsch", "kein", "keine"})


def parse_yes_no(value: Any) -> bool:
    """`true/false`, `ja/nein`, `yes/no` in any case."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        # `Ja.` and `nein!` as typed in a sentence mean the same.
        word = value.strip().lower().rstrip(".!")
        if word in _YES:
            return True
        if word in _NO:
            return False
    raise fail("yes_no")


YesNo = Annotated[
    bool,
    PlainValidator(parse_yes_no),
    WithJsonSchema({"enum": [True, False, "ja", "nein", "yes", "no", "true", "false"]}),
]


# --- Translatable text -------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A text in the source language with optional translations."""

    source: str
    values: Mapping[str, str]

    def get(self, language: str) -> str | None:
        """The text in `language`, or None when it has no translation there."""
        return self.values.get(language)

    @property
    def original(self) -> str:
        """The text in the source language."""
        return self.values[self.source]

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)


def _context(info: ValidationInfo) -> Mapping[str, Any]:
    return info.context if isinstance(info.context, Mapping) else {}


def parse_text(value: Any, info: ValidationInfo) -> Text:
    """A plain string in the source language, or a mapping language → string."""
    context = _context(info)
    source = context.get("source_language", "de")
    allowed = context.get("languages")
    if isinstance(value, str):
        if not value.strip():
            raise fail("text_empty")
        return Text(source, MappingProxyType({source: value}))
    if not isinstance(value, dict):
        raise fail("text_type")
    values: dict[str, str] = {}
    for key, text in value.items():
        code = str(key).strip().lower()
        named = language_of_name(code) if code not in known_language_codes() else None
        if named is not None:
            # `arabisch:` is not taken as `ar:`: an import writes the code beside it.
            raise fail("language_name", value=key, suggestion=named, key=key)
        if allowed is not None and code not in allowed:
            raise fail("text_language", language=key, languages=", ".join(allowed))
        if not isinstance(text, str):
            raise fail("text_value_type", language=key)
        if not text.strip():
            raise fail("text_value_empty", language=key)
        values[code] = text
    if source not in values:
        raise fail("text_source_missing", source=source)
    return Text(source, MappingProxyType(values))


_TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}},
    ]
}
TextField = Annotated[Text, PlainValidator(parse_text), WithJsonSchema(_TEXT_SCHEMA)]


FREE = "free"
_FREE_WORDS = frozenset({FREE, "kostenlos", "kostenfrei", "gratis", "umsonst"})


def parse_cost(value: Any, info: ValidationInfo) -> Text | str:
    """`free` (also `kostenlos`, `kostenfrei`, `gratis`, `umsonst`), or a text such as
    "3 € pro Termin"."""
    if isinstance(value, str) and fold(value) in _FREE_WORDS:
        return FREE
    return parse_text(value, info)


CostField = Annotated[
    Text | str | None,
    PlainValidator(parse_cost),
    WithJsonSchema({"anyOf": [{"const": "free"}, _TEXT_SCHEMA]}),
]


def strip_string(value: Any) -> Any:
    """Surrounding blanks are never meant; everything else stays as typed."""
    return value.strip() if isinstance(value, str) else value


# --- Weekdays, ordinals and times ---------------------------------------------


class Weekday(Enum):
    """A day of the week, numbered like `datetime.date.weekday()`."""

    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6


_WEEKDAY_NAMES: dict[str, Weekday] = {}
for _day, _names in {
    Weekday.MONDAY: "monday mon mo montag",
    Weekday.TUESDAY: "tuesday tue tues tu dienstag di",
    Weekday.WEDNESDAY: "wednesday wed we mittwoch mi",
    Weekday.THURSDAY: "thursday thu thur thurs th donnerstag do",
    Weekday.FRIDAY: "friday fri fr freitag",
    Weekday.SATURDAY: "saturday sat sa samstag sonnabend",
    Weekday.SUNDAY: "sunday sun su sonntag so",
}.items():
    for _name in _names.split():
        _WEEKDAY_NAMES[_name] = _day


def parse_weekday(value: Any) -> Weekday:
    """English or German weekday, full or abbreviated, any case, optional dot."""
    if isinstance(value, Weekday):
        return value
    if isinstance(value, str):
        day = _WEEKDAY_NAMES.get(value.strip().lower().rstrip("."))
        if day is not None:
            return day
    raise fail("weekday", value=value)


_ORDINALS = {
    1: "first 1st erster erste ersten 1.",
    2: "second 2nd zweiter zweite zweiten 2.",
    3: "third 3rd dritter dritte dritten 3.",
    4: "fourth 4th vierter vierte vierten 4.",
    -1: "last letzter letzte letzten",
}
_ORDINAL_NAMES = {name: number for number, names in _ORDINALS.items() for name in names.split()}


@dataclass(frozen=True)
class MonthlyRule:
    """ "first wednesday": ordinal 1..4, or -1 for the last, and a weekday."""

    ordinal: int
    weekday: Weekday


def parse_monthly(value: Any) -> MonthlyRule:
    """`first wednesday` … `last friday`, in English or German."""
    if isinstance(value, MonthlyRule):
        return value
    words = value.split() if isinstance(value, str) else []
    if len(words) == 2 and words[0].lower() in _ORDINAL_NAMES:
        try:
            return MonthlyRule(_ORDINAL_NAMES[words[0].lower()], parse_weekday(words[1]))
        except PydanticCustomError:
            pass
    raise fail("monthly", value=value)


@dataclass(frozen=True)
class TimeRange:
    """Start and end of an offer on one day, local time in Europe/Berlin."""

    start: time
    end: time


_TIME_RANGE = re.compile(
    r"(\d{1,2})(?:[:.](\d{2}))?\s*(?:[-–—]|bis|to)\s*(\d{1,2})(?:[:.](\d{2}))?(?:\s*Uhr)?",
    re.IGNORECASE,
)


def parse_time_range(value: Any) -> TimeRange:
    """`HH:MM-HH:MM` with the end after the start (`9-11` and `9.30–11` are fine too)."""
    if isinstance(value, TimeRange):
        return value
    match = _TIME_RANGE.fullmatch(value.strip()) if isinstance(value, str) else None
    if not match:
        raise fail("time_format", value=value)
    h1, m1, h2, m2 = (int(group or 0) for group in match.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
        raise fail("time_format", value=value)
    start, end = time(h1, m1), time(h2, m2)
    if end <= start:
        raise fail("time_order", value=value)
    return TimeRange(start, end)


def as_list(value: Any) -> Any:
    """A single value where a list is expected counts as a list of one."""
    return value if isinstance(value, list) else [value]


def as_word_list(value: Any) -> Any:
    """Like `as_list`; a text with commas (`meeting, baby`) is a list typed without brackets."""
    if isinstance(value, str) and "," in value:
        return [word.strip() for word in value.split(",") if word.strip()]
    return as_list(value)


WeekdayField = Annotated[
    Weekday,
    PlainValidator(parse_weekday),
    WithJsonSchema({"type": "string", "examples": ["tuesday", "Dienstag", "di"]}),
]
MonthlyField = Annotated[
    MonthlyRule,
    PlainValidator(parse_monthly),
    WithJsonSchema({"type": "string", "examples": ["first wednesday", "last friday"]}),
]
TimeRangeField = Annotated[
    TimeRange,
    PlainValidator(parse_time_range),
    WithJsonSchema({"type": "string", "examples": ["09:30-11:00", "9.30 bis 11 Uhr"]}),
]
Stripped = BeforeValidator(strip_string)


_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_date(value: Any) -> dt.date:
    """`2026-03-31` (as in the format) or the German `31.03.2026`."""
    if isinstance(value, dt.date):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := _GERMAN_DATE.fullmatch(text):
        day, month, year = match.groups()
    else:
        raise fail("date_format", value=value)
    try:
        day_typed = dt.date(int(year), int(month), int(day))
    except ValueError:
        raise fail("date_invalid", value=value) from None
    if not EARLIEST_YEAR <= day_typed.year <= LATEST_YEAR:
        raise fail("date_year", value=value, earliest=str(EARLIEST_YEAR), latest=str(LATEST_YEAR))
    return day_typed


#: Dates of a family centre's offers lie within these years; far ones are typing
#: errors (and would run calendars past the end of the calendar).
EARLIEST_YEAR = 2000
LATEST_YEAR = 2199


DateField = Annotated[
    dt.date,
    PlainValidator(parse_date),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2026-03-31"]}),
]
