"""What loading gives: every site of a content folder, validated."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fzgen.content.model import Offer, PageMeta, Site
from fzgen.errors import Diagnostic


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
