"""The comment-keeping round trip: a form's changes written into the YAML text.

ruamel.yaml's round-trip mode keeps comments with their fields, the order of
keys and the quoting of values it does not touch. What it would change on its
own is set back: the BOM and the line ends of the file (as
`fzgen.commands.po_splice` keeps them), the indentation of its lists, and long
lines (never folded). Only the nodes whose values changed are replaced; a
file whose values did not change is not written at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_BLOCK_ITEM = re.compile(r"^( *)- ", re.MULTILINE)
_KEY_LINE = re.compile(r"^( *)[^\s#-][^\n]*:\s*(?:#.*)?$")
#: A line that starts a top-level key (not a comment, a list item or `---`).
_TOP_KEY = re.compile(r"^(?![#\s-]|\.\.\.)[^\n]*:(?:\s|$)")


def digest(raw: bytes) -> str:
    """The fingerprint a form carries of the file it was filled from."""
    return hashlib.sha256(raw).hexdigest()


def split_file(raw: bytes) -> tuple[str, str, str]:
    """The BOM (or nothing), the line end and the text with `\\n` line ends."""
    text = raw.decode("utf-8")
    bom = ""
    if text.startswith("\ufeff"):
        bom, text = "\ufeff", text[1:]
    crlf = text.count("\r\n")
    newline = "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"
    return bom, newline, text.replace("\r\n", "\n")


def _list_offset(text: str) -> int:
    """How far this file indents a block list under its key (`key:\\n  - a` is 2)."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        item = _BLOCK_ITEM.match(line)
        if item is None or index == 0:
            continue
        previous = lines[index - 1]
        key = _KEY_LINE.match(previous)
        if key is not None:
            return max(0, len(item.group(1)) - len(key.group(1)))
    return 2


def _yaml(text: str) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    offset = _list_offset(text)
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    return yaml


def _node(value: Any, flow: bool = False) -> Any:
    """A new value as ruamel.yaml writes it: lists of words in brackets."""
    if isinstance(value, dict):
        return CommentedMap((k, _node(v)) for k, v in value.items())
    if isinstance(value, list):
        words = all(isinstance(item, str) for item in value)
        seq = CommentedSeq(_node(item) for item in value)
        if words or flow:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and value.isdigit() and str(int(value)) == value:
        # fzgen reads every value as text: `menu: 10` and `menu: '10'` mean the same.
        return int(value)
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        # A date from the date picker is written plain (`until: 2027-07-31`), as typed.
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(value)
    return value


def merge(node: Any, before: Any, after: Any) -> Any:
    """`node` (the file's value) changed only where `after` differs from `before`
    (both the same nested shape, made by `fzgen.editor.values.nest`)."""
    if before == after:
        return node
    if isinstance(node, CommentedMap) and isinstance(before, dict) and isinstance(after, dict):
        for key in [k for k in before if k not in after]:
            node.pop(key, None)
        for key, value in after.items():
            if key in node and key in before:
                node[key] = merge(node[key], before[key], value)
            else:
                node[key] = _node(value)
        return node
    if isinstance(node, CommentedSeq) and isinstance(before, list) and isinstance(after, list):
        for index, value in enumerate(after):
            if index < len(node) and index < len(before):
                node[index] = merge(node[index], before[index], value)
            else:
                node.append(_node(value))
        del node[len(after) :]
        return node
    flow = isinstance(node, CommentedSeq) and node.fa.flow_style()
    return _node(after, flow)


def changed_text(
    raw: bytes, before: dict[str, Any], after: dict[str, Any], header: str = ""
) -> bytes:
    """The file `raw` with the values changed from `before` to `after`, every other
    byte kept as far as ruamel.yaml can; `header` (comment lines) starts a new file."""
    bom, newline, text = split_file(raw) if raw else ("", "\n", header)
    yaml = _yaml(text)
    data = yaml.load(text) if text.strip(" \n#") else None
    if not isinstance(data, CommentedMap):
        data = CommentedMap()
        if text.strip():
            data.yaml_set_start_comment(
                "\n".join(line.lstrip("# ") for line in text.strip("\n").split("\n"))
            )
    keys = list(data)
    data = merge(data, before, after)
    out = io.StringIO()
    yaml.dump(data, out)
    result = kept_blocks(text, keys, out.getvalue(), list(data), before, after) if raw else None
    return (bom + (result or out.getvalue()).replace("\n", newline)).encode("utf-8")


def _blocks(text: str, count: int) -> tuple[str, list[str]] | None:
    """The text before the first top-level key, and the text of each top-level key (its
    line up to the next key's: comments and blank lines in between belong to it); None
    when the lines do not show `count` keys."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if _TOP_KEY.match(line)]
    if len(starts) != count or not starts:
        return None
    ends = [*starts[1:], len(lines)]
    head = "\n".join(lines[: starts[0]]) + "\n" if starts[0] else ""
    blocks = ["\n".join(lines[start:end]) for start, end in zip(starts, ends, strict=True)]
    blocks = [block + "\n" for block in blocks[:-1]] + blocks[-1:]
    return head, blocks


def kept_blocks(
    text: str,
    keys: list[Any],
    written: str,
    new_keys: list[Any],
    before: dict[str, Any],
    after: dict[str, Any],
) -> str | None:
    """`written` (ruamel.yaml's whole file) with the block of every top-level key whose
    value did not change taken from the original text byte for byte: ruamel.yaml would
    re-indent it, join its folded lines, drop a `---` or the spaces after a colon. None
    when the blocks cannot be told apart (then `written` stands)."""
    old, new = _blocks(text, len(keys)), _blocks(written, len(new_keys))
    if old is None or new is None:
        return None
    originals = dict(zip(keys, old[1], strict=True))
    parts = [old[0]]
    for key, block in zip(new_keys, new[1], strict=True):
        same = key in originals and before.get(key) == after.get(key)
        parts.append(originals[key] if same else block)
    for index, part in enumerate(parts[:-1]):
        if part and not part.endswith("\n"):
            parts[index] = part + "\n"
    return "".join(parts)
