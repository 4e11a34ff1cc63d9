"""What every format of the report does to a cell: hidden characters made visible,
dates and numbers written as the format's reader expects them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fzgen.messages import shown

#: No cell is cut: a report keeps every title whole.
NO_LIMIT = 1_000_000


def plain(value: object, language: str) -> str:
    """A content text with control, bidi and other invisible characters as escapes
    (`\\u202e`), so that no text can hide or reorder what the report says."""
    return shown(value, language, NO_LIMIT)


def german_date(day: dt.date) -> str:
    """`05.01.2027`: the date as a German spreadsheet reads it."""
    return day.strftime("%d.%m.%Y")


def cell_text(value: object, language: str, date: Callable[[dt.date], str]) -> str:
    """A cell as text: numbers as digits, dates through `date`, texts made visible."""
    if isinstance(value, dt.date):
        return date(value)
    if isinstance(value, int):
        return str(value)
    return plain(value, language)
