"""The rules of Leichte Sprache (BITV 2.0, Anlage 2, Teil 2) that a program can see.

`rule_breaks(text)` reads one text as its author wrote it (Markdown) and returns where
it breaks a rule: sentences over 15 words, abbreviations, negations, passive,
genitive and subjunctive, percent signs and large numbers, long compound words
without a separator. Pure: no files, no messages; the caller adds the line where
the text starts in its file and words the findings (`ls_*` message codes).

The checks are heuristics that prefer silence to noise: a coordinator gets a note
only where a reader of Leichte Sprache would most likely stumble. What is kept
out, and why, is said at each rule.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

#: Most words a sentence of Leichte Sprache has.
SENTENCE_LIMIT = 15
#: Letters from which a noun counts as a long compound word: "Öffnungszeiten" (14)
#: is one, "Veranstaltung" (13) reads as one word. Derived words of one stem
#: ("Veranstaltungen") are measured without their ending, see `_is_compound`.
COMPOUND_LETTERS = 14


@dataclass(frozen=True)
class RuleBreak:
    """One rule broken in one line of a text."""

    #: The line of the text where the problem starts, counted from 0.
    line: int
    #: The message code of the rule (`ls_sentence_long`, `ls_negation`, ...).
    rule: str
    #: The words concerned, as written (for a long sentence: its first words).
    words: tuple[str, ...]
    #: How many words a long sentence has; 0 for the other rules.
    count: int = 0


# --- Markdown: what is not text to read -----------------------------------------

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_REMOVED = [
    re.compile(r"<!--.*?-->"),  # comments
    re.compile(r"`[^`]*`"),  # code
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$"),  # a link's definition
    re.compile(r"<(?:https?://|mailto:)[^>]*>"),  # autolinks
    re.compile(r"<[^>\n]+>"),  # HTML tags
    re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE),  # addresses of web pages
    re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail addresses
    # Phone numbers: a 0 or + and at least six more digits, with blanks, / ( ) or -.
    re.compile(r"(?<![\w.,])(?:\+|\(?0)\s?\d[\d /()\-–]{4,}\d(?![\w.,]\d)"),
]
#: A link or image shows its text; its target is not read.
_LINK = re.compile(r"!?\[([^\[\]]*)\](?:\([^()]*\)|\[[^\[\]]*\])")
#: Markers at a line's start: heading, quote, list item (a list item is a sentence).
_LINE_MARKER = re.compile(r"^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,3}[.)]\s+)")
#: Emphasis markers; a `*` inside a word (Erzieher*innen) stays.
_EMPHASIS = re.compile(r"\*\*|__|(?<![^\W_])\*|\*(?![^\W_])")


def readable_lines(text: str) -> list[str]:
    """The text's lines as a reader sees them: code, addresses, link targets, phone
    numbers and markup taken out; emphasis kept (`**nicht**` matters). One entry per
    line of `text`, so an index is the line's offset."""
    lines = []
    in_code = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_code = not in_code
            lines.append("")
            continue
        if in_code:
            lines.append("")
            continue
        line = _LINK.sub(r"\1", line)
        for pattern in _REMOVED:
            line = pattern.sub(" ", line)
        while marker := _LINE_MARKER.match(line):
            line = line[marker.end() :]
        lines.append(line.rstrip("\r"))
    return lines


# --- Sentences ------------------------------------------------------------------

#: A sentence ends at . ! ? or : before a blank, or at the line's end.
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s)")
#: Full stops that end no sentence: an ordinal or a day (3. Mai), a single letter
#: (an initial), an abbreviation (noted on its own).
_NO_END_BEFORE = re.compile(r"(?:(?<![\w.])\d{1,2}|(?<![\w.])[^\W\d_])\.$")
_WORD = re.compile(r"[^\W_]")
#: Characters the longest abbreviation may take ("i. d. R." with blanks).
_LONGEST_ABBREVIATION = 16


