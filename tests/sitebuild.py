"""Build content trees for tests and read the output back as parsed HTML."""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from fzgen.build.pipeline import build
from fzgen.project import find_project

#: 2026-11-25 00:00 UTC: every test build is made "on" the same day.
EPOCH = "1795564800"


@contextmanager
def fixed_day():
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        yield
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def build_tree(content: Path, output: Path) -> Path:
    """Build `content` into `output` on the fixed day; return `output`."""
    with fixed_day():
        build(find_project(content, output))
    return output


def soup(path: Path) -> BeautifulSoup:
    """A generated page (or XML file), parsed."""
    text = path.read_text(encoding="utf-8")
    return BeautifulSoup(text, "xml" if path.suffix == ".xml" else "html.parser")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below `folder` with a hash of its bytes: compare two states of an output."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def resolve(page: Path, href: str, output: Path) -> Path | None:
    """The file a relative link on `page` points to, or None for links that leave the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("#"):
        return None
    target = (page.parent / unquote(parts.path)).resolve()
    if href.startswith("/"):
        target = (output / unquote(parts.path).lstrip("/")).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target


def _linked(page: Path, href: str) -> Path:
    """The file `href` on `page` loads; a root-relative one (the 404 page's) from the site."""
    if href.startswith("/"):  # the 404 page's, from wherever the host shows it
        return next(d / href.lstrip("/") for d in page.parents if (d / href.lstrip("/")).is_file())
    return (page.parent / unquote(urlsplit(href).path)).resolve()


def stylesheets(page: Path) -> list[Path]:
    html = BeautifulSoup(page.read_bytes(), "html.parser")
    return [_linked(page, str(link["href"])) for link in html.select('link[rel="stylesheet"]')]


def with_stylesheets(page: Path) -> int:
    """Bytes of an HTML page and of every stylesheet it links: what a first visit loads."""
    return len(page.read_bytes()) + sum(len(css.read_bytes()) for css in stylesheets(page))


def with_css_and_icons(page: Path) -> list[Path]:
    """A page, its stylesheets, its favicon and SVG images, and the icons its CSS names."""
    html = BeautifulSoup(page.read_bytes(), "html.parser")
    files = [page, *stylesheets(page)]
    files += [_linked(page, str(link["href"])) for link in html.select('link[rel="icon"]')]
    files += [_linked(page, str(img["src"])) for img in html.select('img[src$=".svg"]')]
    for css in stylesheets(page):
        for href in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if not href.startswith("data:"):
                files.append(_linked(css, href))
    return list(dict.fromkeys(files))


def hosting_headers(output: Path) -> list[tuple[str, str]]:
    """The headers the generated `_headers` file asks a host to send for every page."""
    lines = (output / "_headers").read_text(encoding="utf-8").split("\n/*.ics")[0].splitlines()
    return [tuple(line.strip().split(": ", 1)) for line in lines if line.startswith("  ")]  # type: ignore[misc]


class _HostHandler(SimpleHTTPRequestHandler):
    """Serves an output folder as a static host would, with the headers of `_headers`."""

    extra_headers: ClassVar[list[tuple[str, str]]] = []

    def end_headers(self) -> None:
        for name, value in self.extra_headers:
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(output: Path) -> Iterator[str]:
    """`output` on a free port of 127.0.0.1 with its hosting headers; yields the base URL."""
    handler = type("Handler", (_HostHandler,), {"extra_headers": hosting_headers(output)})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(output)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
