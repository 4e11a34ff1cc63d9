"""A small bar chart as inline SVG, made when the report is made: no script, no
request, every label escaped for XML."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

#: The drawing's width in its own units, the share of it the labels take, one bar's height.
WIDTH, LABEL_WIDTH, BAR = 600, 230, 18
#: Labels longer than this are cut (the table beside the chart has them whole).
LABEL_CHARACTERS = 34


def xml(text: str) -> str:
    """Text safe inside an SVG element or attribute."""
    return escape(text, quote=True)


def short(label: str) -> str:
    """A label that fits in front of its bar."""
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def bar_chart(bars: Sequence[tuple[str, int]], title: str) -> str:
    """Horizontal bars, one per (label, value), each labelled and with its number."""
    if not bars or not any(value for _, value in bars):
        return ""
    largest = max(value for _, value in bars)
    room = WIDTH - LABEL_WIDTH - 50
    height = BAR * len(bars) + 4
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-label="{xml(title)}"><title>{xml(title)}</title>'
    ]
    for index, (label, value) in enumerate(bars):
        top = 2 + index * BAR
        length = round(room * value / largest) if largest else 0
        name = xml(short(label))
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{top + 13}" text-anchor="end">{name}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{top + 3}" width="{length}" height="{BAR - 6}"/>'
            f'<text x="{LABEL_WIDTH + length + 4}" y="{top + 13}">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
