"""What a page says about itself to search engines and link previews: its meta description."""

from __future__ import annotations

from markupsafe import Markup

from fzgen.content.fields import Text
from fzgen.pages.markup import Localizer, render_markdown

#: About what a search engine shows of a description on a phone.
DESCRIPTION_LENGTH = 155


def shortened(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """`text` on one line, cut at the last word that fits into `limit` characters (with …)."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    cut = words[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"


def meta_description(loc: Localizer, text: Text | None) -> str:
    """A Markdown text (the site's intro) in the reader's language as a plain, short
    description; Jinja escapes it where it is printed."""
    source = loc.plain(text)
    if not source:
        return ""
    return shortened(Markup(render_markdown(source)).striptags())
