"""Walk `content/<site>/`, read every file, validate it; collect every error with file:line."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from fzgen.content.fields import SLUG_PATTERN, known_language_codes
from fzgen.content.model import Offer, PageMeta, Site
from fzgen.content.validation import validate
from fzgen.content.yamlfile import Document, parse_yaml
from fzgen.errors import ContentError, Diagnostic

#: Larger files are not content a coordinator typed; refuse them before parsing.
MAX_FILE_BYTES = 8 * 1024 * 1024
#: A file under `files/` larger than this (in MB, site.yaml `max_file_mb`) is refused:
#: families open the sites on slow mobile data.
DEFAULT_MAX_FILE_MB = 20
YAML_SUFFIXES = (".yaml", ".yml")
#: Folders every site has in each language; a free page may not take their name.
RESERVED_PAGE_SLUGS = frozenset(
    {"angebote", "auswahl", "netzwerk", "kontakt", "impressum", "datenschutz", "programm", "files"}
)


@dataclass(frozen=True)
class OfferFile:
    """A validated offer and where it came from."""

    slug: str
    path: str
    offer: Offer


@dataclass(frozen=True)
class PageFile:
    """A validated free page in one language."""

    slug: str
    language: str
    path: str
    meta: PageMeta
    body: str


@dataclass(frozen=True)
class SiteContent:
    """Everything of one site, validated."""

    slug: str
    site: Site
    offers: tuple[OfferFile, ...]
    pages: tuple[PageFile, ...]
    files: tuple[str, ...]

    @property
    def languages(self) -> list[str]:
        """The site's languages, source language first."""
        return self.site.languages

    @property
    def published_offers(self) -> tuple[OfferFile, ...]:
        """Offers that are not drafts, in slug order."""
        return tuple(o for o in self.offers if not o.offer.draft)


@dataclass(frozen=True)
class Content:
    """Every site of a content folder, validated."""

    root: Path
    sites: tuple[SiteContent, ...]
    notes: tuple[Diagnostic, ...] = ()

    def site(self, slug: str) -> SiteContent | None:
        """The site with this slug, if any."""
        return next((s for s in self.sites if s.slug == slug), None)


def is_ignored(name: str) -> bool:
    """Drafts and editor backups: names starting with `_` or `.`."""
    return name.startswith(("_", "."))


class LoadCache:
    """Offers read and validated before, by file and state: the preview reads only what changed.

    An entry is used again only while the file's text and the site's languages
    are the same.
    """

    def __init__(self) -> None:
        #: path → (text and languages, document, offer, what reading it reported).
        self.offers: dict[
            str, tuple[tuple[Any, ...], Document | None, Offer | None, list[Diagnostic]]
        ] = {}


def load_site(
    content_dir: Path,
    site_dir: Path,
    catalogue_languages: Collection[str],
    cache: LoadCache | None = None,
) -> tuple[SiteContent | None, list[Diagnostic]]:
    """One site folder, validated, and what was found wrong (errors and notes)."""
    if site_dir.is_symlink():
        hint = "Verknüpfungen werden nicht gelesen; legen Sie den Ordner selbst hier ab."
        note = Diagnostic(
            site_dir.name,
            "file_unexpected",
            params={"name": site_dir.name, "hint": hint},
            severity="warning",
        )
        return None, [note]
    if not site_dir.is_dir():
        return None, []
    loader = _SiteLoader(content_dir, site_dir, catalogue_languages, cache)
    site = loader.load()
    return site, loader.diagnostics


def unsafe_name_character(character: str) -> bool:
    """Characters no static host serves correctly in a file name: control and bidi
    characters, line breaks, backslashes."""
    return (
        character == "\\"
        or ord(character) < 0x20
        or 0x7F <= ord(character) < 0xA0
        or character in "\u061c\u200e\u200f\u2028\u2029"
        or "\u202a" <= character <= "\u202e"
        or "\u2066" <= character <= "\u2069"
    )


