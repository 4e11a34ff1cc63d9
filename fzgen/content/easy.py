"""Leichte Sprache: the language code `ls`, and whether a text in it was checked.

Leichte Sprache is German written by the rules of BITV 2.0 Anlage 2 Teil 2; it
is a site "language" with its own texts (`ls:` in a text map, `<page>.ls.md`)
and its own pages (`/<site>/ls/`), but German to the browser, to Babel (dates,
numbers, plural rules) and to screen readers. A text counts as Leichte Sprache
only when people of the target group have checked it (DIN SPEC 33429); until
then the pages call it "Einfache Sprache".
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema

from fzgen.content.fields import EASY_CODE, fail, parse_date

#: The code of Leichte Sprache in `languages`, text maps and file names.
EASY = EASY_CODE
#: The language Leichte Sprache is written in: its `lang`, dates and numbers.
EASY_BASE = "de"
#: Its name, the same on every page (it is German): checked texts only.
EASY_NAME = "Leichte Sprache"
#: The name of texts in Leichte Sprache no one of the target group has checked yet.
UNCHECKED_NAME = "Einfache Sprache"


def locale_code(code: str) -> str:
    """The language whose CLDR data a site language takes: German for Leichte Sprache."""
    return EASY_BASE if code == EASY else code


def html_lang(code: str) -> str:
    """The `lang` attribute of a site language's pages (BCP 47 knows no `ls`)."""
    return EASY_BASE if code == EASY else code


class EasyCheck(BaseModel):
    """Who checked the Leichte Sprache texts (Prüfgruppe, Prüflesende) and when."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    by: Annotated[str, Field(min_length=1)]
    on: dt.date


def parse_easy_check(value: Any) -> EasyCheck | bool:
    """`ls_checked: {by: ..., on: YYYY-MM-DD}`, or `false` (not checked; on a file it
    overrides the site's)."""
    if value is False or (isinstance(value, str) and value.strip().lower() in {"false", "nein"}):
        return False
    if not isinstance(value, dict):
        raise fail("ls_checked_type")
    by, on = value.get("by"), value.get("on")
    unknown = sorted(str(key) for key in value if key not in {"by", "on"})
    if unknown:
        raise fail("ls_checked_type")
    if not isinstance(by, str) or not by.strip():
        raise fail("ls_checked_by")
    if isinstance(on, str):
        try:
            on = parse_date(on)  # 2026-11-20, or 20.11.2026 as every date of fzgen
        except ValueError:
            raise fail("ls_checked_on", value=on) from None
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        raise fail("ls_checked_on", value=on if on is not None else "")
    return EasyCheck(by=by.strip(), on=on)


_CHECK_SCHEMA = {
    "anyOf": [
        {"const": False},
        {
            "type": "object",
            "properties": {
                "by": {"type": "string", "minLength": 1},
                "on": {"type": "string", "format": "date"},
            },
            "required": ["by", "on"],
            "additionalProperties": False,
        },
    ]
}
EasyCheckField = Annotated[
    EasyCheck | bool | None, PlainValidator(parse_easy_check), WithJsonSchema(_CHECK_SCHEMA)
]


def easy_name(check: EasyCheck | bool | None) -> str:
    """„Leichte Sprache“ for checked texts, else „Einfache Sprache“."""
    return EASY_NAME if isinstance(check, EasyCheck) else UNCHECKED_NAME


def effective_check(
    own: EasyCheck | bool | None, site: EasyCheck | bool | None
) -> EasyCheck | None:
    """A file's check if it says one (`false` included), else the site's: who checked the
    file's Leichte Sprache texts, or None when they count as Einfache Sprache."""
    chosen = own if own is not None else site
    return chosen if isinstance(chosen, EasyCheck) else None
