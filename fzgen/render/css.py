"""A theme's stylesheets as published: without comments, indentation and blank lines.

The comments explain the theme to its authors; families on slow data should not
pay for them on every first visit. Only what no browser reads is dropped:
comments outside strings, leading blanks and empty lines. Declarations, strings
and line breaks between rules stay as written, so the published file is still
readable and every rule keeps its place.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


def without_comments(css: str) -> str:
    """`css` with its comments, leading blanks and empty lines removed; strings kept whole."""
    out: list[str] = []
    index, length = 0, len(css)
    while index < length:
        char = css[index]
        if char in "\"'":
            end = index + 1
            while end < length and css[end] != char:
                end += 2 if css[end] == "\\" else 1
            out.append(css[index : end + 1])
            index = end + 1
        elif css.startswith("/*", index):
            end = css.find("*/", index + 2)
            index = length if end < 0 else end + 2
        else:
            out.append(char)
            index += 1
    lines = (line.strip() for line in "".join(out).splitlines())
    return "".join(f"{line}\n" for line in lines if line)


@lru_cache(maxsize=64)
def _published(path: Path, modified: int, size: int) -> bytes:
    text = path.read_text(encoding="utf-8-sig")
    return without_comments(text).encode()


def published_css(path: Path) -> bytes:
    """The stylesheet at `path` as a site gets it; read again only when the file changed."""
    found = path.stat()
    return _published(path, found.st_mtime_ns, found.st_size)
