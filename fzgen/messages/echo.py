"""Values a user wrote, echoed safely inside a sentence: no hidden characters, no megabytes."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from babel.numbers import format_decimal

from fzgen.messages.catalogue import wording
from fzgen.messages.plurals import counted

#: How many characters of a value a message echoes; the rest is cut with a note.
ECHO_LIMIT = 120
#: Lists fzgen composes (allowed values, known ids, languages) may be longer.
LIST_LIMIT = 400
#: Parameters that hold such lists.
LIST_PARAMS = frozenset(
    {"allowed", "available", "counts", "detail", "kinds", "known", "languages", "reserved"}
)
#: Invisible characters that are part of ordinary text and cannot hide or reorder
#: anything: the joiners of Persian words and of emoji sequences.
_JOINERS = frozenset("\u200c\u200d")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Unicode categories echoed as escapes: Cc control (C0, DEL, C1), Cf format
# (bidi controls, zero-width characters, tags), Zl/Zp line and paragraph
# separators, Cs lone surrogates (undecodable bytes of a file name).
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def shown(value: object, language: str = "de", limit: int = ECHO_LIMIT) -> str:
    """A value the user wrote, safe to echo: control, bidi and other invisible
    characters as escapes (`\\x1b`, `\\u202e`, `\\n`), cut after `limit` characters."""
    text = str(value)
    if len(text) <= limit and text.isprintable():
        return text
    pieces: list[str] = []
    width = 0
    for index, character in enumerate(text):
        piece = _visible(character)
        if width + len(piece) > limit:
            left = len(text) - index
            number = format_decimal(left, locale=language)
            count = counted("characters", left, language, number)
            return "".join(pieces) + wording(language).labels["cut"].format(count=count)
        pieces.append(piece)
        width += len(piece)
    return "".join(pieces)


def shown_params(params: Mapping[str, object], language: str) -> dict[str, str]:
    """Every value of `params` echoed safely, lists with the longer limit."""
    return {
        name: shown(value, language, LIST_LIMIT if name in LIST_PARAMS else ECHO_LIMIT)
        for name, value in params.items()
    }


def _visible(character: str) -> str:
    if character in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[character]
    if character in _JOINERS or unicodedata.category(character) not in _INVISIBLE:
        return character
    code = ord(character)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"
