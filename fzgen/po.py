"""The translator round trip: a site's texts out as a gettext PO file, translations back
into its YAML and Markdown files (comments and layout kept, by ruamel.yaml).

Apart from `fzgen.translations` so that a build, which needs only the status,
does not import ruamel.yaml and Babel's PO support (20 ms of every start).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import LiteralScalarString

from fzgen.errors import UsageError
from fzgen.load import Content, SiteContent
from fzgen.translations import Unit, read_hashes, site_units, source_hash, write_hashes
from fzgen.yamlfile import parse_yaml

# --- export -------------------------------------------------------------------------


def export_po(content: Content, site_slug: str, language: str) -> bytes:
    """A PO file of every text of the site: source, translation, place, outdated flag."""
    site = _site(content, site_slug, language)
    hashes = read_hashes(content.root / site.slug)
    catalog = Catalog(locale=language, project=f"fzgen {site.slug}", fuzzy=False)
    catalog.header_comment = (
        f"# Übersetzung der Website {site.slug} nach {language}.\n# Erstellt mit fzgen."
    )
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
            auto_comments=[f"Feld: {'.'.join(str(p) for p in unit.field) or 'Seitentext'}"],
            context=unit.key,
        )
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=False, omit_header=False)
    return buffer.getvalue()


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


def _round_trip_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def import_po(content: Content, po_bytes: bytes) -> tuple[str, str, list[str], int]:
    """Write the translations of a PO file into the site's YAML and Markdown files.

    Returns (site, language, keys written, entries skipped). Fuzzy entries, those
    whose source changed since the export, and a page title without its body
    (the page would show the source text as if translated) are skipped.
    """
    catalog = read_po(io.BytesIO(po_bytes))
    language = str(catalog.locale) if catalog.locale else ""
    site_slug = (catalog.project or "").removeprefix("fzgen ").strip()
    site = _site(content, site_slug, language)
    site_dir = content.root / site.slug
    units = {u.key: u for u in site_units(site)}
    hashes = read_hashes(site_dir)
    changes: dict[str, list[tuple[Unit, str]]] = {}
    skipped = 0
    for message in catalog:
        if not message.id or message.context not in units:
            continue
        if not message.string:
            continue
        unit = units[str(message.context)]
        if message.fuzzy or unit.source != message.id:
            skipped += 1  # unfinished, or the source changed since the export
            continue
        text = str(message.string)
        if unit.translations.get(language) == text:
            hashes.setdefault(unit.key, {})[language] = source_hash(unit.source)
            continue
        changes.setdefault(unit.file, []).append((unit, text))
    written: list[str] = []
    for file, items in sorted(changes.items()):
        if file.startswith("pages/"):
            page_exists = (site_dir / file).with_name(f"{Path(file).stem}.{language}.md").exists()
            if not page_exists and not any(unit.field == () for unit, _ in items):
                skipped += len(items)
                continue
            _write_page(site_dir / file, language, items)
        else:
            _write_yaml(site_dir / file, language, site.languages[0], items)
        for unit, _ in items:
            hashes.setdefault(unit.key, {})[language] = source_hash(unit.source)
            written.append(unit.key)
    write_hashes(site_dir, hashes)
    return site.slug, language, written, skipped


def _write_yaml(path: Path, language: str, source: str, items: list[tuple[Unit, str]]) -> None:
    yaml = _round_trip_yaml()
    data = yaml.load(path.read_text(encoding="utf-8"))
    for unit, text in items:
        parent: Any = data
        for part in unit.field[:-1]:
            parent = parent[part]
        name = unit.field[-1]
        value = parent[name]
        if not isinstance(value, dict):
            # A plain text becomes a mapping per language, the source first.
            mapping = CommentedMap()
            mapping[source] = value
            parent[name] = mapping
            value = mapping
        value[language] = (
            LiteralScalarString(text.rstrip("\n") + "\n") if "\n" in text.strip() else text.strip()
        )
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _write_page(path: Path, language: str, items: list[tuple[Unit, str]]) -> None:
    """Create or update `<slug>.<lang>.md` with the translated title and body."""
    target = path.with_name(f"{path.stem}.{language}.md")
    title = next((text for unit, text in items if unit.field == ("title",)), None)
    body = next((text for unit, text in items if unit.field == ()), None)
    old_title, old_body, menu = _read_page(target) if target.exists() else (None, None, None)
    source_title, source_body, source_menu = _read_page(path)
    title = title or old_title or source_title
    body = body if body is not None else (old_body if old_body is not None else source_body)
    front = [f"title: {_quote(title)}"]
    menu = menu if menu is not None else source_menu
    if menu is not None:
        front.append(f"menu: {menu}")
    target.write_text(
        "---\n" + "\n".join(front) + "\n---\n" + body.strip() + "\n", encoding="utf-8"
    )


def _read_page(path: Path) -> tuple[str, str, str | None]:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---", 2)
    document, _ = parse_yaml(front, path.name)
    data = document.data if document else {}
    return str(data.get("title", "")), body.strip(), data.get("menu")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


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
