"""The theme's page layout (base.html), rendered once per language and menu state.

Every page of a language shares its header, menus and footer; only a few
values differ (the title, the address, the JSON-LD, the fallback notice). The
layout is rendered with marks in their place and cut there into a `Shell`;
pages extend a stand-in for base.html that holds only their main block, and
the shell puts a page's values and main block between its parts. Themes stay
as they are: base.html is written and read like any layout, and the output is
the same byte for byte as rendering it for every page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from jinja2 import BaseLoader, Environment, FileSystemLoader

from fzgen.pages.markup import FALLBACK_CLASS, MARK_TOKEN, ROOT_MARKER

LAYOUT = "base.html"
#: The theme's own base.html, under a name no page extends.
LAYOUT_SOURCE = "fzgen-layout/base.html"
#: What pages extend instead: their main block alone.
_STAND_IN = "{% block main %}{% endblock %}"
#: Stand for the page's own values while the layout is rendered (no character needs
#: escaping). Each holds a token drawn anew in every run and never written out, so no
#: text of the content, a catalogue or a theme can spell one (a site named
#: "fzgen-page-title" shows its name); the output does not depend on the token.
MAIN_MARK = f"<!--fzgen-main-{MARK_TOKEN}-->"
PATH_MARK = f"fzgen-page-path-{MARK_TOKEN}"
TITLE_MARK = f"fzgen-page-title-{MARK_TOKEN}"
JSON_LD_MARK = f"<!--fzgen-json-ld-{MARK_TOKEN}-->"
#: Renders the layout with a mark where the main block goes (`_SPLITTER_SOURCE`).
SPLITTER = "fzgen-layout/marked.html"
_SPLITTER_SOURCE = (
    '{% extends "' + LAYOUT_SOURCE + '" %}{% block main %}' + MAIN_MARK + "{% endblock %}"
)
#: Where the theme wants the notice that a page's content is partly untranslated: the
#: theme writes this comment; only the first one in the layout outside <main> counts.
NOTICE_MARK = "<!--fallback-notice-->"
_SLOTS = re.compile(
    "|".join(map(re.escape, (MAIN_MARK, PATH_MARK, TITLE_MARK, JSON_LD_MARK, NOTICE_MARK)))
)
FALLBACK_ATTRIBUTE = f'class="{FALLBACK_CLASS}"'


class LayoutLoader(BaseLoader):
    """The theme's templates, but base.html as pages extend it is the stand-in."""

    def __init__(self, theme: FileSystemLoader) -> None:
        self.theme = theme

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if template == LAYOUT:
            return _STAND_IN, None, lambda: True
        if template == LAYOUT_SOURCE:
            return self.theme.get_source(environment, LAYOUT)
        if template == SPLITTER:
            return _SPLITTER_SOURCE, None, lambda: True
        return self.theme.get_source(environment, template)

    def list_templates(self) -> list[str]:
        return list(self.theme.list_templates())


@dataclass(frozen=True)
class Shell:
    """A rendered layout for one language, menu state and page depth, as UTF-8 parts
    with the names of the page's values between them."""

    parts: tuple[bytes | str, ...]
    #: The layout itself puts an untranslated text into <main>.
    fallback_in_main: bool

    def page(self, values: Mapping[str, bytes]) -> bytes:
        """The whole page: the parts with the page's values (by mark) between them."""
        return b"".join([values[part] if isinstance(part, str) else part for part in self.parts])


def cut_layout(html: str, root: str) -> Shell:
    """The rendered layout (from SPLITTER) cut at its marks, with its links made relative
    to pages at `root`. Only the first notice mark counts, as it always has."""
    html = html.replace(ROOT_MARKER, root)
    start, end = html.find("<main"), html.rfind("</main>")
    main = html.find(MAIN_MARK)
    inside = html[start:main] + html[main + len(MAIN_MARK) : end] if start != -1 else ""
    parts: list[bytes | str] = []
    position, notice = 0, False
    for found in _SLOTS.finditer(html):
        mark = found.group()
        if mark == NOTICE_MARK:
            if notice:
                continue
            notice = True
        parts += [html[position : found.start()].encode(), mark]
        position = found.end()
    parts.append(html[position:].encode())
    return Shell(tuple(parts), FALLBACK_ATTRIBUTE in inside)
