"""`translations import`: a translated PO file back into a site's YAML and Markdown files.

Every changed file is made in memory and the site is loaded with them by the
same loader `fzgen check` uses; only when that finds no error are the files
written, each staged beside its target and renamed over it at the end.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import LiteralScalarString

from fzgen.content.coverage import (
    HASHES_FILE,
    Unit,
    hashes_text,
    read_hashes,
    site_units,
    source_hash,
)
from fzgen.content.loader import Content, SiteContent, load_site
from fzgen.content.yamlfile import parse_yaml
from fzgen.errors import ContentError, Diagnostic, UsageError

# --- import -------------------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    """What an import wrote."""

    site: str
    language: str
    #: Keys of the texts written, e.g. `offers/elterncafe.yaml#title`.
    written: tuple[str, ...]
    #: Entries not taken: fuzzy, source changed since the export, page title without body.
    skipped: int


class ImportRefused(ContentError):
    """The files an import would write are not valid; nothing was written.

    `entries` are the PO entries behind the errors: (key, line in the PO file).
    """

    def __init__(
        self, diagnostics: list[Diagnostic], entries: list[tuple[str, int | None]]
    ) -> None:
        super().__init__(diagnostics)
        self.entries = entries


@dataclass(frozen=True)
class _Entry:
    """A translation to write, and where it stands in the PO file."""

    unit: Unit
    text: str
    line: int | None


def _round_trip_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def read_catalog(path: Path) -> Catalog:
    """The PO file at `path`. A file that is missing, unreadable, not UTF-8 or no PO
    file at all is a UsageError naming it; nothing is printed while reading."""
    name = str(path)
    if not path.is_file():
        raise UsageError("po_missing", file=name)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        detail = exc.strerror or type(exc).__name__
        raise UsageError("po_unreadable", file=name, detail=detail) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UsageError("po_encoding", file=name, line=str(line)) from None
    # Lines split at "\n" only, as Babel splits bytes: a translation may hold U+2028.
    lines = [line + "\n" for line in text.split("\n")]
    try:
        # abort_invalid: otherwise Babel prints two English warnings for every line it
        # cannot read and goes on, and a YAML file given by mistake reads as empty.
        return read_po(lines, abort_invalid=True)
    except PoFileError as exc:
        if isinstance(exc.__context__, ValueError):  # raised by a header's value, see below
            raise UsageError("po_header", file=name) from None
        raise UsageError("po_invalid", file=name, line=str(exc.lineno + 1)) from None
    except ValueError:
        # A header value Babel cannot read (Language "!!x", a date); raised as it is
        # when the next line is an entry, wrapped in PoFileError when it is a comment.
        raise UsageError("po_header", file=name) from None


def _printable(text: str, limit: int = 60) -> str:
    """A value from a PO file's header, safe to put into a message."""
    return "".join(c if c.isprintable() else "?" for c in text[:limit])


def _target(content: Content, catalog: Catalog, name: str) -> tuple[SiteContent, str]:
    """The site and the language a PO file is for, from its header."""
    # Exported as "Project-Id-Version: fzgen <site> VERSION"; Babel splits off the
    # last word as the version, so the site may end up in either part.
    words = f"{catalog.project or ''} {catalog.version or ''}".split()
    if len(words) < 2 or words[0] != "fzgen":
        raise UsageError("po_site_missing", file=name)
    site = content.site(words[1])
    if site is None:
        available = ", ".join(s.slug for s in content.sites)
        raise UsageError(
            "po_site_unknown", file=name, site=_printable(words[1]), available=available
        )
    targets = site.languages[1:]
    if catalog.locale is None:
        raise UsageError("po_language_missing", file=name)
    codes = (str(catalog.locale), catalog.locale.language)  # "tr_TR" stands for "tr" too
    language = next((code for code in codes if code in targets), None)
    if language is None:
        raise UsageError(
            "po_language",
            file=name,
            language=_printable(codes[0]),
            site=site.slug,
            languages=", ".join(targets),
        )
    return site, language


