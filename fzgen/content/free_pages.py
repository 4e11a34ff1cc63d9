"""Free pages: `pages/<slug>.md` and its translations `<slug>.<language>.md`, with front matter."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from fzgen.content.fields import SLUG_PATTERN
from fzgen.content.folder import SiteFolder
from fzgen.content.loaded import PageFile
from fzgen.content.model import PageMeta
from fzgen.content.yamlfile import Document
from fzgen.errors import Diagnostic

#: Folders every site has in each language; a free page may not take their name.
RESERVED_PAGE_SLUGS = frozenset(
    {
        "angebote",
        "auswahl",
        "netzwerk",
        "kontakt",
        "impressum",
        "datenschutz",
        "barrierefreiheit",
        "programm",
        "neuigkeiten",
        "files",
    }
)


def markdown_files(
    folder: SiteFolder,
    subfolder: str,
    languages: list[str] | None,
    suffix_hint: str,
    reserved: frozenset[str] = frozenset(),
) -> Iterator[tuple[Path, str, str]]:
    """The Markdown files of `pages/` or `news/` as (path, slug, language): `<slug>.md` in
    the source language, `<slug>.<language>.md` in another. A file named against the
    rules gets its error and is left out."""
    source = languages[0] if languages else "de"
    for path in folder.entries(folder.site_dir / subfolder):
        if path.suffix != ".md" or not path.is_file():
            folder.unexpected(path, suffix_hint)
            continue
        slug, _, language = path.stem.partition(".")
        if not SLUG_PATTERN.fullmatch(slug) or "." in language:
            folder.error(path, "file_name", name=path.name, suffix=".md")
        elif slug in reserved:
            names = ", ".join(sorted(reserved))
            folder.error(path, "page_slug_reserved", name=slug, reserved=names)
        elif language == source:
            folder.error(path, "page_source_language_suffix", name=path.name, expected=f"{slug}.md")
        elif language and languages is not None and language not in languages:
            folder.error(
                path, "page_language_unknown", language=language, languages=", ".join(languages)
            )
        else:
            yield path, slug, language or source


def load_pages(folder: SiteFolder, languages: list[str] | None) -> Iterator[PageFile]:
    source = languages[0] if languages else "de"
    pages: list[PageFile] = []
    found = markdown_files(folder, "pages", languages, "page_suffix", RESERVED_PAGE_SLUGS)
    for path, slug, language in found:
        page = load_page(folder, path, slug, language)
        if page is not None:
            pages.append(page)
    sources = {p.slug for p in pages if p.language == source}
    for page in pages:
        if page.language != source and page.slug not in sources:
            if not (folder.site_dir / "pages" / f"{page.slug}.md").exists():
                folder.error(
                    folder.content_dir / page.path,
                    "page_source_missing",
                    name=Path(page.path).name,
                    source=source,
                    expected=f"{page.slug}.md",
                )
            continue
        yield page


def load_page(folder: SiteFolder, path: Path, slug: str, language: str) -> PageFile | None:
    found = read_front_matter(folder, path)
    if found is None:
        return None
    document, body = found
    meta: PageMeta | None = folder.validate(PageMeta, document, path, {})
    if meta is None:
        return None
    return PageFile(slug, language, folder.rel(path), meta, body)


def read_front_matter(folder: SiteFolder, path: Path) -> tuple[Document, str] | None:
    """A Markdown file's front matter (between two `---` lines) as YAML, and its text."""
    text = folder.read_text(path)
    if text is None:
        return None
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        folder.error(path, "front_matter_missing", 1)
        return None
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in {"---", "..."}), None)
    if end is None:
        folder.error(path, "front_matter_unclosed", 1)
        return None
    document = folder.read_yaml(path, "".join(lines[1:end]) or "\n", line_offset=1)
    if document is None:
        if not "".join(lines[1:end]).strip():
            folder.diagnostics[-1:] = [
                Diagnostic(folder.rel(path), "missing", 2, 1, ("title",), params={"name": "title"})
            ]
        return None
    return document, "".join(lines[end + 1 :])
