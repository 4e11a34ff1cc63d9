"""What loading gives: every site of a content folder, validated."""

from __future__ import annotations

import datetime as dt
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
class NewsFile:
    """A validated news item in one language."""

    #: The file name without language and `.md`: the item's anchor and identity.
    slug: str
    language: str
    path: str
    title: str
    #: The day it is dated (the source file's).
    date: dt.date
    #: The last day it is shown; none to show it until it is removed.
    until: dt.date | None
    draft: bool
    body: str

    def shown_on(self, today: dt.date) -> bool:
        """Whether lists and feeds show it on `today`: published, dated, not expired."""
        return not self.draft and self.date <= today and (self.until is None or today <= self.until)


@dataclass(frozen=True)
class SiteContent:
    """Everything of one site, validated."""

    slug: str
    site: Site
    offers: tuple[OfferFile, ...]
    pages: tuple[PageFile, ...]
    files: tuple[str, ...]
    #: News items in every language they are written in (`fzgen.content.news`).
    news: tuple[NewsFile, ...] = ()

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
