"""`translations import`: a translated PO file back into a site's YAML and Markdown files.

Every changed file is made in memory and the site is loaded with them by the
same loader `fzgen check` uses; only when that finds no error are the files
written, each staged beside its target and renamed over it at the end.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po

from fzgen.commands.po_splice import translate_page, translate_yaml
from fzgen.content.coverage import (
    HASHES_FILE,
    Unit,
    hashes_text,
    read_hashes,
    site_units,
    source_hash,
)
from fzgen.content.loader import Content, SiteContent, load_site
from fzgen.content.news import NEWS_FOLDER
from fzgen.errors import ContentError, Diagnostic, UsageError

# --- import -------------------------------------------------------------------------


#: Why an entry of a PO file was not taken, in the order a report lists them: what the
#: coordinator should act on first, untranslated entries last.
SKIP_REASONS = (
    "changed",
    "fuzzy",
    "page_title",
    "page_body",
    "news_title",
    "news_body",
    "unknown",
    "no_place",
    "unsafe",
    "empty",
)


@dataclass(frozen=True)
class Skipped:
    """An entry of the PO file that was not taken, and why (one of SKIP_REASONS)."""

    #: `offers/elterncafe.yaml#summary`, or None when the entry names no text (no msgctxt).
    key: str | None
    reason: str
    #: Line of the entry in the PO file.
    line: int | None


@dataclass(frozen=True)
class Imported:
    """What an import wrote, and what it left out."""

    site: str
    language: str
    #: Keys of the texts written, e.g. `offers/elterncafe.yaml#title`.
    written: tuple[str, ...]
    #: Entries not taken, in the order of SKIP_REASONS, then of the PO file.
    skipped: tuple[Skipped, ...]


class ImportRefused(ContentError):
    """The files an import would write are not valid; nothing was written.

    `entries` are the PO entries behind the errors: (key, line in the PO file).
    """

    def __init__(
        self, diagnostics: list[Diagnostic], entries: list[tuple[str, int | None]]
    ) -> None:
        super().__init__(diagnostics)
        self.entries = entries


#: Files of a site's content: given to `translations import` by mistake for the PO file.
CONTENT_SUFFIXES = frozenset({".yaml", ".yml", ".md"})


@dataclass(frozen=True)
class _Entry:
    """A translation to write, and where it stands in the PO file."""

    unit: Unit
    text: str
    line: int | None


def read_catalog(path: Path) -> Catalog:
    """The PO file at `path`. A file that is missing, unreadable, not UTF-8 or no PO
    file at all is a UsageError naming it; nothing is printed while reading."""
    name = str(path)
    if not path.is_file():
        raise UsageError("po_missing", file=name)
    if path.suffix.lower() in CONTENT_SUFFIXES:
        raise UsageError("po_content_file", file=name)
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
    ImportRefused, and no file is touched. Entries that are empty, fuzzy, whose
    source changed since the export, or half of a page that has no translation
    yet are skipped, each with its reason.
    """
    catalog = read_catalog(path)
    site, language = _target(content, catalog, str(path))
    site_dir = content.root / site.slug
    hashes = read_hashes(site_dir)
    changes, skipped, unchanged = _sorted_entries(catalog, site, language)
    files, taken, not_made = _changed_files(site_dir, site.languages, language, changes)
    for unit in [*unchanged, *(entry.unit for entry in taken)]:
        hashes.setdefault(unit.key, {})[language] = source_hash(unit.source)
    recorded = hashes_text(hashes).encode("utf-8")
    hashes_path = site_dir / HASHES_FILE
    # No new file that records nothing.
    current = hashes_path.read_bytes() == recorded if hashes_path.is_file() else not hashes
    if not current:
        files[HASHES_FILE] = recorded
    errors = _errors_after(content.root, site.slug, files, catalogue_languages)
    if errors:
        raise ImportRefused(errors, _entries_behind(errors, site.slug, taken, language))
    _write_all(site_dir, files)
    order = {reason: index for index, reason in enumerate(SKIP_REASONS)}
    report = sorted([*skipped, *not_made], key=lambda s: (order[s.reason], s.line or 0))
    return Imported(site.slug, language, tuple(e.unit.key for e in taken), tuple(report))


