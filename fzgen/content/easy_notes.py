"""Notes for `fzgen check` on texts in Leichte Sprache (language `ls`) that break a rule
a program can see (`fzgen.content.easy_rules`): every `ls:` text of site.yaml and the
offers, and the title and text of free pages and news written as `<name>.ls.md`. Each
note names the file and the line where the problem stands; they never fail a build."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from fzgen.content.easy import EASY
from fzgen.content.easy_rules import SENTENCE_LIMIT, RuleBreak, rule_breaks
from fzgen.content.fields import Text
from fzgen.content.loaded import Content, SiteContent
from fzgen.content.model import Address
from fzgen.content.yamlfile import Document, parse_yaml
from fzgen.errors import Diagnostic

SITE_FILES = ("site.yaml", "site.yml")

#: How many lines after a folded text's start its words are looked for.
SEARCH_LINES = 200

Field = tuple[str | int, ...]


def easy_read_notes(content: Content) -> tuple[Diagnostic, ...]:
    """The rule breaks of every Leichte-Sprache text of the sites that have `ls`."""
    notes: list[Diagnostic] = []
    for site in content.sites:
        if EASY in site.languages:
            notes += site_notes(content.root, site)
    return tuple(notes)


def site_notes(root: Path, site: SiteContent) -> list[Diagnostic]:
    """The rule breaks of one site's Leichte-Sprache texts, in its YAML and Markdown files."""
    names = known_names(site)
    site_file = next(
        (f"{site.slug}/{name}" for name in SITE_FILES if (root / site.slug / name).is_file()),
        None,
    )
    yaml_files = [site_file] if site_file else []
    yaml_files += [entry.path for entry in site.offers]
    notes: list[Diagnostic] = []
    for rel_path in yaml_files:
        text = _read(root, rel_path)
        if text is not None:
            notes += yaml_notes(text, rel_path, names)
    markdown = [p.path for p in site.pages if p.language == EASY]
    markdown += [n.path for n in site.news if n.language == EASY]
    for rel_path in markdown:
        text = _read(root, rel_path)
        if text is not None:
            notes += markdown_notes(text, rel_path, names)
    return notes


def known_names(site: SiteContent) -> set[str]:
    """The names of the centre, its organisation, Sozialraum, partners and places:
    names are written as they are, not taken apart."""
    texts: list[Text | str | None] = [site.site.name, site.site.organisation, site.site.sozialraum]
    texts += [partner.name for partner in site.site.partners]
    addresses: list[object] = [partner.address for partner in site.site.partners]
    addresses += [site.site.coordinator.address]
    addresses += [entry.offer.location for entry in site.offers]
    texts += [address.name for address in addresses if isinstance(address, Address)]
    names: set[str] = set()
    for text in texts:
        if isinstance(text, Text):
            names.update(text.values.values())
        elif isinstance(text, str):
            names.add(text)
    return names


def yaml_notes(text: str, rel_path: str, names: Iterable[str]) -> list[Diagnostic]:
    """The rule breaks of every `ls:` text of one YAML file, at their lines."""
    document, _ = parse_yaml(text, rel_path)
    if document is None:
        return []
    lines = text.split("\n")
    notes = []
    for field, value in easy_texts(document.data):
        start = document.position(field)
        if start is None:
            continue
        breaks = rule_breaks(value, names)
        notes += _placed(breaks, rel_path, field, _yaml_lines(breaks, lines, start))
    return notes


def easy_texts(data: Any, field: Field = ()) -> Iterator[tuple[Field, str]]:
    """Every text written under an `ls:` key, with its field."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == EASY and isinstance(value, str):
                yield (*field, key), value
            else:
                yield from easy_texts(value, (*field, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from easy_texts(value, (*field, index))


def markdown_notes(text: str, rel_path: str, names: Iterable[str]) -> list[Diagnostic]:
    """The rule breaks of a page or news item in Leichte Sprache: its title in the front
    matter and its text below the second `---`."""
    lines = text.split("\n")
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in {"---", "..."}), None)
    if not lines or lines[0].strip() != "---" or end is None:
        return []
    notes: list[Diagnostic] = []
    document, _ = parse_yaml("\n".join(lines[1:end]) or "\n", rel_path, line_offset=1)
    title = document.data.get("title") if isinstance(document, Document) else None
    if isinstance(document, Document) and isinstance(title, str):
        breaks = rule_breaks(title, names)
        start = document.position(("title",)) or (2, 1)
        notes += _placed(breaks, rel_path, ("title",), _yaml_lines(breaks, lines, start))
    body = rule_breaks("\n".join(lines[end + 1 :]), names)
    # The text starts on the line after the second `---` (line end + 2, counted from 1).
    places = [_column(lines, end + 2 + found.line, found) for found in body]
    return notes + _placed(body, rel_path, (), places)


def _yaml_lines(
    breaks: list[RuleBreak], lines: list[str], start: tuple[int, int]
) -> list[tuple[int, int | None]]:
    """Where in the file each rule break of a YAML text stands. A literal block (`|`)
    keeps its lines: text line n is the n-th line after the `|`. Other texts YAML folds
    into fewer lines; there the words concerned are looked for from the value on."""
    line, column = start
    indicator = lines[line - 1][column - 1 : column] if 0 < line <= len(lines) else ""
    if indicator == "|":
        return [_column(lines, line + 1 + found.line, found) for found in breaks]
    placed: list[tuple[int, int | None]] = []
    # A later line of the text stands on the same line of the file or a later one: the
    # search for a text line starts where the previous text line's words were found.
    floor, text_line, found_at = line, 0, line
    for found in breaks:  # in the order of their lines
        if found.line != text_line:
            floor, text_line = found_at, found.line
        last = min(len(lines), floor + SEARCH_LINES)
        at = next((n for n in range(floor, last + 1) if _where(lines[n - 1], found) >= 0), floor)
        found_at = max(found_at, at)
        placed.append(_column(lines, at, found))
    return placed


def _search_word(found: RuleBreak) -> str:
    """What to look for in the file: the sentence's start, or the first word concerned."""
    return found.words[0].removesuffix("…").strip() if found.words else ""


def _where(line: str, found: RuleBreak) -> int:
    """Where the words concerned start in `line`, or -1."""
    word = _search_word(found)
    at = line.find(word) if word else -1
    if at < 0 and found.rule == "ls_sentence_long" and word:
        at = line.find(word.split()[0])  # a folded sentence may break after its first word
    return at


def _column(lines: list[str], line: int, found: RuleBreak) -> tuple[int, int | None]:
    at = _where(lines[line - 1], found) if 0 < line <= len(lines) else -1
    return line, (at + 1 if at >= 0 else None)


def _placed(
    breaks: list[RuleBreak],
    rel_path: str,
    field: Field,
    places: list[tuple[int, int | None]],
) -> list[Diagnostic]:
    return [
        Diagnostic(
            rel_path,
            found.rule,
            line,
            column,
            field,
            params=_params(found),
            severity="warning",
        )
        for found, (line, column) in zip(breaks, places, strict=True)
    ]


def _params(found: RuleBreak) -> dict[str, str]:
    params = {"words": "\n".join(found.words)}
    if found.count:
        params.update(count=str(found.count), limit=str(SENTENCE_LIMIT))
    return params


def _read(root: Path, rel_path: str) -> str | None:
    """A file loading has read already (so inside the site folder), read once more: the
    validated content keeps no lines."""
    try:
        return (root / rel_path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
