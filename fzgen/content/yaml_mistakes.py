"""What a coordinator typed that YAML reads differently, found in the source text.

Two kinds: a value YAML silently shortens (a `#` that starts a comment, quotes typed by
Word or a phone, a `!` read as a tag), and a syntax error whose parser message points at
the wrong line or speaks of "mapping values". Each becomes a finding with the line to
write instead, built from the line as it was typed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import yaml

from fzgen.messages import wording

#: Quotes that open a quotation in German, English or French typography (“ „ ‘ ‚ « » ”):
#: YAML does not know them, so a value starting with one is plain text.
OPENING_QUOTES = frozenset(map(chr, (0x201C, 0x201E, 0x2018, 0x201A, 0x00AB, 0x00BB, 0x201D)))
#: Quotes that close one (“ ” ‘ ’ « »).
CLOSING_QUOTES = frozenset(map(chr, (0x201C, 0x201D, 0x2018, 0x2019, 0x00AB, 0x00BB)))
_ANY_CLOSING_QUOTE = CLOSING_QUOTES | {'"', "'"}
#: The tag YAML gives a value that was written without `!`.
_PLAIN_TAG = "tag:yaml.org,2002:str"
_LINE_END = re.compile(r"[\r\n\x85\u2028\u2029]")
_COMMENT_AFTER = re.compile(r"[ \t]+#")
#: Values that are complete in themselves, so a `#` after them starts a real comment:
#: times, dates and numbers (09:30-11:00, 2026-05-01, 23843, +49 4531 000000), an
#: e-mail or internet address, a file path.
_COMPLETE = re.compile(
    r"[\d\s.,:;/+()\-\u2013\u2014]+"
    r"|[^\s@]+@[^\s@]+"
    r"|(?:[a-z]+://|www\.)\S+"
    r"|[\w.-]+/[\w./-]+"
)
#: One or two words (tuesday, letzter Mittwoch, kita-sonne, Elterncafé): a code of the
#: format or a name, complete in itself before `# a note`, unless the `#` is written
#: straight onto the text (`Raum #4`). A comment after a sentence may be lost text.
_WORDS = re.compile(r"[^\W\d_][\w-]*(?: [^\W\d_][\w-]*)?")
#: The start of a line up to its text: indentation, list dashes.
_LEAD = re.compile(r"[ \t]*(?:-[ \t]+)*")
#: A field and its value on one line: `  - weekly: tuesday`.
_FIELD_LINE = re.compile(r"(?P<lead>[ \t]*(?:-[ \t]+)*)(?P<key>[^\s:#][^:#]*?):(?:[ \t]+|$)")
#: A field name written straight onto its value: `title:Elterncafé`.
_SQUEEZED = re.compile(r"(?P<lead>[ \t]*(?:-[ \t]+)*)(?P<key>[a-z_][a-z0-9_]*):(?=[^\s/])")
#: A list dash written straight onto its text: `-weekly: tuesday`.
_DASH_SQUEEZED = re.compile(r"[ \t]*-[^\s-]")
#: A field name as fzgen's format writes them (title, postal_code, de).
_FIELD_NAME = re.compile(r"[a-z_][a-z0-9_]*")


@dataclass(frozen=True)
class Finding:
    """One mistake: its code, where it is (0-based line and column) and what to say."""

    code: str
    line: int
    column: int
    params: dict[str, str] = field(default_factory=dict)


def scalar_note(text: str, node: yaml.ScalarNode) -> Finding | None:
    """What YAML drops of a plain value as typed: the part after ` #`, a `!tag`, or the
    typographic quotes a coordinator meant as YAML's quotes."""
    start, end = node.start_mark.index, node.end_mark.index
    rest = text[end : _line_end(text, end)]
    prefix = _prefix(text, start)
    if node.tag != _PLAIN_TAG and node.tag.startswith("!"):
        typed = text[start:end] + (rest if _COMMENT_AFTER.match(rest) else "")
        return Finding(
            "yaml_tag_cut",
            node.start_mark.line,
            node.start_mark.column,
            {"value": node.value, "cut": node.tag, "fixed": prefix + _quoted(typed.rstrip())},
        )
    value = node.value
    if not _COMMENT_AFTER.match(rest):
        inner = _unwrapped(value)
        if inner == value:
            return None
        return Finding(
            "yaml_typographic_quotes",
            node.start_mark.line,
            node.start_mark.column,
            {"value": value, "fixed": prefix + _quoted(inner), "kept": prefix + _kept(value)},
        )
    cut = rest.strip()
    code = _cut_code(value, cut)
    if code is None:
        return None
    typed = (value + rest).strip()
    column = node.end_mark.column + len(rest) - len(rest.lstrip())
    params = {"value": value, "cut": cut, "fixed": prefix + _quoted(_unwrapped(typed))}
    return Finding(code, node.end_mark.line, column, params)


