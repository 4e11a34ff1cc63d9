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

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

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
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail addresses
    # Phone numbers: a 0 or + and at least six more digits, with blanks, / ( ) or -.
    re.compile(r"(?<![\w.,])(?:\+|\(?0)\d[\d /()\-–]{4,}\d(?![\w.,]\d)"),
]
#: A link or image shows its text; its target is not read.
_LINK = re.compile(r"!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
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
        while (marker := _LINE_MARKER.match(line)) and marker.end() > 0:
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


def sentences(line: str) -> list[str]:
    """The sentences of one line, split where the author ended them."""
    pieces: list[str] = []
    start = 0
    for end in _SENTENCE_END.finditer(line):
        before = line[start : end.end()]
        if end.group() == "." and (_NO_END_BEFORE.search(before) or _ends_in_abbreviation(before)):
            continue
        pieces.append(before)
        start = end.end()
    pieces.append(line[start:])
    return [piece.strip() for piece in pieces if _WORD.search(piece)]


def words_of(sentence: str) -> list[str]:
    """The words of a sentence, counted as a reader reads them aloud: every piece
    between blanks with a letter or a digit (`10`, `9:30`, `Eltern·café` are one
    word each); dashes and other marks alone are none."""
    return [piece for piece in _EMPHASIS.sub("", sentence).split() if _WORD.search(piece)]


# --- Abbreviations --------------------------------------------------------------

#: Abbreviations written out in Leichte Sprache. Case matters where a word is also
#: a name or a word of its own (`Max.` ends a sentence about Max).
_ABBREVIATIONS = re.compile(
    r"(?<![^\W\d_])(?:"
    r"[zZ]\.\s?B\.|[dD]\.\s?h\.|[uU]\.\s?a\.|[iI]\.\s?d\.\s?R\.|[oO]\.\s?ä\.|[uU]\.\s?U\.|"
    r"[zZ]\.\s?T\.|[vV]\.\s?a\.|[sS]\.\s?[ou]\.|"
    r"(?:usw|bzw|ca|evtl|ggf|inkl|etc|bspw|vgl|sog|zzgl|Nr|Tel|Std|Min|min|max|Mo|Di|Mi|Do"
    r"|Fr|Sa|So)\.|"
    r"(?:Usw|Bzw|Ca|Evtl|Ggf|Inkl|Bspw|Vgl|Zzgl)\.)"
)
#: A full stop of an abbreviation ends no sentence (the abbreviation is noted itself).
_ABBREVIATION_AT_END = re.compile(r"(?:" + _ABBREVIATIONS.pattern + r")$")


def _ends_in_abbreviation(text: str) -> bool:
    return bool(_ABBREVIATION_AT_END.search(text))


def _abbreviations(line: str) -> list[str]:
    return [" ".join(match.group().split()) for match in _ABBREVIATIONS.finditer(line)]


# --- Words that mark a rule -----------------------------------------------------


def _words(*forms: str) -> re.Pattern[str]:
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(forms) + r")(?![^\W\d_])", re.IGNORECASE)


#: Negations. A negation in bold (`**nicht**`) is how Leichte Sprache writes one that
#: cannot be avoided: not noted. "ohne" is not noted: "ohne Anmeldung" is plainer
#: than any way around it ("Sie müssen sich nicht anmelden" is a negation itself).
_NEGATIONS = _words(
    "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "keins", "nie",
    "niemals", "nichts", "niemand", "niemanden", "niemandem", "nirgends", "nirgendwo",
    "weder",
)  # fmt: skip
_BOLD_AROUND = re.compile(r"(\*\*|__)\s*$")

#: The subjunctive (Konjunktiv). Not "möchte"/"möchten": Leichte Sprache uses it for
#: a wish ("Sie möchten mitmachen?") and readers know it as a word of its own.
_SUBJUNCTIVE = _words(
    "würde", "würden", "würdest", "würdet", "hätte", "hätten", "hättest", "wäre", "wären",
    "wärst", "wärest", "könnte", "könnten", "könntest", "müsste", "müssten", "sollte",
    "sollten", "solltest", "dürfte", "dürften", "möge", "gäbe", "käme", "kämen",
)  # fmt: skip

#: Genitive, only where it is certain: "des" and "eines" are genitive articles, the
#: prepositions take the genitive. "der"/"einer" are also nominative and dative and a
#: possessive -s ("Marias") looks like a plural: both left alone.
_GENITIVE = _words(
    "des", "eines", "wegen", "trotz", "aufgrund", "anhand", "bezüglich", "mithilfe",
    "angesichts", "infolge",
)  # fmt: skip