def site_folders(content_dir: Path) -> list[Path]:
    """What below the content folder may be a site, in the order sites are reported."""
    return [p for p in sorted(content_dir.iterdir()) if not is_ignored(p.name)]


def count_offer_files(site_dir: Path) -> int:
    """How many offer files a site folder holds, without reading them."""
    try:
        return sum(1 for p in (site_dir / "offers").iterdir() if p.suffix in YAML_SUFFIXES)
    except OSError:
        return 0


def content_notes(site_dirs: list[Path], diagnostics: list[Diagnostic]) -> tuple[Diagnostic, ...]:
    """The notes of a whole content folder from what loading its sites found; raises
    ContentError with every error, or when there is no site at all."""
    if not any(d.is_dir() and not d.is_symlink() for d in site_dirs) and not diagnostics:
        diagnostics = [Diagnostic(".", "no_sites")]
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        raise ContentError(errors)
    return tuple(
        sorted((d for d in diagnostics if d.severity == "warning"), key=Diagnostic.sort_key)
    )


def load_content(
    content_dir: Path, catalogue_languages: Collection[str], cache: LoadCache | None = None
) -> Content:
    """Load and validate every site below `content_dir`; raise ContentError with all errors."""
    diagnostics: list[Diagnostic] = []
    sites: list[SiteContent] = []
    site_dirs = site_folders(content_dir)
    for site_dir in site_dirs:
        site, found = load_site(content_dir, site_dir, catalogue_languages, cache)
        diagnostics.extend(found)
        if site is not None:
            sites.append(site)
    return Content(content_dir, tuple(sites), content_notes(site_dirs, diagnostics))


