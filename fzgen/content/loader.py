"""Walk `content/<site>/`, read every file, validate it; collect every error with file:line."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fzgen.content.accessibility import accessibility_findings
from fzgen.content.fields import SLUG_PATTERN, known_language_codes
from fzgen.content.folder import (
    DEFAULT_MAX_FILE_MB,
    MAX_FILE_BYTES,
    YAML_SUFFIXES,
    SiteFolder,
    is_ignored,
    unsafe_name_character,
)
from fzgen.content.free_pages import RESERVED_PAGE_SLUGS, load_pages
from fzgen.content.loaded import Content, OfferFile, PageFile, SiteContent
from fzgen.content.model import Offer, Site
from fzgen.content.news import load_news
from fzgen.content.photo_file import photo_problem
from fzgen.content.words import language_of_name
from fzgen.content.yamlfile import Document
from fzgen.errors import ContentError, Diagnostic
from fzgen.project import reference_date


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
        note = Diagnostic(
            site_dir.name,
            "file_unexpected",
            params={"name": site_dir.name, "hint": "link_folder"},
            severity="warning",
        )
        return None, [note]
    if not site_dir.is_dir():
        return None, []
    loader = _SiteLoader(content_dir, site_dir, catalogue_languages, cache)
    site = loader.load()
    return site, loader.diagnostics


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
class _SiteLoader(SiteFolder):
    """Loads one site folder, collecting diagnostics instead of stopping at the first."""

    catalogue_languages: Collection[str] = ()
    cache: LoadCache | None = None
    raw_site: Any = None

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
            today = reference_date()
            self.diagnostics += accessibility_findings(site, document, self.rel(site_file), today)
        files = tuple(self.list_files(self.max_file_mb(site)))
        if site is not None and document is not None:
            self.check_site_files(site, document, site_file, files)
        offers = tuple(self.load_offers(context, site, files))
        pages = tuple(load_pages(self, context["languages"]))
        news = tuple(load_news(self, context["languages"]))
        if site is None or self.error_count() > errors_before:
            return None
        return SiteContent(self.site_dir.name, site, offers, pages, files, news)

    def text_context(self, document: Document | None) -> dict[str, Any]:
        """Source and site languages, read leniently: offers validate even if site.yaml fails."""
        raw = document.data.get("languages") if document else None
        codes = [str(c).strip().lower() for c in raw] if isinstance(raw, list) else []
        # `deutsch` is reported in site.yaml; the offers are read as if it said `de`.
        codes = [c if c in known_language_codes() else language_of_name(c) or "" for c in codes]
        codes = [c for c in codes if c]
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

    def check_site_files(
        self, site: Site, document: Document, path: Path, files: tuple[str, ...]
    ) -> None:
        """The logo and the photo are files of the site; the photo a picture to make sizes of."""
        if site.logo and site.logo not in files:
            self.reference_error(document, path, ("logo",), "file_not_found", site.logo)
        photo = site.photo.file if site.photo else None
        if photo and photo not in files:
            self.reference_error(document, path, ("photo", "file"), "file_not_found", photo)
        elif photo:
            problem = photo_problem(self.site_dir / photo)
            if problem:
                self.reference_error(document, path, ("photo", "file"), problem, photo)

    def check_partner_ids(self, site: Site, document: Document, path: Path) -> None:
        seen: set[str] = set()
        for index, partner in enumerate(site.partners):
            if partner.id in seen:
                loc = ("partners", index, "id")
                self.reference_error(
                    document, path, loc, "partner_id_repeated", partner.id, id=partner.id
                )
            seen.add(partner.id)

    # --- offers -----------------------------------------------------------------

    def load_offers(
        self, context: dict[str, Any], site: Site | None, files: tuple[str, ...]
    ) -> Iterator[OfferFile]:
        seen: set[str] = set()
        for path in self.entries(self.site_dir / "offers"):
            if path.suffix not in YAML_SUFFIXES or not path.is_file():
                self.unexpected(path, "offer_suffix")
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
        changed = document.data.get("changed")
        places: list[tuple[tuple[str | int, ...], object]] = [(("location",), location)]
        if partner_ids is None:
            places = []
        elif isinstance(changed, list):  # a date at another place names a partner too
            places += [
                (("changed", index, "location"), item.get("location"))
                for index, item in enumerate(changed)
                if isinstance(item, dict)
            ]
        for loc, place in places:
            if not isinstance(place, str) or not SLUG_PATTERN.fullmatch(place.strip()):
                continue
            if partner_ids is not None and place.strip() not in partner_ids:
                known = ", ".join(partner_ids) or "–"
                self.reference_error(document, path, loc, "partner_unknown", place, known=known)
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

    def partner_ids(self, site: Site | None) -> list[str] | None:
        """Partner ids of the site; read from the raw file when site.yaml has errors elsewhere.
        None when site.yaml could not be read at all: then no offer's partner is called
        unknown, and the one error to fix is site.yaml's."""
        if site is not None:
            return [p.id for p in site.partners]
        if not isinstance(self.raw_site, dict):
            return None
        raw = self.raw_site.get("partners")
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


__all__ = [
    "DEFAULT_MAX_FILE_MB",
    "MAX_FILE_BYTES",
    "RESERVED_PAGE_SLUGS",
    "YAML_SUFFIXES",
    "Content",
    "LoadCache",
    "OfferFile",
    "PageFile",
    "SiteContent",
    "content_notes",
    "count_offer_files",
    "is_ignored",
    "load_content",
    "load_site",
    "site_folders",
    "unsafe_name_character",
]
