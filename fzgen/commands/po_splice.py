"""Translations spliced into the text of YAML files and pages: every other byte stays.

A round trip through a YAML library rewrites what it does not model: ruamel.yaml
re-indents `- ` lists and 4-space mappings, drops the spaces after a colon and
between flow items, loses a BOM and CRLF line ends, and hangs the comments above
the next field under a text that turns into a mapping. Here each translation is
written into the text at the marks PyYAML's parser gives its nodes (a character
index, so a BOM or CRLF cannot shift them), and the result is read back: an edit
that would change anything but its own text is not made.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

_Path = tuple[str | int, ...]
#: YAML's base loader: every scalar a string, and libyaml's grammar, as fzgen's own
#: reader sees it (PyYAML's Python scanner refuses a tab after a colon, libyaml does not).
#: Its marks count characters, once a BOM is split off.
_READER: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
#: Where a plain scalar may not start: YAML indicators, and typographic quotes,
#: which a reader of the file would take for quoting that does not count.
_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@`") | {
    chr(code) for code in (0x201C, 0x201D, 0x201E, 0x2018, 0x2019, 0x201A, 0xAB, 0xBB)
}
#: Texts that fzgen reads as "nothing" when written plain.
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


@dataclass(frozen=True)
class Layout:
    """How the file is written: its line end, and the languages in the site's order."""

    newline: str
    languages: tuple[str, ...]

    @property
    def source(self) -> str:
        """The source language: the key a plain text moves under."""
        return self.languages[0]


