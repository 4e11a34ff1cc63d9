"""Content text → safe HTML: escaped, sanitised Markdown, fallbacks marked with their language."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from functools import lru_cache

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from markupsafe import Markup, escape

from fzgen.content.easy import EASY
from fzgen.content.fields import Text
from fzgen.pages.repair import may_need_repair, repair_html
from fzgen.theme.catalogue import Catalogue

#: Links to the site's own files are written `files/…`; on every page they must
#: lead to the site folder. This marker is replaced by the page's way up there.
#: A token drawn anew in every run makes the marks of the layout and of links
#: unguessable: no content can spell one, and none is ever written out.
MARK_TOKEN = secrets.token_hex(16)
ROOT_MARKER = f"fzgen-root-{MARK_TOKEN}:/"
#: A title, summary, description or body in the source language (`is with_fallback`).
FALLBACK_CLASS = "fallback"
#: A short fragment in the source language: marked where it stands, no page-wide notice.
FRAGMENT_CLASSES = "fallback fragment"

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


def _integer_between(low: int, high: int) -> Callable[[str], bool]:
    def check(value: str) -> bool:
        # Ten digits at most: int() of a hostile thousand-digit value is slow.
        return value.isascii() and value.isdigit() and len(value) < 10 and low <= int(value) <= high

    return check


def _is_integer(value: str) -> bool:
    digits = value.removeprefix("-")
    return digits.isascii() and digits.isdigit()


#: The shape of a language tag (BCP 47): letters, then subtags of letters and digits.
_LANGUAGE_TAG = re.compile("[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
#: Attributes HTML allows only a number, a keyword or a language tag in: another
#: value is dropped, as a browser would ignore it, instead of failing validation.
_VALUE_RULES: dict[str, Callable[[str], bool]] = {
    "width": _integer_between(0, 999_999_999),
    "height": _integer_between(0, 999_999_999),
    "colspan": _integer_between(1, 1000),
    "rowspan": _integer_between(0, 65534),
    "start": _is_integer,
    "scope": lambda value: value.lower() in {"row", "col", "rowgroup", "colgroup"},
    "hreflang": lambda value: _LANGUAGE_TAG.fullmatch(value) is not None,
}
#: Characters a URL may not hold as they are (spaces, quotes, brackets,
#: controls): percent-encoded, as cmark already does in Markdown links.
_URL_ESCAPES = {code: f"%{code:02X}" for code in (*range(0x21), 0x7F, *b'"<>[\\]^`{|}')}
_LONE_PERCENT = re.compile("%(?![0-9A-Fa-f]{2})")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Links to the site's files through the root marker; images only from there or
    a full address; URLs percent-encoded; numbers and keywords only when valid."""
    # nh3 has already dropped every URL with a scheme not allowed: what comes
    # here passed that check, and percent-encoding cannot make it a scheme.
    if (tag, attribute) in {("a", "href"), ("img", "src")}:
        target = value.strip().translate(_URL_ESCAPES)
        if "%" in target:
            target = _LONE_PERCENT.sub("%25", target)
        if target.count("#") > 1:  # one fragment; a "#" inside it is encoded
            fragment = target.index("#") + 1
            target = target[:fragment] + target[fragment:].replace("#", "%23")
        if target.startswith("files/"):
            return ROOT_MARKER + target
        if tag == "img" and not target.startswith(("https://", "http://")):
            return None  # images only from the site's files or a full address
        return target
    rule = _VALUE_RULES.get(attribute)
    if rule is not None:
        value = value.strip()
        return value if rule(value) else None
    return value


#: One sanitiser for the whole run: building ammonia's configuration anew for
#: every text cost as much as the cleaning itself.
_SANITISER = nh3.Cleaner(
    tags=_TAGS,
    attributes=_ATTRIBUTES,
    url_schemes={"http", "https", "mailto", "tel"},
    attribute_filter=_filter_attribute,
    link_rel="noopener noreferrer",
)


