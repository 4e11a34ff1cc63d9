"""A site's picture in the sizes a browser chooses from (`srcset`), named by its content.

The names and sizes are worked out when pages are rendered, from the source's
bytes and its header (cheap); the pictures themselves are made when the output
writes them (`image_bytes`), once per source, size and recipe in a process.
A new photo under the same name gets new names, so no cache serves the old one.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path

import PIL
from PIL import ExifTags, Image, ImageOps

from fzgen.content.loaded import SiteContent
from fzgen.content.photo_file import photo_problem
from fzgen.content.words import fold
from fzgen.render.published import CopyOf, FileData, ImageOf

#: The widths made of a picture (px), as far as it is wide: phones, tablets, desktops
#: at twice the density. A narrower picture is never scaled up.
WIDTHS = (480, 800, 1200)
#: JPEG and WebP quality of the sizes; the original's own file keeps more.
QUALITY = 80
ORIGINAL_QUALITY = 90
#: Part of every name's digest: a new recipe (or Pillow, whose encoders may change
#: a byte) gives new names.
RECIPE = f"fzgen-sizes-1 pillow-{PIL.__version__} q{QUALITY}/{ORIGINAL_QUALITY}".encode()
_SUFFIXES = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
_TURNED = {5, 6, 7, 8}  # EXIF orientations that swap width and height


@dataclass(frozen=True)
class ImageSize:
    """One size of a picture: its path in the site folder and its pixels."""

    path: str
    width: int
    height: int


@dataclass(frozen=True)
class ResponsiveImage:
    """A picture in every size made of it, smallest first, with its description:
    `<img src="{{ root }}{{ photo.src }}" srcset="{{ photo.srcset(root) }}" …>`."""

    sizes: tuple[ImageSize, ...]
    #: What the picture shows, as plain text in the page's language.
    alt: str = ""
    #: The source's bytes and the recipe, hashed (`image_digest`): its sizes' names.
    digest: str = ""

    @property
    def src(self) -> str:
        """The size for a browser that reads no srcset: the one nearest 800 px."""
        return min(self.sizes, key=lambda size: abs(size.width - 800)).path

    @property
    def width(self) -> int:
        """The largest size's width: with `height`, the aspect the page reserves."""
        return self.sizes[-1].width

    @property
    def height(self) -> int:
        """The largest size's height."""
        return self.sizes[-1].height

    def srcset(self, root: str) -> str:
        """Every size with its width, for a page `root` below the site folder."""
        return ", ".join(f"{root}{size.path} {size.width}w" for size in self.sizes)

    def described(self, alt: str) -> ResponsiveImage:
        """The same sizes with the description of one language."""
        return replace(self, alt=alt)


def offer_pictures(site: SiteContent, site_dir: Path) -> list[str]:
    """The pictures the site's offers show that fzgen makes sizes of (JPEG, PNG, WebP),
    sorted; any other image (an SVG drawing) is published as it is."""
    references = {o.offer.image for o in site.published_offers if o.offer.image}
    return sorted(r for r in references if photo_problem(site_dir / r) is None)


def responsive_image(site_dir: Path, reference: str) -> tuple[ResponsiveImage, dict[str, FileData]]:
    """The sizes of a picture under `files/` (`files/haus.jpg`), and the site's files to
    make: each size, and the original's own file, made anew where it holds metadata."""
    source = site_dir / reference
    data = source.read_bytes()
    digest = image_digest(data)
    with Image.open(io.BytesIO(data)) as image:
        kind = image.format or "JPEG"
        width, height = _upright_size(image)
        plain = _nothing_but_pixels(image, data)
    # A JPEG's sizes are JPEGs; a PNG or WebP may be transparent: WebP keeps that.
    made = "JPEG" if kind == "JPEG" else "WEBP"
    stem = _plain_name(Path(reference).stem)
    sizes: list[ImageSize] = []
    own = ImageOf(source, digest, width, kind, ORIGINAL_QUALITY)
    files: dict[str, FileData] = {reference: CopyOf(source) if plain else own}
    for wanted in sorted({min(w, width) for w in WIDTHS}):
        path = f"files/{stem}-{wanted}w.{digest[:12]}.{_SUFFIXES[made]}"
        sizes.append(ImageSize(path, wanted, scaled_height(width, height, wanted)))
        files[path] = ImageOf(source, digest, wanted, made, QUALITY)
    return ResponsiveImage(tuple(sizes), digest=digest), files


#: The names of pictures fzgen reads to publish them without metadata (their content
#: decides: a renamed PDF stays as it is).
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


def without_metadata(site_dir: Path, reference: str) -> ImageOf | None:
    """Any picture of the site's `files/` that holds metadata (a phone photo's GPS
    position, camera, time, comments), to be published made anew without it; None for
    a picture without any, and for every other file: those are copied as they are."""
    if not reference.lower().endswith(PICTURE_SUFFIXES):
        return None
    source = site_dir / reference
    data = source.read_bytes()
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in {"JPEG", "PNG", "WEBP"} or _nothing_but_pixels(image, data):
                return None
            kind, (width, _) = image.format, _upright_size(image)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    # Only a picture that decodes whole is made anew (a broken one would stop the build).
    if photo_problem(source) is not None:
        return None
    return ImageOf(source, image_digest(data), width, kind, ORIGINAL_QUALITY)