def _cut_code(value: str, cut: str) -> str | None:
    """Whether the comment after `value` is text a coordinator lost, and which kind."""
    straight_on = cut[1:2] not in ("", " ", "\t", "#")  # `#4`, not `# note`
    if value[:1] in OPENING_QUOTES:
        return "yaml_typographic_quotes_cut"
    if not value:
        return "yaml_comment_only" if straight_on else None
    if _COMPLETE.fullmatch(value) or (_WORDS.fullmatch(value) and not straight_on):
        return None
    return "yaml_comment_cut"


def explain_syntax_error(text: str, error: yaml.MarkedYAMLError) -> Finding | None:
    """A syntax error said as the mistake a person made, on the line where it was made."""
    problem, context = str(error.problem or ""), str(error.context or "")
    lines = text.splitlines()
    mark, context_mark = error.problem_mark, error.context_mark
    if mark is None:
        return None
    if problem.startswith("could not find expected ':'") and context_mark is not None:
        return _line_without_colon(lines, context_mark.line)
    if problem.startswith("mapping values are not allowed"):
        return _colon_not_allowed(lines, mark.line, mark.column)
    quoted = context.startswith("while scanning a quoted scalar")
    if quoted and problem.startswith("found unexpected end of stream") and context_mark:
        return _unclosed(lines, context_mark.line, context_mark.column, "yaml_quote_unclosed")
    if problem.startswith("did not find expected ',' or") and context_mark is not None:
        return _unclosed(lines, context_mark.line, context_mark.column, "yaml_bracket_unclosed")
    if context.startswith(
        ("while scanning for the next token", "while scanning an a", "while parsing a tag")
    ):
        where = context_mark or mark
        return _cannot_start(lines, where.line, where.column)
    if problem.startswith("did not find expected key"):
        return _text_after_quote(lines, mark.line, mark.column) or _misaligned(lines, mark.line)
    return None


def _line_without_colon(lines: list[str], index: int) -> Finding | None:
    """A line that YAML read as a field name without its colon (`summary Offener Treff`)."""
    if not 0 <= index < len(lines):
        return None
    line = lines[index]
    start = _indent(line)
    typed = line[start:].rstrip()
    word, _, rest = typed.partition(" ")
    above = _line_above(lines, index)
    if above is not None and _is_list_item(above, start):
        return Finding("yaml_dash_missing", index, start, {"line": typed, "fixed": "- " + typed})
    squeezed = _SQUEEZED.match(line)
    if squeezed:
        return _missing_space(line, index, squeezed)
    if word.endswith(":"):
        return None  # a colon is there; the parser stopped for another reason
    # `Summary Offener Treff`: a field name written with a capital, as a sentence starts.
    name = word.lower() if word[:1].isupper() and word.lower() in _field_names() else word
    if not _FIELD_NAME.fullmatch(name):
        return Finding("yaml_line_without_colon", index, start, {"line": typed})
    fixed = f"{name}: {rest.strip()}" if rest.strip() else f"{name}:"
    params = {"line": typed, "name": name, "fixed": fixed}
    return Finding("yaml_missing_colon", index, start + len(word), params)


