"""Pictures uploaded in the editor: checked by their content, size-limited, written anew
without any metadata (no GPS position, camera or name from the photo's EXIF)."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from fzgen.editor.forms import slug_from
from fzgen.editor.store import SiteFiles, write_atomically

#: What the sites show: the format Pillow reads from the bytes, and the file ending.
FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
#: More pixels than a photo of a phone has is not a picture for a web page.
MAX_PIXELS = 40_000_000


class ImageRefused(ValueError):
    """An upload that is not taken; `key` names the editor's message."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class CleanImage:
    """A picture ready to be written: its bytes without metadata and its file ending."""

    data: bytes
    suffix: str


def clean_image(data: bytes, limit_mb: int) -> CleanImage:
    """The upload as a picture without metadata, turned upright as the camera meant it;
    raises ImageRefused when it is too large or not a JPEG, PNG or WebP picture."""
    if len(data) > limit_mb * 1024 * 1024:
        raise ImageRefused("upload_too_big")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            kind = image.format or ""
            if kind not in FORMATS or image.width * image.height > MAX_PIXELS:
                raise ImageRefused("upload_not_image")
            image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, Warning):
        raise ImageRefused("upload_not_image") from None
    upright = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    if kind == "JPEG":
        upright.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
    elif kind == "PNG":
        upright.save(out, "PNG", optimize=True)
    else:
        upright.save(out, "WEBP", quality=88)
    return CleanImage(out.getvalue(), FORMATS[kind])


def save_image(files: SiteFiles, original_name: str, image: CleanImage) -> str:
    """Write the picture under `files/` with a plain name not taken yet; its reference
    (`files/spielgruppe.jpg`)."""
    folder = files.inside(files.site_dir / "files")
    folder.mkdir(exist_ok=True)
    stem = slug_from(Path(original_name).stem) or "bild"
    name, number = f"{stem}{image.suffix}", 1
    while (folder / name).exists():
        number += 1
        name = f"{stem}-{number}{image.suffix}"
    write_atomically(files.inside(folder / name), image.data)
    return f"files/{name}"
