"""What a rendered file holds: bytes made by fzgen, or a site's own file to copy as it is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CopyOf:
    """A file of the site's `files/` folder, published unchanged.

    It is copied at write time by the kernel in chunks, never read whole into
    memory: a site may hold large flyers and photos.
    """

    source: Path


@dataclass(frozen=True)
class StylesheetOf(CopyOf):
    """A theme's stylesheet, published without its comments (`fzgen.render.css`)."""


def theme_copy(source: Path) -> CopyOf:
    """A file of the theme's `static/` as published: stylesheets without comments."""
    return StylesheetOf(source) if source.suffix == ".css" else CopyOf(source)


#: The content of one output file.
FileData = bytes | CopyOf