def sentences(line: str) -> list[str]:
    """The sentences of one line, split where the author ended them."""
    pieces: list[str] = []
    start = 0
    for end in _SENTENCE_END.finditer(line):
        if end.group() == "." and _ends_in_no_sentence(line, start, end.end()):
            continue
        pieces.append(line[start : end.end()])
        start = end.end()
    pieces.append(line[start:])
    return [piece.strip() for piece in pieces if _WORD.search(piece)]


def words_of(sentence: str) -> list[str]:
    """The words of a sentence, counted as a reader reads them aloud: every piece
    between blanks with a letter or a digit (`10`, `9:30`, `Eltern·café` are one
    word each); dashes and other marks alone are none."""
    return [piece for piece in _EMPHASIS.sub("", sentence).split() if _WORD.search(piece)]


# --- The words that mark a rule (templates/easy_words.yaml) ---------------------

WORDS_FILE = Path(__file__).resolve().parent.parent / "templates" / "easy_words.yaml"
#: Not a letter before or after: a match is a whole word.
_START, _END = r"(?<![^\W\d_])", r"(?![^\W\d_])"
#: A lowercase letter of German.
_LOWER = r"[a-z\u00e4\u00f6\u00fc\u00df]"


@dataclass(frozen=True)
class _Patterns:
    """The word lists, compiled once."""

    abbreviations: re.Pattern[str]
    #: An abbreviation at the end of a piece of text: its full stop ends no sentence.
    abbreviation_at_end: re.Pattern[str]
    negations: re.Pattern[str]
    subjunctive: re.Pattern[str]
    genitive: re.Pattern[str]
    #: The forms of "werden" that make the passive.
    auxiliary: re.Pattern[str]
    participle: re.Pattern[str]
    inseparable: re.Pattern[str]
    not_participles: frozenset[str]
    participles: frozenset[str]
    postal_code_words: re.Pattern[str]
    percent: re.Pattern[str]
    number_words: re.Pattern[str]
    price_after: re.Pattern[str]


def _any_word(words: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(word) for word in words)
    return re.compile(f"{_START}(?:{alternatives}){_END}", flags)


def _abbreviation(written: str) -> str:
    """An abbreviation as typed, with or without the blank after an inner full stop."""
    return r"\.\s?".join(re.escape(part.strip()) for part in written.split(".")[:-1]) + r"\."


@functools.cache
def _patterns() -> _Patterns:
    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    written = [*data["abbreviations"], *(w[:1].upper() + w[1:] for w in data["abbreviations"])]
    written += data["abbreviations_as_written"]
    abbreviations = "|".join(_abbreviation(word) for word in sorted(set(written), key=len)[::-1])
    separable = "|".join(data["separable_prefixes"])
    inseparable = "|".join(data["inseparable_prefixes"])
    stems = "|".join(data["large_numbers"])
    return _Patterns(
        abbreviations=re.compile(f"{_START}(?:{abbreviations})"),
        abbreviation_at_end=re.compile(f"{_START}(?:{abbreviations})$"),
        negations=_any_word(data["negations"]),
        subjunctive=_any_word(data["subjunctive"]),
        genitive=_any_word(data["genitive"]),
        auxiliary=_any_word(data["passive_auxiliaries"]),
        # ge- (after a separable prefix) or -iert, lowercase as participles are.
        participle=re.compile(f"(?:{separable})?ge{_LOWER}{{2,}}(?:t|en)|{_LOWER}{{3,}}iert"),
        inseparable=re.compile(f"(?:{inseparable}){_LOWER}{{3,}}t"),
        not_participles=frozenset(data["not_participles"]),
        participles=frozenset(data["participles"]),
        postal_code_words=re.compile("|".join(map(re.escape, data["postal_code_words"])), re.I),
        percent=re.compile(f"%|{_START}(?:{'|'.join(data['percent'])})\\w*", re.IGNORECASE),
        number_words=re.compile(f"(?<!\\w)\\w*?(?:{stems})\\w*", re.IGNORECASE),
        price_after=re.compile(f"^\\s?(?:{'|'.join(data['currencies'])}){_END}"),
    )