@dataclass
class _SiteLoader:
    """Loads one site folder, collecting diagnostics instead of stopping at the first."""

    content_dir: Path
    site_dir: Path
    catalogue_languages: Collection[str]
    cache: LoadCache | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    raw_site: Any = None

    def error_count(self) -> int:
        return sum(d.severity == "error" for d in self.diagnostics)

    def rel(self, path: Path) -> str:
        return path.relative_to(self.content_dir).as_posix()

    def error(self, path: Path, code: str, line: int | None = None, **params: str) -> None:
        self.diagnostics.append(Diagnostic(self.rel(path), code, line, params=params))

    def load(self) -> SiteContent | None:
        if not SLUG_PATTERN.fullmatch(self.site_dir.name):
            self.error(self.site_dir, "file_name", name=self.site_dir.name, suffix="")
        site_file = next(
            (
                self.site_dir / f"site{s}"
                for s in YAML_SUFFIXES
                if (self.site_dir / f"site{s}").is_file()
            ),
            None,
        )
        if site_file is None:
            self.error(self.site_dir, "site_yaml_missing")
            return None
        errors_before = self.error_count()
        document = self.read_yaml(site_file)
        self.raw_site = document.data if document else None
        context = self.text_context(document)
        site = self.validate(Site, document, site_file, context) if document else None
        if document is not None:
            self.check_catalogues(document, site_file)
        if site is not None and document is not None:
            self.check_partner_ids(site, document, site_file)
        files = tuple(self.list_files(self.max_file_mb(site)))
        offers = tuple(self.load_offers(context, site, files))
        pages = tuple(self.load_pages(context["languages"]))
        if site is None or self.error_count() > errors_before:
            return None
        return SiteContent(self.site_dir.name, site, offers, pages, files)

    # --- reading ----------------------------------------------------------------

    @cached_property
    def real_site_dir(self) -> str:
        return os.path.realpath(self.site_dir)

    def link_outside(self, path: Path) -> Path | None:
        """The link on the way from the site folder to `path` that leads out of the site
        folder, if any: nothing outside the site is ever read, whatever links point where."""
        real = os.path.realpath(path)
        if real == self.real_site_dir or real.startswith(self.real_site_dir + os.sep):
            return None
        current = self.site_dir
        for part in path.relative_to(self.site_dir).parts:
            current = current / part
            if current.is_symlink():
                return current
        return path

    def refuse_outside(self, path: Path) -> bool:
        """Report a link out of the site on the way to `path`; True if there is one."""
        link = self.link_outside(path)
        if link is None:
            return False
        try:
            target = os.readlink(link)
        except OSError:
            target = os.path.realpath(link)
        self.diagnostics.append(
            Diagnostic(
                self.rel(link), "link_outside", params={"name": self.rel(link), "target": target}
            )
        )
        return True

    def read_text(self, path: Path) -> str | None:
        if self.refuse_outside(path):
            return None
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                self.error(path, "file_unreadable", detail="größer als 8 MB")
                return None
            raw = path.read_bytes()
        except OSError as exc:
            self.error(path, "file_unreadable", detail=exc.strerror or type(exc).__name__)
            return None
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            self.error(path, "file_encoding", line, offset=str(exc.start + 1))
            return None

    def read_yaml(
        self, path: Path, text: str | None = None, line_offset: int = 0
    ) -> Document | None:
        if text is None:
            text = self.read_text(path)
        if text is None:
            return None
        document, problems = parse_yaml(text, self.rel(path), line_offset)
        self.diagnostics.extend(problems)
        return document if not problems else None

    def validate(self, model: Any, document: Document, path: Path, context: dict[str, Any]) -> Any:
        value, problems = validate(model, document, self.rel(path), context)
        self.diagnostics.extend(problems)
        return value

    def text_context(self, document: Document | None) -> dict[str, Any]:
        """Source and site languages, read leniently: offers validate even if site.yaml fails."""
        raw = document.data.get("languages") if document else None
        codes = [str(c).strip().lower() for c in raw] if isinstance(raw, list) else []
        codes = [c for c in codes if c in known_language_codes()]
        if not codes:
            return {"source_language": "de", "languages": None}
        return {"source_language": codes[0], "languages": list(dict.fromkeys(codes))}

    def check_catalogues(self, document: Document, path: Path) -> None:
        """Every site language needs a UI catalogue (checked on the raw list, so it is
        reported even when other fields of site.yaml have errors)."""
        available = ", ".join(sorted(self.catalogue_languages))
        raw = document.data.get("languages")
        for index, value in enumerate(raw if isinstance(raw, list) else []):
            language = str(value).strip().lower() if isinstance(value, str) else ""
            if language in known_language_codes() and language not in self.catalogue_languages:
                line, column = document.position(("languages", index)) or (None, None)
                self.diagnostics.append(
                    Diagnostic(
                        self.rel(path),
                        "language_no_catalogue",
                        line,
                        column,
                        ("languages", index),
                        params={"language": language, "available": available},
                    )
                )

    def check_partner_ids(self, site: Site, document: Document, path: Path) -> None:
        seen: set[str] = set()
        for index, partner in enumerate(site.partners):
            if partner.id in seen:
                loc = ("partners", index, "id")
                self.reference_error(
                    document, path, loc, "partner_id_repeated", partner.id, id=partner.id
                )
            seen.add(partner.id)

    def entries(self, folder: Path) -> Iterator[Path]:
        if not folder.is_dir() or self.refuse_outside(folder):
            return
        for path in sorted(folder.iterdir()):
            if not is_ignored(path.name):
                yield path

    def list_files(self, limit_mb: int) -> Iterator[str]:
        """The site's own files below `files/`, never through a link (a link could point
        anywhere); each at most `limit_mb` MB."""
        root = self.site_dir / "files"
        if not root.is_dir() or self.refuse_outside(root):
            return
        found: list[Path] = []
        for folder, directories, names in os.walk(root):
            base = Path(folder)
            directories[:] = [d for d in directories if not is_ignored(d)]
            names = [n for n in names if not is_ignored(n)]
            for name in directories + names:
                path = base / name
                if path.is_symlink():
                    self.unexpected(
                        path,
                        "Verknüpfungen werden nicht veröffentlicht; legen Sie die Datei hier ab.",
                    )
                elif name in names:
                    found.append(path)
            directories[:] = [d for d in directories if not (base / d).is_symlink()]
        for path in sorted(found):
            if self.file_acceptable(path, limit_mb):
                yield "files/" + path.relative_to(root).as_posix()

    def file_acceptable(self, path: Path, limit_mb: int) -> bool:
        """A file under `files/` that a static host can serve: a plain name, a sane size."""
        name = path.relative_to(self.site_dir).as_posix()
        if any(unsafe_name_character(c) for c in name):
            self.error(path, "file_name_unsafe", name=name)
            return False
        try:
            size = path.stat().st_size
        except OSError as exc:
            self.error(path, "file_unreadable", detail=exc.strerror or type(exc).__name__)
            return False
        if size > limit_mb * 1024 * 1024:
            megabytes = f"{size / 1024 / 1024:.1f}".replace(".", ",")
            self.error(path, "file_too_large", size=megabytes, limit=str(limit_mb))
            return False
        return True

    # --- offers -----------------------------------------------------------------

    def load_offers(
        self, context: dict[str, Any], site: Site | None, files: tuple[str, ...]
    ) -> Iterator[OfferFile]:
        seen: set[str] = set()
        for path in self.entries(self.site_dir / "offers"):
            if path.suffix not in YAML_SUFFIXES or not path.is_file():
                self.unexpected(path, "Angebote sind .yaml-Dateien.")
                continue
            if not SLUG_PATTERN.fullmatch(path.stem):
                self.error(path, "file_name", name=path.name, suffix=".yaml")
                continue
            if path.stem in seen:
                self.error(path, "offer_slug_repeated", name=path.stem)
                continue
            seen.add(path.stem)
            document, offer = self.read_offer(path, context)
            if document is None:
                continue
            references_ok = self.check_offer_references(document, path, site, files)
            if offer is not None and references_ok:
                yield OfferFile(path.stem, self.rel(path), offer)

    def read_offer(
        self, path: Path, context: dict[str, Any]
    ) -> tuple[Document | None, Offer | None]:
        """Parse and validate one offer file, or take both from the cache if its text is
        unchanged (compared as text: a time stamp can miss two quick saves)."""
        text = self.read_text(path)
        if text is None:
            return None, None
        key = (text, context["source_language"], *(context["languages"] or ()))
        cached = self.cache.offers.get(str(path)) if self.cache is not None else None
        if cached is not None and cached[0] == key:
            _, document, offer, found = cached
            self.diagnostics.extend(found)
            return document, offer
        before = len(self.diagnostics)
        document = self.read_yaml(path, text)
        offer = self.validate(Offer, document, path, context) if document is not None else None
        if self.cache is not None:
            self.cache.offers[str(path)] = (key, document, offer, self.diagnostics[before:])
        return document, offer

    def check_offer_references(
        self, document: Document, path: Path, site: Site | None, files: tuple[str, ...]
    ) -> bool:
        """Partner and file references, read from the raw values so they are checked
        even when other fields of the offer have errors."""
        ok = True
        location, image = document.data.get("location"), document.data.get("image")
        partner_ids = self.partner_ids(site)
        is_partner = isinstance(location, str) and SLUG_PATTERN.fullmatch(location.strip())
        if is_partner and location.strip() not in partner_ids:
            known = ", ".join(partner_ids) or "–"
            self.reference_error(
                document, path, ("location",), "partner_unknown", location, known=known
            )
            ok = False
        if (
            isinstance(image, str)
            and image.strip().startswith("files/")
            and image.strip() not in files
        ):
            self.reference_error(document, path, ("image",), "file_not_found", image)
            ok = False
        return ok

    def max_file_mb(self, site: Site | None) -> int:
        """The size limit of files under `files/`, read leniently when site.yaml has errors."""
        if site is not None:
            return site.max_file_mb
        raw = self.raw_site.get("max_file_mb") if isinstance(self.raw_site, dict) else None
        return raw if isinstance(raw, int) and raw > 0 else DEFAULT_MAX_FILE_MB

    def partner_ids(self, site: Site | None) -> list[str]:
        """Partner ids of the site; read from the raw file when site.yaml has errors elsewhere."""
        if site is not None:
            return [p.id for p in site.partners]
        raw = self.raw_site.get("partners") if isinstance(self.raw_site, dict) else None
        entries = raw if isinstance(raw, list) else []
        return [
            str(e["id"]) for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)
        ]

    def reference_error(
        self,
        document: Document,
        path: Path,
        loc: tuple[str | int, ...],
        code: str,
        value: str,
        **params: str,
    ) -> None:
        line, column = document.position(loc) or (None, None)
        self.diagnostics.append(
            Diagnostic(self.rel(path), code, line, column, loc, value, {"value": value, **params})
        )

    def unexpected(self, path: Path, hint: str) -> None:
        self.diagnostics.append(
            Diagnostic(
                self.rel(path),
                "file_unexpected",
                params={"name": path.name, "hint": hint},
                severity="warning",
            )
        )

    # --- pages ------------------------------------------------------------------

    def load_pages(self, languages: list[str] | None) -> Iterator[PageFile]:
        source = languages[0] if languages else "de"
        pages: list[PageFile] = []
        for path in self.entries(self.site_dir / "pages"):
            if path.suffix != ".md" or not path.is_file():
                self.unexpected(path, "Seiten sind .md-Dateien.")
                continue
            slug, _, language = path.stem.partition(".")
            if not SLUG_PATTERN.fullmatch(slug) or "." in language:
                self.error(path, "file_name", name=path.name, suffix=".md")
                continue
            if slug in RESERVED_PAGE_SLUGS:
                self.error(
                    path,
                    "page_slug_reserved",
                    name=slug,
                    reserved=", ".join(sorted(RESERVED_PAGE_SLUGS)),
                )
                continue
            if language == source:
                self.error(
                    path, "page_source_language_suffix", name=path.name, expected=f"{slug}.md"
                )
                continue
            if language and languages is not None and language not in languages:
                self.error(
                    path, "page_language_unknown", language=language, languages=", ".join(languages)
                )
                continue
            page = self.load_page(path, slug, language or source)
            if page is not None:
                pages.append(page)
        sources = {p.slug for p in pages if p.language == source}
        for page in pages:
            if page.language != source and page.slug not in sources:
                if not (self.site_dir / "pages" / f"{page.slug}.md").exists():
                    self.error(
                        self.content_dir / page.path,
                        "page_source_missing",
                        name=Path(page.path).name,
                        source=source,
                        expected=f"{page.slug}.md",
                    )
                continue
            yield page

    def load_page(self, path: Path, slug: str, language: str) -> PageFile | None:
        text = self.read_text(path)
        if text is None:
            return None
        lines = text.splitlines(keepends=True)
        if not lines or lines[0].strip() != "---":
            self.error(path, "front_matter_missing", 1)
            return None
        end = next(
            (i for i, line in enumerate(lines[1:], 1) if line.strip() in {"---", "..."}), None
        )
        if end is None:
            self.error(path, "front_matter_unclosed", 1)
            return None
        document = self.read_yaml(path, "".join(lines[1:end]) or "\n", line_offset=1)
        if document is None:
            if not "".join(lines[1:end]).strip():
                self.diagnostics[-1:] = [
                    Diagnostic(
                        self.rel(path), "missing", 2, 1, ("title",), params={"name": "title"}
                    )
                ]
            return None
        meta: PageMeta | None = self.validate(PageMeta, document, path, {})
        if meta is None:
            return None
        return PageFile(slug, language, self.rel(path), meta, "".join(lines[end + 1 :]))
