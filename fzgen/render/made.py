"""Files made only when they are written: a theme's stylesheet without its comments, a
site's picture in one size without metadata."""

from __future__ import annotations

from fzgen.render.css import published_css
from fzgen.render.images import image_bytes
from fzgen.render.published import ImageOf, StylesheetOf


def made_bytes(data: StylesheetOf | ImageOf) -> bytes:
    """The bytes of a file that is made as it is written."""
    if isinstance(data, ImageOf):
        return image_bytes(data)
    return published_css(data.source)