def _ends_in_no_sentence(line: str, start: int, end: int) -> bool:
    """Whether the full stop before `end` belongs to an ordinal, an initial or an
    abbreviation. Only the last characters are looked at (a long line of them would
    else be read again at every full stop)."""
    tail = max(start, end - _LONGEST_ABBREVIATION)
    if _NO_END_BEFORE.search(line, tail, end):
        return True
    return bool(_patterns().abbreviation_at_end.search(line, tail, end))


def _abbreviations(line: str) -> list[str]:
    return [" ".join(match.group().split()) for match in _patterns().abbreviations.finditer(line)]


#: A negation in bold (`**nicht**`) is how Leichte Sprache writes one that cannot be
#: avoided: not noted.
_BOLD_BEFORE = re.compile(r"(\*\*|__)\s*$")
#: Digits with a thousands separator (1.200, 10 000, 1,000), not a date (12.01.2027)
#: nor a decimal (2,50).
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[. \u00a0\u202f]\d{3})+(?![\d.,]\d)")
#: A number of four digits or more.
_DIGITS = re.compile(r"(?<![\d.,:/])\d{4,}(?![\d.,:/]?\d)")
_EURO = "\u20ac"


def _large_numbers(line: str) -> list[str]:
    """Numbers above 1000 a reader must take apart, except years (1900-2100), prices,
    postal codes (five digits before the town's name, or in a line that says
    Postleitzahl) and what phone numbers, dates and times hold (their separators keep
    them out)."""
    found = [match.group() for match in _patterns().number_words.finditer(line)]
    # "Die Postleitzahl ist 23843.": a line naming the postal code.
    postal_line = bool(_patterns().postal_code_words.search(line))
    for pattern in (_GROUPED, _DIGITS):
        for match in pattern.finditer(line):
            number = match.group()
            after = line[match.end() : match.end() + 8]
            before = line[max(0, match.start() - 8) : match.start()].rstrip()
            if _patterns().price_after.match(after) or before.endswith(_EURO):
                continue
            if pattern is _DIGITS and len(number) == 4 and not _large_four(int(number)):
                continue
            # A postal code: after the street, before the town, or named as one.
            postal = not before[-1:] or before.endswith((",", "D-"))
            postal = postal_line or (postal and after[:2].istitle())
            if pattern is _DIGITS and len(number) == 5 and postal:
                continue
            found.append(number)
    return found


def _large_four(value: int) -> bool:
    """Four digits that are a large number: above 1000 and no year (1900-2100)."""
    return value > 1000 and not 1900 <= value <= 2100


_AROUND_WORD = re.compile(r"^[\W_]+|[\W_]+$")


def _passive(sentence: str) -> list[str]:
    """ "werden" with a past participle in the same sentence ("Das Essen wird
    mitgebracht", "ist abgesagt worden"); "wird" with an infinitive is the future."""
    patterns = _patterns()
    words = [_AROUND_WORD.sub("", word) for word in sentence.split()]
    helpers = {i for i, word in enumerate(words) if patterns.auxiliary.fullmatch(word)}
    if not helpers:
        return []
    for index, word in enumerate(words):
        if word in patterns.not_participles or index in helpers:
            continue
        beside = index == len(words) - 1 or index - 1 in helpers or index + 1 in helpers
        if (
            word in patterns.participles
            or patterns.participle.fullmatch(word)
            or (beside and patterns.inseparable.fullmatch(word))
        ):
            return [words[min(helpers)], word]
    return []


# --- Long compound words --------------------------------------------------------