def _sorted_entries(
    catalog: Catalog, site: SiteContent, language: str
) -> tuple[dict[str, list[_Entry]], list[Skipped], list[Unit]]:
    """The PO file's entries as translations to write (by file), entries skipped, and
    texts whose translation is already the one in the file."""
    # Expired news too: a translation made before the item expired is still worth keeping.
    units = {u.key: u for u in site_units(site, expired=True)}
    changes: dict[str, list[_Entry]] = {}
    skipped: list[Skipped] = []
    unchanged: list[Unit] = []
    for message in catalog:
        if not message.id:
            continue  # the header
        key = None if message.context is None else str(message.context)
        text = message.string if isinstance(message.string, str) else ""
        unit = units.get(key or "")
        reason = _skip_reason(key, unit, text, message.fuzzy, message.id)
        if reason is not None:
            skipped.append(Skipped(key, reason, message.lineno))
        elif unit is not None and (unit.translations.get(language) or "").strip() == text.strip():
            unchanged.append(unit)
        elif unit is not None:
            changes.setdefault(unit.file, []).append(_Entry(unit, text, message.lineno))
    return changes, skipped, unchanged


def _skip_reason(
    key: str | None, unit: Unit | None, text: str, fuzzy: bool, source: object
) -> str | None:
    """Why an entry is not taken (a SKIP_REASONS code), or None to take it."""
    if key is None:
        return "no_place"  # not written by `translations export`
    if unit is None:
        return "unknown"  # the file or field is gone since the export
    if not text.strip():
        return "empty"
    if fuzzy:
        return "fuzzy"
    if unit.source != source:
        return "changed"
    return None


def _changed_files(
    site_dir: Path, languages: list[str], language: str, changes: dict[str, list[_Entry]]
) -> tuple[dict[str, bytes], list[_Entry], list[Skipped]]:
    """The new bytes of every file the translations change, the entries written into
    them, and those that could not be (half a new page, a place not safe to edit)."""
    files: dict[str, bytes] = {}
    taken: list[_Entry] = []
    skipped: list[Skipped] = []
    for file, entries in sorted(changes.items()):
        target = _written_file(file, language)
        if target != file:
            data, made, left = _page(site_dir, file, target, entries)
        else:
            original = (site_dir / file).read_bytes()
            edits = [(entry.unit.field, entry.text) for entry in entries]
            data, failed = translate_yaml(original, edits, language, languages)
            made = [e for i, e in enumerate(entries) if i not in failed]
            left = [
                Skipped(e.unit.key, "unsafe", e.line) for i, e in enumerate(entries) if i in failed
            ]
        path = site_dir / target
        if data is not None and not (path.is_file() and path.read_bytes() == data):
            files[target] = data
        taken += made
        skipped += left
    return files, taken, skipped


def _page(
    site_dir: Path, file: str, target: str, entries: list[_Entry]
) -> tuple[bytes | None, list[_Entry], list[Skipped]]:
    """A page's or news item's translation (`<slug>.<lang>.md`): a new one only with title
    and body, so that none shows the source text as if translated; an existing one takes
    either. A new news translation has only a title in its front matter."""
    title = next((e for e in entries if e.unit.field == ("title",)), None)
    body = next((e for e in entries if e.unit.field == ()), None)
    exists = (site_dir / target).is_file()
    if not exists and (title is None or body is None):
        kind = "news" if file.startswith(f"{NEWS_FOLDER}/") else "page"
        reason = f"{kind}_title" if body is None else f"{kind}_body"
        return None, [], [Skipped(e.unit.key, reason, e.line) for e in entries]
    base = site_dir / (target if exists else file)
    only_title = not exists and file.startswith(f"{NEWS_FOLDER}/")
    data = translate_page(
        base.read_bytes(), title.text if title else None, body.text if body else None, only_title
    )
    if data is None:
        return None, [], [Skipped(e.unit.key, "unsafe", e.line) for e in entries]
    return data, entries, []


def _written_file(file: str, language: str) -> str:
    """The file a translation of a text in `file` goes to: a page's or news item's is its
    own file."""
    if file.startswith(("pages/", f"{NEWS_FOLDER}/")):
        return Path(file).with_name(f"{Path(file).stem}.{language}.md").as_posix()
    return file


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
