"""Translation status: which texts each language of a site lacks, and which are outdated.

Every translatable text of a site is a *unit*: a Text field of site.yaml or an
offer, or the title and body of a free page or of a news item that has not expired
(drafts count: they are translated before they go online). When a translation is
written by `translations import` (or confirmed with `translations confirm`), fzgen records
a short hash of the source text it was made from in `<site>/_translations.yaml`
(ignored as content, like every file starting with `_`). A translation whose
recorded hash differs from the current source text is *outdated*. The round
trip with translation agencies (PO files) is `fzgen.commands.po`'s.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from fzgen.content.fields import Text
from fzgen.content.loader import Content, SiteContent
from fzgen.content.news import NEWS_FOLDER
from fzgen.content.yamlfile import parse_yaml
from fzgen.errors import Diagnostic
from fzgen.messages import file_text
from fzgen.project import reference_date

HASHES_FILE = "_translations.yaml"


def source_hash(text: str) -> str:
    """A short, stable fingerprint of a source text."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Unit:
    """One translatable text of a site."""

    file: str  # relative to the site folder, e.g. offers/elterncafe.yaml
    field: tuple[str | int, ...]  # () for a whole page body, ("title",) for its title
    source: str
    translations: dict[str, str]
    markdown: bool

    @property
    def key(self) -> str:
        """`offers/elterncafe.yaml#title`: unique within a site."""
        return f"{self.file}#{'.'.join(str(p) for p in self.field) or 'body'}"


_MARKDOWN_FIELDS = {"intro", "description"}


def site_units(
    site: SiteContent, today: dt.date | None = None, *, expired: bool = False
) -> Iterator[Unit]:
    """Every translatable text of a site, in file order. News items that expired before
    `today` (the build's day by default) are no longer translated, so not among them
    unless `expired` asks for them too (an import still takes their translations)."""
    for field, text in iter_texts(site.site):
        yield Unit("site.yaml", field, text.original, _targets(text.values, text.source),
                   str(field[-1]) in _MARKDOWN_FIELDS)  # fmt: skip
    for offer in site.offers:
        file = offer.path.split("/", 1)[1]
        for field, text in iter_texts(offer.offer):
            yield Unit(file, field, text.original, _targets(text.values, text.source),
                       str(field[-1]) in _MARKDOWN_FIELDS)  # fmt: skip
    source = site.languages[0]
    pages = [(p.slug, p.language, p.meta.title, p.body) for p in site.pages]
    yield from _markdown_units("pages", pages, source)
    day = today or reference_date()
    news = [
        (n.slug, n.language, n.title, n.body)
        for n in site.news
        if expired or n.until is None or day <= n.until
    ]
    yield from _markdown_units(NEWS_FOLDER, news, source)


def _markdown_units(
    folder: str, files: list[tuple[str, str, str, str]], source: str
) -> Iterator[Unit]:
    """The title and body of each Markdown file (slug, language, title, body) that has a
    source version, with their translations: `pages/<slug>.md#title` and `#body`."""
    versions: dict[str, dict[str, tuple[str, str]]] = {}
    for slug, language, title, body in files:
        versions.setdefault(slug, {})[language] = (title, body.strip())
    for slug, by_language in sorted(versions.items()):
        if source not in by_language:
            continue
        title, body = by_language.pop(source)
        file = f"{folder}/{slug}.md"
        yield Unit(file, ("title",), title, {k: v[0] for k, v in by_language.items()}, False)
        yield Unit(file, (), body, {k: v[1] for k, v in by_language.items()}, True)


def _targets(values: Any, source: str) -> dict[str, str]:
    return {language: text for language, text in values.items() if language != source}


# --- hashes of the sources translations were made from -----------------------------


def read_hashes(site_dir: Path) -> dict[str, dict[str, str]]:
    path = site_dir / HASHES_FILE
    if not path.is_file():
        return {}
    document, _ = parse_yaml(path.read_text(encoding="utf-8"), HASHES_FILE)
    data = document.data if document else {}
    return {
        str(k): {str(lang): str(h) for lang, h in (v or {}).items()}
        for k, v in data.items()
        if isinstance(v, dict)
    }


def hashes_text(hashes: dict[str, dict[str, str]]) -> str:
    """The text of `_translations.yaml` for these recorded hashes."""
    # The file lies among the content, which is German first.
    lines = [file_text("translations_header", "de")]
    for key in sorted(hashes):
        lines.append(f'"{key}":')
        lines += [f"  {lang}: {digest}" for lang, digest in sorted(hashes[key].items())]
    return "\n".join(lines) + "\n"


def write_hashes(site_dir: Path, hashes: dict[str, dict[str, str]]) -> None:
    (site_dir / HASHES_FILE).write_text(hashes_text(hashes), encoding="utf-8")


# --- status -------------------------------------------------------------------------


@dataclass(frozen=True)
class LanguageStatus:
    """How far one language of one site is translated."""

    site: str
    language: str
    total: int
    translated: int
    missing: tuple[str, ...]
    outdated: tuple[str, ...]


def status(content: Content, today: dt.date | None = None) -> list[LanguageStatus]:
    """Per site and target language: translated, missing and outdated texts (news items
    expired before `today` left out)."""
    result = []
    for site in content.sites:
        units = list(site_units(site, today))
        hashes = read_hashes(content.root / site.slug)
        for language in site.languages[1:]:
            missing = tuple(u.key for u in units if language not in u.translations)
            outdated = tuple(
                u.key
                for u in units
                if language in u.translations
                and hashes.get(u.key, {}).get(language) not in (None, source_hash(u.source))
            )
            result.append(
                LanguageStatus(
                    site.slug, language, len(units), len(units) - len(missing), missing, outdated
                )
            )
    return result


def translation_notes(content: Content, today: dt.date | None = None) -> tuple[Diagnostic, ...]:
    """One note per site: how many texts each language still lacks."""
    notes = []
    rows = status(content, today)
    for site in content.sites:
        counts = [
            f"{r.language}={len(r.missing)}" for r in rows if r.site == site.slug and r.missing
        ]
        if counts:
            notes.append(
                Diagnostic(
                    site.slug,
                    "translation_missing",
                    params={"counts": ",".join(counts)},
                    severity="warning",
                )
            )
    return tuple(notes)


def iter_texts(
    value: Any, field: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Text]]:
    """Every translatable Text inside a model, with its field path."""
    if isinstance(value, Text):
        yield field, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from iter_texts(getattr(value, name), (*field, info.alias or name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from iter_texts(item, (*field, index))
