"""What a rendered file holds: bytes made by fzgen, a site's own file to copy as it is, or
a site's picture to make anew at a size."""

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
class ImageOf:
    """A picture of the site's `files/`, made anew when it is written: turned upright,
    scaled to `width` (never up), without metadata, in `kind` (JPEG, PNG or WEBP).

    Made at write time, so that `check` and a preview that re-renders pages never
    decode a photo (`fzgen.render.images.image_bytes`).
    """

    source: Path
    #: The source's bytes and the recipe, hashed: the same digest, the same bytes.
    digest: str
    width: int
    kind: str
    quality: int


@dataclass(frozen=True)
class StylesheetOf(CopyOf):
    """A theme's stylesheet, published without its comments (`fzgen.render.css`)."""


def theme_copy(source: Path) -> CopyOf:
    """A file of the theme's `static/` as published: stylesheets without comments."""
    return StylesheetOf(source) if source.suffix == ".css" else CopyOf(source)


#: The content of one output file.
FileData = bytes | CopyOf | ImageOf