#: Percent: the sign or the word.
_PERCENT = re.compile(r"%|(?<![^\W\d_])[Pp]rozent\w*")
#: Large numbers as words ("zweitausend", "Millionen").
_NUMBER_WORDS = re.compile(r"(?<![^\W\d_])\w*(?:[Tt]ausend|Million|Milliarde)\w*")
#: Digits with a thousands separator (1.200, 10 000, 1,000), not a date (12.01.2027)
#: nor a decimal (2,50).
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[. \u00a0\u202f]\d{3})+(?![\d.,]\d)")
#: A number of five digits or more, or four above 1000.
_DIGITS = re.compile(r"(?<![\d.,:/])\d{4,}(?![\d.,:/]?\d)")
#: What a number may stand beside and not be counted: a price, a time, a date.
_PRICE_AFTER = re.compile(r"^\s?(?:€|Euro|EUR|Cent)\b")
_PRICE_BEFORE = re.compile(r"€\s?$")
_POSTAL_CODE = re.compile(r"(?:^|,|D-)\s*$")


def _large_numbers(line: str) -> list[str]:
    """Numbers above 1000 a reader must take apart, except years (1900-2100), prices,
    postal codes (five digits before a capitalised place name) and what phone numbers,
    dates and times hold (their separators keep them out)."""
    found = [match.group() for match in _NUMBER_WORDS.finditer(line)]
    for pattern in (_GROUPED, _DIGITS):
        for match in pattern.finditer(line):
            after, before = line[match.end() :], line[: match.start()]
            if _PRICE_AFTER.match(after) or _PRICE_BEFORE.search(before):
                continue
            number = match.group()
            if pattern is _DIGITS:
                value = int(number)
                if value <= 1000 or 1900 <= value <= 2100:
                    continue
                if len(number) == 5 and _POSTAL_CODE.search(before) and after[:2].istitle():
                    continue  # a postal code: after the street, before the town
            found.append(number)
    return found


#: A past participle: ge- (after a separable prefix: abgeholt, eingeladen) or -iert
#: (informiert). Lowercase, as participles are; infinitives of ge- verbs (gehen,
#: geben) are not participles.
_PARTICIPLE = re.compile(
    r"(?<![^\W\d_])(?:(?:ab|an|auf|aus|bei|ein|fest|frei|her|hin|los|mit|nach|vor|weg|zu"
    r"|zurück|vorbei|zusammen|teil|um|durch)?ge[a-zäöüß]{2,}(?:t|en)|[a-zäöüß]{3,}iert)"
    r"(?![^\W\d_])"
)
#: A participle of be-/ver-/er-/ent-/zer- (bezahlt, verteilt) looks like a verb of the
#: present ("bekommt"): taken only last in the sentence or beside "werden".
_INSEPARABLE = re.compile(r"^(?:be|ver|er|ent|zer)[a-zäöüß]{3,}t$")
_NOT_PARTICIPLES = frozenset(
    (
        "gehen", "geben", "gewinnen", "genießen", "gehören", "gelingen", "gefallen",
        "gestalten", "gebrauchen", "gewöhnen", "geschehen", "gegen", "genügen", "gestehen",
        "gedenken", "gelten", "gelangen", "gewähren", "gestatten", "gebären", "gefährden",
        "gedulden", "geleiten", "gerecht", "gesamt", "gewiss", "bereit", "bestimmt",
        "beliebt", "berühmt", "bekannt", "eigenen",
    )
)  # fmt: skip
_WERDEN = _words("wird", "werden", "wurde", "wurden", "worden", "wirst", "werdet", "wurdest")


def _passive(sentence: str) -> list[str]:
    """ "werden" with a past participle in the same sentence ("Das Essen wird
    mitgebracht", "ist abgesagt worden"); "wird" with an infinitive is the future."""
    words = [word.strip(".,;:!?\"'„“()") for word in sentence.split()]
    helpers = [i for i, word in enumerate(words) if _WERDEN.fullmatch(word)]
    if not helpers:
        return []
    for index, word in enumerate(words):
        if word in _NOT_PARTICIPLES or word in (words[i] for i in helpers):
            continue
        beside = index == len(words) - 1 or index - 1 in helpers or index + 1 in helpers
        if _PARTICIPLE.fullmatch(word) or (beside and _INSEPARABLE.match(word)):
            return [words[helpers[0]], word]
    return []


# --- Long compound words --------------------------------------------------------

#: What takes a compound apart: a hyphen, the middle dot, a gender star or colon.
_SEPARATORS = frozenset("-·‧*:")
_NOUN = re.compile(r"(?<![^\W_])[A-ZÄÖÜ][^\W\d_]+")
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
        for match in _NEGATIONS.finditer(line)
        if not (
            _BOLD_AROUND.search(line[: match.start()])
            and line[match.end() : match.end() + 2] in ("**", "__")
        )
    ]


def _matches(pattern: re.Pattern[str]) -> Callable[[str], list[str]]:
    return lambda line: [match.group() for match in pattern.finditer(line)]


#: Rules read word by word in a line, in the order the notes are given.
_LINE_RULES: list[tuple[str, Callable[[str], list[str]]]] = [
    ("ls_abbreviation", _abbreviations),
    ("ls_negation", _negations),
    ("ls_genitive", _matches(_GENITIVE)),
    ("ls_subjunctive", _matches(_SUBJUNCTIVE)),
    ("ls_percent", _matches(_PERCENT)),
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