def import_po(content: Content, path: Path, catalogue_languages: Collection[str]) -> Imported:
    """Write the translations of a PO file into the site's YAML and Markdown files.

    Every changed file is made in memory first and the site is loaded with them
    from a copy of its folder, by the loader `fzgen check` uses; only if that
    finds no error are the files written, each atomically. Otherwise
    ImportRefused, and no file is touched. Fuzzy entries, those whose source
    changed since the export, and a page title without its body (the page would
    show the source text as if translated) are skipped.
    """
    catalog = read_catalog(path)
    site, language = _target(content, catalog, str(path))
    site_dir = content.root / site.slug
    units = {u.key: u for u in site_units(site)}
    hashes = read_hashes(site_dir)
    changes: dict[str, list[_Entry]] = {}
    skipped = 0
    for message in catalog:
        if not message.id or message.context not in units or not message.string:
            continue
        unit = units[str(message.context)]
        if message.fuzzy or unit.source != message.id:
            skipped += 1  # unfinished, or the source changed since the export
            continue
        text = str(message.string)
        if unit.translations.get(language) == text:
            hashes.setdefault(unit.key, {})[language] = source_hash(unit.source)
            continue
        changes.setdefault(unit.file, []).append(_Entry(unit, text, message.lineno))
    files: dict[str, bytes] = {}
    taken: list[_Entry] = []
    for file, entries in sorted(changes.items()):
        target = _written_file(file, language)
        if file.startswith("pages/"):
            if not (site_dir / target).exists() and not any(e.unit.field == () for e in entries):
                skipped += len(entries)
                continue
            files[target] = _translated_page(site_dir / file, site_dir / target, entries)
        else:
            files[target] = _translated_yaml(site_dir / file, language, site.languages[0], entries)
        taken += entries
    for entry in taken:
        hashes.setdefault(entry.unit.key, {})[language] = source_hash(entry.unit.source)
    recorded = hashes_text(hashes).encode("utf-8")
    hashes_path = site_dir / HASHES_FILE
    if not hashes_path.is_file() or hashes_path.read_bytes() != recorded:
        files[HASHES_FILE] = recorded
    errors = _errors_after(content.root, site.slug, files, catalogue_languages)
    if errors:
        raise ImportRefused(errors, _entries_behind(errors, site.slug, taken, language))
    _write_all(site_dir, files)
    return Imported(site.slug, language, tuple(e.unit.key for e in taken), skipped)


def _written_file(file: str, language: str) -> str:
    """The file a translation of a text in `file` goes to: a page's is its own file."""
    if file.startswith("pages/"):
        return Path(file).with_name(f"{Path(file).stem}.{language}.md").as_posix()
    return file


def _translated_yaml(path: Path, language: str, source: str, entries: list[_Entry]) -> bytes:
    yaml = _round_trip_yaml()
    data = yaml.load(path.read_text(encoding="utf-8-sig"))
    for entry in entries:
        parent: Any = data
        for part in entry.unit.field[:-1]:
            parent = parent[part]
        name = entry.unit.field[-1]
        value = parent[name]
        if not isinstance(value, dict):
            # A plain text becomes a mapping per language, the source first.
            mapping = CommentedMap()
            mapping[source] = value
            parent[name] = mapping
            value = mapping
        text = entry.text
        # A block keeps line breaks readable; ruamel.yaml would write any character
        # into one, so a text with characters YAML cannot hold raw is left to its
        # quoting (escapes), which keeps the text exactly.
        block = "\n" in text.strip() and all(_block_safe(c) for c in text)
        value[language] = LiteralScalarString(text.rstrip("\n") + "\n") if block else text.strip()
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue().encode("utf-8")


def _block_safe(character: str) -> bool:
    if character in "\n\t":
        return True
    return character.isprintable() and character != "\ufeff"


def _translated_page(source: Path, target: Path, entries: list[_Entry]) -> bytes:
    """`<slug>.<lang>.md` with the translated title and body."""
    title = next((e.text for e in entries if e.unit.field == ("title",)), None)
    body = next((e.text for e in entries if e.unit.field == ()), None)
    old_title, old_body, menu = _read_page(target) if target.exists() else (None, None, None)
    source_title, source_body, source_menu = _read_page(source)
    title = title or old_title or source_title
    body = body if body is not None else (old_body if old_body is not None else source_body)
    front = [f"title: {_quote(title)}"]
    menu = menu if menu is not None else source_menu
    if menu is not None:
        front.append(f"menu: {menu}")
    text = "---\n" + "\n".join(front) + "\n---\n" + body.strip() + "\n"
    return text.encode("utf-8")


