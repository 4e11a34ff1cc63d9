"""The files a site has once, not per language: chooser, 404, the theme's static files,
sitemap, robots.txt, the hosting headers and the site's own `files/`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Template

from fzgen.content.loader import SiteContent
from fzgen.pages.hosting import headers_file, htaccess
from fzgen.pages.outline import chooser_values
from fzgen.pages.sitemap import robots_txt, sitemap_xml
from fzgen.render.published import CopyOf, FileData, theme_copy
from fzgen.theme.catalogue import Catalogue
from fzgen.theme.folder import ThemeFolder


def site_files(
    site: SiteContent,
    template: Callable[[str], Template],
    catalogues: dict[str, Catalogue],
    base_url: str | None,
    theme: ThemeFolder,
    site_dir: Path,
    sitemap_paths: list[str],
) -> dict[str, FileData]:
    """Every file of the site that is not a page or calendar of one language."""
    slug = site.slug
    files: dict[str, FileData] = {}
    # The theme's files first: a file fzgen makes, or one of the site's own, wins.
    for path, source in theme.static_files().items():
        files[f"{slug}/{path}"] = theme_copy(source)
    files[f"{slug}/index.html"] = render_chooser(
        site, template("chooser.html"), catalogues, base_url
    )
    files[f"{slug}/404.html"] = render_chooser(site, template("404.html"), catalogues, base_url)
    if base_url:
        files[f"{slug}/sitemap.xml"] = sitemap_xml(base_url, sitemap_paths, site.languages)
    if site.site.accent:  # checked as #rrggbb: nothing else can reach the CSS
        files[f"{slug}/site.css"] = f":root {{ --accent: {site.site.accent}; }}\n".encode()
    files[f"{slug}/robots.txt"] = robots_txt(base_url)
    files[f"{slug}/_headers"] = headers_file()
    error_page = (urlsplit(base_url).path if base_url else f"/{slug}/") + "404.html"
    files[f"{slug}/.htaccess"] = htaccess(error_page)
    for path in site.files:
        files[f"{slug}/{path}"] = CopyOf(site_dir / path)
    return files


def render_chooser(
    site: SiteContent, template: Template, catalogues: dict[str, Catalogue], base_url: str | None
) -> bytes:
    """A page in every language at once at the site's top (language chooser, 404)."""
    return template.render(chooser_values(site, catalogues, base_url).context()).encode()