def newline_of(text: str) -> str:
    """The line end most lines of `text` use."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"


def split_bom(raw: bytes) -> tuple[str, str]:
    """The BOM (or nothing) and the text of a UTF-8 file."""
    text = raw.decode("utf-8")
    return ("\ufeff", text[1:]) if text.startswith("\ufeff") else ("", text)


def translate_yaml(
    raw: bytes, edits: Sequence[tuple[_Path, str]], language: str, languages: Sequence[str]
) -> tuple[bytes, set[int]]:
    """The file with each (field, translation) of `edits` written in `language`, and the
    indices of the edits that could not be made without changing anything else."""
    bom, text = split_bom(raw)
    layout = Layout(newline_of(text), tuple(languages))
    failed: set[int] = set()
    for index, (field, translation) in enumerate(edits):
        changed = _translated(text, field, translation, language, layout)
        if changed is None:
            failed.add(index)
        else:
            text = changed
    return (bom + text).encode("utf-8"), failed


def set_scalar(text: str, key: str, value: str, newline: str) -> str | None:
    """`text` (a mapping) with the plain text under `key` replaced by `value`, or None
    where that cannot be done without changing anything else."""
    try:
        root = yaml.compose(text, Loader=_READER)
        before = yaml.load(text, Loader=_READER)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    pair = _pair(root, key)
    if pair is None or not isinstance(pair[1], yaml.ScalarNode) or not _local(*pair):
        return None
    value = value.strip()
    expected = copy.deepcopy(before)
    expected[key] = value
    result = _replaced(text, pair, value, newline, flow=bool(root.flow_style))
    return result if _reads_as(result, expected) else None


def translate_page(
    raw: bytes, title: str | None, body: str | None, only_title: bool = False
) -> bytes | None:
    """A page (`---` front matter, then Markdown) with a new title and/or body, its other
    front matter (none with `only_title`, as in a news item's translation), BOM and line
    ends kept; None if its front matter cannot take the title."""
    bom, text = split_bom(raw)
    newline = newline_of(text)
    lines = re.split(r"(?<=\n)", text)
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in {"---", "..."}), None)
    if lines[0].strip() != "---" or end is None:
        return None
    front = f'title: ""{newline}' if only_title else "".join(lines[1:end])
    if title is not None:
        changed = set_scalar(front, "title", title, newline)
        if changed is None:
            return None
        front = changed
    closing = lines[end] if lines[end].endswith("\n") else lines[end] + newline
    rest = "".join(lines[end + 1 :])
    if body is not None:
        rest = body.strip().replace("\r\n", "\n").replace("\n", newline) + newline
    return (bom + lines[0] + front + closing + rest).encode("utf-8")


# --- one translation -----------------------------------------------------------------


def _translated(
    text: str, field: _Path, translation: str, language: str, layout: Layout
) -> str | None:
    try:
        root = yaml.compose(text, Loader=_READER)
        before = yaml.load(text, Loader=_READER)
    except yaml.YAMLError:
        return None
    located = _locate(root, field)
    if located is None:
        return None
    parent, key_node, value_node = located
    value = translation.strip()
    if isinstance(value_node, yaml.ScalarNode):
        edit = _to_mapping(text, parent, key_node, value_node, language, layout)
    elif isinstance(value_node, yaml.MappingNode):
        edit = _into_mapping(text, value_node, language, layout)
    else:
        return None
    if edit is None:
        return None
    for candidate, reads in _emissions(value, edit.flow):
        result = edit.apply(text, candidate, layout.newline)
        found = _read(result)
        if any(found == _expected(before, field, language, layout.source, r) for r in reads):
            return result
    return None


def _locate(
    root: yaml.Node | None, field: _Path
) -> tuple[yaml.MappingNode, yaml.Node, yaml.Node] | None:
    """The mapping holding the text at `field`, its key node and its value node."""
    node: yaml.Node | None = root
    for part in field[:-1]:
        if isinstance(part, int) and isinstance(node, yaml.SequenceNode):
            node = node.value[part] if 0 <= part < len(node.value) else None
        elif isinstance(node, yaml.MappingNode):
            pair = _pair(node, str(part))
            node = pair[1] if pair and _local(*pair) else None
        else:
            return None
        if node is None:
            return None
    if not isinstance(node, yaml.MappingNode):
        return None
    pair = _pair(node, str(field[-1]))
    if pair is None or not _local(*pair):
        return None
    return node, pair[0], pair[1]


def _pair(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    for key_node, value_node in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _local(key_node: yaml.Node, value_node: yaml.Node) -> bool:
    """Whether the value is written after its key: an alias (`*name`) carries the marks
    of the anchored value elsewhere in the file, which is not this field's to change."""
    return bool(value_node.start_mark.index >= key_node.end_mark.index)


@dataclass(frozen=True)
class _Edit:
    """Text to put between `start` and `end`: `before` + the new value + `after`."""

    start: int
    end: int
    before: str
    after: str
    #: Inside `{…}`: the value must be one line and quoted.
    flow: bool
    #: Column of the key the new value belongs to (for a literal block's lines).
    column: int

    def apply(self, text: str, value: Sequence[str], newline: str) -> str:
        """`text` with the edit made; `value` is the new value's lines."""
        indent = " " * (self.column + 2)
        lines = [value[0], *[indent + line if line else "" for line in value[1:]]]
        return (
            text[: self.start] + self.before + newline.join(lines) + self.after + text[self.end :]
        )


def _to_mapping(
    text: str,
    parent: yaml.MappingNode,
    key_node: yaml.Node,
    value_node: yaml.Node,
    language: str,
    layout: Layout,
) -> _Edit | None:
    """`key: Text` → `key:` with the source text and the translation under it, the
    source text as typed (quotes, comment) moved with its key."""
    start, end = value_node.start_mark.index, _content_end(text, value_node)
    source, target = _key(layout.source), _key(language)
    if parent.flow_style:
        before = "{" + f"{source}: {text[start:end]}, {target}: "
        return _Edit(start, end, before, "}", True, 0)
    column = key_node.start_mark.column
    colon = text.find(":", key_node.end_mark.index)
    gap = text[colon + 1 : start]
    # A comment between the key and its value stays on the key's line.
    keep = colon + 1 + len(gap[: gap.rfind("\n")].rstrip("\r")) if "#" in gap else colon + 1
    line_end = _line_end(text, end)
    indent = layout.newline + " " * (column + 2)
    original = _shifted(text[start:line_end], 2)
    before = f"{indent}{source}: {original}{indent}{target}: "
    return _Edit(keep, line_end, before, "", False, column + 2)


def _into_mapping(
    text: str, mapping: yaml.MappingNode, language: str, layout: Layout
) -> _Edit | None:
    """A translation into `key:` + one line per language: the language's line replaced,
    or a new line after the languages before it in the site's order."""
    pairs = [(k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode)]
    if not pairs or len(pairs) != len(mapping.value):
        return None
    codes = [str(k.value).strip().lower() for k, _ in pairs]
    if language in codes:
        key_node, value_node = pairs[codes.index(language)]
        if not isinstance(value_node, yaml.ScalarNode) or not _local(key_node, value_node):
            return None
        return _replacing(text, key_node, value_node, bool(mapping.flow_style))
    anchor = _anchor(codes, language, layout.languages)
    key_node, value_node = pairs[anchor]
    if not _local(key_node, value_node):
        return None
    target = _key(language)
    if mapping.flow_style:
        end = value_node.end_mark.index
        return _Edit(end, end, f", {target}: ", "", True, 0)
    column = key_node.start_mark.column
    at = _line_end(text, _content_end(text, value_node))
    return _Edit(at, at, f"{layout.newline}{' ' * column}{target}: ", "", False, column)


def _anchor(codes: list[str], language: str, languages: Sequence[str]) -> int:
    """The entry the new language follows: the latest one of the languages before it in
    the site's order, else the last entry."""
    position = languages.index(language) if language in languages else len(languages)
    earlier = [i for i, code in enumerate(codes) if code in languages[:position]]
    return max(earlier, key=lambda i: languages.index(codes[i])) if earlier else len(codes) - 1


def _replacing(text: str, key_node: yaml.Node, value_node: yaml.Node, flow: bool) -> _Edit:
    """The edit that puts a new value in place of `value_node`'s text; a comment after a
    one-line value stays behind the new one."""
    start, end = value_node.start_mark.index, _content_end(text, value_node)
    return _Edit(start, end, "", "", flow, key_node.start_mark.column)


def _replaced(
    text: str, pair: tuple[yaml.Node, yaml.Node], value: str, newline: str, flow: bool
) -> str:
    edit = _replacing(text, pair[0], pair[1], bool(flow))
    plain = None if flow else _plain(value)
    return edit.apply(text, [plain or _quoted(value)], newline)


# --- the value as YAML ------------------------------------------------------------------


def _emissions(value: str, flow: bool) -> list[tuple[list[str], tuple[str, ...]]]:
    """Ways to write `value`, the most readable first, each with the texts it may read back
    as: a plain line, a literal block for several lines (its last line break is lost at the
    end of a file without one), else double quotes with escapes."""
    ways: list[tuple[list[str], tuple[str, ...]]] = []
    plain = None if flow else _plain(value)
    if plain is not None:
        ways.append(([plain], (value,)))
    if not flow and "\n" in value and all(_block_safe(c) for c in value):
        ways.append((["|", *value.split("\n")], (value + "\n", value)))
    ways.append(([_quoted(value)], (value,)))
    return ways


def _plain(value: str) -> str | None:
    """`value` as a plain scalar where it reads back as written, else None."""
    if value in _NULLS or value != value.strip() or value[0] in _PLAIN_START:
        return None
    if ": " in value or " #" in value or value.endswith(":") or "\t" in value:
        return None
    if not all(c.isprintable() and c != "\ufeff" for c in value):
        return None
    return value


def _block_safe(character: str) -> bool:
    if character in "\n\t":
        return True
    return character.isprintable() and character != "\ufeff"


def _quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar that reads back exactly: every character
    YAML cannot hold raw (line breaks, controls, separators) as an escape."""
    escaped = []
    for character in text:
        if character in '"\\':
            escaped.append("\\" + character)
        elif character == "\n":
            escaped.append("\\n")
        elif character == "\t" or (character.isprintable() and character != "\ufeff"):
            escaped.append(character)
        elif ord(character) > 0xFFFF:
            escaped.append(f"\\U{ord(character):08x}")
        else:
            escaped.append(f"\\u{ord(character):04x}")
    return '"' + "".join(escaped) + '"'


def _key(language: str) -> str:
    """A language code as a mapping key (`no` would read as a yes/no value unquoted)."""
    return (
        language if re.fullmatch(r"[a-z]{2,3}", language) and language != "no" else f'"{language}"'
    )


# --- positions --------------------------------------------------------------------------


def _content_end(text: str, node: yaml.Node) -> int:
    """Where the node's own text ends: a literal block's end mark lies after the blank
    lines that follow it, which belong to what comes next."""
    start, end = node.start_mark.index, node.end_mark.index
    return start + len(text[start:end].rstrip())


def _line_end(text: str, position: int) -> int:
    """The end of the line `position` is on (before its CR LF or LF), comment included."""
    found = text.find("\n", position)
    if found == -1:
        return len(text)
    return found - 1 if found > position and text[found - 1] == "\r" else found


def _shifted(text: str, width: int) -> str:
    """`text` with every line after the first that holds anything moved right by `width`."""
    lines = text.split("\n")
    return "\n".join(
        [lines[0], *[" " * width + line if line.strip("\r") else line for line in lines[1:]]]
    )


# --- reading back -----------------------------------------------------------------------


def _expected(before: Any, field: _Path, language: str, source: str, value: str) -> Any:
    """The data the file should read as after the edit, or None if `field` is not there."""
    data = copy.deepcopy(before)
    node = data
    try:
        for part in field[:-1]:
            node = node[part]
        old = node[field[-1]]
    except (KeyError, IndexError, TypeError):
        return None
    if isinstance(old, str):
        node[field[-1]] = {source: old, language: value}
    elif isinstance(old, dict):
        key = next((k for k in old if str(k).strip().lower() == language), language)
        old[key] = value
    else:
        return None
    return data


#: What `_read` answers for a text that is no YAML: equal to no expected data.
_UNREADABLE = object()


def _read(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_READER)
    except yaml.YAMLError:
        return _UNREADABLE


def _reads_as(text: str, expected: Any) -> bool:
    return bool(_read(text) == expected)
