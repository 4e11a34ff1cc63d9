"""Whether the site's photo is a picture fzgen can make sizes of: read by its content,
not its name, once per version of the file."""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

#: The formats fzgen makes sizes of, as Pillow names them when it reads the bytes.
PHOTO_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
#: More pixels than a phone's photo has is no picture for a web page (and would take
#: the build a long time to decode).
MAX_PIXELS = 40_000_000


def photo_problem(path: Path) -> str | None:
    """Why the file cannot be the site's photo (a message code), or None when it can."""
    stat = path.stat()
    return _problem(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=64)
def _problem(path: str, size: int, modified: int) -> str | None:
    # Size and time stand for the file's version: the preview reloads site.yaml on
    # every change of the site, and decoding a photo each time would slow it down.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                if image.format not in PHOTO_FORMATS:
                    return "photo_not_image"
                if image.width * image.height > MAX_PIXELS:
                    return "photo_too_large"
                # A JPEG is decoded at an eighth of its size: quick, and it still
                # reads every byte, so a file cut short shows here, not in the build.
                image.draft("RGB", (image.width // 8, image.height // 8))
                image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, Warning):
        return "photo_not_image"
    return None
