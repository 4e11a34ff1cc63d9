"""Field types of schedules as coordinators type them: a rhythm in weeks (`alle 14 Tage`),
several monthly rules (`1. und 3. Donnerstag`), weekdays said in a sentence, and the
Land whose public holidays apply."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from fzgen.content.fields import (
    MonthlyRule,
    as_word_list,
    fail,
    parse_monthly,
    parse_weekday,
)
from fzgen.content.words import fold, holiday_land

#: `every` counts weeks; a rhythm of more than a year is a typing error.
MOST_WEEKS = 52

# --- Typed forms: `every`, several monthly rules, weekdays said in a sentence ----------

_NUMBER_WORDS = {
    "one": 1, "zwei": 2, "zweite": 2, "zweiten": 2,
    "two": 2, "second": 2, "other": 2, "drei": 3, "dritte": 3, "dritten": 3, "three": 3,
    "third": 3, "vier": 4, "vierte": 4, "vierten": 4, "four": 4, "fourth": 4,
}  # fmt: skip
#: Words that name a rhythm on their own (folded).
_RHYTHM_WORDS = {
    "woechentlich": 1, "weekly": 1, "zweiwoechentlich": 2, "vierzehntaegig": 2,
    "vierzehntaeglich": 2, "biweekly": 2, "fortnightly": 2, "dreiwoechentlich": 3,
    "vierwoechentlich": 4,
}  # fmt: skip
_TOKEN = re.compile(r"\d+|[^\W\d_]+")


def _rhythm_weeks(text: str) -> int | None:
    """The weeks a rhythm written in words means (`alle 14 Tage` is 2), None if unclear."""
    words = [fold(token) for token in _TOKEN.findall(text)]
    words = [w for w in words if w]
    if len(words) == 1 and words[0] in _RHYTHM_WORDS:
        return _RHYTHM_WORDS[words[0]]
    numbers = [int(w) if w.isdigit() else _NUMBER_WORDS.get(w) for w in words]
    count = next((n for n in numbers if n is not None), None)
    if count is None:
        return None
    if any(w.startswith(("tag", "taeg", "day")) for w in words):
        return count // 7 if count % 7 == 0 else None
    if any(w.startswith(("woche", "week")) for w in words) or len(words) == 1:
        return count
    return None


def parse_every(value: Any) -> int:
    """Every how many weeks: `2`, `alle 2 Wochen`, `alle 14 Tage`, `14-tägig`, `every 2 weeks`."""
    if isinstance(value, bool):
        raise fail("every_format", value=value)
    weeks = value if isinstance(value, int) else None
    if isinstance(value, str):
        weeks = _rhythm_weeks(value)
    if weeks is None:
        raise fail("every_format", value=value)
    if weeks < 1:
        raise fail("every_zero", value=value)
    if weeks > MOST_WEEKS:
        raise fail("every_too_large", value=value, most=MOST_WEEKS)
    return weeks


#: Words around monthly rules that say nothing (`jeden`, `im Monat`).
_MONTHLY_FILLERS = frozenset(
    ["jeden", "jede", "jeder", "am", "im", "des", "monat", "monats", "every", "the", "of", "month"]
)
#: What joins several rules: a comma, `&`, `u.`, `und`, `and`, `sowie`.
_JOINERS = re.compile(r",|&|\s(?:u(?:nd)?\.?|and|sowie)\s", re.IGNORECASE)


def parse_monthly_rules(value: Any) -> list[MonthlyRule]:
    """One monthly rule or several: a list, or `1. und 3. Donnerstag`,
    `erster Montag und dritter Donnerstag`, `first and third thursday`."""
    if isinstance(value, list):
        return _unique_rules([parse_monthly(item) for item in value])
    if isinstance(value, MonthlyRule):
        return [value]
    text = value if isinstance(value, str) else ""
    rules: list[MonthlyRule] = []
    ordinals: list[str] = []
    for word in _JOINERS.sub(" ", f" {text} ").split():
        if word.lower() in _MONTHLY_FILLERS:
            continue
        if _is_weekday(word):
            if not ordinals:
                raise fail("monthly", value=value)
            rules.extend(parse_monthly(f"{ordinal} {word}") for ordinal in ordinals)
            ordinals = []
        else:
            ordinals.append(word)
    if ordinals or not rules:
        raise fail("monthly", value=value)
    return _unique_rules(rules)


def _unique_rules(rules: list[MonthlyRule]) -> list[MonthlyRule]:
    if not rules:
        raise fail("monthly_empty")
    return sorted(set(rules), key=lambda r: (r.ordinal % 6, r.weekday.value))


def _is_weekday(word: str) -> bool:
    try:
        parse_weekday(word)
    except PydanticCustomError:
        return False
    return True


def _weekday_name(word: str) -> str | None:
    """`thursday` for `Donnerstag`, `donnerstags`, `do` or `Thursdays`; None for other words."""
    for candidate in (word, word[:-1] if word.lower().endswith("s") else word):
        if _is_weekday(candidate):
            return parse_weekday(candidate).name.lower()
    return None


_EVERY_WORDS = frozenset({"jeden", "jede", "every", "immer"})


def weekly_words(value: Any) -> Any:
    """`donnerstags` and `jeden Donnerstag` are a weekday; `jeden zweiten Donnerstag`
    and `alle 14 Tage` are a rhythm, answered with the lines that say it."""
    items = as_word_list(value)
    if not isinstance(items, list):
        return items
    days: list[Any] = []
    rhythm: tuple[str, int] | None = None
    for item in items:
        if not isinstance(item, str) or _is_weekday(item):
            days.append(item)
            continue
        words = [w for w in item.split() if fold(w) not in _EVERY_WORDS]
        named = [name for w in words if (name := _weekday_name(w))]
        rest = " ".join(w for w in words if _weekday_name(w) is None)
        days.extend(named or ([] if rest and _rhythm_weeks(rest) else [item]))
        if rest and (weeks := _rhythm_weeks(rest)) is not None and weeks > 1:
            rhythm = (item, weeks)
        elif named and rest:
            days.append(item)  # a weekday with words that say nothing known: named as it is
    if rhythm is not None:
        weekday = next((d for d in days if isinstance(d, str) and _is_weekday(d)), "thursday")
        raise fail("weekly_every", value=rhythm[0], weekday=_weekday_name(weekday), every=rhythm[1])
    return days


MonthlyRules = Annotated[
    list[MonthlyRule],
    PlainValidator(parse_monthly_rules),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}, "minItems": 1},
            ],
            "examples": ["first wednesday", ["first thursday", "third thursday"]],
        }
    ),
]
Every = Annotated[
    int,
    PlainValidator(parse_every),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string"}]}),
]


#: The German Länder by the codes the `holidays` package knows them.
LAENDER = (
    "BB", "BE", "BW", "BY", "HB", "HE", "HH", "MV", "NI", "NW", "RP", "SH", "SL", "SN", "ST", "TH",
)  # fmt: skip
#: The association is in Schleswig-Holstein: its holidays apply unless a site says.
DEFAULT_LAND = "SH"


def parse_public_holidays(value: Any) -> str | None:
    """A Land's code (`SH`) or name (`Schleswig-Holstein`), or `nein` for none."""
    if value is False or value is None:
        return None
    if isinstance(value, str):
        if fold(value) in {"nein", "no", "false", "keine", "kein", "aus", "off"}:
            return None
        code = value.strip().upper()
        if code in LAENDER:
            return code
        named = holiday_land(value)
        if named is not None:
            return named
    raise fail("public_holidays", value=value, allowed=", ".join(LAENDER))


PublicHolidays = Annotated[
    str | None,
    PlainValidator(parse_public_holidays),
    WithJsonSchema({"anyOf": [{"enum": [*LAENDER, "nein", "no"]}, {"type": "boolean"}]}),
]
