"""Content text → safe HTML: escaped, sanitised Markdown, fallbacks marked with their language."""

from __future__ import annotations

import secrets
from functools import lru_cache

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from markupsafe import Markup, escape

from fzgen.fields import Text
from fzgen.i18n import Catalogue

#: Links to the site's own files are written `files/…`; on every page they must
#: lead to the site folder. This marker is replaced by the page's way up there.
#: A token drawn anew in every run makes the marks of the layout and of links
#: unguessable: no content can spell one, and none is ever written out.
MARK_TOKEN = secrets.token_hex(16)
ROOT_MARKER = f"fzgen-root-{MARK_TOKEN}:/"
FALLBACK_CLASS = "fallback"

_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "small", "sub", "sup", "mark",
    "a", "ul", "ol", "li", "blockquote", "code", "pre", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "img", "abbr", "bdi",
}  # fmt: skip
_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "abbr": {"title"},
    "ol": {"start"},
}


def _rewrite_links(tag: str, attribute: str, value: str) -> str | None:
    if (tag, attribute) in {("a", "href"), ("img", "src")}:
        target = value.strip()
        if target.startswith("files/"):
            return ROOT_MARKER + target
        if tag == "img" and not target.startswith(("https://", "http://")):
            return None  # images only from the site's files or a full address
    return value


#: One sanitiser for the whole run: building ammonia's configuration anew for
#: every text cost as much as the cleaning itself.
_SANITISER = nh3.Cleaner(
    tags=_TAGS,
    attributes=_ATTRIBUTES,
    url_schemes={"http", "https", "mailto", "tel"},
    attribute_filter=_rewrite_links,
    link_rel="noopener noreferrer",
)


@lru_cache(maxsize=4096)
def render_markdown(source: str) -> str:
    """Markdown → HTML that keeps only harmless tags, attributes and link schemes."""
    # cmark-gfm (GitHub's CommonMark in C, tables included) is about 70 times
    # faster than Python-Markdown on a 250-word text. Raw HTML is let through
    # to nh3, which keeps only the tags below (so <abbr> or <bdi> still work).
    html = cmarkgfm.github_flavored_markdown_to_html(source, options=Options.CMARK_OPT_UNSAFE)
    html = html.rstrip("\n")
    # Headings of the body sit below the page's own <h1>.
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return str(_SANITISER.clean(html))


class Localizer:
    """Turns content Texts into HTML for one reader language, marking every fallback."""

    def __init__(self, cat: Catalogue, source: Catalogue) -> None:
        self.cat = cat
        self.language = cat.language
        self.source = source

    def plain(self, text: Text | None) -> str:
        """The text in the reader's language or the source language, as plain text."""
        if text is None:
            return ""
        return text.get(self.language) or text.original

    def _lang_attributes(self) -> str:
        return f'lang="{self.source.language}" dir="{self.source.direction}"'

    def inline(self, text: Text | None) -> Markup:
        """A short text; a fallback is wrapped in an element with the source's lang and dir."""
        if text is None:
            return Markup("")
        translated = text.get(self.language)
        # Concatenation with escape() rather than Markup.format: the same result,
        # without a Python-level formatter on every text of every page.
        if translated is not None:
            return Markup(f"<bdi>{escape(translated)}</bdi>")
        return Markup(
            f'<bdi class="{FALLBACK_CLASS}" {self._lang_attributes()}>{escape(text.original)}</bdi>'
        )

    def block(self, text: Text | None) -> Markup:
        """A Markdown text; a fallback gets the source's lang and dir and a notice before it."""
        if text is None:
            return Markup("")
        translated = text.get(self.language)
        if translated is not None:
            # An explicit direction: the text is in the reader's language, and a
            # block with dir keeps any bidi control inside it.
            return Markup(f'<div dir="{self.cat.direction}">{render_markdown(translated)}</div>')
        notice = self.cat("fallback.block", source=self.cat.language_name(self.source.language))
        return Markup(
            f'<p class="fallback-note">{escape(notice)}</p>'
            f'<div class="{FALLBACK_CLASS}" {self._lang_attributes()}>'
            f"{render_markdown(text.original)}</div>"
        )

    def markdown_in(self, body: str, language: str, direction: str) -> Markup:
        """A page body written in `language` (a translation or the source page)."""
        html = render_markdown(body)
        if language == self.language:
            return Markup(f'<div dir="{direction}">{html}</div>')
        notice = self.cat("fallback.only_source", source=self.cat.language_name(language))
        return Markup(
            f'<p class="fallback-note">{escape(notice)}</p>'
            f'<div class="{FALLBACK_CLASS}" lang="{language}" dir="{direction}">{html}</div>'
        )
