"""The printable programme as a ready PDF (`fzgen build --pdf`), made by WeasyPrint from
the programme page as rendered: an optional extra (`pip install 'fzgen[pdf]'`).

WeasyPrint lays out with Pango and HarfBuzz, so Arabic and Persian come out shaped
and right to left, as the browser shows them. It reads nothing by itself: every
file the page asks for (the theme's style sheets, the site's logo) is answered from
the site's files, and any other address, on this machine or another host, is refused.
"""

from __future__ import annotations

import importlib.util
import logging
import mimetypes
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

#: The address the page is laid out at: never asked for, the fetcher answers every request.
_BASE = "https://site.fzgen.invalid/"


def pdf_available() -> bool:
    """Whether WeasyPrint is installed (`pip install 'fzgen[pdf]'`)."""
    return importlib.util.find_spec("weasyprint") is not None


def programme_pdf(html: bytes, page_href: str, files: Mapping[str, Path | bytes]) -> bytes:
    """The page `html` at `page_href` (from the site folder: `de/programm/`) as a PDF;
    `files` are the site's files by their address from the site folder."""
    from weasyprint import HTML

    # WeasyPrint names CSS it does not know (the screen's media queries) on stderr:
    # noise for a coordinator, not a fault of the content.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = HTML(
        string=html.decode(),
        base_url=urljoin(_BASE, page_href),
        url_fetcher=_site_fetcher(files),
    )
    return bytes(document.write_pdf())


def _site_fetcher(files: Mapping[str, Path | bytes]) -> Callable[[str], object]:
    """A WeasyPrint URL fetcher that serves `files` and nothing else."""
    from weasyprint.urls import URLFetcherResponse

    def fetch(url: str) -> object:
        if not url.startswith(_BASE):
            raise ValueError(f"not a file of the site: {url}")
        path = unquote(urlsplit(url).path).lstrip("/")
        found = files.get(path)
        if found is None:
            raise ValueError(f"no such file of the site: {path}")
        body = found.read_bytes() if isinstance(found, Path) else found
        kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": kind})

    return fetch
