"""Content text → safe HTML: escaped, sanitised Markdown, fallbacks marked with their language."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from functools import lru_cache
from html.parser import HTMLParser

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from markupsafe import Markup, escape

from fzgen.content.fields import Text
from fzgen.theme.catalogue import Catalogue

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


#: The empty elements among those nh3 lets through: they have no end tag.
_VOID = frozenset({"br", "hr", "img"})
#: Elements that take flow content only: inside a paragraph, a heading or an
#: inline element (the sanitiser can leave them there once it has dropped an
#: <object> or <button> between) they split it, as a browser would.
_BLOCKS = frozenset({
    "p", "ul", "ol", "li", "blockquote", "pre", "h2", "h3", "h4", "h5", "h6", "table", "hr",
})  # fmt: skip
_PHRASING_ONLY = frozenset({
    "p", "pre", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "small",
    "sub", "sup", "mark", "code", "abbr", "bdi",
})  # fmt: skip
_CELLS = frozenset({"td", "th"})


class _Element:
    """An element of the sanitiser's output, with its start tag as nh3 wrote it."""

    __slots__ = ("attributes", "children", "start", "tag")

    def __init__(self, tag: str, attributes: dict[str, str | None], start: str) -> None:
        self.tag = tag
        self.attributes = attributes
        self.start = start
        self.children: list[_Node] = []

    def copy(self, children: list[_Node]) -> _Element:
        element = _Element(self.tag, self.attributes, self.start)
        element.children = children
        return element


#: Text is kept as nh3 wrote it, escaped, so what is not repaired comes out byte for byte.
_Node = _Element | str


class _TreeBuilder(HTMLParser):
    """The sanitiser's output as a tree: html5ever serialised it from one, so every
    element is closed and the nesting is read off the tags as they stand."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.root = _Element("div", {}, "")
        self._open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, dict(attrs), self.get_starttag_text() or f"<{tag}>")
        self._open[-1].children.append(element)
        if tag not in _VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._open[-1].children.append(data)

    def handle_entityref(self, name: str) -> None:
        self._open[-1].children.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._open[-1].children.append(f"&#{name};")


def _wrap(nodes: list[_Node], belongs: Callable[[_Node], bool], tag: str) -> list[_Node]:
    """Each run of nodes that `belongs` (with the blank text between them) in a new `tag`."""
    result: list[_Node] = []
    run: list[_Node] = []
    blanks: list[_Node] = []
    for node in nodes:
        if belongs(node):
            run += blanks
            blanks = []
            run.append(node)
        elif run and isinstance(node, str) and not node.strip():
            blanks.append(node)
        else:
            if run:
                result.append(_Element(tag, {}, f"<{tag}>").copy(run))
                run = []
            result += blanks
            blanks = []
            result.append(node)
    if run:
        result.append(_Element(tag, {}, f"<{tag}>").copy(run))
    return result + blanks


def _is_item(node: _Node) -> bool:
    return isinstance(node, _Element) and node.tag == "li"


def _is_stray_in_list(node: _Node) -> bool:
    return not _is_item(node) and not (isinstance(node, str) and not node.strip())


def _is_block(node: _Node) -> bool:
    return isinstance(node, _Element) and node.tag in _BLOCKS


def _split(element: _Element) -> list[_Node]:
    """The element cut around the blocks inside it, each block lifted out between the parts."""
    parts: list[_Node] = []
    run: list[_Node] = []

    def close_run() -> None:
        if all(isinstance(node, str) and not node.strip() for node in run):
            parts.extend(run)
        else:
            parts.append(element.copy(run.copy()))
        run.clear()

    for child in element.children:
        if _is_block(child):
            close_run()
            parts.append(child)
        else:
            run.append(child)
    close_run()
    return parts


def _is_blank(nodes: list[_Node]) -> bool:
    """Whether nothing in the nodes can be seen: no text, no image."""
    pending = list(nodes)
    while pending:
        node = pending.pop()
        if isinstance(node, str):
            if node.strip():
                return False
        elif node.tag == "img":
            return False
        else:
            pending += node.children
    return True


def _repair_image(image: _Element) -> list[_Node]:
    """An image without an address (nh3 dropped one it does not allow) becomes its
    description as text; one without a description gets the empty one."""
    attributes = image.attributes
    if "src" not in attributes:
        description = (attributes.get("alt") or "").strip()
        return [str(escape(description))] if description else []
    if "alt" not in attributes and not (attributes.get("title") or "").strip():
        image.start = image.start.removesuffix(">").removesuffix("/") + ' alt="">'
    return [image]


def _repair_element(
    element: _Element, children: list[_Node], phrasing: bool, in_link: bool
) -> list[_Node]:
    """The element with its repaired children, or what replaces it where it stands.

    `phrasing`: its parent takes phrasing content only; `in_link`: it is inside an <a>.
    """
    tag = element.tag
    # A list holds items only; an item stands in a list.
    if tag in {"ul", "ol"}:
        if any(map(_is_stray_in_list, children)):
            children = _wrap(children, _is_stray_in_list, "li")
    elif any(map(_is_item, children)):
        children = _wrap(children, _is_item, "ul")
    element.children = children
    if tag == "a":
        # A link without an address (nh3 dropped one it does not allow) or
        # inside another link is its text; one with nothing in it is nothing.
        if in_link or "href" not in element.attributes or _is_blank(children):
            return children
    elif tag == "tr" and not any(isinstance(c, _Element) and c.tag in _CELLS for c in children):
        return []  # a row without cells breaks the table's grid
    elif tag == "p" and _is_blank(children):
        return children  # left empty by what nh3 or the lines above removed
    if (tag in _PHRASING_ONLY or (tag == "a" and phrasing)) and any(map(_is_block, children)):
        return _split(element)
    return [element]


def _repair(root: _Element) -> None:
    """Repairs the tree below `root`, children before their parent.

    A loop with its own stack, not recursion: a text may nest thousands deep.
    """
    # Each entry: element, its context (phrasing, in_link), the children still
    # to visit, and those already repaired.
    stack = [(root, False, False, iter(root.children), list[_Node]())]
    while stack:
        element, phrasing, in_link, pending, done = stack[-1]
        child = next(pending, None)
        if child is None:
            stack.pop()
            repaired = _repair_element(element, done, phrasing, in_link)
            if stack:
                stack[-1][4].extend(repaired)
        elif isinstance(child, str):
            done.append(child)
        elif child.tag == "img":
            done += _repair_image(child)
        else:
            # An <a> is transparent: what it may hold is what its parent may.
            child_phrasing = phrasing if element.tag == "a" else element.tag in _PHRASING_ONLY
            child_in_link = in_link or element.tag == "a"
            stack.append((child, child_phrasing, child_in_link, iter(child.children), []))


def _serialise(nodes: list[_Node]) -> str:
    out: list[str] = []
    # Nodes to write, last first; a str is written as it stands (text or an end tag).
    pending: list[_Node] = nodes[::-1]
    while pending:
        node = pending.pop()
        if isinstance(node, str):
            out.append(node)
            continue
        out.append(node.start)
        if node.tag not in _VOID:
            pending.append(f"</{node.tag}>")
            pending += node.children[::-1]
    return "".join(out)


def _repair_html(html: str) -> str:
    """The sanitiser's output made valid: no <img> without src and alt, no <a>
    without href or content, lists of items only, no block inside a paragraph."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    root = builder.root
    _repair(root)
    return _serialise(root.children)