def _colon_not_allowed(lines: list[str], index: int, column: int) -> Finding | None:
    """`: ` where YAML expects none: inside a value, or after a line that lacks its colon."""
    if not 0 <= index < len(lines):
        return None
    line = lines[index]
    field_match = _FIELD_LINE.match(line)
    if field_match and field_match.end() <= column:
        value = line[field_match.end() :].rstrip()
        prefix = line[field_match.start("key") : field_match.end()].rstrip() + " "
        if value[:1] in OPENING_QUOTES:
            inner = _unwrapped(value)
            return Finding(
                "yaml_typographic_quotes_syntax",
                index,
                field_match.end(),
                {"value": value, "fixed": prefix + _quoted(inner)},
            )
        params = {"value": value, "fixed": prefix + _quoted(value)}
        return Finding("yaml_colon_in_text", index, column, params)
    return _value_went_on(lines, index, column)


def _value_went_on(lines: list[str], index: int, column: int) -> Finding | None:
    """The line above did not end its value: it lacks a colon (`title Elterncafé`) or a
    space after it (`title:Elterncafé`), or this line is indented under its text."""
    above_index = _index_above(lines, index)
    if above_index is None:
        return None
    above, line = lines[above_index], lines[index]
    indent = _indent(line)
    if _DASH_SQUEEZED.match(above):
        fixed = "- " + above.strip()[1:]
        params = {"line": above.strip(), "fixed": fixed}
        return Finding("yaml_dash_space", above_index, _indent(above) + 1, params)
    if _indent(above) <= indent and (":" not in above or _SQUEEZED.match(above)):
        return _line_without_colon(lines, above_index)
    if _indent(above) == indent:
        return None
    above_field = _FIELD_LINE.match(above)
    if above_field is None or _indent(above) > indent:
        return None
    text = above[above_field.end() :].strip() + " " + line.strip()
    prefix = above[above_field.start("key") : above_field.end()].rstrip() + " "
    params = {
        "line": line.strip(),
        "above": above_field["key"].strip(),
        "name": line.strip().partition(":")[0],
        "fixed": prefix + _quoted(text),
    }
    return Finding("yaml_indented_continuation", index, column, params)


def _missing_space(line: str, index: int, squeezed: re.Match[str]) -> Finding:
    """`title:Elterncafé`: a colon with no space after it is part of the text."""
    after = squeezed.end()
    fixed = f"{line[squeezed.end('lead') : after]} {line[after:].strip()}"
    params = {"line": line.strip(), "name": squeezed["key"], "fixed": fixed}
    return Finding("yaml_missing_space", index, after, params)


def _unclosed(lines: list[str], index: int, column: int, code: str) -> Finding | None:
    """A quote or bracket opened at (index, column) and never closed."""
    if not 0 <= index < len(lines):
        return None
    line = lines[index].rstrip()
    opening = line[column : column + 1]
    closing = {"[": "]", "{": "}"}.get(opening, opening)
    typed = line[_indent(line) :]
    # `"Raum 4”`: Word turned the closing quote into a typographic one.
    fixed = typed[:-1] + closing if typed[-1:] in CLOSING_QUOTES else typed + closing
    params = {"opening": opening, "closing": closing, "line": typed, "fixed": fixed}
    return Finding(code, index, column, params)


def _cannot_start(lines: list[str], index: int, column: int) -> Finding | None:
    """A value that starts with a character YAML reserves (`@`, `` ` ``, `%`, `*`, `&`)."""
    if not 0 <= index < len(lines) or column >= len(lines[index]):
        return None
    line = lines[index]
    field_match = _FIELD_LINE.match(line)
    start = field_match.end() if field_match and field_match.end() <= column else column
    prefix = line[field_match.start("key") : start].rstrip() + " " if field_match else ""
    value = line[start:].rstrip()
    params = {"character": line[column], "value": value, "fixed": prefix + _quoted(value)}
    return Finding("yaml_reserved_character", index, column, params)


