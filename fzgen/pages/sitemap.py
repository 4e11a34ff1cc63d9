"""sitemap.xml with hreflang alternates, and robots.txt."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from markupsafe import escape

from fzgen.content.easy import EASY
from fzgen.pages.views import language_href


def _attribute(value: str) -> str:
    """An XML attribute value in double quotes (xml.sax.saxutils would import urllib.request,
    http.client and ssl with it: 10 ms of every start)."""
    return f'"{escape(value)}"'


def sitemap_xml(base_url: str, paths: Sequence[str], languages: Sequence[str]) -> bytes:
    """Every page in every language, each listing its translations (Google's xhtml:link form).
    Pages in Leichte Sprache are listed without alternates: BCP 47 has no tag for it."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for path in paths:
        alternates = [
            f'    <xhtml:link rel="alternate" hreflang={_attribute(code)} '
            f"href={_attribute(base_url + language_href(code, path))}/>"
            for code in languages
            if code != EASY
        ]
        alternates.append(
            f'    <xhtml:link rel="alternate" hreflang="x-default" '
            f"href={_attribute(base_url + language_href(languages[0], path))}/>"
        )
        for code in languages:
            loc = escape(base_url + language_href(code, path))
            shown = alternates if code != EASY else []
            lines += ["  <url>", f"    <loc>{loc}</loc>", *shown, "  </url>"]
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()


def robots_txt(base_url: str | None) -> bytes:
    """Everything may be indexed; the sitemap is named where its address is known."""
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines.append(f"Sitemap: {one_line_url(base_url)}sitemap.xml")
    return ("\n".join(lines) + "\n").encode()


def one_line_url(url: str) -> str:
    """An address for a line-based file (robots.txt, .htaccess): anything but the plain
    characters of an address percent-encoded, so it can never end the line or the value.
    (site.yaml's addresses are checked strictly already; this holds whatever comes.)"""
    return quote(url, safe="/:?#[]@!$&()*+,;=%-._~")