def _upright_size(image: Image.Image) -> tuple[int, int]:
    """Width and height as the picture is meant to be seen (EXIF orientation applied)."""
    width, height = image.size
    if image.getexif().get(ExifTags.Base.Orientation) in _TURNED:
        return height, width
    return width, height


#: What a picture's header may hold and still be published as it is: how to show it,
#: nothing about where, when or with what it was taken (an upload through the editor).
_HARMLESS = frozenset(
    {
        "jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "progressive",
        "progression", "icc_profile", "adobe", "adobe_transform", "gamma", "srgb",
        "chromaticity", "transparency", "aspect", "interlace",
    }
)  # fmt: skip
#: PNG chunks of text and EXIF, which may come after the pixels, where the header
#: does not show them; by chance in the pixels too, and then the file is made anew.
_PNG_NOTES = (b"eXIf", b"tEXt", b"iTXt", b"zTXt")


def _nothing_but_pixels(image: Image.Image, data: bytes) -> bool:
    """Whether the picture holds no metadata (EXIF, GPS, XMP, comments, text) and
    needs no turning: then its own file is published as the coordinator gave it."""
    if set(image.info) - _HARMLESS:
        return False
    if image.format == "JPEG":
        return data.endswith(b"\xff\xd9")  # nothing hidden after the picture's end
    if image.format == "PNG":
        return not any(chunk in data for chunk in _PNG_NOTES)
    return False  # WebP: its chunks are not all in the header either


def image_digest(data: bytes) -> str:
    """What names a picture's sizes: its bytes and the recipe, hashed."""
    return hashlib.sha256(RECIPE + data).hexdigest()


def scaled_height(width: int, height: int, wanted: int) -> int:
    """The height of a picture `width` × `height` scaled to `wanted` wide (at least 1)."""
    return max(1, round(height * wanted / width))


def _plain_name(stem: str) -> str:
    """A file name's stem in a-z, 0-9 and hyphens: a srcset splits at blanks and commas."""
    words = (re.sub(r"[^a-z0-9]", "", fold(word)) for word in re.split(r"\W+", stem))
    return "-".join(word for word in words if word) or "foto"


class _Made:
    """The pictures made in this process, by digest, width, kind and quality: the preview
    writes a site again after an edit without making its photo again."""

    def __init__(self, limit: int = 64 * 1024 * 1024) -> None:
        self.limit = limit
        self.pictures: OrderedDict[tuple[str, int, str, int], bytes] = OrderedDict()

    def get(self, image: ImageOf) -> bytes:
        key = (image.digest, image.width, image.kind, image.quality)
        data = self.pictures.get(key)
        if data is None:
            data = make_image(image)
            self.pictures[key] = data
            while sum(map(len, self.pictures.values())) > self.limit and len(self.pictures) > 1:
                self.pictures.popitem(last=False)
        self.pictures.move_to_end(key)
        return data


_MADE = _Made()


def image_bytes(image: ImageOf) -> bytes:
    """The picture's bytes, made once per process."""
    return _MADE.get(image)


def make_image(image: ImageOf) -> bytes:
    """Decode the source, turn it upright, scale it to the width, drop every piece of
    metadata but the colour profile, encode it: the same source gives the same bytes."""
    with Image.open(image.source) as opened:
        profile = opened.info.get("icc_profile")
        upright_size = opened.size
        if opened.getexif().get(ExifTags.Base.Orientation) in _TURNED:
            upright_size = upright_size[::-1]
        width = min(image.width, upright_size[0])
        height = scaled_height(*upright_size, width)
        if opened.format == "JPEG":  # decoded at 1/2 to 1/8 where that is still large enough
            turned = upright_size != opened.size
            opened.draft("RGB", (height, width) if turned else (width, height))
        upright = ImageOps.exif_transpose(opened)
    if upright.size != (width, height):
        upright = upright.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    clear = _with_alpha(upright) and image.kind != "JPEG"
    picture = upright.convert("RGBA" if clear else "RGB")
    picture.info = {}  # no EXIF (GPS, camera), XMP or comment travels into the new file
    out = io.BytesIO()
    options: dict[str, object] = {"icc_profile": profile} if profile else {}
    if image.kind == "JPEG":
        picture.save(out, "JPEG", quality=image.quality, progressive=True, optimize=True, **options)
    elif image.kind == "PNG":
        picture.save(out, "PNG", optimize=True, **options)
    else:
        picture.save(out, "WEBP", quality=image.quality, method=4, **options)
    return out.getvalue()


def _with_alpha(image: Image.Image) -> bool:
    return image.mode in {"RGBA", "LA", "PA", "RGBa", "La"} or "transparency" in image.info