def _text_after_quote(lines: list[str], index: int, column: int) -> Finding | None:
    """Text after a closing quote (`title: "Eltern" Café`): the quotes end the value."""
    if not 0 <= index < len(lines):
        return None
    line = lines[index]
    field_match = _FIELD_LINE.match(line)
    if field_match is None or field_match.end() > column:
        return None
    value = line[field_match.end() :].rstrip()
    if value[:1] not in ("'", '"') or not line[:column].rstrip().endswith(value[:1]):
        return None
    prefix = line[field_match.start("key") : field_match.end()].rstrip() + " "
    # `'Kinder's Café'`: the quotes around the text stay, as the other kind.
    inner = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value
    params = {"value": value, "quote": value[0], "fixed": prefix + _quoted(inner)}
    return Finding("yaml_text_after_quote", index, column, params)


def _misaligned(lines: list[str], index: int) -> Finding | None:
    """A field that starts in another column than the fields it stands among."""
    if not 0 <= index < len(lines):
        return None
    field_match, indent = _FIELD_LINE.match(lines[index]), _indent(lines[index])
    if field_match is None:
        return None
    deeper: tuple[str, int] | None = None
    shallower: tuple[str, int] | None = None
    # The fields the line could belong to: each group open above it, innermost first.
    for above in reversed(lines[:index]):
        above_field = _FIELD_LINE.match(above)
        if above_field is None or above.lstrip().startswith("#"):
            continue
        level = _indent(above)
        if level > indent and (deeper is None or level < deeper[1]):
            deeper = (above_field["key"].strip(), level)
        elif level < indent:
            shallower = (above_field["key"].strip(), level)
            break
    choices = [f"{found[0]}={found[1]}" for found in (deeper, shallower) if found is not None]
    if not choices:
        return None
    typed = lines[index].strip()
    params = {"line": typed, "name": field_match["key"].strip(), "aligned": ",".join(choices)}
    return Finding("yaml_misaligned", index, indent, params)


@functools.cache
def _field_names() -> frozenset[str]:
    """Every field name of the format (the editor help names each one)."""
    return frozenset(name for fields in wording("de").schema.values() for name in fields)


def _quoted(text: str) -> str:
    """`text` as a quoted YAML value a coordinator can read: double quotes where they
    need no escapes, else single quotes."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _kept(text: str) -> str:
    """`text` with its typographic quotes kept, inside YAML's quotes."""
    return f"'{text}'" if "'" not in text else _quoted(text)


def _unwrapped(text: str) -> str:
    """`text` without the typographic quotes around it (`„Raum 4“`, `„Raum 4"`), if any."""
    if len(text) > 1 and text[0] in OPENING_QUOTES and text[-1] in _ANY_CLOSING_QUOTE:
        return text[1:-1]
    return text


def _prefix(text: str, start: int) -> str:
    """The typed line before the value at `start`, without its indentation: `room: `."""
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    before = text[line_start:start].strip(" \t")
    if any(bracket in before for bracket in "[{"):
        return ""  # inside [a, b]: the value alone is the thing to write
    return before + " " if before else ""


def _line_end(text: str, index: int) -> int:
    found = _LINE_END.search(text, index)
    return found.start() if found else len(text)


def _index_above(lines: list[str], index: int) -> int | None:
    """The nearest line above with content (not blank, not only a comment)."""
    for above in range(index - 1, -1, -1):
        stripped = lines[above].strip()
        if stripped and not stripped.startswith("#"):
            return above
    return None


def _line_above(lines: list[str], index: int) -> str | None:
    above = _index_above(lines, index)
    return None if above is None else lines[above]


def _indent(line: str) -> int:
    """Where the line's text starts, list dashes counted as indentation."""
    lead = _LEAD.match(line)
    return lead.end() if lead else 0


def _is_list_item(line: str, column: int) -> bool:
    """Whether `line` is a list item of plain text (`- meeting`) whose dash is at `column`."""
    stripped = line.lstrip(" \t")
    dash = len(line) - len(stripped)
    return stripped.startswith("- ") and dash == column and ":" not in stripped