#: What takes a compound apart: a hyphen, the middle dot, a gender star or colon.
_SEPARATORS = frozenset("-·‧*:")
_NOUN = re.compile(r"(?<![^\W_])[A-Z\u00c4\u00d6\u00dc][^\W\d_]+")
#: Endings that make a longer word of one stem, not a compound of two: nouns made of
#: verbs and adjectives ("Veranstaltungen", "Schwierigkeiten"), feminine plurals,
#: adjectives ("Internationaler").
_DERIVED = re.compile(
    r"(?:ung|keit|heit|schaft|lichkeit|in|ion|isch|(?<!st)ell|al|lich|ig|bar|sam)"
    r"(?:en|nen|e|er|es|em)?$"
)
#: Letters the stem of a derived word must still have to count as a compound.
STEM_LETTERS = 12


def _is_compound(word: str) -> bool:
    """Whether a noun is long enough to be a compound readers cannot take apart."""
    if len(word) < COMPOUND_LETTERS:
        return False
    return len(_DERIVED.sub("", word)) >= STEM_LETTERS


def _compounds(line: str, names: frozenset[str]) -> list[str]:
    """Nouns of `COMPOUND_LETTERS` letters or more with no hyphen or middle dot, which
    readers of Leichte Sprache cannot take apart; words in capitals (an acronym) and
    the words of the site's own `names` are left alone."""
    found = []
    for match in _NOUN.finditer(line):
        word = match.group()
        after = line[match.end() : match.end() + 1]
        before = line[match.start() - 1 : match.start()] if match.start() else ""
        if after in _SEPARATORS or before in _SEPARATORS:
            continue  # part of a word already taken apart (or a gender star's)
        if word not in names and not word.isupper() and _is_compound(word):
            found.append(word)
    return found


# --- All rules ------------------------------------------------------------------


def _negations(line: str) -> list[str]:
    return [
        match.group()
        for match in _patterns().negations.finditer(line)
        if not (
            _BOLD_BEFORE.search(line[max(0, match.start() - 4) : match.start()])
            and line[match.end() : match.end() + 2] in ("**", "__")
        )
    ]


def _matches(name: str) -> Callable[[str], list[str]]:
    """The words of one list in a line."""

    def found(line: str) -> list[str]:
        pattern: re.Pattern[str] = getattr(_patterns(), name)
        return [match.group() for match in pattern.finditer(line)]

    return found


#: Rules read word by word in a line, in the order the notes are given.
_LINE_RULES: list[tuple[str, Callable[[str], list[str]]]] = [
    ("ls_abbreviation", _abbreviations),
    ("ls_negation", _negations),
    ("ls_genitive", _matches("genitive")),
    ("ls_subjunctive", _matches("subjunctive")),
    ("ls_percent", _matches("percent")),
    ("ls_large_number", _large_numbers),
]


def rule_breaks(text: str, known_names: Iterable[str] = ()) -> list[RuleBreak]:
    """Every rule of Leichte Sprache `text` visibly breaks, line by line; at most one
    finding per rule and line (with all its words), one per long sentence. The words
    of `known_names` (the centre's, its places' and partners' names) are no compounds
    to take apart."""
    names = frozenset(word for name in known_names for word in _NOUN.findall(name))
    found: list[RuleBreak] = []
    for index, line in enumerate(readable_lines(text)):
        found += _sentence_breaks(index, line)
        plain = _EMPHASIS.sub("", line)
        for rule, words in _LINE_RULES:
            hits = words(line if rule == "ls_negation" else plain)
            if hits:
                found.append(RuleBreak(index, rule, _unique(hits)))
        compounds = _compounds(plain, names)
        if compounds:
            found.append(RuleBreak(index, "ls_compound", _unique(compounds)))
    return found


def _sentence_breaks(index: int, line: str) -> Iterator[RuleBreak]:
    """Long sentences and passive sentences of one line."""
    for sentence in sentences(_EMPHASIS.sub("", line)):
        words = words_of(sentence)
        if len(words) > SENTENCE_LIMIT:
            start = (*words[:4], "…")
            yield RuleBreak(index, "ls_sentence_long", (" ".join(start),), len(words))
        passive = _passive(sentence)
        if passive:
            yield RuleBreak(index, "ls_passive", tuple(passive))


def _unique(words: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(words))
