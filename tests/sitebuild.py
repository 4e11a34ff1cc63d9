"""Build content trees for tests and read the output back as parsed HTML."""

from __future__ import annotations

import hashlib
import os
from contextlib import contextmanager
from pathlib import Path
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


def with_stylesheets(page: Path) -> int:
    """Bytes of an HTML page and of every stylesheet it links: what a first visit loads."""
    html = page.read_bytes()
    total = len(html)
    for link in BeautifulSoup(html, "html.parser").select('link[rel="stylesheet"]'):
        href = str(link["href"])
        if href.startswith("/"):  # the 404 page's, from wherever the host shows it
            found = [d / href.lstrip("/") for d in page.parents if (d / href.lstrip("/")).is_file()]
            total += len(found[0].read_bytes())
        else:
            total += len((page.parent / href).resolve().read_bytes())
    return total
