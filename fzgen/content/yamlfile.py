"""Read YAML as the coordinator wrote it: strings, lists and mappings with line marks.

PyYAML's YAML 1.1 resolvers turn `01234` into 668, `10:30` into 630 and `no`
into False. We compose the node graph with no implicit resolvers at all, so every
scalar stays the text that was typed, and let the pydantic models type it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import yaml

from fzgen.content.yaml_mistakes import (
    OPENING_QUOTES,
    Finding,
    explain_syntax_error,
    scalar_note,
)
from fzgen.errors import Diagnostic, Severity

Path = tuple[str | int, ...]

_BaseLoader: type[yaml.BaseLoader] = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The C composer (several times faster) with a resolver that never guesses types."""

    def resolve(self, kind: type[yaml.Node], value: object, implicit: object) -> str:
        # Tags are never looked at: every scalar is kept as the text that was typed.
        return "tag:yaml.org,2002:str"

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        """Path-based resolvers are never registered; skip their bookkeeping."""

    def ascend_resolver(self) -> None:
        """See descend_resolver."""


#: A document that expands to more values than this is an alias bomb, not content.
MAX_VALUES = 200_000
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
#: What stands before a value on its line: a field's colon, a list's dash or bracket.
_VALUE_STARTS = frozenset(":-[{,")
#: What a line starts after: a comment after only these stands on a line of its own.
_LINE_STARTS = frozenset({"", "\n", "\r"})
#: What may stand between a value and a comment.
_BLANKS = frozenset(" \t")


@dataclass
class Document:
    """A parsed YAML document with the position of every value and key."""

    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    #: Notes on values YAML read differently from what was typed (a `#`, quotes).
    notes: dict[Path, Diagnostic] = field(default_factory=dict)

    def position(self, path: Path) -> tuple[int, int] | None:
        """Line and column (1-based) of the value at `path`, or of its nearest parent."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return None


class _TooLarge(Exception):
    pass


class _Builder:
    """Turns a composed node graph into plain Python values, recording marks."""

    def __init__(self, rel_path: str, line_offset: int, text: str) -> None:
        self.rel_path = rel_path
        self.line_offset = line_offset
        self.text = text
        #: Whether the text has anything YAML may drop: most files have not, and
        #: then no value needs a look of its own.
        self.suspect = _may_drop_text(text)
        self.count = 0
        self.active: set[int] = set()
        #: Plain values already looked at for text YAML drops (an alias repeats its node).
        self.looked_at: set[int] = set()
        self.document = Document(data=None)
        self.diagnostics: list[Diagnostic] = []

    def mark(self, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1)

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _TooLarge
        self.document.values.setdefault(path, self.mark(node))
        if isinstance(node, yaml.ScalarNode):
            if not node.style and self.suspect:
                # Only a blank after a value (a comment may follow), a quote from Word
                # or a `!tag` needs a closer look.
                end = node.end_mark.index
                after, first = self.text[end : end + 1], node.value[:1]
                if after in _BLANKS or first in OPENING_QUOTES or node.tag[:1] == "!":
                    self.note(node, path)
            if not node.style and node.value in _NULLS:
                return None
            return node.value
        if id(node) in self.active:
            # An alias that points into itself would expand forever.
            self.diagnostics.append(self.error(node, path, "yaml_recursive_alias"))
            return None
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
            assert isinstance(node, yaml.MappingNode)
            return self.build_mapping(node, path)
        finally:
            self.active.discard(id(node))

    def build_mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.diagnostics.append(self.error(key_node, path, "yaml_complex_key"))
                continue
            key = key_node.value
            twin = _case_twin(key, result)
            if twin is not None:
                self.diagnostics.append(
                    self.error(key_node, (*path, key), "yaml_key_case", key=key, other=twin)
                )
                continue
            if key in result:
                self.diagnostics.append(
                    self.error(key_node, (*path, key), "yaml_duplicate_key", key=key)
                )
                continue
            self.document.keys[(*path, key)] = self.mark(key_node)
            result[key] = self.build(value_node, (*path, key))
        return result

    def note(self, node: yaml.ScalarNode, path: Path) -> None:
        """A note where YAML drops part of what was typed (a comment, a tag, quotes)."""
        if id(node) in self.looked_at:
            return  # an alias repeats the value: one note is enough
        self.looked_at.add(id(node))
        finding = scalar_note(self.text, node)
        if finding is not None:
            diagnostic = _diagnostic(self.rel_path, finding, self.line_offset, "warning")
            diagnostic = dataclasses.replace(diagnostic, field=path)
            self.diagnostics.append(diagnostic)
            self.document.notes[path] = diagnostic

    def error(self, node: yaml.Node, path: Path, code: str, **params: str) -> Diagnostic:
        line, column = self.mark(node)
        return Diagnostic(self.rel_path, code, line, column, path, params=params)


def parse_yaml(
    text: str, rel_path: str, line_offset: int = 0
) -> tuple[Document | None, list[Diagnostic]]:
    """Parse one YAML document; never raises for bad input, returns diagnostics instead."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(text, rel_path, line_offset, exc)]
    except yaml.reader.ReaderError as exc:  # a control character: the reader gives a position
        before = _text_before(text, exc.position, exc.character)
        line = before.count("\n") + 1 + line_offset
        column = len(before) - before.rfind("\n")
        params = {"character": f"U+{exc.character:04X}" if isinstance(exc.character, int) else ""}
        return None, [Diagnostic(rel_path, "yaml_control_character", line, column, params=params)]
    except yaml.YAMLError as exc:
        return None, [Diagnostic(rel_path, "yaml_syntax", params={"detail": str(exc)})]
    if node is None:
        return None, [Diagnostic(rel_path, "file_empty", 1 + line_offset, 1)]
    builder = _Builder(rel_path, line_offset, text)
    try:
        data = builder.build(node, ())
    except _TooLarge:
        line, column = builder.mark(node)
        return None, [Diagnostic(rel_path, "yaml_too_large", line, column)]
    except RecursionError:
        return None, [Diagnostic(rel_path, "yaml_too_deep", *builder.mark(node))]
    builder.document.data = data
    if not isinstance(data, dict):
        line, column = builder.mark(node)
        kind = "list" if isinstance(data, list) else "text"
        return None, [Diagnostic(rel_path, "file_not_mapping", line, column, params={"kind": kind})]
    return builder.document, builder.diagnostics