@lru_cache(maxsize=4096)
def render_markdown(source: str) -> str:
    """Markdown → HTML that keeps only harmless tags, attributes and link schemes,
    each element valid where it stands."""
    # cmark-gfm (GitHub's CommonMark in C, tables included) is about 70 times
    # faster than Python-Markdown on a 250-word text. Raw HTML is let through
    # to nh3, which keeps only the tags below (so <abbr> or <bdi> still work).
    html = cmarkgfm.github_flavored_markdown_to_html(source, options=Options.CMARK_OPT_UNSAFE)
    html = html.rstrip("\n")
    # Headings of the body sit below the page's own <h1>.
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    html = str(_SANITISER.clean(html))
    if _may_need_repair(source, html):
        html = _repair_html(html)
    return html


def _may_need_repair(source: str, html: str) -> bool:
    """Whether what nh3 stripped may have left an element without what it needs.

    False only when that is certain, so that most texts skip the parse: without
    raw HTML only images and links can be left so, and cmark writes the src of
    every image and the href of every link first, so that nh3 dropping one shows.
    """
    if "<" in source and _has_raw_html(source):
        return True
    if html.count("<img") != html.count('<img src="'):
        return True
    if "<a" not in html:
        return False
    return html.count("<a ") != html.count('<a href="') or _may_have_empty_link(html)


def _may_have_empty_link(html: str) -> bool:
    """Whether a link ends with nothing but tags or blanks before its end tag."""
    # str.find, not a regular expression: one starting with a class of
    # characters tries every position of the text and costs several times more.
    end = html.find("</a>")
    while end > 0:
        if html[end - 1] == ">" or html[end - 1].isspace():
            return True
        end = html.find("</a>", end + 4)
    return False


def _has_raw_html(source: str) -> bool:
    """Whether the Markdown holds raw HTML (a "<" may as well open an autolink)."""
    # cmark knows: without CMARK_OPT_UNSAFE it writes this comment for each
    # piece of raw HTML (such a text in the source would come out escaped).
    # Plain CommonMark, twice as fast as with GitHub's extensions, finds no less:
    # those only cut table rows into cells, which cannot make a tag of no tag.
    return "<!-- raw HTML omitted -->" in cmarkgfm.markdown_to_html(source)


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
