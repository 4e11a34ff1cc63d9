"""The portal: one page at the top of the output that lists every site."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jinja2 import Environment

from fzgen.content.easy import EASY, easy_name, html_lang
from fzgen.content.loader import SiteContent
from fzgen.pages.hosting import headers_file, htaccess
from fzgen.theme.catalogue import language_own_name


@dataclass(frozen=True)
class PortalEntry:
    """How the portal page (`portal.html`) lists one site."""

    slug: str
    name: str
    sozialraum: str
    #: (code, the language's own name, its `lang`, its `hreflang` or empty), source first.
    languages: tuple[tuple[str, str, str, str], ...]
    #: The source language's code: the site's entry page.
    source: str


def _name(site: SiteContent, code: str) -> str:
    return easy_name(site.site.ls_checked) if code == EASY else language_own_name(code)


def portal_entry(site: SiteContent) -> PortalEntry:
    """How the portal page lists one site."""
    return PortalEntry(
        slug=site.slug,
        name=site.site.name.original,
        sozialraum=site.site.sozialraum.original,
        languages=tuple(
            (code, _name(site, code), html_lang(code), "" if code == EASY else code)
            for code in site.languages
        ),
        source=site.languages[0],
    )


def render_portal(entries: Sequence[PortalEntry], env: Environment) -> dict[str, bytes]:
    """The portal page listing these sites, and its headers."""
    return {
        "index.html": env.get_template("portal.html").render(sites=list(entries)).encode(),
        "_headers": headers_file(),
        ".htaccess": htaccess(None),
    }