def _syntax_error(
    text: str, rel_path: str, line_offset: int, exc: yaml.MarkedYAMLError
) -> Diagnostic:
    """The syntax error as the mistake that was made, else the parser's own words."""
    mark = exc.problem_mark or exc.context_mark
    if mark is not None and _has_tab_indent(text, mark.line):
        return Diagnostic(rel_path, "yaml_tab", mark.line + 1 + line_offset, mark.column + 1)
    finding = explain_syntax_error(text, exc)
    if finding is not None:
        return _diagnostic(rel_path, finding, line_offset, "error")
    line = mark.line + 1 + line_offset if mark else None
    column = mark.column + 1 if mark else None
    problem = str(exc.problem or exc.context or "")
    return Diagnostic(rel_path, "yaml_syntax", line, column, params={"detail": problem})


def _diagnostic(
    rel_path: str, finding: Finding, line_offset: int, severity: Severity
) -> Diagnostic:
    line, column = finding.line + 1 + line_offset, finding.column + 1
    return Diagnostic(
        rel_path, finding.code, line, column, params=finding.params, severity=severity
    )


def _may_drop_text(text: str) -> bool:
    """Whether a value of `text` may lose text: a `#` after text on its line, a quote
    from Word or a phone, or a `!`. String searches, as a regular expression looking at
    every character would cost more than reading the file."""
    if " !" in text:
        return True
    for quote in OPENING_QUOTES:
        at = text.find(quote)
        while at != -1:
            if _before_blanks(text, at) in _VALUE_STARTS:
                return True  # the quote starts a value
            at = text.find(quote, at + 1)
    hash_at = text.find(" #")
    while hash_at != -1:
        if _before_blanks(text, hash_at) not in _LINE_STARTS:
            return True  # text before the blank on the same line: not a comment line
        hash_at = text.find(" #", hash_at + 2)
    return "\t#" in text


def _before_blanks(text: str, index: int) -> str:
    """The character before the blanks that end at `index`, or "" at the text's start."""
    index -= 1
    while index >= 0 and text[index] in _BLANKS:
        index -= 1
    return text[index] if index >= 0 else ""


def _text_before(text: str, position: int, character: object) -> str:
    """The text before a reader error: libyaml counts UTF-8 bytes, PyYAML characters."""
    if isinstance(character, int) and text[position : position + 1] == chr(character):
        return text[:position]
    return text.encode("utf-8")[:position].decode("utf-8", errors="ignore")


def _case_twin(key: str, earlier: dict[str, Any]) -> str | None:
    """An earlier key of the same group written the same but for case (`de` and `DE`):
    fzgen reads keys as written, so the later one would silently win or be lost."""
    if key in earlier:
        return None
    folded = key.casefold()
    return next((other for other in earlier if other.casefold() == folded), None)


def _has_tab_indent(text: str, line_index: int) -> bool:
    """Whether the line the parser stopped at is indented with a tab (YAML forbids it)."""
    lines = text.splitlines()
    if not 0 <= line_index < len(lines):
        return False
    line = lines[line_index]
    return "\t" in line[: len(line) - len(line.lstrip())]
