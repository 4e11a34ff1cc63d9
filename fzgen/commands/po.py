"""The translator round trip: a site's texts out as a gettext PO file, translations back
into its YAML and Markdown files (every other byte kept, `po_splice`).

Apart from `fzgen.content.coverage` so that a build, which needs only the status,
does not import Babel's PO support (20 ms of every start).
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from fzgen.commands.po_import import Imported, ImportRefused, Skipped, import_po, read_catalog
from fzgen.content.coverage import (
    read_hashes,
    site_units,
    source_hash,
    write_hashes,
)
from fzgen.content.loader import Content, SiteContent
from fzgen.content.news import NEWS_FOLDER
from fzgen.content.yamlfile import parse_yaml
from fzgen.errors import UsageError
from fzgen.messages import cli_text, file_text

# --- export -------------------------------------------------------------------------


def export_po(content: Content, site_slug: str, language: str) -> bytes:
    """A PO file of every text of the site: source, translation, place, outdated flag."""
    site = _site(content, site_slug, language)
    hashes = read_hashes(content.root / site.slug)
    catalog = Catalog(locale=language, project=f"fzgen {site.slug}", fuzzy=False)
    # For the translator: German, like the source texts the file carries.
    catalog.header_comment = file_text("po_header", "de", site=site.slug, language=language)
    for unit in site_units(site):
        translation = unit.translations.get(language, "")
        recorded = hashes.get(unit.key, {}).get(language)
        flags = (
            ["fuzzy"] if translation and recorded not in (None, source_hash(unit.source)) else []
        )
        if unit.markdown:
            flags.append("markdown-text")
        line = _line_of(content.root / site.slug / unit.file, unit.field)
        catalog.add(
            unit.source,
            translation,
            locations=[(f"{site.slug}/{unit.file}", line)],
            flags=flags,
            auto_comments=[_field_comment(unit.file, unit.field)],
            context=unit.key,
        )
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=False, omit_header=False)
    return buffer.getvalue()


def _field_comment(file: str, field: tuple[str | int, ...]) -> str:
    """`Feld: schedule.0.time` (or the text of a page or news item) for the translator."""
    body = "po_news_body" if file.startswith(f"{NEWS_FOLDER}/") else "po_body"
    name = ".".join(str(p) for p in field) or file_text(body, "de")
    return file_text("po_field", "de", field=name)


def _line_of(path: Path, field: tuple[str | int, ...]) -> int:
    if path.suffix != ".yaml" and path.suffix != ".yml":
        return 1
    document, _ = parse_yaml(path.read_text(encoding="utf-8"), path.name)
    position = document.position(field) if document else None
    return position[0] if position else 1


def _site(content: Content, slug: str, language: str) -> SiteContent:
    site = content.site(slug)
    if site is None:
        raise UsageError(
            "site_unknown", site=slug, available=", ".join(s.slug for s in content.sites)
        )
    if language not in site.languages[1:]:
        raise UsageError(
            "translation_language", language=language, languages=", ".join(site.languages[1:])
        )
    return site


# --- import -------------------------------------------------------------------------


def skipped_lines(imported: Imported, lang: str) -> list[str]:
    """What an import left out, one line per entry (`datei#feld: Grund`), in `lang`."""
    if not imported.skipped:
        return []
    lines = [cli_text("po_skipped_header", lang)]
    for entry in imported.skipped:
        key = entry.key
        if key is None:
            key = cli_text("po_skipped_line", lang, line=str(entry.line or "?"))
        lines.append(
            cli_text(f"po_skipped_{entry.reason}", lang, key=key, language=imported.language)
        )
    return lines


# --- confirm ------------------------------------------------------------------------


def confirm(content: Content, site_slug: str, language: str | None) -> int:
    """Record the current sources of existing translations as their basis (after a review)."""
    site = content.site(site_slug)
    if site is None:
        raise UsageError(
            "site_unknown", site=site_slug, available=", ".join(s.slug for s in content.sites)
        )
    hashes = read_hashes(content.root / site.slug)
    count = 0
    for unit in site_units(site):
        for lang in unit.translations:
            if language in (None, lang):
                hashes.setdefault(unit.key, {})[lang] = source_hash(unit.source)
                count += 1
    write_hashes(content.root / site.slug, hashes)
    return count


__all__ = [
    "ImportRefused",
    "Imported",
    "Skipped",
    "confirm",
    "export_po",
    "import_po",
    "read_catalog",
    "skipped_lines",
]
