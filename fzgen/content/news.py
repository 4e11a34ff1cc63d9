"""News: `news/<date>-<name>.md` and its translations `<date>-<name>.<language>.md`.

An item's day is the date its file name starts with (`2027-01-10-sprechstunde.md`)
or the `date:` of its front matter; one of them must be there, and where both
are, they must agree. `until:` hides the item after that day. A translation has
only its `title` and text: day, `until` and `draft` are the source file's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from fzgen.content.fields import DateField, YesNo
from fzgen.content.folder import SiteFolder
from fzgen.content.free_pages import markdown_files, read_front_matter
from fzgen.content.loaded import NewsFile
from fzgen.content.model import Model, Name
from fzgen.content.yamlfile import Document
from fzgen.errors import Diagnostic

#: The folder of a site that holds its news.
NEWS_FOLDER = "news"
#: A file name that starts with a day: `2027-01-10-…`.
_NAME_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:-|$)")


class NewsMeta(Model):
    """The front matter of a news item in the source language."""

    title: Name
    date: DateField | None = None
    until: DateField | None = None
    draft: YesNo = False


class NewsTranslationMeta(Model):
    """The front matter of a news item's translation: its title only."""

    title: Name


def load_news(folder: SiteFolder, languages: list[str] | None) -> Iterator[NewsFile]:
    """Every news item of the site in every language it is written in, sources first."""
    source = languages[0] if languages else "de"
    found = list(markdown_files(folder, NEWS_FOLDER, languages, "news_suffix"))
    sources: dict[str, NewsFile] = {}
    for path, slug, language in found:
        if language == source:
            item = _load_source(folder, path, slug, source)
            if item is not None:
                sources[slug] = item
                yield item
    for path, slug, language in found:
        if language == source:
            continue
        original = sources.get(slug)
        if original is not None:
            translation = _load_translation(folder, path, original, language)
            if translation is not None:
                yield translation
        elif not (folder.site_dir / NEWS_FOLDER / f"{slug}.md").exists():
            folder.error(
                path, "page_source_missing", name=path.name, source=source, expected=f"{slug}.md"
            )


def _load_source(folder: SiteFolder, path: Path, slug: str, language: str) -> NewsFile | None:
    read = read_front_matter(folder, path)
    if read is None:
        return None
    document, body = read
    meta: NewsMeta | None = folder.validate(NewsMeta, document, path, {})
    day = _day(folder, path, slug, document, meta)
    if meta is None or day is None:
        return None
    if meta.until is not None and meta.until < day:
        _field_error(
            folder,
            path,
            document,
            "until",
            "news_until_before_date",
            until=meta.until.isoformat(),
            date=day.isoformat(),
        )
        return None
    return NewsFile(slug, language, folder.rel(path), meta.title, day, meta.until, meta.draft, body)


def _day(
    folder: SiteFolder, path: Path, slug: str, document: Document, meta: NewsMeta | None
) -> dt.date | None:
    """The item's day from its file name or its `date:`; an error where neither gives one
    or the two disagree."""
    named: dt.date | None = None
    if match := _NAME_DATE.match(slug):
        try:
            named = dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            folder.error(path, "news_name_date", name=path.name)
            return None
    if meta is None:
        return None
    if meta.date is not None and named is not None and meta.date != named:
        _field_error(
            folder,
            path,
            document,
            "date",
            "news_date_conflict",
            date=meta.date.isoformat(),
            name=path.name,
            named=named.isoformat(),
        )
        return None
    day = meta.date or named
    if day is None:
        example = f"{dt.date(2027, 1, 10).isoformat()}-{slug}.md"
        _field_error(
            folder, path, document, "date", "news_date_missing", name=path.name, example=example
        )
    return day


def _load_translation(
    folder: SiteFolder, path: Path, original: NewsFile, language: str
) -> NewsFile | None:
    read = read_front_matter(folder, path)
    if read is None:
        return None
    document, body = read
    meta: NewsTranslationMeta | None = folder.validate(NewsTranslationMeta, document, path, {})
    if meta is None:
        return None
    return NewsFile(
        original.slug,
        language,
        folder.rel(path),
        meta.title,
        original.date,
        original.until,
        original.draft,
        body,
    )


def _field_error(
    folder: SiteFolder, path: Path, document: Document, field: str, code: str, **params: str
) -> None:
    """An error about one field of the front matter, at its line (or the first line of the
    front matter where the field is missing)."""
    line, column = document.position((field,)) or (2, 1)
    folder.diagnostics.append(
        Diagnostic(folder.rel(path), code, line, column, (field,), params=params)
    )