@lru_cache(maxsize=4096)
def render_markdown(source: str, line_by_line: bool = False) -> str:
    """Markdown → HTML that keeps only harmless tags, attributes and link schemes,
    each element valid where it stands. `line_by_line` keeps each line of a paragraph
    on its own line, as Leichte Sprache writes one sentence per line."""
    # cmark-gfm (GitHub's CommonMark in C, tables included) is about 70 times
    # faster than Python-Markdown on a 250-word text. Raw HTML is let through
    # to nh3, which keeps only the tags below (so <abbr> or <bdi> still work).
    options = Options.CMARK_OPT_UNSAFE
    if line_by_line:
        options |= Options.CMARK_OPT_HARDBREAKS
    html = cmarkgfm.github_flavored_markdown_to_html(source, options=options)
    html = html.rstrip("\n")
    # Headings of the body sit below the page's own <h1>.
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    html = str(_SANITISER.clean(html))
    if may_need_repair(source, html):
        html = repair_html(html)
    return html


class Localizer:
    """Turns content Texts into HTML for one reader language, marking every fallback.

    Three kinds of fallback, as a family reads them: a title, summary, description
    or page body in the source language makes the page "partly untranslated"
    (class `fallback` alone: `is with_fallback` finds it, base.html says so at the
    top); a short fragment inside a sentence (a room, a reason, a note) is marked
    where it stands (`fallback fragment`) and makes no page-wide notice; a proper
    name (a place, a partner, a person, an organisation) is no fallback at all:
    it only carries its language.
    """

    def __init__(self, cat: Catalogue, source: Catalogue) -> None:
        self.cat = cat
        self.language = cat.language
        self.source = source
        #: Leichte Sprache: each line as its author wrote it, one sentence per line.
        self.line_by_line = cat.language == EASY

    def plain(self, text: Text | None) -> str:
        """The text in the reader's language or the source language, as plain text."""
        if text is None:
            return ""
        return text.get(self.language) or text.original

    def _lang_attributes(self) -> str:
        return f'lang="{self.source.language}" dir="{self.source.direction}"'

    def _marked(self, text: Text | None, classes: str) -> Markup:
        if text is None:
            return Markup("")
        translated = text.get(self.language)
        # Concatenation with escape() rather than Markup.format: the same result,
        # without a Python-level formatter on every text of every page.
        if translated is not None:
            return Markup(f"<bdi>{escape(translated)}</bdi>")
        marks = f'class="{classes}" ' if classes else ""
        return Markup(f"<bdi {marks}{self._lang_attributes()}>{escape(text.original)}</bdi>")

    def inline(self, text: Text | None) -> Markup:
        """A short text inside a sentence (a room, a reason, a note); a fallback carries
        the source's lang and dir and a visible marker, but makes no page-wide notice."""
        return self._marked(text, FRAGMENT_CLASSES)

    def title(self, text: Text | None) -> Markup:
        """A title or summary; a fallback carries the source's lang and dir and makes
        the page-wide notice (`is with_fallback`)."""
        return self._marked(text, FALLBACK_CLASS)

    def name(self, text: Text | None) -> Markup:
        """A proper name (a place, a partner, an organisation): never a fallback; an
        untranslated one carries the source's lang and dir only."""
        return self._marked(text, "")

    def block(self, text: Text | None) -> Markup:
        """A Markdown text; a fallback stands in a box with the source's lang and dir,
        the note in the reader's language before it."""
        if text is None:
            return Markup("")
        translated = text.get(self.language)
        if translated is not None:
            # An explicit direction: the text is in the reader's language, and a
            # block with dir keeps any bidi control inside it.
            html = render_markdown(translated, self.line_by_line)
            return Markup(f'<div dir="{self.cat.direction}">{html}</div>')
        source = self.source
        return self.fallback_box(
            "fallback.block", render_markdown(text.original), source.language, source.direction
        )

    def markdown_in(self, body: str, language: str, direction: str) -> Markup:
        """A page body written in `language` (a translation or the source page)."""
        html = render_markdown(body, self.line_by_line and language == self.language)
        if language == self.language:
            return Markup(f'<div dir="{direction}">{html}</div>')
        return self.fallback_box("fallback.only_source", html, language, direction)

    def fallback_box(self, note_key: str, html: str, language: str, direction: str) -> Markup:
        """HTML in another language, in a box: first the note (UI text `note_key`) in
        the reader's language, then the text marked with its language and direction."""
        note = self.cat(note_key, source=self.cat.language_name(language))
        return Markup(
            f'<div class="fallback-box"><p class="fallback-note">{escape(note)}</p>'
            f'<div class="{FALLBACK_CLASS}" lang="{language}" dir="{direction}">{html}</div></div>'
        )