def _read_page(path: Path) -> tuple[str, str, str | None]:
    text = path.read_text(encoding="utf-8-sig")
    _, front, body = text.split("---", 2)
    document, _ = parse_yaml(front, path.name)
    data = document.data if document else {}
    return str(data.get("title", "")), body.strip(), data.get("menu")


def _quote(text: str) -> str:
    """`text` as a YAML double-quoted scalar that reads back exactly: every character
    YAML cannot hold raw (line breaks, controls, separators) as an escape."""
    escaped = []
    for character in text:
        if character in '"\\':
            escaped.append("\\" + character)
        elif character == "\t" or (character.isprintable() and character != "\ufeff"):
            escaped.append(character)
        elif ord(character) > 0xFFFF:
            escaped.append(f"\\U{ord(character):08x}")
        else:
            escaped.append(f"\\u{ord(character):04x}")
    return '"' + "".join(escaped) + '"'


# --- checking before writing ---------------------------------------------------------


def _errors_after(
    content_root: Path, slug: str, files: dict[str, bytes], catalogue_languages: Collection[str]
) -> list[Diagnostic]:
    """The errors the site would have with `files` written: loaded by fzgen's own
    loader from a copy of the site folder, so the originals stay untouched."""
    if not files:
        return []  # the site as it is, which `check` found valid
    try:
        # Beside the sites (a hidden folder, which no loader reads), so that the copy
        # can be made of hard links: no file is copied, however large its files/ are.
        with tempfile.TemporaryDirectory(prefix=".fzgen-import-", dir=content_root) as folder:
            mirror = Path(folder)
            copy = mirror / slug
            shutil.copytree(content_root / slug, copy, symlinks=True, copy_function=_link_or_copy)
            for name, data in files.items():
                path = copy / name
                # A hard link: writing into it would change the original.
                path.unlink(missing_ok=True)
                path.write_bytes(data)
            _, found = load_site(mirror, copy, catalogue_languages)
    except OSError as exc:
        detail = exc.strerror or type(exc).__name__
        raise UsageError("po_write_failed", folder=str(content_root), detail=detail) from None
    return [d for d in found if d.severity == "error"]


def _link_or_copy(source: str, destination: str) -> str:
    """A hard link where the file system allows one, else a copy."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)
    return destination


def _entries_behind(
    errors: list[Diagnostic], slug: str, taken: list[_Entry], language: str
) -> list[tuple[str, int | None]]:
    """The PO entries whose translations lead to `errors`: those written into the
    file of an error, narrowed to the field the error names where that is possible."""
    behind: dict[str, int | None] = {}
    for diagnostic in errors:
        file = diagnostic.path.removeprefix(f"{slug}/")
        in_file = [e for e in taken if _written_file(e.unit.file, language) == file]
        depth = len(diagnostic.field)
        near = [e for e in in_file if e.unit.field[:depth] == diagnostic.field[: len(e.unit.field)]]
        for entry in near or in_file:
            behind.setdefault(entry.unit.key, entry.line)
    return list(behind.items())


# --- writing ------------------------------------------------------------------------


def _write_all(site_dir: Path, files: dict[str, bytes]) -> None:
    """Write every file atomically: first each into a hidden temporary file beside
    it, flushed to disk, then each renamed over its target."""
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in files.items():
            target = site_dir / name
            staged.append((_staged(target, data), target))
        for temporary, target in staged:
            os.replace(temporary, target)
    except OSError as exc:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        detail = exc.strerror or type(exc).__name__
        raise UsageError("po_write_failed", folder=str(site_dir), detail=detail) from None
    for folder in sorted({target.parent for _, target in staged}):
        _sync_folder(folder)


def _staged(target: Path, data: bytes) -> Path:
    """`data` in a new hidden file beside `target`, on disk, with target's permissions."""
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    # Created as a new file would be (0666 less the umask), not private like mkstemp's.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(temporary, stat.S_IMODE(target.stat().st_mode))
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _sync_folder(folder: Path) -> None:
    """Make the renames in `folder` durable, where the system can sync a folder."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
