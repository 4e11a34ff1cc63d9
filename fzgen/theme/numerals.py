"""Digits as a language writes them (CLDR's default numbering system), and times kept whole."""

from __future__ import annotations

from functools import cache

from babel import Locale
from markupsafe import Markup

#: Spaces that do not break a line, for those that do: `18:00 تا 19:30` never splits.
_NO_BREAK = str.maketrans({" ": "\u00a0", "\u2009": "\u202f"})


#: The first digit of CLDR's numeric numbering systems a site's languages may use
#: (numberingSystems.xml; each runs on as 0–9). Babel names the system, not its digits.
_ZERO = {"arab": 0x0660, "arabext": 0x06F0, "beng": 0x09E6, "deva": 0x0966, "mymr": 0x1040}


@cache
def digit_table(locale: Locale) -> dict[int, str] | None:
    """`0`–`9` → the locale's own digits (Persian `۰`–`۹`: `arabext`); None where CLDR
    writes Latin digits (German, Turkish, Ukrainian, and Arabic: `ar` is `latn` in the
    CLDR that Babel ships)."""
    zero = _ZERO.get(locale.default_numbering_system)
    if zero is None:
        return None
    return {ord("0") + digit: chr(zero + digit) for digit in range(10)}


def local_digits(text: str, table: dict[int, str] | None) -> str:
    """`text` with its Latin digits written as `table` says (unchanged without one)."""
    return text.translate(table) if table else text


def kept_together(time_range: str) -> str:
    """A time range no line break splits between its times (`9:30 تا 11:00`); what
    follows the last digit (` Uhr`) is left as it is."""
    digits = [index for index, character in enumerate(time_range) if character.isdigit()]
    if not digits:
        return time_range
    first, last = digits[0], digits[-1]
    inner = time_range[first:last].translate(_NO_BREAK)
    return time_range[:first] + inner + time_range[last:]


def unbroken(time_range: str, direction: str) -> Markup:
    """A time range as HTML in one element no line break splits: its dash (`10:00–11:30`)
    is a break opportunity that no-break spaces cannot take away. Right to left, the
    element also isolates the range from a Latin neighbour (a room's German name), and
    the browser lays it out as the language reads: the start on the right."""
    if direction == "rtl":
        return Markup('<bdi class="nobr" dir="rtl">{}</bdi>').format(time_range)
    return Markup('<span class="nobr">{}</span>').format(time_range)
