"""Sanitised HTML made valid: what nh3 strips may leave an element without what it
needs (an <img> without src, a link without text, a block inside a paragraph).

The repair reads nh3's output as a tree, fixes it bottom-up and writes it back;
`may_need_repair` tells the texts that cannot need it, so most skip the parse.
"""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

import cmarkgfm
from markupsafe import escape

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


def repair_html(html: str) -> str:
    """The sanitiser's output made valid: no <img> without src and alt, no <a>
    without href or content, lists of items only, no block inside a paragraph."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    root = builder.root
    _repair(root)
    return _serialise(root.children)


def may_need_repair(source: str, html: str) -> bool:
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
