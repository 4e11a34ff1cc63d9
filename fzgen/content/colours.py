"""The site's accent colour: a `#rrggbb` value readable as button and link colour
(WCAG AA, at least 4.5:1 against the default theme's backgrounds)."""

from __future__ import annotations

import math
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

from fzgen.content.fields import fail

#: The contrast WCAG AA asks of normal text.
MINIMUM = 4.5
#: The text on accent buttons and the page background (`--accent-ink`, `--paper`).
WHITE = "#ffffff"
#: The light background of header, footer and boxes (`--tint`), where links are accented.
TINT = "#f7f1ea"

_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def luminance(colour: str) -> float:
    """The relative luminance of `#rrggbb` (WCAG 2)."""
    channels = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    """The contrast ratio of two colours, from 1 to 21."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _floor(ratio: float) -> str:
    # Cut, not rounded: 4.46 must not read as the 4.5 it misses.
    return f"{math.floor(ratio * 10) / 10:.1f}"


def _worst(colour: str) -> float:
    return min(contrast(colour, WHITE), contrast(colour, TINT))


def darker(colour: str) -> str:
    """The colour darkened in its own hue until it reaches the minimum everywhere."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    for step in range(100, -1, -1):
        candidate = "#" + "".join(f"{round(c * step / 100):02x}" for c in (red, green, blue))
        if _worst(candidate) >= MINIMUM:
            return candidate
    return "#000000"


def check_accent(value: Any) -> str:
    """A `#rrggbb` colour dark enough for white button text and for links on light boxes."""
    if not isinstance(value, str) or not _HEX.fullmatch(value.strip()):
        raise fail("accent_format", value="" if value is None else value)
    colour = value.strip().lower()
    if _worst(colour) < MINIMUM:
        suggestion = darker(colour)
        raise fail(
            "accent_contrast",
            value=colour,
            button=_floor(contrast(colour, WHITE)),
            page=_floor(contrast(colour, TINT)),
            suggestion=suggestion,
            suggested=_floor(_worst(suggestion)),
        )
    return colour


#: `accent: #0b6e4f` without quotes is a YAML comment: an empty `accent:` is refused too.
Accent = Annotated[
    str | None,
    BeforeValidator(check_accent),
    WithJsonSchema({"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"}),
]
